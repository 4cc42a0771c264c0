import { describe, expect, it } from 'vitest';
import { ageingTable, ordersByStateTable, rankingTable, salesTable, stockTable, toCsv, yuan, type ReportOrder } from './reports.js';

const DAY = 86_400_000;
// 2026-12-01 00:30 Asia/Shanghai = 2026-11-30 16:30 UTC.
const D1 = Date.UTC(2026, 10, 30, 16, 30);
const line = (productId: string, quantity: number, net: number, refunded = 0) => ({ productId, productName: `名${productId}`, quantity, itemsPerUnit: 6, net, refunded });
const orders: ReportOrder[] = [
  { sellerOrgId: 's', buyerOrgId: 'b1', status: 'completed', total: 3000, createdAt: D1, lines: [line('p1', 1, 1000), line('p2', 2, 2000, 500)] },
  { sellerOrgId: 's', buyerOrgId: 'b2', status: 'approved', total: 1000, createdAt: D1 + DAY, lines: [line('p1', 1, 1000)] },
  { sellerOrgId: 's', buyerOrgId: 'b2', status: 'cancelled', total: 9000, createdAt: D1, lines: [line('p1', 9, 9000)] },
  { sellerOrgId: 's', buyerOrgId: 'b1', status: 'pending_payment', total: 7000, createdAt: D1, lines: [line('p2', 7, 7000)] },
];
const names = new Map([['b1', '天河店'], ['b2', '南山店'], ['p1', '酱油']]);

describe('sales', () => {
  it('goal: only accepted orders count, net less refunds, by Shanghai day', () => {
    const t = salesTable(orders, 'day', names);
    expect(t.rows).toEqual([
      { key: '2026-12-01', name: '2026-12-01', orders: 1, items: 18, amount: 2500 },
      { key: '2026-12-02', name: '2026-12-02', orders: 1, items: 6, amount: 1000 },
    ]);
    expect(t.totals).toMatchObject({ key: '合计', orders: 2, items: 24, amount: 3500 });
  });
  it('goal: by product, customer and region, largest first', () => {
    expect(salesTable(orders, 'product', names).rows.map((r) => [r.key, r.name, r.amount])).toEqual([['p1', '酱油', 2000], ['p2', '名p2', 1500]]);
    expect(salesTable(orders, 'customer', names).rows.map((r) => [r.name, r.orders, r.amount])).toEqual([['天河店', 1, 2500], ['南山店', 1, 1000]]);
    const region = (b: string) => (b === 'b1' ? { code: '440100', name: '广州市' } : { code: '440300', name: '深圳市' });
    expect(salesTable(orders, 'region', names, region).rows.map((r) => [r.key, r.amount])).toEqual([['440100', 2500], ['440300', 1000]]);
  });
  it('goal: rankings number the best first and stop at the limit', () => {
    expect(rankingTable(orders, 'customer', names, 1).rows).toEqual([{ rank: 1, key: 'b1', name: '天河店', orders: 1, items: 18, amount: 2500 }]);
  });
});

describe('orders by state and ageing', () => {
  it('goal: every state listed with its orders and amount', () => {
    const t = ordersByStateTable(orders);
    expect(t.rows.find((r) => r.status === 'cancelled')).toEqual({ status: 'cancelled', orders: 1, amount: 9000 });
    expect(t.rows.find((r) => r.status === 'shipped')).toEqual({ status: 'shipped', orders: 0, amount: 0 });
    expect(t.totals.orders).toBe(4);
  });
  it('goal: outstanding receivables in buckets: not due, 1–30, 31–60, over 60 days overdue', () => {
    const now = D1 + 100 * DAY;
    const t = ageingTable(
      [
        { buyerOrgId: 'b1', amount: 1000, repaid: 200, due_ms: now + DAY },
        { buyerOrgId: 'b1', amount: 500, repaid: 0, due_ms: now - 10 * DAY },
        { buyerOrgId: 'b2', amount: 300, repaid: 0, due_ms: now - 45 * DAY },
        { buyerOrgId: 'b2', amount: 700, repaid: 0, due_ms: now - 90 * DAY },
        { buyerOrgId: 'b2', amount: 100, repaid: 100, due_ms: now - 90 * DAY },
      ],
      names,
      now,
    );
    expect(t.rows).toEqual([
      { customer: 'b2', name: '南山店', not_due: 0, d1_30: 0, d31_60: 300, over_60: 700, total: 1000 },
      { customer: 'b1', name: '天河店', not_due: 800, d1_30: 500, d31_60: 0, over_60: 0, total: 1300 },
    ].sort((a, b) => b.total - a.total));
    expect(t.totals).toMatchObject({ not_due: 800, d1_30: 500, d31_60: 300, over_60: 700, total: 2300 });
  });
});

describe('CSV', () => {
  it('goal: UTF-8 with BOM, money in yuan with two decimals, quoting, formulas defused, a totals line', () => {
    const csv = toCsv({
      columns: [{ key: 'name', title: '名称', kind: 'text' }, { key: 'amount', title: '金额(元)', kind: 'fen' }, { key: 'n', title: 'n', kind: 'int' }],
      rows: [{ name: 'a,"b"', amount: 123456, n: 2 }, { name: '=SUM(A1)', amount: -5, n: 1 }],
      totals: { name: '合计', amount: 123451, n: 3 },
    });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')).toEqual(['名称,金额(元),n', '"a,""b""",1234.56,2', "'=SUM(A1),-0.05,1", '合计,1234.51,3', '']);
    expect(yuan(5)).toBe('0.05');
  });
});

describe('stock: every org and product with its low flag, summed', () => {
  it('flags a product at or below its safety stock, leaves one without a safety stock unflagged, and sums the counts', () => {
    const t = stockTable(
      [
        { orgId: 'o2', productId: 'p1', onHand: 10, reserved: 4, available: 6, safetyStock: 6, lowAlerts: 1 },
        { orgId: 'o1', productId: 'p2', onHand: 5, reserved: 0, available: 5, safetyStock: null, lowAlerts: 0 },
      ],
      new Map([['o1', '甲'], ['o2', '乙'], ['p1', '酱油'], ['p2', '醋']]),
    );
    expect(t.rows.map((r) => [r.orgName, r.productName, r.low, r.safetyStock])).toEqual([
      ['乙', '酱油', '低库存', 6],
      ['甲', '醋', '', ''],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    expect(t.totals).toEqual({ org: '合计', onHand: 15, reserved: 4, available: 11, lowAlerts: 1 });
  });
});
