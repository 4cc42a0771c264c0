/**
 * Return refunds (docs/ordering.md): returning k of a line's m remaining units refunds
 * floor(remainingNet × k / m), and everything that remains when k = m, so a line's refunds always
 * add up to its net exactly.
 */
import { err, ok, type Result } from '../result.js';

export interface LineBalance {
  /** The line's net at submit (fen). */
  net: number;
  quantity: number;
  /** Units returned or closed (refunded) so far. */
  returned: number;
  /** Fen refunded so far. */
  refunded: number;
}

export function returnRefund_fen(remainingNet_fen: number, k: number, m: number): number {
  if (!Number.isSafeInteger(m) || m <= 0) throw new Error(`returnRefund: bad remaining units ${m}`);
  if (!Number.isSafeInteger(k) || k <= 0 || k > m) throw new Error(`returnRefund: bad units ${k} of ${m}`);
  if (!Number.isSafeInteger(remainingNet_fen) || remainingNet_fen < 0) throw new Error(`returnRefund: bad net ${remainingNet_fen}`);
  if (k === m) return remainingNet_fen;
  return Number((BigInt(remainingNet_fen) * BigInt(k)) / BigInt(m));
}

/** Refund for returning `k` units of a line, and the line afterwards. INVALID_ARGUMENT naming `field` when too many. */
export function refundLine(line: LineBalance, k: number, field: string): Result<{ refund_fen: number; line: LineBalance }> {
  const m = line.quantity - line.returned;
  if (!Number.isSafeInteger(k) || k <= 0) return err('INVALID_ARGUMENT', 'return at least one unit', field);
  if (k > m) return err('INVALID_ARGUMENT', `only ${m} units of this line can be returned`, field);
  const refund_fen = returnRefund_fen(line.net - line.refunded, k, m);
  return ok({ refund_fen, line: { ...line, returned: line.returned + k, refunded: line.refunded + refund_fen } });
}
