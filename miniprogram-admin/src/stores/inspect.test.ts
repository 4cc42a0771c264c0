import { describe, expect, it } from 'vitest';
import type { InspectRes } from '@channel-router/shared/api';
import { createClient } from '@channel-router/shared/client';
import { namesFrom } from './directory';
import { createInspectStore, inspectView } from './inspect';
import { errReply, LOST, okReply, scriptedTransport, type Script } from '@channel-router/ui/testing';

const CODE = '3XWCEE94E05BADG7CV4JKWHZ2F';
const RES: InspectRes = {
  productId: 'prd_soy',
  allocatedDealerId: 'dealer_gd',
  holderOrgId: 'store_bj',
  verdict: 'diverted',
  events: [
    { eventId: 'e1', bizStep: 'shipping', at: 1, orgId: 'brand', toOrgId: 'dealer_gd', unionId: 'demo-admin', regionCode: null },
    { eventId: 'e2', bizStep: 'receiving', at: 2, orgId: 'dealer_gd', toOrgId: null, unionId: 'demo-dealer-gd', regionCode: '440100' },
    { eventId: 'e3', bizStep: 'receiving', at: 3, orgId: 'store_bj', toOrgId: null, unionId: 'demo-clerk-bj', regionCode: '110105' },
    { eventId: 'e4', bizStep: 'verifying', at: 4, orgId: null, toOrgId: null, unionId: 'c1', regionCode: null },
  ],
};
const IDENTITY = { code: CODE, level: 'box', kind: 'visible', productId: 'prd_soy', productName: '特级生抽', items: 6, holderOrgId: 'store_bj', holderName: '朝阳超市', allocatedDealerId: 'dealer_gd', inTransitTo: null, redeemed: null, actions: ['inspect'] };
const NAMES = namesFrom(
  {
    status: 'ready',
    value: [
      { id: 'dealer_gd', kind: 'dealer', name: '广东经销', upstreamId: 'brand', regionCode: '440100', territory: ['440000'] },
      { id: 'store_bj', kind: 'store', name: '朝阳超市', upstreamId: 'dealer_bj', regionCode: '110105', territory: [] },
      { id: 'store_th', kind: 'store', name: '天河店', upstreamId: 'dealer_gd', regionCode: '440106', territory: [] },
    ],
  },
  { status: 'loading' },
  '好味道',
);

function setup(script: Script) {
  const t = scriptedTransport(script);
  return { store: createInspectStore({ client: createClient(t.transport, { sleep: async () => {}, retryDelays_ms: [] }) }), ...t };
}

describe("an inspector's scan", () => {
  it('answers a malformed code at once, without a request', async () => {
    const { store, sent } = setup({});
    await store.getState().submit('hello');
    expect(sent).toHaveLength(0);
    expect(store.getState().phase).toMatchObject({ kind: 'failed', error: { code: 'INVALID_CODE', userMessage: '这不是有效的码，请确认是否为正品' } });
  });

  it('inspects a code URL at the chosen store and shows the verdict with names, not ids', async () => {
    const { store, of } = setup({ 'scan.inspect': [okReply(RES)], 'scan.identify': [okReply(IDENTITY)] });
    store.getState().setAt('store_bj');
    await store.getState().submit(`https://brand.example/c/${CODE.toLowerCase()}`);
    expect(of('scan.inspect')).toEqual([{ action: 'inspect', code: CODE, orgId: 'store_bj' }]);
    const phase = store.getState().phase;
    expect(phase.kind).toBe('done');
    if (phase.kind !== 'done') return;
    const v = inspectView(phase, NAMES);
    expect(v.verdict).toMatchObject({ label: '窜货', tone: 'danger', testId: 'verdict-diverted' });
    expect(v.verdict.text).toContain('「广东经销」');
    expect(v.verdict.text).toContain('「朝阳超市」');
    expect(v.facts).toContainEqual({ label: '包装', value: '盒（6 件）' });
    expect(v.timeline.map((r) => [r.step, r.where, r.region, r.highlight])).toEqual([
      ['发货', '好味道 → 广东经销', null, false],
      ['入库', '广东经销', '广东省 广州市', false],
      ['入库', '朝阳超市', '北京市 朝阳区', true],
      ['验真', '消费者', null, false],
    ]);
  });

  it('still shows the verdict when identify fails, judged at the holder', async () => {
    const { store } = setup({ 'scan.inspect': [okReply({ ...RES, verdict: 'in_territory', holderOrgId: 'store_th' })], 'scan.identify': [errReply('FORBIDDEN')] });
    await store.getState().submit(CODE);
    const phase = store.getState().phase;
    if (phase.kind !== 'done') throw new Error('expected a result');
    const v = inspectView(phase, NAMES);
    expect(v.verdict).toMatchObject({ label: '区域内销售', tone: 'success' });
    expect(v.facts[0]).toEqual({ label: '商品', value: '未知商品' });
    expect(v.facts.some((f) => f.label === '稽查地点')).toBe(false);
  });

  it('offers a retry after a lost reply and sends the same code again', async () => {
    const { store, of } = setup({ 'scan.inspect': [LOST, okReply(RES)], 'scan.identify': [okReply(IDENTITY), okReply(IDENTITY)] });
    await store.getState().submit(CODE);
    expect(store.getState().phase).toMatchObject({ kind: 'failed', error: { userMessage: '网络不稳定，请重试' } });
    await store.getState().retry();
    expect(of('scan.inspect').map((e) => e['code'])).toEqual([CODE, CODE]);
    expect(store.getState().phase.kind).toBe('done');
  });
});
