import { describe, expect, it } from 'vitest';
import type { AlertView, PenaltyView } from '@channel-router/shared/api';
import { alertTotals, createAlertsStore, createCatalogStore, createPenaltiesStore, createStockStore, groupStock, penaltyTotals, productName } from './reports';
import { MAX_PAGES } from '@channel-router/ui/kit';
import { errReply, LOST, okReply, scriptedClient } from '@channel-router/ui/testing';

const ORG = 'dealer_gd';

const alert = (id: string, over: Partial<AlertView> = {}): AlertView => ({
  id,
  kind: 'diversion',
  evidence: 'receive',
  code: 'C',
  productId: 'p1',
  quantity: 24,
  allocatedDealerId: ORG,
  observedOrgId: 'store_bj',
  regionCode: '110105',
  actorUnionId: 'u',
  at: 1,
  ...over,
});

const penalty = (id: string, status: PenaltyView['status'], amount: number, quantity = 1): PenaltyView => ({ id, dealerId: ORG, quantity, amount, status, code: 'C', alertId: 'a', at: 1 });

describe('reports', () => {
  it("lists the alerts about the dealer's own goods page by page, with the dealer's id", async () => {
    const { client, sent } = scriptedClient({
      'report.alerts': [okReply({ alerts: [alert('a1')], cursor: '30' }), okReply({ alerts: [alert('a2', { kind: 'duplicate_redeem', quantity: 1, regionCode: null })], cursor: null })],
    });
    const store = createAlertsStore(client);
    await store.getState().load(ORG);
    await store.getState().loadMore();
    await store.getState().loadMore(); // no cursor: nothing more to ask
    expect(store.getState().items.map((a) => a.id)).toEqual(['a1', 'a2']);
    expect(sent.map((s) => [s.event['dealerId'], s.event['cursor']])).toEqual([
      [ORG, undefined],
      [ORG, '30'],
    ]);
  });

  it('keeps the rows already shown when a later page fails, and stops growing after the page limit', async () => {
    const pages = Array.from({ length: MAX_PAGES }, (_, i) => okReply({ penalties: [penalty(`p${i}`, 'pending', 500)], cursor: String(i + 1) }));
    const { client, sent } = scriptedClient({ 'report.penalties': [pages[0]!, LOST, LOST, LOST, ...pages.slice(1)] });
    const store = createPenaltiesStore(client);
    await store.getState().load(ORG);
    await store.getState().loadMore();
    expect(store.getState()).toMatchObject({ status: 'error', items: [{ id: 'p0' }], error: { userMessage: '网络不稳定，请重试' } });
    for (let i = 0; i < MAX_PAGES + 3; i++) await store.getState().loadMore();
    expect(store.getState().items).toHaveLength(MAX_PAGES);
    expect(sent).toHaveLength(MAX_PAGES + 3);
  });

  it('adds up pending and settled penalties, and diverted items by region', () => {
    expect(penaltyTotals([penalty('1', 'pending', 500, 2), penalty('2', 'settled', 400), penalty('3', 'waived', 300), penalty('4', 'pending', 100)])).toEqual({
      pendingFen: 600,
      pendingCount: 2,
      settledFen: 400,
      pendingItems: 3,
    });
    const t = alertTotals([alert('1'), alert('2', { quantity: 6, regionCode: '310115' }), alert('3', { regionCode: '110105', quantity: 1 }), alert('4', { kind: 'prize_interception', quantity: 1 })]);
    expect(t).toEqual({ alerts: 4, divertedItems: 31, regions: [{ regionCode: '110105', items: 25 }, { regionCode: '310115', items: 6 }] });
  });

  it('groups stock by product, most items first, counting levels', async () => {
    const { client } = scriptedClient({
      'report.stock': [
        okReply({
          items: 54,
          units: [
            { code: 'A', level: 'case', productId: 'p1', items: 24, receivedAt: 3 },
            { code: 'B', level: 'box', productId: 'p2', items: 6, receivedAt: 2 },
            { code: 'C', level: 'case', productId: 'p2', items: 24, receivedAt: 1 },
          ],
        }),
      ],
    });
    const store = createStockStore(client);
    await store.getState().load(ORG);
    const s = store.getState().stock;
    expect(s.status).toBe('ready');
    if (s.status !== 'ready') return;
    expect(groupStock(s.value).map((g) => [g.productId, g.items, g.levels])).toEqual([
      ['p2', 30, { box: 1, case: 1 }],
      ['p1', 24, { case: 1 }],
    ]);
  });

  it('loads product names once, shares one request between screens, and never shows a raw id', async () => {
    const { client, sent } = scriptedClient({
      'channel.listProducts': [errReply('INTERNAL'), okReply({ products: [{ id: 'p1', sku: 'S', name: '特级生抽', gtin: null, packaging: { itemsPerBox: 6, boxesPerCase: 4 } }] })],
    });
    const store = createCatalogStore(client);
    await store.getState().ensure();
    expect(productName(store.getState().products, 'p1')).toBe('商品');
    await Promise.all([store.getState().ensure(), store.getState().ensure()]);
    await store.getState().ensure();
    expect(sent).toHaveLength(2);
    expect(productName(store.getState().products, 'p1')).toBe('特级生抽');
    expect(productName(store.getState().products, 'p9')).toBe('其他商品');
  });
});
