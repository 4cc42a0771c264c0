import { describe, expect, it, vi } from 'vitest';
import type { IdentifyRes, OrgView } from '@channel-router/shared/api';
import { createScanList, memoryStorage, scanStorageKey, type ScanListDeps } from '@channel-router/ui/kit';
import { errReply, identified, LOST, okReply, scriptedClient, type Script } from '@channel-router/ui/testing';
import { BRAND_ORG_ID } from './directory';
import { BRAND_SCAN_WORDS, createShipDealers } from './ship';

// Goal: the brand's ship is the kit's running list acting for the brand, in the brand's words,
// to a first-tier dealer; the list's own behaviour is tested with the kit (ui/src/kit).
const DEALER = 'dealer_gd';
const CASE_A = '3K1R1NXJ1219GHPGPMSTG5ZZ41';
const CASE_B = '29A45ZYAB7NPXTBBVDFFHQPYFY';
const BOX_C = '7S5RBMC6HTHQGS62BJ23SRY0TD';
const GD = { orgId: DEALER, name: '广东好味经销有限公司' };

const unit = identified;

function setup(script: Script, options: { yes?: boolean } = {}) {
  const { client, of } = scriptedClient(script);
  const storage = memoryStorage();
  const confirm = vi.fn<NonNullable<ScanListDeps['confirm']>>(async () => options.yes ?? true);
  const store = createScanList({ client, purpose: 'ship', storage, storagePrefix: 'cr.admin.', words: BRAND_SCAN_WORDS, confirm });
  store.getState().bind(BRAND_ORG_ID);
  return { store, storage, confirm, of };
}

const dealer = (id: string, name: string, upstreamId = 'brand'): OrgView => ({ id, kind: 'dealer', name, upstreamId, regionCode: '440100', territory: ['440000'] });

describe('brand shipping', () => {
  it('lists the first-tier dealers only', async () => {
    const { client, of } = scriptedClient({ 'channel.listOrgs': [okReply({ orgs: [dealer(DEALER, '广东'), dealer('dealer_sub', '二级', DEALER)] })] });
    const store = createShipDealers(client);
    await store.getState().load();
    expect(of('channel.listOrgs')).toEqual([{ action: 'listOrgs', kind: 'dealer' }]);
    expect(store.getState().dealers).toEqual({ status: 'ready', value: [dealer(DEALER, '广东')] });
  });

  it('keeps the dealers shown when a reload fails, and shows the error when there were none', async () => {
    const { client } = scriptedClient({ 'channel.listOrgs': [okReply({ orgs: [dealer(DEALER, '广东')] }), errReply('FORBIDDEN')] });
    const store = createShipDealers(client);
    await store.getState().load();
    await store.getState().load();
    expect(store.getState().dealers.status).toBe('ready');
    const failing = createShipDealers(scriptedClient({ 'channel.listOrgs': [LOST] }).client);
    await failing.getState().load();
    expect(failing.getState().dealers).toMatchObject({ status: 'error', error: { code: 'NETWORK' } });
  });

  it('identifies each code for the brand and says, in the brand’s words, what it cannot ship', async () => {
    const { store, of } = setup({
      'scan.identify': [okReply(unit(CASE_A)), okReply(unit(CASE_B, { holderOrgId: DEALER, holderName: '广东好味', actions: ['verify'] })), okReply(unit(BOX_C, { kind: 'hidden', level: 'item', items: 1 }))],
    });
    store.getState().setTarget(GD);
    expect(await store.getState().add(CASE_A.toLowerCase())).toEqual({ tone: 'success', text: '已添加：箱 · 特级生抽 500ml · 24 件', code: CASE_A });
    expect(await store.getState().add(CASE_B)).toMatchObject({ tone: 'danger', text: '不在品牌仓库中（现在在 广东好味）' });
    expect(await store.getState().add(BOX_C)).toMatchObject({ tone: 'danger', text: expect.stringContaining('领奖码') });
    expect(of('scan.identify').map((e) => e['orgId'])).toEqual(['brand', 'brand', 'brand']);
    expect(store.getState().entries.map((e) => e.code)).toEqual([CASE_A]);
  });

  it('warns about goods already on their way to this dealer or another', async () => {
    const { store } = setup({ 'scan.identify': [okReply(unit(CASE_A, { inTransitTo: DEALER })), okReply(unit(CASE_B, { inTransitTo: 'dealer_bj' }))] });
    store.getState().setTarget(GD);
    expect(await store.getState().add(CASE_A)).toMatchObject({ tone: 'warning', text: expect.stringContaining('已发往这个经销商，对方还未签收') });
    expect(await store.getState().add(CASE_B)).toMatchObject({ tone: 'warning', text: expect.stringContaining('已发往其他经销商但未签收，将改发') });
  });

  it('needs a dealer first, then ships the list from the brand after confirmation', async () => {
    const { store, of, confirm, storage } = setup({ 'scan.identify': [okReply(unit(CASE_A)), okReply(unit(CASE_B))], 'scan.ship': [okReply({ items: 48 })] });
    await store.getState().add(CASE_A);
    await store.getState().add(CASE_B);
    await store.getState().submitList();
    expect(store.getState().submit.message).toBe('请先选择经销商');
    store.getState().setTarget(GD);
    await store.getState().submitList();
    expect(confirm).toHaveBeenCalledWith({ purpose: 'ship', codes: 2, items: 48, targetName: GD.name, foreignCodes: 0, foreignItems: 0 });
    expect(of('scan.ship')).toEqual([{ action: 'ship', codes: [CASE_A, CASE_B], toOrgId: DEALER, fromOrgId: 'brand', requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) }]);
    expect(store.getState().submit).toMatchObject({ status: 'done', result: { items: 48, codes: 2, targetName: GD.name } });
    expect(JSON.parse(storage.data.get(scanStorageKey('cr.admin.', 'ship', BRAND_ORG_ID))!)).toMatchObject({ entries: [], target: GD });
  });

  it('says what went wrong with a submit in the brand’s words', async () => {
    const { store } = setup({
      'scan.identify': [okReply(unit(CASE_A)), okReply(unit(CASE_B))],
      'scan.ship': [errReply('CONFLICT', 'x', 'codes[0]'), errReply('FORBIDDEN', 'x')],
    });
    store.getState().setTarget(GD);
    await store.getState().add(CASE_A);
    await store.getState().add(CASE_B);
    await store.getState().submitList();
    expect(store.getState().submit.message).toBe('清单第 2 个码不在品牌仓库中（可能已发出或还没收货），请删除后再提交');
    store.getState().remove(CASE_A);
    await store.getState().submitList();
    expect(store.getState().submit.message).toBe('只有品牌管理员可以发品牌的货');
  });
});
