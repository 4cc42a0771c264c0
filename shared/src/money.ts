/**
 * Money is integer fen (分) everywhere; yuan (元) exist only at the edges, as text a person reads
 * or types. Conversions here use string arithmetic only, so no float ever touches an amount.
 */
import { err, ok, type Result } from './result.js';

/** Upper bound of any single amount: 10^10 fen = 100,000,000 yuan (一亿元). Far above any real
 * reward, budget top-up or withdrawal, and far below Number.MAX_SAFE_INTEGER, so sums of a few
 * thousand amounts stay exact. */
export const MAX_FEN = 10_000_000_000;

export function isFen(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_FEN;
}

/**
 * `formatFen(1234)` → `'¥12.34'`, `formatFen(-5)` → `'-¥0.05'`. With `{ grouping: true }`,
 * thousands are separated: `'¥1,234,567.89'`. With `{ symbol: false }` the `¥` is left out.
 * A non-integer is a bug (amounts are integer fen by construction) and throws.
 */
export function formatFen(fen: number, options: { symbol?: boolean; grouping?: boolean } = {}): string {
  if (!Number.isSafeInteger(fen)) throw new Error(`formatFen: not an integer amount of fen: ${fen}`);
  const negative = fen < 0;
  const digits = String(Math.abs(fen)).padStart(3, '0');
  let yuan = digits.slice(0, -2);
  const cents = digits.slice(-2);
  if (options.grouping === true) yuan = yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const symbol = options.symbol === false ? '' : '¥';
  return `${negative ? '-' : ''}${symbol}${yuan}.${cents}`;
}

/** Longest accepted yuan text; longer input is rejected before any parsing work. */
const MAX_YUAN_INPUT_LENGTH = 32;
const YUAN_PATTERN = /^(\d+)?(?:\.(\d{0,2}))?$/;

/**
 * Parses what a person types as a yuan amount into integer fen: `'12.34'` → 1234, `'12'` → 1200,
 * `'0.5'` → 50, `'.5'` → 50, `'¥1,234.5'` → 123450. Surrounding spaces, a leading `¥`/`￥` and
 * thousands commas are tolerated; a sign, an exponent, more than two decimals, or an amount above
 * MAX_FEN are INVALID_ARGUMENT naming `field`.
 */
export function parseYuan(input: string, field = 'amount'): Result<number> {
  if (typeof input !== 'string') return err('INVALID_ARGUMENT', 'amount must be text', field, { rule: 'type' });
  if (input.length > MAX_YUAN_INPUT_LENGTH) return err('INVALID_ARGUMENT', 'amount is too long', field, { rule: 'max_length', limit: MAX_YUAN_INPUT_LENGTH });
  let text = input.trim().replace(/^[¥￥]\s*/, '');
  if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(text)) text = text.replace(/,/g, '');
  const m = YUAN_PATTERN.exec(text);
  if (text === '' || text === '.' || m === null) {
    return err('INVALID_ARGUMENT', 'amount must be a number of yuan with at most two decimals, e.g. 12.34', field, { rule: 'pattern' });
  }
  const whole = (m[1] ?? '0').replace(/^0+(?=\d)/, '');
  const cents = (m[2] ?? '').padEnd(2, '0');
  // MAX_FEN has 11 digits; compare lengths first so the Number below is always exact.
  const fenText = (whole + cents).replace(/^0+(?=\d)/, '');
  if (fenText.length > String(MAX_FEN).length) return err('INVALID_ARGUMENT', 'amount is too large', field, { rule: 'max', limit: MAX_FEN });
  const fen = Number(fenText);
  if (fen > MAX_FEN) return err('INVALID_ARGUMENT', 'amount is too large', field, { rule: 'max', limit: MAX_FEN });
  return ok(fen);
}
