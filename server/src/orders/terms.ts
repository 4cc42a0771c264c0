/**
 * The seller's terms as an order keeps them, from what trade's `readTerms` and `readCreditLine`
 * answer (trade gives the defaults: chain [owner] ([admin] for the brand), a 7-day return window,
 * rebate up to 20 %, 30 minutes to pay by WeChat Pay, 72 hours by transfer).
 */
import { approvalStepsFor, type CreditLineTerms, type SellerTerms } from '@channel-router/shared';
import type { OrderTerms } from './model.js';

export const DEFAULT_RETURN_WINDOW_MS = 7 * 24 * 3600_000;
export const DEFAULT_WECHAT_PAY_TIMEOUT_MS = 30 * 60_000;
export const DEFAULT_TRANSFER_TIMEOUT_MS = 72 * 3600_000;

/** The terms an order keeps: the approval steps that apply to its total, the seller's windows. */
export function orderTermsFrom(terms: SellerTerms, credit: CreditLineTerms | null, total_fen: number): OrderTerms {
  return {
    approvalChain: approvalStepsFor(terms, total_fen).map((s) => s.role),
    approvalThreshold_fen: null,
    returnWindow_ms: terms.returnWindow_ms,
    maxRebateShare_bp: terms.maxRebateShare_bp,
    wechatPayTimeout_ms: terms.wechatPayTimeout_ms,
    transferTimeout_ms: terms.transferTimeout_ms,
    creditTermDays: credit?.termDays ?? null,
  };
}
