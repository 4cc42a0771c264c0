/**
 * The trade ledger's postings (docs/ordering.md): each builder answers the postings of one money
 * step of an order, a top-up or a rebate adjustment. Keys derive from the order, payment or
 * refund id, so a repeated step never moves money twice.
 *
 *   submit           deposit/rebate/credit ─▶ hold:order        (balance tenders, held at once)
 *   payment posted   external:bank / external:wechat_pay ─▶ hold:order
 *   refund           hold:order ─▶ the tender's source, split by largest remainder
 *   completion       hold:order ─▶ sales:<seller>
 *   top-up           external:bank / external:wechat_pay ─▶ deposit
 *   rebate adjust    external:rebate ⇄ rebate
 *   credit repayment external:bank / external:wechat_pay / deposit ─▶ credit
 */
import type { TenderKind, Tender } from '../ordering/tenders.js';
import type { AccountId, Posting } from './ledger.js';
import {
  BANK_ACCOUNT,
  creditAccount,
  depositAccount,
  orderHoldAccount,
  REBATE_GRANT_ACCOUNT,
  rebateAccount,
  salesAccount,
  WECHAT_PAY_ACCOUNT,
} from './trade-accounts.js';

export interface OrderParties {
  orderId: string;
  sellerOrgId: string;
  buyerOrgId: string;
}

/** Where a tender's money comes from, and where its refunds go back to. */
export function tenderAccount(kind: TenderKind, sellerOrgId: string, buyerOrgId: string): AccountId {
  switch (kind) {
    case 'deposit':
      return depositAccount(sellerOrgId, buyerOrgId);
    case 'rebate':
      return rebateAccount(sellerOrgId, buyerOrgId);
    case 'credit':
      return creditAccount(sellerOrgId, buyerOrgId);
    case 'transfer':
      return BANK_ACCOUNT;
    case 'wechat_pay':
      return WECHAT_PAY_ACCOUNT;
  }
}

/** Balance tenders held at submit. */
export function holdPostings(o: OrderParties, tenders: readonly Tender[], at: number): Posting[] {
  return tenders
    .filter((t) => t.kind === 'deposit' || t.kind === 'rebate' || t.kind === 'credit')
    .map((t) => ({
      key: `order:${o.orderId}:hold:${t.kind}`,
      debit: tenderAccount(t.kind, o.sellerOrgId, o.buyerOrgId),
      credit: orderHoldAccount(o.orderId),
      amount_fen: t.amount,
      kind: 'order_hold' as const,
      ref: o.orderId,
      at,
    }));
}

/** A transfer confirmed or a WeChat Pay notice: the payment's money onto the order's hold. */
export function paymentPosting(o: OrderParties, paymentId: string, method: 'transfer' | 'wechat_pay', amount_fen: number, at: number): Posting {
  return { key: `payment:${paymentId}`, debit: tenderAccount(method, o.sellerOrgId, o.buyerOrgId), credit: orderHoldAccount(o.orderId), amount_fen, kind: 'order_payment', ref: o.orderId, at };
}

/** A refund's parts back to their tenders; `refundId` is the return's (or cancellation's) id. */
export function refundPostings(o: OrderParties, refundId: string, parts: readonly Tender[], at: number): Posting[] {
  return parts
    .filter((p) => p.amount > 0)
    .map((p) => ({
      key: `refund:${refundId}:${p.kind}`,
      debit: orderHoldAccount(o.orderId),
      credit: tenderAccount(p.kind, o.sellerOrgId, o.buyerOrgId),
      amount_fen: p.amount,
      kind: 'order_refund' as const,
      ref: o.orderId,
      at,
    }));
}

/** Completion: what the hold still has goes to the seller. */
export function payoutPosting(o: OrderParties, amount_fen: number, at: number): Posting {
  return { key: `order:${o.orderId}:payout`, debit: orderHoldAccount(o.orderId), credit: salesAccount(o.sellerOrgId), amount_fen, kind: 'order_payout', ref: o.orderId, at };
}

export function topUpPosting(paymentId: string, sellerOrgId: string, buyerOrgId: string, method: 'transfer' | 'wechat_pay', amount_fen: number, at: number): Posting {
  return { key: `payment:${paymentId}`, debit: tenderAccount(method, sellerOrgId, buyerOrgId), credit: depositAccount(sellerOrgId, buyerOrgId), amount_fen, kind: 'top_up', ref: paymentId, at };
}

/** A seller's recorded rebate adjustment: positive grants, negative takes back. */
export function rebateAdjustPosting(adjustmentId: string, sellerOrgId: string, buyerOrgId: string, amount_fen: number, at: number): Posting {
  if (!Number.isSafeInteger(amount_fen) || amount_fen === 0) throw new Error(`rebateAdjustPosting: bad amount ${amount_fen}`);
  const acct = rebateAccount(sellerOrgId, buyerOrgId);
  return amount_fen > 0
    ? { key: `rebate_adjust:${adjustmentId}`, debit: REBATE_GRANT_ACCOUNT, credit: acct, amount_fen, kind: 'rebate_adjust', ref: adjustmentId, at }
    : { key: `rebate_adjust:${adjustmentId}`, debit: acct, credit: REBATE_GRANT_ACCOUNT, amount_fen: -amount_fen, kind: 'rebate_adjust', ref: adjustmentId, at };
}

export function creditRepayPosting(paymentId: string, sellerOrgId: string, buyerOrgId: string, source: 'transfer' | 'wechat_pay' | 'deposit', amount_fen: number, at: number): Posting {
  return { key: `payment:${paymentId}`, debit: tenderAccount(source, sellerOrgId, buyerOrgId), credit: creditAccount(sellerOrgId, buyerOrgId), amount_fen, kind: 'credit_repay', ref: paymentId, at };
}
