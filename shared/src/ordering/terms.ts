/**
 * A seller's terms (docs/ordering.md, "Who trades with whom"): the approval chain for orders, the
 * return window, the largest share of an order rebate may pay, payment timeouts. An order keeps the
 * terms in force when it was submitted.
 */
import type { OrgKind, Role } from '../model.js';

/** One step of the approval chain: a role, and optionally only for orders above an amount. */
export interface ApprovalStep {
  role: Role;
  /** The step applies only to orders whose total (fen) is above this; absent = every order. */
  above_fen?: number;
}

export interface SellerTerms {
  /** Ordered; empty = orders are approved automatically. */
  approvalChain: ApprovalStep[];
  returnWindow_ms: number;
  maxRebateShare_bp: number;
  wechatPayTimeout_ms: number;
  transferTimeout_ms: number;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
export const MAX_APPROVAL_STEPS = 8;
export const MAX_RETURN_WINDOW_MS = 90 * DAY_MS;
export const MAX_PAYMENT_TIMEOUT_MS = 30 * DAY_MS;

/** The terms a seller has until it sets its own: `[admin]` approves for the brand, `[owner]` elsewhere. */
export function defaultTerms(sellerKind: OrgKind): SellerTerms {
  return {
    approvalChain: [{ role: sellerKind === 'brand' ? 'admin' : 'owner' }],
    returnWindow_ms: 7 * DAY_MS,
    maxRebateShare_bp: 2000,
    wechatPayTimeout_ms: 30 * 60 * 1000,
    transferTimeout_ms: 72 * 60 * 60 * 1000,
  };
}

/** The steps an order of `total_fen` must pass, in order. */
export function approvalStepsFor(terms: SellerTerms, total_fen: number): ApprovalStep[] {
  return terms.approvalChain.filter((s) => s.above_fen === undefined || total_fen > s.above_fen);
}
