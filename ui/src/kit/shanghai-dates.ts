/**
 * Calendar dates as the seller types them (`2026-12-05`, Asia/Shanghai, UTC+8 all year) and the
 * half-open validity windows the backend stores in ms (docs/promotions.md#promotions): a window
 * "from 12-01 to 12-31" is [12-01 00:00, 01-01 00:00) in Shanghai.
 */
const SHANGHAI_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The start of a Shanghai day in ms, or null when the text is not a real date (2000–2199). */
export function dayStart_ms(date: string): number | null {
  const m = DATE.exec(date.trim());
  if (m === null) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 2000 || y > 2199 || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const ms = Date.UTC(y, mo - 1, d) - SHANGHAI_MS;
  // 02-30 rolls over to March: not a date.
  return dateOf(ms) === date.trim() ? ms : null;
}

/** The Shanghai date of a moment: `2026-12-05`. */
export function dateOf(at_ms: number): string {
  if (!Number.isSafeInteger(at_ms)) throw new Error(`dateOf: bad moment ${at_ms}`);
  return new Date(at_ms + SHANGHAI_MS).toISOString().slice(0, 10);
}

/** The window's `to` for a last day included: the next day's start. */
export function dayEnd_ms(date: string): number | null {
  const s = dayStart_ms(date);
  return s === null ? null : s + DAY_MS;
}

/** The last day a half-open window includes (its `to` minus one ms). */
export function lastDateOf(to_ms: number): string {
  return dateOf(to_ms - 1);
}

/** `12-05 14:30` in Shanghai, for who-did-what-when rows. */
export function shortTimeText(at_ms: number): string {
  const iso = new Date(at_ms + SHANGHAI_MS).toISOString();
  return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

export function addDays(date: string, days: number): string {
  const s = dayStart_ms(date);
  if (s === null) throw new Error(`addDays: bad date ${date}`);
  return dateOf(s + days * DAY_MS);
}

/** `2026-12-04 09:30` in Shanghai, whatever the phone's zone. */
export function shanghaiTime(at_ms: number): string {
  const iso = new Date(at_ms + SHANGHAI_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
