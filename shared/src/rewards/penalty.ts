/**
 * Settling a diversion penalty (docs/rewards.md#penalty: pending until a brand admin settles it). A penalty is
 * settled by deducting it from the dealer's org wallet into the brand budget, recorded as settled
 * outside the system, or waived. Only a pending penalty can be settled.
 */
import type { PenaltyResolution, PenaltyStatus } from '../api/actions.js';
import { err, ok, type Result } from '../result.js';
import { BUDGET_ACCOUNT, orgAccount, type Posting } from '../wallet/ledger.js';

export interface PenaltyState {
  /** The penalty's id (its key, `redeem:<code>:penalty`). */
  key: string;
  dealerId: string;
  amount_fen: number;
  status: PenaltyStatus;
}

export interface Settlement {
  status: PenaltyStatus;
  postings: Posting[];
  /** False when the penalty was already settled this way (a retried call). */
  changed: boolean;
}

/**
 * - `deduct`: dealer wallet → brand budget (INSUFFICIENT_FUNDS when the wallet holds less; no
 *   partial deduction: the admin then settles offline or waits);
 * - `offline`: settled, no money moves; `waive`: waived.
 * CONFLICT for a penalty no longer pending, unless the same resolution is repeated.
 */
export function settlePenalty(
  penalty: PenaltyState,
  resolution: PenaltyResolution,
  ctx: { dealerBalance_fen: number; at: number },
): Result<Settlement> {
  const target: PenaltyStatus = resolution === 'waive' ? 'waived' : 'settled';
  if (penalty.status !== 'pending') {
    if (penalty.status === target) return ok({ status: target, postings: [], changed: false });
    return err('CONFLICT', `this penalty is already ${penalty.status}`);
  }
  if (resolution !== 'deduct') return ok({ status: target, postings: [], changed: true });
  if (ctx.dealerBalance_fen < penalty.amount_fen) {
    return err('INSUFFICIENT_FUNDS', `the dealer's wallet holds ${ctx.dealerBalance_fen} fen, the penalty is ${penalty.amount_fen}`);
  }
  const posting: Posting = {
    key: `penalty:${penalty.key}:deduct`,
    debit: orgAccount(penalty.dealerId),
    credit: BUDGET_ACCOUNT,
    amount_fen: penalty.amount_fen,
    kind: 'penalty_deduction',
    ref: penalty.key,
    at: ctx.at,
  };
  return ok({ status: 'settled', postings: [posting], changed: true });
}
