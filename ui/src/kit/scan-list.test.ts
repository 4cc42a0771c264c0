import { describe, expect, it, vi } from 'vitest';
import type { IdentifyRes } from '@channel-router/shared/api';
import type { RawReply } from '@channel-router/shared/client';
import { scanVerdict, type ScanPurpose } from '@channel-router/shared/custody/scan-verdict';
import { errReply, deferred, flush, identified, LOST, okReply, scriptedClient, type Script } from './testing';
import { createScanList, entryIndexOf, IDENTIFY_CONCURRENCY, MAX_LIST_CODES, scanStorageKey, summarize, type ScanListDeps } from './scan-list';
import { noteText, ORG_SCAN_WORDS, refusalText } from './scan-words';
import { memoryStorage } from './storage';

// Goal: the one running scan list behaves the same for every purpose and app: scans are checked
// (at most IDENTIFY_CONCURRENCY at a time) and judged by the shared verdict, nothing scanned is
// lost, and a retried submit is the same request.
const PREFIX = 'cr.test.';
const storageKey = (purpose: ScanPurpose, orgId: string) => scanStorageKey(PREFIX, purpose, orgId);

/** The words a verdict gets on the list (what the echo and the entry say). */
function judge(purpose: ScanPurpose, orgId: string, r: IdentifyRes, target: { orgId: string; name?: string } | null = null) {
  const v = scanVerdict({ purpose, orgId, code: r, targetOrgId: target?.orgId ?? null });
  if (!v.ok) return { ok: false, reason: refusalText(v.refusal, v.holderName, ORG_SCAN_WORDS) };
  const warning = noteText(v.note, r.holderName, ORG_SCAN_WORDS);
  return warning === undefined ? { ok: true } : { ok: true, warning };
}

const ORG = 'dealer_gd';
const STORE = 'store_tianhe';
const CASE_A = '3K1R1NXJ1219GHPGPMSTG5ZZ41';
const CASE_B = '29A45ZYAB7NPXTBBVDFFHQPYFY';
const BOX_C = '7S5RBMC6HTHQGS62BJ23SRY0TD';

const unit = (code: string, over: Partial<IdentifyRes> = {}): IdentifyRes => identified(code, { allocatedDealerId: ORG, inTransitTo: ORG, actions: ['verify', 'receive'], ...over });

/** identify answers from a table by code, so concurrent scans get their own answers. */
function identifyBy(table: Record<string, RawReply>, times = 20): Script['x'] {
  return Array.from({ length: times }, () => (event: Record<string, unknown>) => table[String(event['code'])] ?? errReply('INVALID_CODE'));
}

function setup(purpose: ScanPurpose, script: Script, options: { confirm?: boolean; storage?: ReturnType<typeof memoryStorage> } = {}) {
  const { client, sent } = scriptedClient(script);
  const storage = options.storage ?? memoryStorage();
  const confirm = vi.fn<NonNullable<ScanListDeps['confirm']>>(async () => options.confirm ?? true);
  const store = createScanList({ client, purpose, storage, storagePrefix: PREFIX, ...(options.confirm !== undefined || purpose === 'ship' ? { confirm } : {}) });
  store.getState().bind(ORG);
  return { store, sent, storage, confirm };
}

const names = (sent: Array<{ name: string }>) => sent.map((s) => s.name);

describe('scan list: rules for a scanned unit', () => {
  it('receives goods on their way to this org, and refuses codes that cannot be received here', () => {
    expect(judge('receive', ORG, unit(CASE_A))).toEqual({ ok: true });
    expect(judge('receive', ORG, unit(CASE_A, { kind: 'hidden', level: 'item' }))).toMatchObject({ ok: false, reason: expect.stringContaining('领奖码') });
    expect(judge('receive', ORG, unit(CASE_A, { holderOrgId: ORG, inTransitTo: null }))).toMatchObject({ ok: false, reason: '已在本单位库存中，无需再收货' });
    expect(judge('receive', ORG, unit(CASE_A, { actions: ['verify'] }))).toMatchObject({ ok: false });
    // Not shipped here: accepted (receiving never rejects an authentic code), with a warning.
    expect(judge('receive', ORG, unit(CASE_A, { inTransitTo: null }))).toMatchObject({ ok: true, warning: expect.stringContaining('没有发往本单位（现在在 好味道食品）') });
  });

  it('ships only what this org holds or has coming, and says where other goods are', () => {
    const held = unit(CASE_A, { holderOrgId: ORG, inTransitTo: null, actions: ['verify', 'receive', 'ship'] });
    expect(judge('ship', ORG, held)).toEqual({ ok: true });
    expect(judge('ship', ORG, unit(CASE_A, { holderOrgId: STORE, holderName: '天河店', inTransitTo: null }))).toEqual({ ok: false, reason: '不在本单位库存中（现在在 天河店）' });
    expect(judge('ship', ORG, unit(CASE_A, { actions: ['verify', 'receive', 'ship'] }))).toMatchObject({ ok: true, warning: '本单位还没收货，发货时一并收货' });
    expect(judge('ship', ORG, { ...held, inTransitTo: STORE }, { orgId: STORE, name: '天河店' })).toMatchObject({ ok: true, warning: '已发往这个收货方，对方还未签收' });
  });

  it('sums codes, items, levels and products for the list header', () => {
    const s = summarize([
      { code: CASE_A, status: 'ready', level: 'case', productId: 'p1', productName: '生抽', items: 24 },
      { code: BOX_C, status: 'ready', level: 'box', productId: 'p1', productName: '生抽', items: 6 },
      { code: CASE_B, status: 'ready', level: 'case', productId: 'p2', productName: '蚝油', items: 24 },
    ]);
    expect(s).toMatchObject({ codes: 3, items: 54, levels: '2 箱 · 1 盒' });
    expect(s.products).toEqual([
      { productId: 'p1', name: '生抽', codes: 2, items: 30 },
      { productId: 'p2', name: '蚝油', codes: 1, items: 24 },
    ]);
  });
});

describe('scan list: continuous scanning', () => {
  it('adds each scan after identify with level, product and items; ignores duplicates (URL or bare) without asking again', async () => {
    const { store, sent } = setup('receive', { 'scan.identify': identifyBy({ [CASE_A]: okReply(unit(CASE_A)) }) });
    const echo = await store.getState().add(`https://brand.example/c/${CASE_A.toLowerCase()}`);
    expect(echo).toEqual({ tone: 'success', text: '已添加：箱 · 特级生抽 500ml · 24 件', code: CASE_A });
    expect(store.getState().entries).toEqual([{ code: CASE_A, status: 'ready', level: 'case', productId: 'p_soy', productName: '特级生抽 500ml', items: 24, holderName: '好味道食品', expected: true }]);
    expect((await store.getState().add(CASE_A)).text).toBe('已在清单中，已忽略');
    expect(sent).toEqual([{ name: 'scan.identify', event: { action: 'identify', code: CASE_A, orgId: ORG } }]);
  });

  it('answers a malformed code at once and sends nothing', async () => {
    const { store, sent } = setup('receive', {});
    const echo = await store.getState().add('hello world');
    expect(echo.tone).toBe('danger');
    expect(sent).toHaveLength(0);
    expect(store.getState().entries).toHaveLength(0);
  });

  it('keeps scanning while answers are on their way: two quick scans both land, a repeat of a pending one is ignored', async () => {
    const { store, sent } = setup('receive', {
      'scan.identify': identifyBy({ [CASE_A]: okReply(unit(CASE_A)), [BOX_C]: okReply(unit(BOX_C, { level: 'box', items: 6 })) }),
    });
    const a = store.getState().add(CASE_A);
    const c = store.getState().add(BOX_C);
    const again = store.getState().add(CASE_A); // the camera saw the same label twice
    expect(store.getState().entries.map((e) => e.status)).toEqual(['checking', 'checking']);
    await Promise.all([a, c, again]);
    expect(store.getState().entries.map((e) => [e.code, e.status, e.items])).toEqual([
      [BOX_C, 'ready', 6],
      [CASE_A, 'ready', 24],
    ]);
    expect(names(sent)).toEqual(['scan.identify', 'scan.identify']);
  });

  it('answers a scanner at once (checking, duplicate, malformed) and gives the verdict when the check returns', async () => {
    const { store } = setup('receive', { 'scan.identify': identifyBy({ [CASE_A]: okReply(unit(CASE_A)) }) });
    const first = store.getState().scan(CASE_A);
    expect(first).toMatchObject({ accepted: true, echo: { tone: 'info', text: '核对中…（清单共 1 个码）' } });
    expect(store.getState().scan(CASE_A)).toMatchObject({ accepted: true, echo: { text: '已在清单中，已忽略' } });
    expect(store.getState().scan('not-a-code')).toMatchObject({ accepted: false, echo: { tone: 'danger' } });
    expect(await first.done).toMatchObject({ tone: 'success' });
    // The malformed scan answered last, so it stays on screen; a verdict never hides a newer answer.
    expect(store.getState().echo?.tone).toBe('danger');
  });

  it('drops a refused code from the list and says why', async () => {
    const { store } = setup('ship', {
      'scan.identify': identifyBy({ [CASE_B]: okReply(unit(CASE_B, { holderOrgId: 'dealer_bj', holderName: '北京京味', inTransitTo: null })) }),
    });
    const echo = await store.getState().add(CASE_B);
    expect(echo).toMatchObject({ tone: 'danger', text: '不在本单位库存中（现在在 北京京味）' });
    expect(store.getState().entries).toEqual([]);
    expect((await store.getState().add('ABCDEFGHJKMNPQRSTVWXYZ0123')).text).toBe('不是本品牌的码，无法识别');
  });

  it('keeps a code whose check was lost, blocks the submit until it is checked again, then checks it', async () => {
    const { store, sent } = setup('receive', { 'scan.identify': [LOST, okReply(unit(CASE_A))] });
    const echo = await store.getState().add(CASE_A);
    expect(echo.tone).toBe('warning');
    expect(store.getState().entries[0]).toMatchObject({ code: CASE_A, status: 'unchecked', problem: '网络不稳定，稍后重新核对' });
    await store.getState().submitList();
    expect(store.getState().submit.message).toBe('有 1 个码还没核对，请点「重新核对」或删除后再提交');
    expect(names(sent)).toEqual(['scan.identify']);
    await store.getState().recheck();
    expect(store.getState().entries[0]).toMatchObject({ status: 'ready', items: 24 });
  });

  it('removes an entry, and refuses the 1,001st code', async () => {
    const storage = memoryStorage();
    const full = Array.from({ length: MAX_LIST_CODES }, (_, i) => ({ code: `${String(i).padStart(4, '0')}${'A'.repeat(22)}`, status: 'ready', items: 1 }));
    storage.set(storageKey('receive', ORG), JSON.stringify({ v: 1, target: null, entries: full }));
    const { store, sent } = setup('receive', {}, { storage });
    expect(store.getState().entries).toHaveLength(MAX_LIST_CODES);
    expect((await store.getState().add(CASE_A)).text).toBe('清单已满 1000 个码，请先提交这一批');
    store.getState().remove(full[0]!.code);
    expect(store.getState().entries).toHaveLength(MAX_LIST_CODES - 1);
    expect(sent).toHaveLength(0);
  });
});

describe('scan list: receiving', () => {
  it('submits the codes in scan order for the chosen org, shows items and alerts, and empties the list', async () => {
    const alert = { key: 'k', kind: 'diversion', evidence: 'receive', code: CASE_A, productId: 'p_soy', quantity: 24, allocatedDealerId: 'dealer_bj', observedOrgId: ORG, regionCode: '440100', actorUnionId: 'u', at: 1 };
    const { store, sent, storage } = setup('receive', {
      'scan.identify': identifyBy({ [CASE_A]: okReply(unit(CASE_A)), [CASE_B]: okReply(unit(CASE_B)) }),
      'scan.receive': [okReply({ items: 48, alerts: [alert], eventId: 'e1' })],
    });
    await store.getState().add(CASE_A);
    await store.getState().add(CASE_B);
    expect(storage.get(storageKey('receive', ORG))).toContain(CASE_B);
    await store.getState().submitList();
    expect(sent.at(-1)).toEqual({ name: 'scan.receive', event: { action: 'receive', codes: [CASE_A, CASE_B], orgId: ORG } });
    expect(store.getState().submit).toMatchObject({ status: 'done', result: { items: 48, codes: 2, alerts: [alert] } });
    expect(store.getState().entries).toEqual([]);
    expect(storage.get(storageKey('receive', ORG))).toBeNull();
  });

  it('says the list is empty, by name, and sends nothing', async () => {
    const { store, sent } = setup('receive', {});
    await store.getState().submitList();
    expect(store.getState().submit.message).toBe('清单是空的，请先扫码');
    expect(sent).toHaveLength(0);
  });

  it('loses nothing when the network fails mid-submit: the list survives on the phone and retry sends the same request', async () => {
    const { store, sent, storage } = setup('receive', {
      'scan.identify': identifyBy({ [CASE_A]: okReply(unit(CASE_A)) }),
      'scan.receive': [LOST, okReply({ items: 24, alerts: [] })],
    });
    await store.getState().add(CASE_A);
    await store.getState().submitList();
    expect(store.getState().submit).toMatchObject({ status: 'failed', message: '网络不稳定，请重试' });
    expect(store.getState().entries.map((e) => e.code)).toEqual([CASE_A]);
    // The app could be closed now: a new store on the same phone finds the list.
    const reopened = createScanList({ client: scriptedClient({}).client, purpose: 'receive', storage, storagePrefix: PREFIX });
    reopened.getState().bind(ORG);
    expect(reopened.getState().entries).toMatchObject([{ code: CASE_A, status: 'ready', items: 24 }]);

    await store.getState().retry();
    const receives = sent.filter((s) => s.name === 'scan.receive');
    expect(receives).toHaveLength(2);
    expect(receives[1]!.event).toEqual(receives[0]!.event);
    expect(store.getState().submit.status).toBe('done');
  });

  it('ignores new scans and removals while a submit is on its way (the list being sent does not change)', async () => {
    const { store, sent } = setup('receive', {
      'scan.identify': identifyBy({ [CASE_A]: okReply(unit(CASE_A)) }),
      'scan.receive': [okReply({ items: 24, alerts: [] })],
    });
    await store.getState().add(CASE_A);
    const submitting = store.getState().submitList();
    expect(store.getState().submit.status).toBe('submitting');
    expect((await store.getState().add(CASE_B)).text).toBe('正在提交，请稍候再扫');
    store.getState().remove(CASE_A);
    await submitting;
    expect(store.getState().submit.status).toBe('done');
    expect(names(sent)).toEqual(['scan.identify', 'scan.receive']);
    expect(sent[1]!.event['codes']).toEqual([CASE_A]);
  });
});

describe('scan list: shipping', () => {
  const heldUnit = (code: string) => okReply(unit(code, { holderOrgId: ORG, inTransitTo: null, actions: ['verify', 'receive', 'ship'] }));

  it('asks for the receiver by name before anything is sent', async () => {
    const { store, sent, confirm } = setup('ship', { 'scan.identify': identifyBy({ [CASE_A]: heldUnit(CASE_A) }) });
    await store.getState().add(CASE_A);
    await store.getState().submitList();
    expect(store.getState().submit.message).toBe('请先选择收货方');
    expect(confirm).not.toHaveBeenCalled();
    expect(names(sent)).toEqual(['scan.identify']);
  });

  it('confirms with the receiver, codes and items; sends nothing when declined', async () => {
    const { store, sent, confirm } = setup('ship', { 'scan.identify': identifyBy({ [CASE_A]: heldUnit(CASE_A) }) }, { confirm: false });
    store.getState().setTarget({ orgId: STORE, name: '天河好邻居便利店' });
    await store.getState().add(CASE_A);
    await store.getState().submitList();
    expect(confirm).toHaveBeenCalledWith({ purpose: 'ship', codes: 1, items: 24, targetName: '天河好邻居便利店', foreignCodes: 0, foreignItems: 0 });
    expect(names(sent)).toEqual(['scan.identify']);
    expect(store.getState().submit.status).toBe('idle');
    expect(store.getState().entries).toHaveLength(1);
  });

  it('ships from the chosen org to the receiver and reports the item count', async () => {
    const { store, sent } = setup('ship', {
      'scan.identify': identifyBy({ [CASE_A]: heldUnit(CASE_A), [BOX_C]: heldUnit(BOX_C) }),
      'scan.ship': [okReply({ items: 30, eventId: 'e' })],
    });
    store.getState().setTarget({ orgId: STORE, name: '天河好邻居便利店' });
    await store.getState().add(CASE_A);
    await store.getState().add(BOX_C);
    await store.getState().submitList();
    expect(sent.at(-1)!.event).toEqual({ action: 'ship', codes: [CASE_A, BOX_C], toOrgId: STORE, fromOrgId: ORG, requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) });
    expect(store.getState().submit.result).toEqual({ items: 30, alerts: [], codes: 2, targetName: '天河好邻居便利店', foreignCodes: [], names: { [CASE_A]: '特级生抽 500ml', [BOX_C]: '特级生抽 500ml' } });
  });

  it('retries a shipment whose reply was lost under the same key, so the server ships it once', async () => {
    const { store, sent } = setup('ship', {
      'scan.identify': identifyBy({ [CASE_A]: heldUnit(CASE_A) }),
      'scan.ship': [LOST, okReply({ items: 24, eventId: 'e' })],
    });
    store.getState().setTarget({ orgId: STORE, name: '天河好邻居便利店' });
    await store.getState().add(CASE_A);
    await store.getState().submitList();
    expect(store.getState().submit.status).toBe('failed');
    await store.getState().retry();
    const ships = sent.filter((x) => x.name === 'scan.ship').map((x) => x.event);
    expect(ships).toHaveLength(2);
    expect(typeof ships[0]!['requestId']).toBe('string');
    expect(ships[1]).toEqual(ships[0]);
    expect(store.getState().submit.status).toBe('done');
  });

  it('marks the entry the server refused, keeps the list, and makes an edited list a new submit (asked again)', async () => {
    const { store, sent, confirm } = setup('ship', {
      'scan.identify': identifyBy({ [CASE_A]: heldUnit(CASE_A), [CASE_B]: heldUnit(CASE_B) }),
      'scan.ship': [errReply('CONFLICT', 'held by someone else', 'codes[1]'), okReply({ items: 24 })],
    });
    store.getState().setTarget({ orgId: STORE, name: '天河店' });
    await store.getState().add(CASE_A);
    await store.getState().add(CASE_B);
    await store.getState().submitList();
    const s = store.getState();
    expect(s.submit.status).toBe('failed');
    // codes[1] is the second scanned, shown first (newest on top).
    expect(s.submit.message).toBe('清单第 1 个码不在本单位库存中（可能已发出或还没收货），请删除后再提交');
    expect(s.entries.find((e) => e.code === CASE_B)?.problem).toContain('这个码不在本单位库存中');
    store.getState().remove(CASE_B);
    expect(store.getState().submit.status).toBe('idle');
    await store.getState().submitList();
    expect(confirm).toHaveBeenCalledTimes(2);
    expect(sent.filter((x) => x.name === 'scan.ship').map((x) => x.event['codes'])).toEqual([[CASE_A, CASE_B], [CASE_A]]);
    expect(store.getState().submit.status).toBe('done');
  });

  it('keeps one list per org and restores the receiver with it', async () => {
    const { store, storage } = setup('ship', { 'scan.identify': identifyBy({ [CASE_A]: heldUnit(CASE_A) }) });
    store.getState().setTarget({ orgId: STORE, name: '天河店' });
    await store.getState().add(CASE_A);
    store.getState().bind('wholesaler_fs');
    expect(store.getState()).toMatchObject({ orgId: 'wholesaler_fs', entries: [], target: null });
    store.getState().bind(ORG);
    expect(store.getState()).toMatchObject({ target: { orgId: STORE, name: '天河店' }, entries: [{ code: CASE_A }] });
    expect(storage.get(storageKey('ship', 'wholesaler_fs'))).toBeNull();
  });

  it('drops an answer that arrives after the list was switched to another org', async () => {
    const { store } = setup('ship', { 'scan.identify': identifyBy({ [CASE_A]: heldUnit(CASE_A) }) });
    const pending = store.getState().add(CASE_A);
    store.getState().bind('wholesaler_fs');
    await pending;
    await flush();
    expect(store.getState().entries).toEqual([]);
    store.getState().bind(ORG);
    // The scan was saved as it began; it comes back and is checked again rather than lost.
    expect(store.getState().entries).toMatchObject([{ code: CASE_A, status: 'checking' }]);
    await flush();
    expect(store.getState().entries).toMatchObject([{ code: CASE_A, status: 'ready', items: 24 }]);
  });
});

describe('scan list: one list for every app', () => {
  it('asks identify about at most IDENTIFY_CONCURRENCY codes at once; the rest wait their turn', async () => {
    const replies = Array.from({ length: IDENTIFY_CONCURRENCY + 2 }, () => deferred());
    const codes = Array.from({ length: replies.length }, (_, i) => `${String(i).padStart(4, '0')}${'B'.repeat(22)}`);
    const { store, sent } = setup('receive', { 'scan.identify': replies.map((d) => d.promise) });
    const done = codes.map((c) => store.getState().add(c));
    await flush();
    expect(names(sent)).toHaveLength(IDENTIFY_CONCURRENCY);
    replies[0]!.resolve(okReply(unit(codes[0]!)));
    await flush();
    expect(names(sent)).toHaveLength(IDENTIFY_CONCURRENCY + 1);
    for (const [i, d] of replies.entries()) d.resolve(okReply(unit(codes[i]!)));
    await Promise.all(done);
    expect(names(sent)).toHaveLength(codes.length);
    expect(store.getState().entries.every((e) => e.status === 'ready')).toBe(true);
  });

  it('asks again, on opening, about codes whose check never came back (or was lost)', async () => {
    const storage = memoryStorage({
      [storageKey('receive', ORG)]: JSON.stringify({ v: 1, target: null, entries: [{ code: CASE_A, status: 'unchecked', problem: 'x' }, { code: CASE_B, status: 'checking' }, { code: 'bad', status: 'ready' }] }),
    });
    const { store, sent } = setup('receive', { 'scan.identify': identifyBy({ [CASE_A]: okReply(unit(CASE_A)), [CASE_B]: okReply(unit(CASE_B)) }) }, { storage });
    expect(store.getState().entries.map((e) => [e.code, e.status])).toEqual([
      [CASE_A, 'checking'],
      [CASE_B, 'checking'],
    ]);
    await flush();
    expect(names(sent)).toEqual(['scan.identify', 'scan.identify']);
    expect(store.getState().entries.map((e) => e.status)).toEqual(['ready', 'ready']);
  });

  it('flags another dealer’s goods, counts them for the confirmation, and reports them with the result', async () => {
    const { store, confirm } = setup(
      'receive',
      {
        'scan.identify': identifyBy({ [CASE_A]: okReply(unit(CASE_A)), [CASE_B]: okReply(unit(CASE_B, { inTransitTo: null, notFromYourDealer: true, productName: '蚝油' })) }),
        'scan.receive': [okReply({ items: 48, alerts: [] })],
      },
      { confirm: true },
    );
    await store.getState().add(CASE_A);
    const echo = await store.getState().add(CASE_B);
    expect(echo).toMatchObject({ tone: 'warning', text: expect.stringContaining('不是您上级经销商的货') });
    expect(store.getState().entries.find((e) => e.code === CASE_B)).toMatchObject({ foreign: true });
    expect(summarize(store.getState().entries)).toMatchObject({ foreign: 1, foreignItems: 24 });
    await store.getState().submitList();
    expect(confirm).toHaveBeenCalledWith({ purpose: 'receive', codes: 2, items: 48, foreignCodes: 1, foreignItems: 24 });
    expect(store.getState().submit.result).toMatchObject({ foreignCodes: [CASE_B], names: { [CASE_A]: '特级生抽 500ml', [CASE_B]: '蚝油' } });
  });

  it('speaks an app’s own places: the brand ships from its warehouse', async () => {
    const { client } = scriptedClient({ 'scan.identify': [okReply(unit(CASE_A, { holderOrgId: 'dealer_bj', holderName: '北京京味', inTransitTo: null }))] });
    const words = { ...ORG_SCAN_WORDS, stock: '品牌仓库', target: '经销商', downstream: '经销商' };
    const store = createScanList({ client, purpose: 'ship', storagePrefix: PREFIX, words });
    store.getState().bind('brand');
    expect(await store.getState().add(CASE_A)).toMatchObject({ tone: 'danger', text: '不在品牌仓库中（现在在 北京京味）' });
  });
});

describe('scan list: the entry a server error points at', () => {
  it('reads codes[i] and nothing else', () => {
    expect(entryIndexOf({ field: 'codes[7]' })).toBe(7);
    expect(entryIndexOf({ field: 'toOrgId' })).toBeNull();
    expect(entryIndexOf({})).toBeNull();
  });
});
