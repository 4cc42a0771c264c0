/**
 * Receivables (docs/ordering.md): a credit-paid order's debt starts when the order is received and
 * falls due `termDays` Asia/Shanghai calendar days later (the end of that day). Ageing buckets
 * count whole calendar days overdue.
 */
const DAY_MS = 24 * 3600_000;
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
export const TERM_DAYS_MAX = 365;

/** The Asia/Shanghai calendar day number (days since 1970-01-01 there) of a moment. */
export function shanghaiDay(at_ms: number): number {
  return Math.floor((at_ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** YYYYMMDD of the Asia/Shanghai date of a moment. */
export function shanghaiDate(at_ms: number): string {
  return new Date(at_ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
}

/** The first moment at which a receivable started at `receivedAt_ms` is overdue. */
export function dueAt_ms(receivedAt_ms: number, termDays: number): number {
  if (!Number.isSafeInteger(termDays) || termDays < 0 || termDays > TERM_DAYS_MAX) throw new Error(`dueAt: bad termDays ${termDays}`);
  // Due on the day receipt + termDays (Shanghai), until the end of that day.
  return (shanghaiDay(receivedAt_ms) + termDays + 1) * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** Whole days overdue at `now_ms` (0 while not due; 1 on the first day after the due day). */
export function daysOverdue(due_ms: number, now_ms: number): number {
  if (now_ms < due_ms) return 0;
  return shanghaiDay(now_ms) - shanghaiDay(due_ms) + 1;
}

export const AGEING_BUCKETS = ['not_due', 'd1_30', 'd31_60', 'over_60'] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

export function ageingBucket(due_ms: number, now_ms: number): AgeingBucket {
  const d = daysOverdue(due_ms, now_ms);
  if (d === 0) return 'not_due';
  if (d <= 30) return 'd1_30';
  if (d <= 60) return 'd31_60';
  return 'over_60';
}

export interface ReceivableLike {
  /** Unpaid fen. */
  outstanding_fen: number;
  due_ms: number;
}

/** Outstanding fen per ageing bucket. */
export function ageing(receivables: readonly ReceivableLike[], now_ms: number): Record<AgeingBucket, number> {
  const out: Record<AgeingBucket, number> = { not_due: 0, d1_30: 0, d31_60: 0, over_60: 0 };
  for (const r of receivables) if (r.outstanding_fen > 0) out[ageingBucket(r.due_ms, now_ms)] += r.outstanding_fen;
  return out;
}

export function overdue_fen(receivables: readonly ReceivableLike[], now_ms: number): number {
  let sum = 0;
  for (const r of receivables) if (r.outstanding_fen > 0 && now_ms >= r.due_ms) sum += r.outstanding_fen;
  return sum;
}
