/**
 * Rebate periods (docs/promotions.md): calendar months, quarters and years in Asia/Shanghai
 * (UTC+8 all year, no daylight saving), half-open [from, to) in ms.
 */
export const REBATE_PERIODS = ['month', 'quarter', 'year'] as const;
export type RebatePeriodKind = (typeof REBATE_PERIODS)[number];

export interface RebatePeriod {
  kind: RebatePeriodKind;
  /** `2026-12`, `2026-Q4`, `2026`. */
  key: string;
  from_ms: number;
  to_ms: number;
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
/** Years a period may fall in: far beyond any order's date, and keeps Date.UTC exact. */
const MIN_YEAR = 2000;
const MAX_YEAR = 2200;

function startOf(year: number, month0: number): number {
  return Date.UTC(year, month0, 1) - SHANGHAI_OFFSET_MS;
}

function monthsOf(kind: RebatePeriodKind): number {
  return kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12;
}

function keyOf(kind: RebatePeriodKind, year: number, month0: number): string {
  if (kind === 'year') return String(year);
  if (kind === 'quarter') return `${year}-Q${Math.floor(month0 / 3) + 1}`;
  return `${year}-${String(month0 + 1).padStart(2, '0')}`;
}

function build(kind: RebatePeriodKind, year: number, firstMonth0: number): RebatePeriod {
  const n = monthsOf(kind);
  return { kind, key: keyOf(kind, year, firstMonth0), from_ms: startOf(year, firstMonth0), to_ms: startOf(year, firstMonth0 + n) };
}

/** The period of `kind` holding the moment `at_ms` (its Shanghai calendar date). */
export function periodOf(kind: RebatePeriodKind, at_ms: number): RebatePeriod {
  if (!Number.isSafeInteger(at_ms)) throw new Error(`periodOf: bad moment ${at_ms}`);
  const local = new Date(at_ms + SHANGHAI_OFFSET_MS);
  const year = local.getUTCFullYear();
  if (year < MIN_YEAR || year > MAX_YEAR) throw new Error(`periodOf: year ${year} out of range`);
  const n = monthsOf(kind);
  const first = Math.floor(local.getUTCMonth() / n) * n;
  const p = build(kind, year, first);
  if (!(p.from_ms <= at_ms && at_ms < p.to_ms)) throw new Error('periodOf: moment outside its period');
  return p;
}

/** The period right after. */
export function nextPeriod(p: RebatePeriod): RebatePeriod {
  return periodOf(p.kind, p.to_ms);
}

/** The period right before. */
export function previousPeriod(p: RebatePeriod): RebatePeriod {
  return periodOf(p.kind, p.from_ms - 1);
}

/** The period a key names (`2026-Q4`), or null when the key is not one of `kind`. */
export function periodByKey(kind: RebatePeriodKind, key: string): RebatePeriod | null {
  const m = /^(\d{4})(?:-(?:(\d{2})|Q([1-4])))?$/.exec(key);
  if (m === null) return null;
  const year = Number(m[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  if (kind === 'year') return m[2] === undefined && m[3] === undefined ? build(kind, year, 0) : null;
  if (kind === 'quarter') return m[3] === undefined ? null : build(kind, year, (Number(m[3]) - 1) * 3);
  if (m[2] === undefined) return null;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? build(kind, year, month - 1) : null;
}
