import { describe, expect, it, vi } from 'vitest';
import type { IdentifyRes } from '@channel-router/shared/api';
import { createReceiveStore, MAX_LIST, restoreEntries } from './receive';
import { alertRows, entryView, outcomeView, submitLabel, summarize, summaryLine } from './receive-view';
import { memoryStorage, STORAGE_KEYS } from './storage';
import { deferred, errReply, flush, LOST, okReply, scriptedClient, type Script } from './test-transport';

const ORG = 'store_th';
// Canonical codes (26 Crockford characters); the URL form must land on the same entry.
const CASE_A = '0CNE53SBH4W8C5G8R351YFJTFB';
const CASE_B = '2DFTMK7ZRNBRXJY0EH1CXAWNVP';
const BOX_C = '6STCT9K8RM77WRB39Y76SJD2MH';

function identified(code: string, over: Partial<IdentifyRes> = {}): IdentifyRes {
  return {
    code,
    level: 'case',
    kind: 'visible',
    productId: 'prd_soy',
    productName: '特级生抽 500ml',
    items: 24,
    holderOrgId: 'dealer_gd',
    holderName: '广东经销商',
    allocatedDealerId: 'dealer_gd',
    inTransitTo: ORG,
    redeemed: null,
    actions: ['verify', 'receive'],
    ...over,
  };
}

function setup(script: Script, opts: { confirm?: boolean; storage?: ReturnType<typeof memoryStorage> } = {}) {
  const { client, sent, names } = scriptedClient(script);
  const confirmForeign = vi.fn(async () => opts.confirm ?? true);
  const storage = opts.storage ?? memoryStorage();
  const store = createReceiveStore({ client, confirmForeign, storage });
  store.getState().open(ORG);
  return { store, sent, names, confirmForeign, storage };
}

describe('stock-in list', () => {
  it('adds each scanned code once, checks it with identify, and ignores a duplicate (also in URL form)', async () => {
    const { store, names } = setup({ 'scan.identify': [okReply(identified(CASE_A)), okReply(identified(BOX_C, { level: 'box', items: 6 }))] });
    expect(store.getState().add(CASE_A)).toMatchObject({ tone: 'success', accepted: true });
    expect(store.getState().add(`https://brand.example/c/${CASE_A.toLowerCase()}`)).toMatchObject({ tone: 'info', text: '这个码已在清单中，已忽略', accepted: true });
    store.getState().add(BOX_C);
    await flush();
    expect(names()).toEqual(['scan.identify', 'scan.identify']);
    const [a, c] = store.getState().entries;
    expect(a).toMatchObject({ code: CASE_A, state: 'ok', level: 'case', items: 24, productName: '特级生抽 500ml', expected: true, foreign: false });
    expect(c).toMatchObject({ code: BOX_C, state: 'ok', level: 'box', items: 6 });
    expect(summaryLine(summarize(store.getState().entries))).toBe('待入库 2 个码，共 30 件');
    expect(entryView(a!)).toMatchObject({ title: '特级生抽 500ml', label: '整箱 · 24 件 · 码 …YFJTFB', tags: [{ text: '待收货' }] });
  });

  it('refuses a malformed code at once, without a request, and keeps the typed text', () => {
    const { store, sent } = setup({});
    expect(store.getState().add('hello world')).toEqual({ tone: 'danger', text: '无法识别这个码，请重新扫描或核对输入', accepted: false });
    expect(store.getState().entries).toHaveLength(0);
    expect(sent).toHaveLength(0);
  });

  it('badges goods from another dealer, rejects reward codes and forged codes, and skips what the store holds', async () => {
    const { store } = setup({
      'scan.identify': [
        okReply(identified(CASE_A, { notFromYourDealer: true, allocatedDealerId: 'dealer_bj', holderOrgId: 'store_cy', holderName: '朝阳超市', inTransitTo: null })),
        okReply(identified(CASE_B, { kind: 'hidden', level: 'item', items: 1, actions: ['verify'] })),
        errReply('INVALID_CODE', 'not a genuine code', 'code'),
        okReply(identified('1H8BJV8AKCQXFAXBR3HEJ6K0RW', { holderOrgId: ORG, inTransitTo: null })),
      ],
    });
    for (const c of [CASE_A, CASE_B, BOX_C, '1H8BJV8AKCQXFAXBR3HEJ6K0RW']) store.getState().add(c);
    await flush();
    const [foreign, hidden, forged, held] = store.getState().entries;
    expect(foreign).toMatchObject({ state: 'ok', foreign: true });
    expect(entryView(foreign!)).toMatchObject({ tags: [{ tone: 'danger', text: '非本店经销商货' }], noteTone: 'warning' });
    expect(entryView(foreign!).note).toContain('朝阳超市');
    expect(hidden).toMatchObject({ state: 'rejected' });
    expect(hidden!.note).toContain('领奖码');
    expect(forged).toMatchObject({ state: 'rejected', note: '无效的码，可能是假冒或印刷有误' });
    expect(held).toMatchObject({ state: 'in_stock' });
    const s = summarize(store.getState().entries);
    expect(s).toMatchObject({ sendable: 1, foreign: 1, foreignItems: 24, rejected: 2, inStock: 1 });
    store.getState().removeRejected();
    expect(store.getState().entries.map((e) => e.code)).toEqual([CASE_A, '1H8BJV8AKCQXFAXBR3HEJ6K0RW']);
  });

  it('keeps a code it could not check (network) and sends it anyway; recheck asks again', async () => {
    const { store } = setup({ 'scan.identify': [LOST, okReply(identified(CASE_A))] });
    store.getState().add(CASE_A);
    await flush();
    expect(store.getState().entries[0]).toMatchObject({ state: 'unchecked' });
    expect(entryView(store.getState().entries[0]!).note).toContain('网络不稳定');
    expect(summarize(store.getState().entries)).toMatchObject({ sendable: 1, unchecked: 1 });
    store.getState().recheck();
    await flush();
    expect(store.getState().entries[0]).toMatchObject({ state: 'ok', items: 24 });
    expect(store.getState().entries[0]!.note).toBeUndefined();
  });

  it('drops the answer about a code removed while identify was out', async () => {
    const d = deferred();
    const { store } = setup({ 'scan.identify': [d.promise] });
    store.getState().add(CASE_A);
    store.getState().remove(CASE_A);
    d.resolve(okReply(identified(CASE_A)));
    await flush();
    expect(store.getState().entries).toEqual([]);
  });

  it('asks identify at most a few at a time when codes arrive quickly', async () => {
    const replies = Array.from({ length: 6 }, () => deferred());
    const { store, sent } = setup({ 'scan.identify': replies.map((r) => r.promise) });
    const codes = [CASE_A, CASE_B, BOX_C, '1H8BJV8AKCQXFAXBR3HEJ6K0RW', '4ZEN22NBPMYXF7QVRKEHG3F37Q', '6G37Z028WKP9Z7NAJ4DFP42X22'];
    for (const c of codes) store.getState().add(c);
    await flush();
    expect(sent).toHaveLength(4);
    replies[0]!.resolve(okReply(identified(CASE_A)));
    await flush();
    expect(sent).toHaveLength(5);
    for (const [i, r] of replies.entries()) r.resolve(okReply(identified(codes[i]!)));
    await flush();
    expect(sent).toHaveLength(6);
    expect(store.getState().entries.every((e) => e.state === 'ok')).toBe(true);
  });

  it(`refuses more than ${MAX_LIST} codes in one list`, () => {
    const storage = memoryStorage();
    // A full list restored from storage (all settled), then one more scan.
    const entries = Array.from({ length: MAX_LIST }, (_, i) => ({ code: fakeCode(i), seq: i + 1, state: 'in_stock', foreign: false, expected: false }));
    storage.set(STORAGE_KEYS.receiveList(ORG), { v: 1, entries });
    const { store } = setup({}, { storage });
    expect(store.getState().entries).toHaveLength(MAX_LIST);
    expect(store.getState().add(CASE_A)).toMatchObject({ tone: 'danger', text: `清单已满 ${MAX_LIST} 个码，请先提交`, accepted: false });
  });
});

describe('stock-in submit', () => {
  it('sends the sendable codes once, with the store, and shows the result; the list is then empty', async () => {
    const { store, sent, storage } = setup({
      'scan.identify': [okReply(identified(CASE_A)), okReply(identified(CASE_B, { holderOrgId: ORG, inTransitTo: null }))],
      'scan.receive': [okReply({ items: 24, alerts: [], eventId: 'evt_1' })],
    });
    store.getState().add(CASE_A);
    store.getState().add(CASE_B);
    await flush();
    await store.getState().submitList();
    const receives = sent.filter((s) => s.name === 'scan.receive');
    expect(receives).toEqual([{ name: 'scan.receive', event: { action: 'receive', codes: [CASE_A], orgId: ORG } }]);
    const phase = store.getState().submit;
    expect(phase.kind).toBe('done');
    if (phase.kind !== 'done') return;
    expect(outcomeView(phase.outcome)).toEqual({ status: 'success', title: '入库成功', lines: ['本次提交 1 个码，入库 24 件商品。', '另有 1 个码没有提交（已在库存或不能入库）。'] });
    expect(store.getState().entries).toEqual([]);
    expect(storage.data.has(STORAGE_KEYS.receiveList(ORG))).toBe(false);
  });

  it('warns before receiving another dealer\'s goods, sends nothing when declined, and summarises the alerts', async () => {
    const alert = { key: 'k', kind: 'diversion', evidence: 'receive', code: CASE_A, productId: 'prd_soy', quantity: 24, allocatedDealerId: 'dealer_bj', observedOrgId: ORG, regionCode: '440106', actorUnionId: 'u', at: 1 };
    const { store, sent, confirmForeign } = setup({
      'scan.identify': [okReply(identified(CASE_A, { notFromYourDealer: true })), okReply(identified(CASE_A, { notFromYourDealer: true }))],
      'scan.receive': [okReply({ items: 24, alerts: [alert] })],
    }, { confirm: false });
    store.getState().add(CASE_A);
    await flush();
    await store.getState().submitList();
    expect(confirmForeign).toHaveBeenCalledWith({ codes: 1, items: 24 });
    expect(sent.some((s) => s.name === 'scan.receive')).toBe(false);
    expect(store.getState().submit.kind).toBe('idle');
    expect(store.getState().entries).toHaveLength(1);

    confirmForeign.mockResolvedValueOnce(true);
    await store.getState().submitList();
    const phase = store.getState().submit;
    if (phase.kind !== 'done') throw new Error(`expected done, got ${phase.kind}`);
    const v = outcomeView(phase.outcome);
    expect(v.status).toBe('warning');
    expect(v.title).toBe('入库完成，有窜货提醒');
    expect(v.lines[1]).toContain('24 件');
    expect(alertRows(phase.outcome)).toEqual([{ key: `${CASE_A}:0`, title: '特级生抽 500ml', label: '码 …YFJTFB · 分配给其他经销商，已记录', quantity: 24 }]);
  });

  it('keeps the list when the network fails, and retry sends exactly the same request', async () => {
    const { store, sent } = setup({
      'scan.identify': [okReply(identified(CASE_A)), okReply(identified(CASE_B))],
      'scan.receive': [LOST, okReply({ items: 48, alerts: [] })],
    });
    store.getState().add(CASE_A);
    store.getState().add(CASE_B);
    await flush();
    await store.getState().submitList();
    expect(store.getState().submit).toMatchObject({ kind: 'failed', retryable: true, error: { userMessage: '网络不稳定，请重试' } });
    expect(store.getState().entries).toHaveLength(2);
    await store.getState().retry();
    const receives = sent.filter((s) => s.name === 'scan.receive').map((s) => s.event);
    expect(receives).toHaveLength(2);
    expect(receives[1]).toEqual(receives[0]);
    expect(store.getState().submit.kind).toBe('done');
  });

  it('marks the one code the server refuses and keeps the rest for the next submit', async () => {
    const { store, sent } = setup({
      'scan.identify': [LOST, okReply(identified(CASE_B))],
      'scan.receive': [errReply('INVALID_CODE', 'not genuine', 'codes[0]'), okReply({ items: 24, alerts: [] })],
    });
    store.getState().add(CASE_A);
    store.getState().add(CASE_B);
    await flush();
    await store.getState().submitList();
    expect(store.getState().submit).toMatchObject({ kind: 'failed', retryable: false });
    expect(store.getState().entries[0]).toMatchObject({ code: CASE_A, state: 'rejected' });
    await store.getState().submitList();
    expect(sent.filter((s) => s.name === 'scan.receive').map((s) => s.event['codes'])).toEqual([[CASE_A, CASE_B], [CASE_B]]);
  });

  it('sends nothing while codes are still being checked, or when nothing in the list can be received', async () => {
    const d = deferred();
    const { store, sent } = setup({ 'scan.identify': [d.promise] });
    await store.getState().submitList();
    expect(store.getState().problem).toBe('请先扫码，把商品加入清单');
    store.getState().add(CASE_A);
    expect(submitLabel(summarize(store.getState().entries))).toBe('正在核对 1 个码…');
    await store.getState().submitList();
    expect(store.getState().problem).toBe('还有 1 个码正在核对，请稍候再提交');
    d.resolve(okReply(identified(CASE_A, { holderOrgId: ORG, inTransitTo: null })));
    await flush();
    await store.getState().submitList();
    expect(store.getState().problem).toBe('清单里没有需要入库的码');
    expect(sent.filter((s) => s.name === 'scan.receive')).toHaveLength(0);
  });

  it('ignores scans and a second submit while a submit is in flight (no double stock-in)', async () => {
    const d = deferred();
    const { store, sent } = setup({ 'scan.identify': [okReply(identified(CASE_A))], 'scan.receive': [d.promise] });
    store.getState().add(CASE_A);
    await flush();
    const first = store.getState().submitList();
    expect(store.getState().submit.kind).toBe('submitting');
    expect(store.getState().add(CASE_B)).toMatchObject({ accepted: false });
    await store.getState().submitList();
    d.resolve(okReply({ items: 24, alerts: [] }));
    await first;
    expect(sent.filter((s) => s.name === 'scan.receive')).toHaveLength(1);
  });
});

describe('stock-in list survives a closed app', () => {
  it('restores the list of the store from storage and checks again what was not settled', async () => {
    const storage = memoryStorage();
    const first = setup({ 'scan.identify': [okReply(identified(CASE_A)), LOST] }, { storage });
    first.store.getState().add(CASE_A);
    first.store.getState().add(CASE_B);
    await flush();
    // The app is closed and opened again: a new store over the same storage.
    const second = setup({ 'scan.identify': [okReply(identified(CASE_B))] }, { storage });
    await flush();
    expect(second.store.getState().entries.map((e) => [e.code, e.state])).toEqual([[CASE_A, 'ok'], [CASE_B, 'ok']]);
    expect(second.names()).toEqual(['scan.identify']);
  });

  it('drops malformed stored entries instead of trusting them', () => {
    const entries = restoreEntries({ entries: [{ code: 'nope', state: 'ok' }, { code: CASE_A, state: 'weird' }, { code: CASE_A, state: 'ok', seq: 9 }, { code: CASE_A, state: 'ok' }, null] });
    expect(entries).toEqual([{ code: CASE_A, state: 'ok', seq: 1, foreign: false, expected: false }]);
    expect(restoreEntries('garbage')).toEqual([]);
  });
});

/** Distinct syntactically valid codes (for list-size tests: they are never sent). */
function fakeCode(i: number): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let n = i;
  let s = '';
  for (let k = 0; k < 26; k++) {
    s += alphabet[n % 32];
    n = Math.floor(n / 32);
  }
  return s;
}
