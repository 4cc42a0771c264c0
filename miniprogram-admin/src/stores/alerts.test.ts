import { describe, expect, it } from 'vitest';
import type { AlertView } from '@channel-router/shared/api';
import { createClient, type RawReply } from '@channel-router/shared/client';
import { alertRow, createAlertsStore } from './alerts';
import { namesFrom } from './directory';
import { okReply, scriptedTransport } from '@channel-router/ui/testing';

const ALERT: AlertView = {
  id: 'a1',
  kind: 'diversion',
  evidence: 'inspect',
  code: '3XWCEE94E05BADG7CV4JKWHZ2F',
  productId: 'prd_soy',
  quantity: 6,
  allocatedDealerId: 'dealer_gd',
  observedOrgId: 'store_bj',
  regionCode: '110105',
  actorUnionId: 'demo-inspector',
  at: Date.UTC(2025, 0, 2, 3, 4),
};

const NAMES = namesFrom(
  { status: 'ready', value: [{ id: 'dealer_gd', kind: 'dealer', name: '广东经销', upstreamId: 'brand', regionCode: '440100', territory: ['440000'] }, { id: 'store_bj', kind: 'store', name: '朝阳超市', upstreamId: 'x', regionCode: '110105', territory: [] }] },
  { status: 'ready', value: [{ id: 'prd_soy', sku: 'S', name: '生抽', gtin: null, packaging: { itemsPerBox: 6, boxesPerCase: 4 } }] },
  '好味道',
);

describe('alerts', () => {
  it('filters by kind and dealer, and pages by the server cursor', async () => {
    const { transport, of } = scriptedTransport({
      'report.alerts': [okReply({ alerts: [ALERT], cursor: '20' }), okReply({ alerts: [{ ...ALERT, id: 'a2' }], cursor: null })],
    });
    const store = createAlertsStore({ client: createClient(transport, { sleep: async () => {} }) });
    await store.getState().load({ kind: 'diversion', dealerId: 'dealer_gd' });
    await store.getState().loadMore();
    await store.getState().loadMore(); // no cursor left: nothing sent
    expect(of('report.alerts')).toEqual([
      { action: 'alerts', limit: 20, kind: 'diversion', dealerId: 'dealer_gd' },
      { action: 'alerts', limit: 20, kind: 'diversion', dealerId: 'dealer_gd', cursor: '20' },
    ]);
    expect(store.getState().items.map((a) => a.id)).toEqual(['a1', 'a2']);
  });

  it('drops the reply of a filter the person already left', async () => {
    let release: (r: RawReply) => void = () => {};
    const slow = new Promise<RawReply>((resolve) => (release = resolve));
    const replies: Array<Promise<RawReply>> = [slow, Promise.resolve(okReply({ alerts: [{ ...ALERT, id: 'fast', kind: 'cloned_code' }], cursor: null }))];
    const store = createAlertsStore({ client: createClient(async () => replies.shift()!, { sleep: async () => {} }) });
    const first = store.getState().load({ kind: 'diversion', dealerId: null });
    await store.getState().load({ kind: 'cloned_code', dealerId: null });
    release(okReply({ alerts: [ALERT], cursor: null }));
    await first;
    expect(store.getState().filter.kind).toBe('cloned_code');
    expect(store.getState().items.map((a) => a.id)).toEqual(['fast']);
  });

  it('says what an alert is about in words, with names instead of ids', () => {
    const row = alertRow(ALERT, NAMES);
    expect(row).toMatchObject({ title: '窜货', tone: 'danger', evidence: '稽查扫码时发现' });
    expect(row.lines).toEqual([
      { label: '商品', value: '生抽 × 6' },
      { label: '分配经销商', value: '广东经销' },
      { label: '发现地点', value: '朝阳超市' },
      { label: '地区', value: '北京市 朝阳区' },
      { label: '扫码人', value: 'demo-inspector' },
      { label: '码', value: '3XWC EE94 E05B ADG7 CV4J KWHZ 2F' },
    ]);
    expect(alertRow({ ...ALERT, kind: 'something_new' as never }, NAMES).title).toBe('其他');
  });
});
