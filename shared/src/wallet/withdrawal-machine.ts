/**
 * Withdrawals (docs/wallets.md#withdrawals) as a typed state machine:
 *
 *   requested ──approve──▶ approved ──paid──▶ paid
 *       │                     │  ▲
 *     reject                fail │ retry
 *       ▼                     ▼  │
 *   rejected ◀───reject─── failed
 *
 * The amount is reserved at request time (owner → hold), released when rejected (hold → owner),
 * and leaves the system when paid (hold → external:payout). A failed payout keeps the money on
 * hold until it is retried or rejected. Each transition answers the postings to apply with it;
 * their keys derive from the withdrawal id, so retrying a transition never moves money twice.
 */
import { err, ok, type Result } from '../result.js';
import type { WithdrawalStatus } from '../api/actions.js';
import { PAYOUT_ACCOUNT, isAccountId, withdrawalHoldAccount, type AccountId, type Posting } from './ledger.js';

export interface WithdrawalPolicy {
  minAmount_fen: number;
  /** Total requested per owner account per day (rejected ones do not count). */
  dailyLimit_fen: number;
  maxRequestsPerDay: number;
}

/** Minimum 10 fen (docs/wallets.md#limits); 5,000 yuan and 10 requests a day by default, configurable per deployment. */
export const DEFAULT_WITHDRAWAL_POLICY: WithdrawalPolicy = {
  minAmount_fen: 10,
  dailyLimit_fen: 500_000,
  maxRequestsPerDay: 10,
};

export interface Withdrawal {
  id: string;
  /** The wallet the money comes from: `person:<unionId>` or `org:<orgId>`. */
  owner: AccountId;
  /** The person who asked (the owner themselves, or an owner of the org). */
  requestedBy: string;
  /** The client's idempotency key: one withdrawal per (owner, requestId). */
  requestId: string;
  amount_fen: number;
  status: WithdrawalStatus;
  requestedAt: number;
  updatedAt: number;
  /** Payout attempts started (1 on first approval, +1 per retry): makes each attempt's bill number unique. */
  attempts: number;
  /** Who approved or rejected it, and why it was rejected or failed. */
  decidedBy: string | null;
  reason: string | null;
}

export interface WithdrawalRequest {
  id: string;
  owner: AccountId;
  requestedBy: string;
  requestId: string;
  amount_fen: number;
  at: number;
  /** The owner account's balance now (reserved money is already out of it). */
  available_fen: number;
  /** Sum of the owner's non-rejected withdrawals requested today, and how many. */
  todayRequested_fen: number;
  todayCount: number;
}

export interface WithdrawalStep {
  withdrawal: Withdrawal;
  postings: Posting[];
  /** False when the event repeated the current state (a retried call): nothing to store. */
  changed: boolean;
}

function reservePosting(w: Withdrawal, at: number): Posting {
  return { key: `withdrawal:${w.id}:reserve`, debit: w.owner, credit: withdrawalHoldAccount(w.id), amount_fen: w.amount_fen, kind: 'withdrawal_reserve', ref: w.id, at };
}

/**
 * Opens a withdrawal and reserves its amount.
 * - INVALID_ARGUMENT (`amount`): below the minimum;
 * - RATE_LIMITED (`amount`): over today's amount or count limit;
 * - INSUFFICIENT_FUNDS: more than the available balance.
 */
export function requestWithdrawal(req: WithdrawalRequest, policy: WithdrawalPolicy = DEFAULT_WITHDRAWAL_POLICY): Result<WithdrawalStep> {
  if (!isAccountId(req.owner) || !(req.owner.startsWith('person:') || req.owner.startsWith('org:'))) {
    throw new Error(`a withdrawal is from a person's or an org's wallet, not ${req.owner}`);
  }
  if (!Number.isSafeInteger(req.amount_fen) || req.amount_fen < policy.minAmount_fen) {
    return err('INVALID_ARGUMENT', `the minimum withdrawal is ${policy.minAmount_fen} fen`, 'amount');
  }
  if (req.todayCount >= policy.maxRequestsPerDay) {
    return err('RATE_LIMITED', `at most ${policy.maxRequestsPerDay} withdrawals a day`, 'amount');
  }
  if (req.todayRequested_fen + req.amount_fen > policy.dailyLimit_fen) {
    const left = Math.max(0, policy.dailyLimit_fen - req.todayRequested_fen);
    return err('RATE_LIMITED', `over the daily withdrawal limit: ${left} fen left today`, 'amount');
  }
  if (req.amount_fen > req.available_fen) {
    return err('INSUFFICIENT_FUNDS', `the balance is ${req.available_fen} fen`);
  }
  const withdrawal: Withdrawal = {
    id: req.id,
    owner: req.owner,
    requestedBy: req.requestedBy,
    requestId: req.requestId,
    amount_fen: req.amount_fen,
    status: 'requested',
    requestedAt: req.at,
    updatedAt: req.at,
    attempts: 0,
    decidedBy: null,
    reason: null,
  };
  return ok({ withdrawal, postings: [reservePosting(withdrawal, req.at)], changed: true });
}

/**
 * A request repeated with the same requestId: the same withdrawal if it asks the same, CONFLICT
 * if the same key now asks something else.
 */
export function replayWithdrawalRequest(existing: Withdrawal, req: Pick<WithdrawalRequest, 'owner' | 'amount_fen'>): Result<Withdrawal> {
  if (existing.owner !== req.owner || existing.amount_fen !== req.amount_fen) {
    return err('CONFLICT', 'this requestId was already used for another withdrawal', 'requestId');
  }
  return ok(existing);
}

export type WithdrawalEvent =
  | { type: 'approve'; by: string; at: number }
  | { type: 'reject'; by: string; at: number; reason?: string }
  | { type: 'paid'; at: number }
  | { type: 'fail'; at: number; reason: string }
  | { type: 'retry'; by: string; at: number };

/** Which states each event may leave, and where it leads. */
const TRANSITIONS: Record<WithdrawalEvent['type'], { from: readonly WithdrawalStatus[]; to: WithdrawalStatus }> = {
  approve: { from: ['requested'], to: 'approved' },
  reject: { from: ['requested', 'failed'], to: 'rejected' },
  paid: { from: ['approved'], to: 'paid' },
  fail: { from: ['approved'], to: 'failed' },
  retry: { from: ['failed'], to: 'approved' },
};

export function canTransitionWithdrawal(status: WithdrawalStatus, type: WithdrawalEvent['type']): boolean {
  return TRANSITIONS[type].from.includes(status);
}

/**
 * Applies an event. An illegal transition is CONFLICT (e.g. approving a rejected withdrawal). An
 * event that leads to the state the withdrawal is already in (a second `approve`, a repeated
 * `paid` notification), or an `approve` of a withdrawal already paid, is answered with
 * `changed: false` and no postings, so retries are safe.
 */
export function transitionWithdrawal(w: Withdrawal, event: WithdrawalEvent): Result<WithdrawalStep> {
  const rule = TRANSITIONS[event.type];
  // A retried approval that arrives after the payout went through (an admin's double tap, a
  // client retry) is a repeat too: what it asked for happened.
  const repeat = (w.status === rule.to && event.type !== 'retry') || (event.type === 'approve' && w.status === 'paid');
  if (repeat) return ok({ withdrawal: w, postings: [], changed: false });
  if (!rule.from.includes(w.status)) {
    return err('CONFLICT', `a ${w.status} withdrawal cannot be ${pastTense(event.type)}`);
  }
  const next: Withdrawal = { ...w, status: rule.to, updatedAt: event.at };
  const postings: Posting[] = [];
  const hold = withdrawalHoldAccount(w.id);
  switch (event.type) {
    case 'approve':
      next.decidedBy = event.by;
      next.attempts = w.attempts + 1;
      break;
    case 'retry':
      next.attempts = w.attempts + 1;
      next.reason = null;
      break;
    case 'reject':
      next.decidedBy = event.by;
      next.reason = event.reason ?? null;
      postings.push({ key: `withdrawal:${w.id}:release`, debit: hold, credit: w.owner, amount_fen: w.amount_fen, kind: 'withdrawal_release', ref: w.id, at: event.at });
      break;
    case 'paid':
      next.reason = null;
      postings.push({ key: `withdrawal:${w.id}:payout`, debit: hold, credit: PAYOUT_ACCOUNT, amount_fen: w.amount_fen, kind: 'withdrawal_payout', ref: w.id, at: event.at });
      break;
    case 'fail':
      next.reason = event.reason;
      break;
  }
  return ok({ withdrawal: next, postings, changed: true });
}

function pastTense(type: WithdrawalEvent['type']): string {
  return { approve: 'approved', reject: 'rejected', paid: 'paid', fail: 'marked failed', retry: 'retried' }[type];
}

/**
 * The payout provider's bill number (WeChat Pay merchant transfer `out_bill_no`: 5–32 letters and
 * digits): the same for every retry of one attempt (the provider then pays it once), new for a
 * new attempt after a definite failure. Withdrawal ids must keep at most 26 letters and digits
 * (server ids like `wd_<16 chars>` do); a longer one is a bug, not silently truncated into a
 * possible collision.
 */
export function payoutBillNo(w: Pick<Withdrawal, 'id' | 'attempts'>): string {
  const base = w.id.replace(/[^A-Za-z0-9]/g, '');
  if (base.length > 26) throw new Error(`withdrawal id too long for a bill number: ${w.id}`);
  const bill = `W${base}A${w.attempts}`;
  if (bill.length < 5 || bill.length > 32) throw new Error(`cannot make a bill number from ${w.id}`);
  return bill;
}
