/**
 * The order lifecycle (docs/ordering.md) as a typed transition table: every row says from which
 * state, to which state, on which event, and who may cause it. The server applies a transition as
 * a compare-and-set on the order's state and version, so of two people acting at once one wins and
 * the other gets INVALID_STATE.
 *
 *   (new) ─submit─▶ pending_payment ─paid─▶ pending_approval ─approve (last step)─▶ approved
 *                        │                      │                                     │
 *                      cancel / timeout        reject / cancel                        ship
 *                        ▼                      ▼                                     ▼
 *                    cancelled ◀──────── cancelled ◀── cancel (seller, nothing shipped) partially_shipped
 *                                                                                     │ ship / closeRemainder
 *                                                                                     ▼
 *                         completed ◀─complete─ received ◀─receive (buyer or system)─ shipped
 */
import { err, ok, type Result } from '../result.js';

export const ORDER_STATES = [
  'pending_payment',
  'pending_approval',
  'approved',
  'partially_shipped',
  'shipped',
  'received',
  'completed',
  'cancelled',
] as const;
export type OrderState = (typeof ORDER_STATES)[number];

/** States in which an order still holds stock reservations or money on hold for the seller. */
export const OPEN_ORDER_STATES: readonly OrderState[] = ['pending_payment', 'pending_approval', 'approved', 'partially_shipped', 'shipped', 'received'];

/**
 * Who causes a transition. Seller-side parties are refined by the approval chain (roles) and the
 * server's role checks; here they are the kinds of party the table distinguishes.
 */
export type OrderActor = 'buyer' | 'seller' | 'seller_approver' | 'seller_warehouse' | 'seller_finance' | 'payment_notice' | 'system';

export type OrderEvent =
  | { type: 'submit'; nothingToPay: boolean }
  | { type: 'paid' }
  | { type: 'approve'; role: string; anyStep: boolean }
  | { type: 'reject' }
  | { type: 'cancel' }
  | { type: 'timeout' }
  | { type: 'ship'; complete: boolean }
  | { type: 'closeRemainder' }
  | { type: 'receive' }
  | { type: 'complete' };
export type OrderEventType = OrderEvent['type'];

export interface TransitionRow {
  event: OrderEventType;
  from: OrderState | 'new';
  to: readonly OrderState[];
  by: readonly OrderActor[];
}

/** The table itself: the only place that says what may follow what. */
export const ORDER_TRANSITIONS: readonly TransitionRow[] = [
  { event: 'submit', from: 'new', to: ['pending_payment', 'pending_approval', 'approved'], by: ['buyer'] },
  { event: 'paid', from: 'pending_payment', to: ['pending_approval', 'approved'], by: ['payment_notice', 'seller_finance'] },
  { event: 'cancel', from: 'pending_payment', to: ['cancelled'], by: ['buyer'] },
  { event: 'timeout', from: 'pending_payment', to: ['cancelled'], by: ['system'] },
  { event: 'approve', from: 'pending_approval', to: ['pending_approval', 'approved'], by: ['seller_approver'] },
  { event: 'reject', from: 'pending_approval', to: ['cancelled'], by: ['seller_approver'] },
  { event: 'cancel', from: 'pending_approval', to: ['cancelled'], by: ['buyer'] },
  { event: 'cancel', from: 'approved', to: ['cancelled'], by: ['seller'] },
  { event: 'ship', from: 'approved', to: ['partially_shipped', 'shipped'], by: ['seller_warehouse'] },
  { event: 'ship', from: 'partially_shipped', to: ['partially_shipped', 'shipped'], by: ['seller_warehouse'] },
  { event: 'closeRemainder', from: 'partially_shipped', to: ['shipped'], by: ['seller'] },
  { event: 'receive', from: 'shipped', to: ['received'], by: ['buyer', 'system'] },
  { event: 'complete', from: 'received', to: ['completed'], by: ['system'] },
];

/** The approval chain kept on the order at submit: roles in order, and how far it has gone. */
export interface ApprovalState {
  chain: readonly string[];
  /** Index of the next role to approve; chain.length when approved. */
  step: number;
  /** Who approved each step so far. */
  approvals: ReadonlyArray<{ role: string; by: string; at: number }>;
}

export interface OrderMachineState {
  status: OrderState | 'new';
  approval: ApprovalState;
}

export interface TransitionOutcome {
  status: OrderState;
  approval: ApprovalState;
}

export function findRow(event: OrderEventType, from: OrderState | 'new', actor: OrderActor): TransitionRow | null {
  return ORDER_TRANSITIONS.find((r) => r.event === event && r.from === from && r.by.includes(actor)) ?? null;
}

/** Whether the table lets `actor` cause `event` from `from` at all (ignoring the chain's details). */
export function allowed(event: OrderEventType, from: OrderState | 'new', actor: OrderActor): boolean {
  return findRow(event, from, actor) !== null;
}

/** An approved chain skips straight to `approved`. */
function afterPayment(approval: ApprovalState): OrderState {
  return approval.step >= approval.chain.length ? 'approved' : 'pending_approval';
}

/**
 * Applies one event. INVALID_STATE when the table has no row for (event, from) at all; FORBIDDEN
 * when it has one but not for this actor (or not for this approver's role at this step).
 */
export function transitionOrder(state: OrderMachineState, event: OrderEvent, actor: OrderActor, by = '', at = 0): Result<TransitionOutcome> {
  const rowAnyActor = ORDER_TRANSITIONS.some((r) => r.event === event.type && r.from === state.status);
  if (!rowAnyActor) return err('INVALID_STATE', `an order in state ${state.status} cannot ${event.type}`);
  const row = findRow(event.type, state.status, actor);
  if (row === null) return err('FORBIDDEN', `${actor} may not ${event.type} an order in state ${state.status}`);
  const approval = state.approval;
  let out: TransitionOutcome;
  switch (event.type) {
    case 'submit':
      out = { status: event.nothingToPay ? afterPayment(approval) : 'pending_payment', approval };
      break;
    case 'paid':
      out = { status: afterPayment(approval), approval };
      break;
    case 'approve': {
      const expected = approval.chain[approval.step];
      if (expected === undefined) return err('INVALID_STATE', 'the approval chain is complete');
      if (expected !== event.role && !event.anyStep) return err('FORBIDDEN', `this step is for the ${expected} role`);
      const next: ApprovalState = { chain: approval.chain, step: approval.step + 1, approvals: [...approval.approvals, { role: expected, by, at }] };
      out = { status: next.step >= next.chain.length ? 'approved' : 'pending_approval', approval: next };
      break;
    }
    case 'ship':
      out = { status: event.complete ? 'shipped' : 'partially_shipped', approval };
      break;
    case 'reject':
    case 'cancel':
    case 'timeout':
      out = { status: 'cancelled', approval };
      break;
    case 'closeRemainder':
      out = { status: 'shipped', approval };
      break;
    case 'receive':
      out = { status: 'received', approval };
      break;
    case 'complete':
      out = { status: 'completed', approval };
      break;
  }
  if (!row.to.includes(out.status)) throw new Error(`order machine: ${event.type} from ${state.status} gave ${out.status}, not in the table`);
  return ok(out);
}

/** A new order's approval state from the seller's terms in force at submit. */
export function initialApproval(chain: readonly string[], total_fen: number, threshold_fen: number | null): ApprovalState {
  // Below the threshold the chain does not apply: the order is approved once paid.
  const applies = threshold_fen === null || total_fen > threshold_fen;
  return { chain: applies ? [...chain] : [], step: 0, approvals: [] };
}

/** The system's clocks on an order (docs/ordering.md): received after 10 days shipped. */
export const AUTO_RECEIVE_AFTER_MS = 10 * 24 * 3600_000;
