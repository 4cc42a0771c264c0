/**
 * Goal: the ordering reports through the gateway, for a seller and for the brand across the
 * channel: sales by day, product, customer and region count accepted orders only, at their net;
 * orders by state list every order; receivables ageing shows what credit owes; the stock report
 * shows low-stock alerts; rankings put the best customer first; each exports as CSV with a BOM;
 * a member of another org never reads a seller's reports.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SLOW_MACHINE_TIMEOUT_MS, startChannel, type Channel } from './fixtures.js';
import { BOX_PRICES, deposit, member, quoteTotal, setCreditLine, stockAndPrice, type Stocked } from './ordering-fixtures.js';

vi.setConfig({ testTimeout: SLOW_MACHINE_TIMEOUT_MS, hookTimeout: SLOW_MACHINE_TIMEOUT_MS });
let ch: Channel;
let stock: Stocked;
const orderIds: string[] = [];

async function order(who: string, boxes: number, tenders: (total: number) => Array<{ kind: string; amount: number }>, requestId: string): Promise<string> {
  const lines = [{ productId: ch.productId, quantity: boxes }];
  const total = await quoteTotal(ch, who, ch.ids.gd, lines);
  const r = await ch.ok(who, 'order', { action: 'submit', sellerOrgId: ch.ids.gd, lines, tenders: tenders(total), expectedTotal: total, requestId });
  return r.orderId;
}

beforeAll(async () => {
  ch = await startChannel();
  stock = await stockAndPrice(ch, 4, 3);
  await member(ch, 'financeGd', 'dealer', ch.ids.gd, 'finance');
  await deposit(ch, 'ownerGz', 'financeGd', ch.ids.gd, 100_000, 'topup-rep-0001');
  await setCreditLine(ch, 'ownerGd', ch.ids.gd, ch.ids.storeGz, 50_000, 30);
  // Two accepted orders (3 and 2 boxes, the second on credit and received), one cancelled (1 box).
  orderIds.push(await order('ownerGz', 3, (t) => [{ kind: 'deposit', amount: t }], 'rep-order-0001'));
  await ch.ok('ownerGd', 'order', { action: 'approve', orderId: orderIds[0] });
  orderIds.push(await order('ownerGz', 4, (t) => [{ kind: 'credit', amount: t }], 'rep-order-0002'));
  await ch.ok('ownerGd', 'order', { action: 'approve', orderId: orderIds[1] });
  await ch.ok('ownerGd', 'scan', { action: 'ship', codes: [stock.gdCases[0]!.code], toOrgId: ch.ids.storeGz, orderId: orderIds[1] });
  await ch.ok('clerkGz', 'scan', { action: 'receive', codes: [stock.gdCases[0]!.code] });
  orderIds.push(await order('ownerGz', 1, (t) => [{ kind: 'deposit', amount: t }], 'rep-order-0003'));
  await ch.ok('ownerGz', 'order', { action: 'cancel', orderId: orderIds[2] });
  await ch.ok('ownerGd', 'order', { action: 'setSafetyStock', orgId: ch.ids.gd, productId: ch.productId, safetyUnits: 20 });
});
afterAll(async () => {
  await ch?.close();
});

const report = (who: string, kind: string, extra: Record<string, unknown> = {}) => ch.ok(who, 'report', { action: 'ordering', kind, sellerOrgId: ch.ids.gd, ...extra });

describe('ordering reports', () => {
  it('sales by day, product, customer and region: accepted orders at their net', async () => {
    const sold = 7 * BOX_PRICES.store;
    for (const kind of ['sales_by_day', 'sales_by_product', 'sales_by_customer', 'sales_by_region']) {
      const r = await report('ownerGd', kind);
      expect(r.rows, kind).toHaveLength(1);
      expect(r.totals, kind).toMatchObject({ orders: 2, items: 42, amount: sold });
    }
    expect((await report('ownerGd', 'sales_by_customer')).rows[0].key).toBe(ch.ids.storeGz);
    expect((await report('ownerGd', 'sales_by_region')).rows[0]).toMatchObject({ key: '440100', name: expect.stringContaining('广州') });
    // The brand across the channel sees the same sales (gd is the only seller here).
    expect((await ch.ok('admin', 'report', { action: 'ordering', kind: 'sales_by_product' })).totals.amount).toBe(sold);
  });

  it('orders by state list every order', async () => {
    const r = await report('financeGd', 'orders_by_state');
    const by = Object.fromEntries(r.rows.map((x: any) => [x.status, x.orders]));
    expect(by).toMatchObject({ approved: 1, shipped: 0, cancelled: 1 });
    expect(r.totals.orders).toBe(3);
  });

  it('receivables ageing: what credit owes, not due yet', async () => {
    const r = await report('financeGd', 'receivables_ageing');
    const owed = 4 * BOX_PRICES.store;
    expect(r.rows).toEqual([expect.objectContaining({ customer: ch.ids.storeGz, not_due: owed, d1_30: 0, d31_60: 0, over_60: 0, total: owed })]);
  });

  it('stock with low-stock alerts', async () => {
    const r = await report('ownerGd', 'stock');
    expect(r.rows).toEqual([expect.objectContaining({ org: ch.ids.gd, product: ch.productId, low: '低库存', lowAlerts: 1 })]);
    const channel = await ch.ok('admin', 'report', { action: 'ordering', kind: 'stock' });
    expect(channel.rows.map((x: any) => x.org)).toEqual(expect.arrayContaining(['brand', ch.ids.gd, ch.ids.storeGz]));
  });

  it('rankings: the best customer and product first', async () => {
    expect((await report('ownerGd', 'customer_ranking')).rows[0]).toMatchObject({ rank: 1, key: ch.ids.storeGz });
    expect((await report('ownerGd', 'product_ranking', { limit: 1 })).rows).toEqual([expect.objectContaining({ rank: 1, key: ch.productId })]);
  });

  it('CSV export of each: UTF-8 with BOM, money in yuan', async () => {
    for (const kind of ['sales_by_day', 'sales_by_product', 'sales_by_customer', 'sales_by_region', 'orders_by_state', 'receivables_ageing', 'stock', 'customer_ranking', 'product_ranking']) {
      const r = await report('ownerGd', kind, { format: 'csv' });
      expect(r.csv.charCodeAt(0), kind).toBe(0xfeff);
      expect(r.filename, kind).toMatch(new RegExp(`^${kind}-`));
      expect(r.csv.split('\r\n').length, kind).toBe(r.rows.length + 3);
    }
    const csv = (await report('ownerGd', 'sales_by_product', { format: 'csv' })).csv as string;
    expect(csv).toContain(`,${((7 * BOX_PRICES.store) / 100).toFixed(2)}`);
  });

  it("another org never reads a seller's reports; the channel-wide ones are the brand's", async () => {
    for (const who of ['ownerBj', 'clerkGz', 'consumer1']) expect((await ch.as(who, 'report', { action: 'ordering', kind: 'sales_by_day', sellerOrgId: ch.ids.gd })).error?.code, who).toBe('FORBIDDEN');
    for (const who of ['ownerGd', 'clerkGz']) expect((await ch.as(who, 'report', { action: 'ordering', kind: 'sales_by_day' })).error?.code, who).toBe('FORBIDDEN');
    await ch.ok('inspector', 'report', { action: 'ordering', kind: 'orders_by_state', sellerOrgId: ch.ids.gd });
  });
});
