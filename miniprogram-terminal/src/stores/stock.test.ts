import { describe, expect, it } from 'vitest';
import { createStockStore, stockView } from './stock';
import { LOST, okReply, scriptedClient } from '@channel-router/ui/testing';

const products = [
  { id: 'p_soy', sku: 'SOY', name: '特级生抽', gtin: null, packaging: { itemsPerBox: 6, boxesPerCase: 4 } },
  { id: 'p_oys', sku: 'OYS', name: '鲜蚝油', gtin: null, packaging: { itemsPerBox: 12, boxesPerCase: 2 } },
];
const stock = {
  items: 54,
  units: [
    { code: 'A', level: 'box', productId: 'p_soy', items: 6, receivedAt: 100 },
    { code: 'B', level: 'case', productId: 'p_oys', items: 24, receivedAt: 300 },
    { code: 'C', level: 'case', productId: 'p_soy', items: 24, receivedAt: 200 },
  ],
};

describe('stock', () => {
  it('groups units by product with names, most stock first, newest units first', () => {
    const v = stockView(stock as never, products);
    expect(v).toMatchObject({ items: 54, units: 3 });
    expect(v.products.map((p) => [p.name, p.items, p.units.map((u) => u.code)])).toEqual([
      ['特级生抽', 30, ['C', 'A']],
      ['鲜蚝油', 24, ['B']],
    ]);
  });

  it('loads for the chosen store, shows stock even when product names fail, and an error in plain words', async () => {
    const { client, sent } = scriptedClient({
      'report.stock': [okReply(stock), LOST],
      'channel.listProducts': [LOST, okReply({ products })],
    });
    const store = createStockStore({ client });
    await store.getState().load('store_th');
    expect(sent.find((s) => s.name === 'report.stock')?.event).toEqual({ action: 'stock', orgId: 'store_th' });
    const s = store.getState().stock;
    expect(s.status === 'ready' && s.value.products.map((p) => p.name)).toEqual(['商品', '商品']);
    await store.getState().load('store_th');
    // A failed refresh replaces the list with the error: the numbers would be stale.
    expect(store.getState().stock).toMatchObject({ status: 'error', error: { userMessage: '网络不稳定，请重试' } });
  });

  it('shows an empty stock as empty, not as an error', async () => {
    const { client } = scriptedClient({ 'report.stock': [okReply({ items: 0, units: [] })], 'channel.listProducts': [okReply({ products })] });
    const store = createStockStore({ client });
    await store.getState().load('store_th');
    expect(store.getState().stock).toEqual({ status: 'ready', value: { items: 0, units: 0, products: [] } });
  });
});
