/**
 * The seller's terms as an order keeps them, from what trade's `readTerms` and `readCreditLine`
 * answer (trade gives the defaults: chain [owner] ([admin] for the brand), a 7-day return window,
 * rebate up to 20 %, 30 minutes to pay by WeChat Pay, 72 hours by transfer).
 */
import type { CreditLineTerms, SellerTerms } from '@channel-router/shared';
import type { OrderTerms } from './model.js';

/**
 * The terms an order keeps: the approval chain when its total is above the seller's threshold
 * (every order when there is none; no steps at or below it), and the seller's windows.
 */
export function orderTermsFrom(terms: SellerTerms, credit: CreditLineTerms | null, total_fen: number): OrderTerms {
  const applies = terms.approvalThreshold === null || total_fen > terms.approvalThreshold;
  return {
    approvalChain: applies ? [...terms.approvalChain] : [],
    approvalThreshold_fen: terms.approvalThreshold,
    returnWindow_ms: terms.returnWindow_ms,
    maxRebateShare_bp: terms.maxRebateShare_bp,
    wechatPayTimeout_ms: terms.paymentTimeouts.wechat_pay_ms,
    transferTimeout_ms: terms.paymentTimeouts.transfer_ms,
    creditTermDays: credit?.termDays ?? null,
  };
}
