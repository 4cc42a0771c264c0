/**
 * Ordering reports on screen (docs/ordering.md#orders, report.ordering): the kinds a seller can
 * open, each cell as text (fen as yuan), and the period presets.
 */
import type { ReportColumn, ReportKind, ReportTable } from '@channel-router/shared';
import { formatFen } from '@channel-router/shared/money';
import { AGEING_LABELS, ORDER_STATE_LABELS } from '../ordering-words';

export const REPORT_TABS: ReadonlyArray<{ key: ReportKind; label: string }> = [
  { key: 'sales_by_day', label: '按日' },
  { key: 'sales_by_product', label: '按商品' },
  { key: 'sales_by_customer', label: '按客户' },
  { key: 'sales_by_region', label: '按地区' },
  { key: 'orders_by_state', label: '订单状态' },
  { key: 'receivables_ageing', label: '应收账龄' },
  { key: 'customer_ranking', label: '客户排行' },
  { key: 'product_ranking', label: '商品排行' },
];

export const PERIODS = [
  { key: '7', label: '近 7 天', days: 7 },
  { key: '30', label: '近 30 天', days: 30 },
  { key: '90', label: '近 90 天', days: 90 },
] as const;
export type PeriodKey = (typeof PERIODS)[number]['key'];

/** [from, to) for the last `days` days up to now. */
export function periodOf(key: PeriodKey, now_ms: number): { from: number; to: number } {
  const p = PERIODS.find((x) => x.key === key)!;
  return { from: now_ms - p.days * 86_400_000, to: now_ms + 1 };
}

const CODE_WORDS: Readonly<Record<string, string>> = { ...ORDER_STATE_LABELS, ...AGEING_LABELS };

/** One cell as text: fen as `1,234.50`, counts grouped, state and bucket codes in words. */
export function cellText(column: ReportColumn, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (column.kind === 'fen' && typeof value === 'number') return formatFen(value, { symbol: false, grouping: true });
  if (column.kind === 'int' && typeof value === 'number') return value.toLocaleString('en-US');
  const s = String(value);
  return CODE_WORDS[s] ?? s;
}

export interface ReportGrid {
  head: string[];
  rows: string[][];
  totals: string[];
  /** Numeric columns align right. */
  numeric: boolean[];
}

/** Rows drawn at once (a report has at most a few hundred). */
export const MAX_REPORT_ROWS = 500;

export function reportGrid(t: ReportTable): ReportGrid {
  return {
    head: t.columns.map((c) => c.title),
    rows: t.rows.slice(0, MAX_REPORT_ROWS).map((r) => t.columns.map((c) => cellText(c, r[c.key]))),
    totals: t.columns.map((c) => cellText(c, t.totals[c.key])),
    numeric: t.columns.map((c) => c.kind !== 'text'),
  };
}
