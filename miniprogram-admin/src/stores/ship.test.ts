import { describe, expect, it, vi } from 'vitest';
import type { IdentifyRes, OrgView } from '@channel-router/shared/api';
import { createClient } from '@channel-router/shared/client';
import { createShipStore, judgeForBrand, MAX_LIST_CODES, SHIP_STORAGE_KEY, shipFailureMessage, summarize, type KeyValueStorage } from './ship';
import { errReply, LOST, okReply, scriptedTransport, type Script } from './test-transport';

const DEALER = 'dealer_gd';
const CASE_A = '3K1R1NXJ1219GHPGPMSTG5ZZ41';
const CASE_B = '29A45ZYAB7NPXTBBVDFFHQPYFY';
const BOX_C = '7S5RBMC6HTHQGS62BJ23SRY0TD';
const GD = { orgId: DEALER, name: '广东好味经销有限公司' };

function unit(code: string, over: Partial<IdentifyRes> = {}): IdentifyRes {
  return {
    code,
    level: 'case',
    kind: 'visible',
    productId: 'p_soy',
    productName: '特级生抽 500ml',
    items: 24,
    holderOrgId: 'brand',
    holderName: '好味道食品',
    allocatedDealerId: null,
    inTransitTo: null,
    redeemed: null,
    actions: ['verify', 'ship', 'inspect'],
    ...over,
  };
}

function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return { data, get: (k) => data.get(k) ?? null, set: (k, v) => void data.set(k, v), remove: (k) => void data.delete(k) };
}

function setup(script: Script, options: { yes?: boolean; storage?: ReturnType<typeof memoryStorage> } = {}) {
  const t = scriptedTransport(script);
  const client = createClient(t.transport, { sleep: async () => {}, retryDelays_ms: [] });
  const storage = options.storage ?? memoryStorage();
  const confirm = vi.fn(async () => options.yes ?? true);
  const store = createShipStore({ client, storage, confirm });
  return { store, storage, confirm, ...t };
}

const dealer = (id: string, name: string): OrgView => ({ id, kind: 'dealer', name, upstreamId: 'brand', regionCode: '440100', territory: ['440000'] });

describe('brand shipping: rules for a scanned unit', () => {
  it('ships what the brand holds, warns about goods already on their way, refuses the rest', () => {
    expect(judgeForBrand(unit(CASE_A))).toEqual({ ok: true });
    expect(judgeForBrand(unit(CASE_A, { kind: 'hidden', level: 'item' }))).toMatchObject({ ok: false, reason: expect.stringContaining('领奖码') });
    expect(judgeForBrand(unit(CASE_A, { holderOrgId: DEALER, holderName: '广东好味', actions: ['verify'] }))).toEqual({ ok: false, reason: '不在品牌仓库中（现在在 广东好味），不能由品牌发货' });
    expect(judgeForBrand(unit(CASE_A, { inTransitTo: DEALER }), GD)).toMatchObject({ ok: true, warning: '已发往这个经销商，对方还未签收' });
    expect(judgeForBrand(unit(CASE_A, { inTransitTo: 'dealer_bj' }), GD)).toMatchObject({ ok: true, warning: expect.stringContaining('将改发') });
  });

  it('counts codes, items and levels', () => {
    expect(
      summarize([
        { code: CASE_A, status: 'ready', level: 'case', items: 24 },
        { code: BOX_C, status: 'ready', level: 'box', items: 6 },
        { code: CASE_B, status: 'checking' },
      ]),
    ).toEqual({ codes: 3, items: 30, levels: '1 箱 · 1 盒' });
  });

  it('says what went wrong with a submit in plain words', () => {
    expect(shipFailureMessage({ code: 'CONFLICT', message: '', userMessage: 'x', field: 'codes[1]' } as never, 2)).toBe('清单第 2 个码不在品牌仓库中（可能已发出），请删除后再提交');
    expect(shipFailureMessage({ code: 'INVALID_ARGUMENT', message: '', userMessage: 'x', field: 'toOrgId' } as never, null)).toBe('只能发给一级经销商，请重新选择收货方');
    expect(shipFailureMessage({ code: 'FORBIDDEN', message: '', userMessage: 'x' } as never, null)).toBe('只有品牌管理员可以发品牌的货');
  });
});

describe('brand shipping: the running list', () => {
  it('lists the first-tier dealers only', async () => {
    const { store, of } = setup({ 'channel.listOrgs': [okReply({ orgs: [dealer(DEALER, '广东'), { ...dealer('w1', '批发'), kind: 'wholesaler', upstreamId: DEALER }] })] });
    await store.getState().load();
    expect(of('channel.listOrgs')).toEqual([{ action: 'listOrgs', kind: 'dealer' }]);
    expect(store.getState().dealers).toEqual({ status: 'ready', value: [dealer(DEALER, '广东')] });
  });

  it('identifies each code for the brand, ignores duplicates and refuses reward codes', async () => {
    const { store, of } = setup({
      'scan.identify': [okReply(unit(CASE_A)), okReply(unit(BOX_C, { kind: 'hidden', level: 'item', items: 1 }))],
    });
    store.getState().setTarget(GD);
    expect(await store.getState().add(CASE_A.toLowerCase())).toEqual({ tone: 'success', text: '已添加：箱 · 特级生抽 500ml · 24 件', code: CASE_A });
    expect(store.getState().scan(CASE_A)).toMatchObject({ accepted: true, echo: { tone: 'info', text: '已在清单中，已忽略' } });
    expect(await store.getState().add(BOX_C)).toMatchObject({ tone: 'fail', text: expect.stringContaining('领奖码') });
    expect(store.getState().scan('not a code')).toMatchObject({ accepted: false, echo: { tone: 'fail' } });
    expect(of('scan.identify')).toEqual([{ action: 'identify', code: CASE_A, orgId: 'brand' }, { action: 'identify', code: BOX_C, orgId: 'brand' }]);
    expect(store.getState().entries).toEqual([{ code: CASE_A, status: 'ready', level: 'case', productId: 'p_soy', productName: '特级生抽 500ml', items: 24 }]);
    store.getState().remove(CASE_A);
    expect(store.getState().entries).toEqual([]);
  });

  it('keeps a code it could not check, and checks it again on request', async () => {
    const { store } = setup({ 'scan.identify': [LOST, okReply(unit(CASE_A))] });
    store.getState().setTarget(GD);
    expect(await store.getState().add(CASE_A)).toMatchObject({ tone: 'warning' });
    expect(store.getState().entries[0]).toMatchObject({ code: CASE_A, status: 'unchecked', problem: '网络不稳定，稍后重新核对' });
    await store.getState().submitList();
    expect(store.getState().submit).toMatchObject({ status: 'idle', message: expect.stringContaining('还没核对') });
    await store.getState().recheck();
    expect(store.getState().entries[0]).toMatchObject({ code: CASE_A, status: 'ready', items: 24 });
  });

  it('needs a dealer and a code before sending anything', async () => {
    const { store, sent } = setup({});
    await store.getState().submitList();
    expect(store.getState().submit.message).toBe('请先选择收货经销商');
    store.getState().setTarget(GD);
    await store.getState().submitList();
    expect(store.getState().submit.message).toBe('清单是空的，请先扫码');
    expect(sent).toHaveLength(0);
  });

  it('refuses more than the limit of codes in one list', async () => {
    const full = Array.from({ length: MAX_LIST_CODES }, (_, i) => ({ code: `${String(i).padStart(4, '0')}${'A'.repeat(22)}`, status: 'ready', items: 1 }));
    const { store, sent } = setup({}, { storage: memoryStorage({ [SHIP_STORAGE_KEY]: JSON.stringify({ v: 1, target: GD, entries: full }) }) });
    expect(store.getState().scan(CASE_A)).toMatchObject({ accepted: false, echo: { tone: 'fail', text: expect.stringContaining('清单已满') } });
    expect(sent).toHaveLength(0);
  });

  it('ships the list in one request after confirmation, oldest first, and shows the items', async () => {
    const { store, of, confirm, storage } = setup({
      'scan.identify': [okReply(unit(CASE_A)), okReply(unit(CASE_B))],
      'scan.ship': [okReply({ items: 48 })],
    });
    store.getState().setTarget(GD);
    await store.getState().add(CASE_A);
    await store.getState().add(CASE_B);
    await store.getState().submitList();
    expect(confirm).toHaveBeenCalledWith({ codes: 2, items: 48, targetName: GD.name });
    // Keyed: a retry of this shipment (a lost reply) ships once.
    expect(of('scan.ship')).toEqual([{ action: 'ship', codes: [CASE_A, CASE_B], toOrgId: DEALER, requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) }]);
    expect(store.getState().submit).toMatchObject({ status: 'done', result: { items: 48, codes: 2, targetName: GD.name } });
    expect(store.getState().entries).toEqual([]);
    expect(JSON.parse(storage.data.get(SHIP_STORAGE_KEY)!)).toMatchObject({ entries: [], target: GD });
  });

  it('sends nothing when the admin declines', async () => {
    const { store, of } = setup({ 'scan.identify': [okReply(unit(CASE_A))] }, { yes: false });
    store.getState().setTarget(GD);
    await store.getState().add(CASE_A);
    await store.getState().submitList();
    expect(of('scan.ship')).toHaveLength(0);
    expect(store.getState().submit.status).toBe('idle');
    expect(store.getState().entries).toHaveLength(1);
  });

  it('keeps the list when the network fails, and retry sends exactly the same request', async () => {
    const { store, of, confirm } = setup({
      'scan.identify': [okReply(unit(CASE_A))],
      'scan.ship': [LOST, okReply({ items: 24 })],
    });
    store.getState().setTarget(GD);
    await store.getState().add(CASE_A);
    await store.getState().submitList();
    expect(store.getState().submit).toMatchObject({ status: 'failed', error: { code: 'NETWORK' } });
    expect(store.getState().entries).toHaveLength(1);
    await store.getState().retry();
    expect(confirm).toHaveBeenCalledTimes(1);
    const [first, second] = of('scan.ship');
    expect(second).toEqual(first);
    expect(store.getState().submit).toMatchObject({ status: 'done', result: { items: 24 } });
  });

  it('marks the entry the server refused, in plain words', async () => {
    const { store } = setup({
      'scan.identify': [okReply(unit(CASE_A)), okReply(unit(CASE_B))],
      'scan.ship': [errReply('CONFLICT', 'not held', 'codes[1]')],
    });
    store.getState().setTarget(GD);
    await store.getState().add(CASE_A);
    await store.getState().add(CASE_B);
    await store.getState().submitList();
    // codes[1] is CASE_B, the newest, shown first.
    expect(store.getState().submit).toMatchObject({ status: 'failed', message: '清单第 1 个码不在品牌仓库中（可能已发出），请删除后再提交' });
    expect(store.getState().entries[0]).toMatchObject({ code: CASE_B, problem: '这个码不在品牌仓库中（可能已发出），请删除后再提交' });
    store.getState().remove(CASE_B);
    expect(store.getState().submit.status).toBe('idle');
  });

  it('restores the unsent list and dealer from the phone', async () => {
    const storage = memoryStorage();
    const first = setup({ 'scan.identify': [okReply(unit(CASE_A))] }, { storage });
    first.store.getState().setTarget(GD);
    await first.store.getState().add(CASE_A);
    const again = setup({}, { storage });
    expect(again.store.getState().target).toEqual(GD);
    expect(again.store.getState().entries).toMatchObject([{ code: CASE_A, status: 'ready', items: 24 }]);
  });
});
