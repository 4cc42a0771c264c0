/**
 * Tenders (docs/ordering.md): how an order's total is paid, and the largest-remainder split that
 * every apportioning uses (refunds over tenders, and later discounts over lines).
 */
import { MAX_FEN } from '../money.js';
import { err, ok, type Result } from '../result.js';

export const TENDER_KINDS = ['rebate', 'deposit', 'credit', 'wechat_pay', 'transfer'] as const;
export type TenderKind = (typeof TENDER_KINDS)[number];

/** Paid from a balance the buyer holds with the seller: held at submit, in the same transaction. */
export const BALANCE_TENDERS: readonly TenderKind[] = ['rebate', 'deposit', 'credit'];
export function isBalanceTender(kind: TenderKind): boolean {
  return BALANCE_TENDERS.includes(kind);
}

export interface Tender {
  kind: TenderKind;
  amount: number;
}

/** Default share of an order's total that rebate may pay: 20 %. */
export const DEFAULT_MAX_REBATE_SHARE_BP = 2000;

export function maxRebate_fen(total_fen: number, maxRebateShare_bp: number): number {
  if (!Number.isSafeInteger(total_fen) || total_fen < 0) throw new Error(`maxRebate_fen: bad total ${total_fen}`);
  if (!Number.isSafeInteger(maxRebateShare_bp) || maxRebateShare_bp < 0 || maxRebateShare_bp > 10000) throw new Error(`maxRebate_fen: bad share ${maxRebateShare_bp}`);
  return Math.floor((total_fen * maxRebateShare_bp) / 10000);
}

/**
 * Checks the tenders against the order's total: each kind at most once, positive integer amounts,
 * the sum equal to the total, rebate within its share. INVALID_ARGUMENT names the field.
 */
export function checkTenders(total_fen: number, tenders: readonly Tender[], maxRebateShare_bp: number): Result<Tender[]> {
  const seen = new Set<TenderKind>();
  let sum = 0;
  for (let i = 0; i < tenders.length; i++) {
    const t = tenders[i]!;
    if (!TENDER_KINDS.includes(t.kind)) return err('INVALID_ARGUMENT', `unknown tender kind ${String(t.kind)}`, `tenders[${i}].kind`);
    if (seen.has(t.kind)) return err('INVALID_ARGUMENT', `tender ${t.kind} appears twice`, `tenders[${i}].kind`);
    seen.add(t.kind);
    if (!Number.isSafeInteger(t.amount) || t.amount <= 0 || t.amount > MAX_FEN) return err('INVALID_ARGUMENT', 'a tender amount is a positive number of fen', `tenders[${i}].amount`);
    sum += t.amount;
  }
  if (sum !== total_fen) return err('INVALID_ARGUMENT', `the tenders add up to ${sum} fen, the order's total is ${total_fen}`, 'tenders');
  const rebate = tenders.find((t) => t.kind === 'rebate');
  const cap = maxRebate_fen(total_fen, maxRebateShare_bp);
  if (rebate && rebate.amount > cap) return err('INVALID_ARGUMENT', `rebate may pay at most ${cap} fen of this order`, `tenders[${tenders.indexOf(rebate)}].amount`);
  return ok(tenders.map((t) => ({ kind: t.kind, amount: t.amount })));
}

/**
 * Splits `amount_fen` over `weights` by largest remainder: each part gets
 * floor(amount × w_i / W), the fen left over go one each to the largest remainders (ties: the
 * larger weight, then the earlier one). Parts add up to `amount_fen` exactly; a zero weight gets 0.
 * Requires amount ≤ W (no part may exceed its weight) unless `allowAboveWeights`.
 */
export function largestRemainder(amount_fen: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(amount_fen) || amount_fen < 0) throw new Error(`largestRemainder: bad amount ${amount_fen}`);
  let total = 0;
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) throw new Error(`largestRemainder: bad weight ${w}`);
    total += w;
  }
  if (amount_fen === 0) return weights.map(() => 0);
  if (total === 0) throw new Error('largestRemainder: nothing to split over');
  // BigInt keeps amount × weight exact beyond 2^53 (10^10 fen × 10^10 fen).
  const A = BigInt(amount_fen);
  const T = BigInt(total);
  const parts = weights.map((w) => Number((A * BigInt(w)) / T));
  const rems = weights.map((w, i) => ({ i, w, r: (A * BigInt(w)) % T }));
  let left = amount_fen - parts.reduce((a, b) => a + b, 0);
  rems.sort((a, b) => (a.r === b.r ? (a.w === b.w ? a.i - b.i : b.w - a.w) : a.r > b.r ? -1 : 1));
  for (const { i } of rems) {
    if (left === 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  if (left !== 0) throw new Error('largestRemainder: did not converge');
  return parts;
}

export interface RefundableTender {
  kind: TenderKind;
  /** What this tender paid and was not refunded yet. */
  refundable: number;
}

/**
 * A refund back to the tenders that paid, weighted by what each still has refundable.
 * INVALID_ARGUMENT when the refund is more than all of them hold.
 */
export function splitRefund(amount_fen: number, tenders: readonly RefundableTender[]): Result<Tender[]> {
  const total = tenders.reduce((s, t) => s + t.refundable, 0);
  if (amount_fen > total) return err('INVALID_ARGUMENT', `refund of ${amount_fen} fen is more than the ${total} fen refundable`, 'amount');
  const parts = largestRemainder(amount_fen, tenders.map((t) => t.refundable));
  const out: Tender[] = [];
  tenders.forEach((t, i) => {
    const p = parts[i]!;
    if (p > t.refundable) throw new Error('splitRefund: part above its tender');
    if (p > 0) out.push({ kind: t.kind, amount: p });
  });
  return ok(out);
}
