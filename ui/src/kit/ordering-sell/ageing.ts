/**
 * Receivables ageing as the seller sees it (docs/ordering-operations.md#receivables): the four
 * buckets in order (not due, 1–30, 31–60, over 60 days overdue), each with its amount, its share
 * of the total as a bar width, and a tone that gets louder with age.
 */
import { formatFen } from '@channel-router/shared/money';
import type { AgeingBucket } from '@channel-router/shared';
import { AGEING_LABELS } from '../ordering-words';

export const AGEING_ORDER: readonly AgeingBucket[] = ['not_due', 'd1_30', 'd31_60', 'over_60'];

const TONES: Readonly<Record<AgeingBucket, 'success' | 'default' | 'warning' | 'danger'>> = { not_due: 'success', d1_30: 'default', d31_60: 'warning', over_60: 'danger' };

export interface AgeingRow {
  bucket: AgeingBucket;
  label: string;
  fen: number;
  text: string;
  /** Whole percent of the total (0–100); the rows' shares add up to 100 when there is a total. */
  share: number;
  tone: 'success' | 'default' | 'warning' | 'danger';
}

export interface AgeingView {
  rows: AgeingRow[];
  total: number;
  overdue: number;
  totalText: string;
  overdueText: string;
}

/** Buckets missing from the reply count 0; a negative amount is a bug upstream. */
export function ageingView(ageing: Partial<Record<string, number>>): AgeingView {
  const fens = AGEING_ORDER.map((b) => {
    const v = ageing[b] ?? 0;
    if (!Number.isSafeInteger(v) || v < 0) throw new Error(`ageing: ${b} is not a fen amount: ${String(v)}`);
    return v;
  });
  const total = fens.reduce((s, v) => s + v, 0);
  const shares = largestRemainder(fens, total);
  const rows = AGEING_ORDER.map((bucket, i) => ({ bucket, label: AGEING_LABELS[bucket], fen: fens[i]!, text: formatFen(fens[i]!, { grouping: true }), share: shares[i]!, tone: TONES[bucket] }));
  const overdue = total - fens[0]!;
  return { rows, total, overdue, totalText: formatFen(total, { grouping: true }), overdueText: formatFen(overdue, { grouping: true }) };
}

/** Whole percents that add up to exactly 100 (largest remainder); all 0 for a 0 total. */
export function largestRemainder(values: readonly number[], total: number): number[] {
  if (total <= 0) return values.map(() => 0);
  const exact = values.map((v) => (v * 100) / total);
  const out = exact.map(Math.floor);
  let rest = 100 - out.reduce((s, v) => s + v, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (rest <= 0) break;
    out[i]! += 1;
    rest--;
  }
  return out;
}
