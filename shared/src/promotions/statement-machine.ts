/**
 * A rebate statement's approval (docs/promotions.md), as a typed state machine: the program's
 * roles approve in order, each approval recorded with who and when; a rejection returns the
 * statement with a reason (it may be recomputed and resubmitted, starting the chain again); after
 * the last approval it is posted to the buyer's rebate account, once.
 *
 *   pending_approval --approve (last step)--> approved --post--> posted
 *   pending_approval --approve--> pending_approval (next step)
 *   pending_approval --reject--> returned --resubmit--> pending_approval (step 0)
 */
import { err, ok, type Result } from '../result.js';

export const STATEMENT_STATES = ['pending_approval', 'returned', 'approved', 'posted'] as const;
export type StatementState = (typeof STATEMENT_STATES)[number];

export const MAX_STATEMENT_HISTORY = 100;
export const MAX_REASON_LENGTH = 200;

export interface StatementApproval {
  role: string;
  by: string;
  at: number;
}

export interface StatementHistoryEntry {
  event: StatementEvent['type'] | 'compute';
  from: StatementState | 'new';
  to: StatementState;
  by: string;
  at: number;
  role?: string;
  reason?: string;
}

export interface StatementMachine {
  status: StatementState;
  chain: readonly string[];
  /** Index of the next role to approve; chain.length once approved. */
  step: number;
  /** Approvals of the current round (a resubmission starts a new round; the history keeps all). */
  approvals: StatementApproval[];
  history: StatementHistoryEntry[];
  /** Why it was last returned. */
  reason?: string;
}

/**
 * `anyStep`: the actor may take any step (the seller's `owner`, the brand's `admin`), as for orders.
 * `post` is the system's, right after the last approval; `resubmit` follows a recomputation.
 */
export type StatementEvent =
  | { type: 'approve'; role: string; anyStep: boolean; by: string; at: number }
  | { type: 'reject'; role: string; anyStep: boolean; by: string; at: number; reason: string }
  | { type: 'resubmit'; by: string; at: number }
  | { type: 'post'; by: string; at: number };

/** A new statement: waiting for the first role, or approved at once when the chain is empty. */
export function newStatement(chain: readonly string[], by: string, at: number): StatementMachine {
  const status: StatementState = chain.length === 0 ? 'approved' : 'pending_approval';
  return { status, chain: [...chain], step: 0, approvals: [], history: [{ event: 'compute', from: 'new', to: status, by, at }] };
}

const FROM: Record<StatementEvent['type'], StatementState> = {
  approve: 'pending_approval',
  reject: 'pending_approval',
  resubmit: 'returned',
  post: 'approved',
};

function record(s: StatementMachine, e: StatementEvent, to: StatementState, more: Partial<StatementHistoryEntry>): StatementHistoryEntry[] {
  if (s.history.length >= MAX_STATEMENT_HISTORY) throw new Error('statement history full');
  return [...s.history, { event: e.type, from: s.status, to, by: e.by, at: e.at, ...more }];
}

/**
 * The statement after `e`, or INVALID_STATE when its state does not allow it, FORBIDDEN when the
 * step is for another role, INVALID_ARGUMENT (`reason`) for a rejection without a reason.
 */
export function transitionStatement(s: StatementMachine, e: StatementEvent): Result<StatementMachine> {
  if (s.status !== FROM[e.type]) return err('INVALID_STATE', `a ${s.status} statement cannot take ${e.type}`);
  switch (e.type) {
    case 'approve':
    case 'reject': {
      const expected = s.chain[s.step];
      if (expected === undefined) throw new Error('transitionStatement: pending with no step left');
      if (expected !== e.role && !e.anyStep) return err('FORBIDDEN', `this step is for the ${expected} role`);
      if (e.type === 'reject') {
        const reason = e.reason.trim();
        if (reason === '' || reason.length > MAX_REASON_LENGTH) return err('INVALID_ARGUMENT', `a rejection needs a reason of 1 to ${MAX_REASON_LENGTH} characters`, 'reason');
        return ok({ ...s, status: 'returned', reason, history: record(s, e, 'returned', { role: expected, reason }) });
      }
      const approvals = [...s.approvals, { role: expected, by: e.by, at: e.at }];
      const step = s.step + 1;
      const to: StatementState = step === s.chain.length ? 'approved' : 'pending_approval';
      return ok({ ...s, status: to, step, approvals, history: record(s, e, to, { role: expected }) });
    }
    case 'resubmit': {
      const to: StatementState = s.chain.length === 0 ? 'approved' : 'pending_approval';
      // A new round: the last rejection's reason stays in the history only.
      return ok({ status: to, chain: s.chain, step: 0, approvals: [], history: record(s, e, to, {}) });
    }
    case 'post':
      if (s.step !== s.chain.length) throw new Error('transitionStatement: approved before the last step');
      return ok({ ...s, status: 'posted', history: record(s, e, 'posted', {}) });
  }
}

/** The ledger key of a statement's posting: the same statement can be posted only once. */
export function statementPostingKey(statementId: string): string {
  return `rebate_statement:${statementId}`;
}
