/**
 * Ordering reports (docs/reports.md): sales by day, product, customer and region; orders by
 * state; receivables ageing; rankings of customers and products; and their CSV (UTF-8 with BOM,
 * money in yuan with two decimals, so Excel opens it). Pure: the server loads, these aggregate.
 *
 * Sales count orders the seller accepted (approved and later, not cancelled); an order's sales
 * are its lines' net less what was refunded on them, dated by the day it was submitted
 * (Asia/Shanghai).
 */
import { ORDER_STATES, type OrderState } from './order-machine.js';
import { ageingBucket, shanghaiDate, AGEING_BUCKETS, type AgeingBucket } from './receivables.js';

export const REPORT_KINDS = [
  'sales_by_day',
  'sales_by_product',
  'sales_by_customer',
  'sales_by_region',
  'orders_by_state',
  'receivables_ageing',
  'customer_ranking',
  'product_ranking',
  'stock',
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** States whose orders count as sales. */
export const SALES_STATES: readonly OrderState[] = ['approved', 'partially_shipped', 'shipped', 'received', 'completed'];

export interface ReportOrderLine {
  productId: string;
  productName: string;
  quantity: number;
  itemsPerUnit: number;
  net: number;
  refunded: number;
}
export interface ReportOrder {
  sellerOrgId: string;
  buyerOrgId: string;
  status: OrderState;
  total: number;
  createdAt: number;
  lines: readonly ReportOrderLine[];
}

export type ColumnKind = 'text' | 'int' | 'fen';
export interface ReportColumn {
  key: string;
  /** The header in the CSV and on screen. */
  title: string;
  kind: ColumnKind;
}
export type ReportRow = Record<string, string | number>;
export interface ReportTable {
  columns: ReportColumn[];
  rows: ReportRow[];
  /** Sums of the int and fen columns. */
  totals: ReportRow;
}

function tableOf(columns: ReportColumn[], rows: ReportRow[]): ReportTable {
  const totals: ReportRow = {};
  for (const c of columns) {
    if (c.kind === 'text') continue;
    totals[c.key] = rows.reduce((s, r) => s + (typeof r[c.key] === 'number' ? (r[c.key] as number) : 0), 0);
  }
  const first = columns[0];
  if (first && first.kind === 'text') totals[first.key] = '合计';
  return { columns, rows, totals };
}

const SALES_COLUMNS = (key: string, title: string): ReportColumn[] => [
  { key, title, kind: 'text' },
  { key: 'name', title: '名称', kind: 'text' },
  { key: 'orders', title: '订单数', kind: 'int' },
  { key: 'items', title: '件数', kind: 'int' },
  { key: 'amount', title: '销售额(元)', kind: 'fen' },
];

export type SalesBy = 'day' | 'product' | 'customer' | 'region';

/**
 * Sales grouped by day, product, customer or region. `names` gives display names of products
 * and customers; `regionOf` the region (and its name) a customer's sales count in.
 */
export function salesTable(
  orders: readonly ReportOrder[],
  by: SalesBy,
  names: ReadonlyMap<string, string>,
  regionOf: (buyerOrgId: string) => { code: string; name: string } = () => ({ code: '', name: '' }),
): ReportTable {
  const groups = new Map<string, { name: string; orders: Set<number>; items: number; amount: number }>();
  orders.forEach((o, i) => {
    if (!SALES_STATES.includes(o.status)) return;
    for (const l of o.lines) {
      let key: string;
      let name: string;
      if (by === 'day') {
        const d = shanghaiDate(o.createdAt);
        key = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
        name = key;
      } else if (by === 'product') {
        key = l.productId;
        name = names.get(l.productId) ?? l.productName;
      } else if (by === 'customer') {
        key = o.buyerOrgId;
        name = names.get(o.buyerOrgId) ?? o.buyerOrgId;
      } else {
        const r = regionOf(o.buyerOrgId);
        key = r.code;
        name = r.name;
      }
      const g = groups.get(key) ?? { name, orders: new Set<number>(), items: 0, amount: 0 };
      g.orders.add(i);
      g.items += l.quantity * l.itemsPerUnit;
      g.amount += l.net - l.refunded;
      groups.set(key, g);
    }
  });
  const keyTitle = { day: '日期', product: '商品', customer: '客户', region: '地区' }[by];
  const rows = [...groups].map(([key, g]) => ({ key, name: g.name, orders: g.orders.size, items: g.items, amount: g.amount }));
  rows.sort((a, b) => (by === 'day' ? a.key.localeCompare(b.key) : b.amount - a.amount || a.key.localeCompare(b.key)));
  return tableOf(SALES_COLUMNS('key', keyTitle), rows);
}

/** Orders and their totals per state, every state listed. */
export function ordersByStateTable(orders: readonly ReportOrder[]): ReportTable {
  const rows = ORDER_STATES.map((s) => {
    const of = orders.filter((o) => o.status === s);
    return { status: s, orders: of.length, amount: of.reduce((n, o) => n + o.total, 0) };
  });
  return tableOf(
    [
      { key: 'status', title: '状态', kind: 'text' },
      { key: 'orders', title: '订单数', kind: 'int' },
      { key: 'amount', title: '金额(元)', kind: 'fen' },
    ],
    rows,
  );
}

export interface ReportReceivable {
  buyerOrgId: string;
  amount: number;
  repaid: number;
  due_ms: number;
}

/** Outstanding receivables per customer in ageing buckets: not due, 1–30, 31–60, over 60 days overdue. */
export function ageingTable(receivables: readonly ReportReceivable[], names: ReadonlyMap<string, string>, now_ms: number): ReportTable {
  const byBuyer = new Map<string, Record<AgeingBucket, number>>();
  for (const r of receivables) {
    const left = r.amount - r.repaid;
    if (left <= 0) continue;
    const row = byBuyer.get(r.buyerOrgId) ?? { not_due: 0, d1_30: 0, d31_60: 0, over_60: 0 };
    row[ageingBucket(r.due_ms, now_ms)] += left;
    byBuyer.set(r.buyerOrgId, row);
  }
  const rows = [...byBuyer].map(([buyerOrgId, b]) => ({
    customer: buyerOrgId,
    name: names.get(buyerOrgId) ?? buyerOrgId,
    ...b,
    total: AGEING_BUCKETS.reduce((s, k) => s + b[k], 0),
  }));
  rows.sort((a, b) => b.total - a.total || a.customer.localeCompare(b.customer));
  return tableOf(
    [
      { key: 'customer', title: '客户', kind: 'text' },
      { key: 'name', title: '名称', kind: 'text' },
      { key: 'not_due', title: '未到期(元)', kind: 'fen' },
      { key: 'd1_30', title: '逾期1-30天(元)', kind: 'fen' },
      { key: 'd31_60', title: '逾期31-60天(元)', kind: 'fen' },
      { key: 'over_60', title: '逾期60天以上(元)', kind: 'fen' },
      { key: 'total', title: '合计(元)', kind: 'fen' },
    ],
    rows,
  );
}

/** A ranking: sales by customer or product, best first, numbered; the first `limit`. */
export function rankingTable(orders: readonly ReportOrder[], of: 'customer' | 'product', names: ReadonlyMap<string, string>, limit: number): ReportTable {
  const sales = salesTable(orders, of, names);
  const rows = sales.rows.slice(0, limit).map((r, i) => ({ rank: i + 1, ...r }));
  return tableOf([{ key: 'rank', title: '排名', kind: 'int' }, ...sales.columns], rows);
}

/** A CSV field: quoted when it holds a comma, quote or line break; a leading formula sign defused. */
function csvField(v: string): string {
  const safe = /^[=+\-@]/.test(v) && !/^-?\d+(\.\d+)?$/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Fen as yuan with two decimals (integer arithmetic: no float rounding). */
/** One org's stock of one product, as the stock report shows it (counted in items). */
export interface ReportStockLevel {
  orgId: string;
  productId: string;
  onHand: number;
  reserved: number;
  available: number;
  safetyStock: number | null;
  /** How many low_stock alerts were raised for it. */
  lowAlerts: number;
}

/** Stock with low-stock flags (docs/reports.md), sorted by org then product name. */
export function stockTable(levels: readonly ReportStockLevel[], names: ReadonlyMap<string, string>): ReportTable {
  const rows: ReportRow[] = levels.map((s) => ({
    org: s.orgId,
    orgName: names.get(s.orgId) ?? s.orgId,
    product: s.productId,
    productName: names.get(s.productId) ?? s.productId,
    onHand: s.onHand,
    reserved: s.reserved,
    available: s.available,
    safetyStock: s.safetyStock ?? '',
    low: s.safetyStock !== null && s.available <= s.safetyStock ? '低库存' : '',
    lowAlerts: s.lowAlerts,
  }));
  rows.sort((a, b) => String(a.orgName).localeCompare(String(b.orgName)) || String(a.productName).localeCompare(String(b.productName)));
  const columns: ReportColumn[] = [
    { key: 'org', title: '组织', kind: 'text' },
    { key: 'orgName', title: '组织名称', kind: 'text' },
    { key: 'product', title: '商品', kind: 'text' },
    { key: 'productName', title: '商品名称', kind: 'text' },
    { key: 'onHand', title: '在库(件)', kind: 'int' },
    { key: 'reserved', title: '占用(件)', kind: 'int' },
    { key: 'available', title: '可用(件)', kind: 'int' },
    { key: 'safetyStock', title: '安全库存(件)', kind: 'text' },
    { key: 'low', title: '预警', kind: 'text' },
    { key: 'lowAlerts', title: '低库存预警次数', kind: 'int' },
  ];
  const totals: ReportRow = { org: '合计' };
  for (const k of ['onHand', 'reserved', 'available', 'lowAlerts'] as const) totals[k] = levels.reduce((n, s) => n + s[k], 0);
  return { columns, rows, totals };
}

export function yuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new Error(`bad fen ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** The table as CSV that Excel opens: UTF-8 with BOM, CRLF, a totals line last. */
export function toCsv(table: ReportTable): string {
  const cell = (c: ReportColumn, v: string | number | undefined) => {
    if (v === undefined) return '';
    if (c.kind === 'fen' && typeof v === 'number') return yuan(v);
    return csvField(String(v));
  };
  const lines = [table.columns.map((c) => csvField(c.title)).join(',')];
  for (const r of table.rows) lines.push(table.columns.map((c) => cell(c, r[c.key])).join(','));
  lines.push(table.columns.map((c) => cell(c, table.totals[c.key])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
