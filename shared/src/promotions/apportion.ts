/**
 * Apportioning a discount over lines (docs/promotions.md): each line gets floor(D × b_i / S), the
 * fen left over go one each to the largest remainders (ties: larger base, then earlier line). It is
 * the same largest-remainder split the order module uses for refunds over tenders.
 */
import { largestRemainder } from '../ordering/tenders.js';

/**
 * Splits discount `d_fen` over `bases_fen`. The discount never exceeds the bases' sum (callers cap
 * it there), so no line gets more than its base and none goes below 0.
 */
export function apportion(d_fen: number, bases_fen: readonly number[]): number[] {
  const s = bases_fen.reduce((a, b) => a + b, 0);
  if (!Number.isSafeInteger(d_fen) || d_fen < 0 || d_fen > s) throw new Error(`apportion: discount ${d_fen} outside 0..${s}`);
  const parts = largestRemainder(d_fen, bases_fen);
  // Postconditions: exact sum, each part within its base.
  let sum = 0;
  parts.forEach((p, i) => {
    if (p < 0 || p > bases_fen[i]!) throw new Error(`apportion: part ${p} outside its base ${bases_fen[i]}`);
    sum += p;
  });
  if (sum !== d_fen) throw new Error(`apportion: parts add up to ${sum}, not ${d_fen}`);
  return parts;
}

/**
 * A 满折's one discount for the whole: round_half_up(S × (10000 − rate) / 10000). Computed once for
 * all its lines and then apportioned, never rounded per line.
 */
export function fullDiscount_fen(s_fen: number, rate_bp: number): number {
  if (!Number.isSafeInteger(s_fen) || s_fen < 0) throw new Error(`fullDiscount_fen: bad amount ${s_fen}`);
  if (!Number.isSafeInteger(rate_bp) || rate_bp < 0 || rate_bp > 10000) throw new Error(`fullDiscount_fen: bad rate ${rate_bp}`);
  // Half up on an exact rational: floor((2·S·(10000 − r) + 10000) / 20000).
  const twice = 2n * BigInt(s_fen) * BigInt(10000 - rate_bp);
  return Number((twice + 10000n) / 20000n);
}
