import { describe, expect, it, vi } from 'vitest';
import type { IdentifyRes } from '@channel-router/shared/api';
import { createScanList, memoryStorage, ORG_SCAN_WORDS, summarize, type ScanListDeps } from '@channel-router/ui/kit';
import { errReply, flush, identified as fromBrand, LOST, okReply, scriptedClient, type Script } from '@channel-router/ui/testing';
import { alertRows, entryView, outcomeView, submitLabel, summaryLine } from './receive-view';

// Goal: a store's stock-in on the kit's running list shows each code as the clerk needs it
// (expected, another dealer's goods, unchecked), warns before another dealer's goods are taken
// in, and words the result with its diversion alerts. The list's own rules are the kit's tests.
const ORG = 'store_th';
const CASE_A = '0CNE53SBH4W8C5G8R351YFJTFB';
const CASE_B = '2DFTMK7ZRNBRXJY0EH1CXAWNVP';

/** Shipped to this store by its own dealer, unless `over` says otherwise. */
const identified = (code: string, over: Partial<IdentifyRes> = {}): IdentifyRes =>
  fromBrand(code, { productId: 'prd_soy', holderOrgId: 'dealer_gd', holderName: '广东经销商', allocatedDealerId: 'dealer_gd', inTransitTo: ORG, actions: ['verify', 'receive'], ...over });

function setup(script: Script, opts: { confirm?: boolean } = {}) {
  const { client, sent } = scriptedClient(script);
  const confirmForeign = vi.fn(async (_foreign: { codes: number; items: number }) => opts.confirm ?? true);
  // As services/app.ts: only goods from another dealer are asked about.
  const confirm: ScanListDeps['confirm'] = (s) => (s.foreignCodes === 0 ? Promise.resolve(true) : confirmForeign({ codes: s.foreignCodes, items: s.foreignItems }));
  const store = createScanList({ client, purpose: 'receive', storage: memoryStorage(), storagePrefix: 'cr.terminal.', words: { ...ORG_SCAN_WORDS, stock: '本店库存' }, confirm });
  store.getState().bind(ORG);
  return { store, sent, confirmForeign };
}

describe('stock-in on the running list', () => {
  it('tags goods shipped here as expected, another dealer’s as foreign, and refuses what the store holds', async () => {
    const { store } = setup({
      'scan.identify': [
        okReply(identified(CASE_A)),
        okReply(identified(CASE_B, { inTransitTo: null, holderName: '北京经销商', notFromYourDealer: true })),
        okReply(identified('6STCT9K8RM77WRB39Y76SJD2MH', { holderOrgId: ORG, inTransitTo: null })),
      ],
    });
    await store.getState().add(CASE_A);
    await store.getState().add(CASE_B);
    expect(await store.getState().add('6STCT9K8RM77WRB39Y76SJD2MH')).toMatchObject({ tone: 'danger', text: '已在本店库存中，无需再收货' });
    const [b, a] = store.getState().entries.map(entryView);
    expect(a).toMatchObject({ state: 'ok', title: '特级生抽 500ml', label: '整箱 · 24 件 · 码 …YFJTFB', tags: [{ testId: 'tag-expected', text: '待收货' }] });
    expect(b).toMatchObject({ state: 'ok', tags: [{ testId: 'tag-foreign', text: '非本店经销商货' }], noteTone: 'warning' });
    expect(b!.note).toContain('目前登记在「北京经销商」');
    const s = summarize(store.getState().entries);
    expect(summaryLine(s)).toBe('待入库 2 个码，共 48 件');
    expect(submitLabel(s)).toBe('确认入库（2 个码）');
  });

  it('shows codes being checked and codes that could not be checked', async () => {
    const { store } = setup({ 'scan.identify': [LOST] });
    const pending = store.getState().add(CASE_A);
    expect(entryView(store.getState().entries[0]!)).toMatchObject({ state: 'checking', title: '正在核对…', tags: [{ testId: 'tag-checking' }] });
    expect(submitLabel(summarize(store.getState().entries))).toBe('正在核对 1 个码…');
    await pending;
    expect(entryView(store.getState().entries[0]!)).toMatchObject({ state: 'unchecked', tags: [{ testId: 'tag-unchecked' }], note: '网络不稳定，稍后重新核对' });
    expect(summaryLine(summarize(store.getState().entries))).toBe('待入库 1 个码，共 0 件（另有 1 个码未核对）');
  });

  it('warns before receiving another dealer’s goods, sends nothing when declined, and words the alerts', async () => {
    const alert = { key: 'k', kind: 'diversion', evidence: 'receive', code: CASE_A, productId: 'prd_soy', quantity: 24, allocatedDealerId: 'dealer_bj', observedOrgId: ORG, regionCode: '440106', actorUnionId: 'u', at: 1 };
    const { store, sent, confirmForeign } = setup({ 'scan.identify': [okReply(identified(CASE_A, { notFromYourDealer: true }))], 'scan.receive': [okReply({ items: 24, alerts: [alert] })] }, { confirm: false });
    await store.getState().add(CASE_A);
    await store.getState().submitList();
    expect(confirmForeign).toHaveBeenCalledWith({ codes: 1, items: 24 });
    expect(sent.some((s) => s.name === 'scan.receive')).toBe(false);
    expect(store.getState().entries).toHaveLength(1);

    confirmForeign.mockResolvedValueOnce(true);
    await store.getState().submitList();
    const r = store.getState().submit.result!;
    expect(sent.at(-1)).toEqual({ name: 'scan.receive', event: { action: 'receive', codes: [CASE_A], orgId: ORG } });
    expect(outcomeView(r)).toEqual({ status: 'warning', title: '入库完成，有窜货提醒', lines: ['本次提交 1 个码，入库 24 件商品。', '其中 24 件来自其他经销商的销售区域，已记录为窜货证据（1 条提醒）。'] });
    expect(alertRows(r)).toEqual([{ key: `${CASE_A}:0`, title: '特级生抽 500ml', label: '码 …YFJTFB · 分配给其他经销商，已记录', quantity: 24 }]);
  });

  it('says a plain stock-in succeeded, and one with another dealer’s goods but no alert was completed', async () => {
    const { store } = setup({ 'scan.identify': [okReply(identified(CASE_A))], 'scan.receive': [okReply({ items: 24, alerts: [] })] });
    await store.getState().add(CASE_A);
    await store.getState().submitList();
    expect(outcomeView(store.getState().submit.result!)).toEqual({ status: 'success', title: '入库成功', lines: ['本次提交 1 个码，入库 24 件商品。'] });
    expect(outcomeView({ items: 24, codes: 1, alerts: [], foreignCodes: [CASE_A], names: {} })).toMatchObject({ status: 'warning', title: '入库完成', lines: ['本次提交 1 个码，入库 24 件商品。', '有 1 个码不是本店经销商供应的货，已一并入库。'] });
  });

  it('marks the one code the server refuses, in the entry', async () => {
    const { store } = setup({ 'scan.identify': [okReply(identified(CASE_A)), okReply(identified(CASE_B))], 'scan.receive': [errReply('INVALID_CODE', 'x', 'codes[1]')] });
    await store.getState().add(CASE_A);
    await store.getState().add(CASE_B);
    await flush();
    await store.getState().submitList();
    expect(store.getState().submit.message).toBe('清单第 1 个码无法识别，请删除后再提交');
    const bad = store.getState().entries.find((e) => e.code === CASE_B)!;
    expect(entryView(bad)).toMatchObject({ note: '这个码无法识别，请删除后再提交', noteTone: 'danger' });
  });
});
