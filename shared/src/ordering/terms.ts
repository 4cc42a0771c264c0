/**
 * A seller's terms (docs/trade.md#terms): the approval chain for orders (roles in
 * order, optionally only above an amount; empty = approved once paid), the return window, the
 * largest share of an order payable by rebate, and how long a buyer has to pay. An order keeps
 * the terms in force when it was submitted.
 */
import type { Role } from '../model.js';
import { DEFAULT_MAX_REBATE_SHARE_BP } from './tenders.js';

export const DEFAULT_RETURN_WINDOW_MS = 7 * 24 * 3600_000;
export const DEFAULT_WECHAT_PAY_TIMEOUT_MS = 30 * 60_000;
export const DEFAULT_TRANSFER_TIMEOUT_MS = 72 * 3600_000;
/** Limits on what a seller may set. */
export const MAX_APPROVAL_CHAIN = 5;
export const MAX_RETURN_WINDOW_MS = 90 * 24 * 3600_000;
export const MIN_PAYMENT_TIMEOUT_MS = 5 * 60_000;
export const MAX_PAYMENT_TIMEOUT_MS = 30 * 24 * 3600_000;

export interface SellerTerms {
  approvalChain: Role[];
  /** The chain applies only to orders above this many fen; null: to every order. */
  approvalThreshold: number | null;
  returnWindow_ms: number;
  maxRebateShare_bp: number;
  paymentTimeouts: { wechat_pay_ms: number; transfer_ms: number };
}

/** Terms of a seller that never set any: its owner approves (the brand: an admin). */
export function defaultTerms(sellerIsBrand: boolean): SellerTerms {
  return {
    approvalChain: [sellerIsBrand ? 'admin' : 'owner'],
    approvalThreshold: null,
    returnWindow_ms: DEFAULT_RETURN_WINDOW_MS,
    maxRebateShare_bp: DEFAULT_MAX_REBATE_SHARE_BP,
    paymentTimeouts: { wechat_pay_ms: DEFAULT_WECHAT_PAY_TIMEOUT_MS, transfer_ms: DEFAULT_TRANSFER_TIMEOUT_MS },
  };
}
