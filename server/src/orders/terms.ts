/**
 * The seller's terms as an order keeps them, from what trade's `readTerms` and `readCreditLine`
 * answer. Defaults (docs/ordering.md): chain [owner] ([admin] for the brand), a 7-day return
 * window, rebate up to 20 %, 30 minutes to pay by WeChat Pay, 72 hours by transfer.
 */
import { DEFAULT_MAX_REBATE_SHARE_BP, DEFAULT_RETURN_WINDOW_MS, DEFAULT_TRANSFER_TIMEOUT_MS, DEFAULT_WECHAT_PAY_TIMEOUT_MS, type CreditLineTerms } from '@channel-router/shared';
import { BRAND_ORG_ID } from '../channel/model.js';
import type { OrderTerms } from './model.js';

export { DEFAULT_RETURN_WINDOW_MS, DEFAULT_TRANSFER_TIMEOUT_MS, DEFAULT_WECHAT_PAY_TIMEOUT_MS };

/** The fields of trade's seller terms the order module reads (all optional: defaults apply). */
export interface SellerTermsLike {
  approvalChain?: readonly string[];
  approvalThreshold?: number | null;
  returnWindow_ms?: number;
  maxRebateShare_bp?: number;
  paymentTimeouts?: { wechat_pay_ms?: number; transfer_ms?: number };
}

export function orderTermsFrom(sellerOrgId: string, t: SellerTermsLike | null, credit: CreditLineTerms | null): OrderTerms {
  return {
    approvalChain: [...(t?.approvalChain ?? [sellerOrgId === BRAND_ORG_ID ? 'admin' : 'owner'])],
    approvalThreshold_fen: t?.approvalThreshold ?? null,
    returnWindow_ms: t?.returnWindow_ms ?? DEFAULT_RETURN_WINDOW_MS,
    maxRebateShare_bp: t?.maxRebateShare_bp ?? DEFAULT_MAX_REBATE_SHARE_BP,
    wechatPayTimeout_ms: t?.paymentTimeouts?.wechat_pay_ms ?? DEFAULT_WECHAT_PAY_TIMEOUT_MS,
    transferTimeout_ms: t?.paymentTimeouts?.transfer_ms ?? DEFAULT_TRANSFER_TIMEOUT_MS,
    creditTermDays: credit?.termDays ?? null,
  };
}
