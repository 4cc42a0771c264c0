/**
 * Credit (赊销, docs/ordering.md): credit in use = unpaid receivables + credit held by open orders.
 * In the ledger it is minus the balance of the buyer's `credit` account with the seller, which
 * may go down to minus the limit and no further.
 */
import { err, ok, type Result } from '../result.js';

export interface CreditLineTerms {
  limit_fen: number;
  from_ms: number;
  to_ms: number;
  termDays: number;
}

export interface CreditPosition {
  limit: number;
  used: number;
  available: number;
  overdue: number;
}

export function creditInUse(unpaidReceivables_fen: number, heldByOpenOrders_fen: number): number {
  return unpaidReceivables_fen + heldByOpenOrders_fen;
}

export function isLineValid(line: CreditLineTerms | null, at_ms: number): line is CreditLineTerms {
  return line !== null && line.from_ms <= at_ms && at_ms < line.to_ms;
}

export function creditPosition(line: CreditLineTerms | null, used_fen: number, overdue_fen: number, at_ms: number): CreditPosition {
  const limit = isLineValid(line, at_ms) ? line.limit_fen : 0;
  return { limit, used: used_fen, available: Math.max(0, limit - used_fen), overdue: overdue_fen };
}

/**
 * May `amount_fen` more of credit be used? CREDIT_OVERDUE first (an overdue receivable blocks
 * any new credit), then CREDIT_EXCEEDED when the line is missing, expired, or too small.
 */
export function checkCredit(line: CreditLineTerms | null, used_fen: number, overdue_fen: number, amount_fen: number, at_ms: number, field = 'tenders'): Result<CreditPosition> {
  if (overdue_fen > 0) return err('CREDIT_OVERDUE', `${overdue_fen} fen of receivables are overdue`, field);
  if (!isLineValid(line, at_ms)) return err('CREDIT_EXCEEDED', 'there is no valid credit line with this seller', field);
  if (used_fen + amount_fen > line.limit_fen) {
    return err('CREDIT_EXCEEDED', `credit available is ${Math.max(0, line.limit_fen - used_fen)} fen, the order needs ${amount_fen}`, field);
  }
  return ok(creditPosition(line, used_fen + amount_fen, overdue_fen, at_ms));
}
