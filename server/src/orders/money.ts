/**
 * An order's money steps inside its transaction: holds at submit, payments posted, refunds back to
 * the tenders that paid (split by largest remainder over what each still has refundable), and the
 * payout to the seller at completion. The postings themselves are the wallet module's.
 */
import {
  holdPostings,
  ok,
  orderHoldAccount,
  paymentPosting,
  payoutPosting,
  refundPostings,
  splitRefund,
  type Result,
  type Tender,
} from '@channel-router/shared';
import { C } from '../db/collections.js';
import { txGet, type Tx } from '../db/transact.js';
import type { Database } from '../runtime/cloud.js';
import { postTrade } from '../wallet/trade-ledger.js';
import type { OrderDoc, ReceivableDoc } from './model.js';

const parties = (o: OrderDoc) => ({ orderId: o._id, sellerOrgId: o.sellerOrgId, buyerOrgId: o.buyerOrgId });

export function paidTotal(o: OrderDoc): number {
  return o.tenders.reduce((s, t) => s + t.paid - t.refunded, 0);
}

/** Everything each tender paid and still holds: a cancellation's refund. */
export function refundEverything(o: OrderDoc): Tender[] {
  return o.tenders.filter((t) => t.paid - t.refunded > 0).map((t) => ({ kind: t.kind, amount: t.paid - t.refunded }));
}

/** `amount_fen` back over the tenders, by what each still has refundable. */
export function refundParts(o: OrderDoc, amount_fen: number): Result<Tender[]> {
  return splitRefund(amount_fen, o.tenders.map((t) => ({ kind: t.kind, refundable: t.paid - t.refunded })));
}

/** Refunds to WeChat Pay made after the transaction commits (the provider is a network call). */
export interface WechatRefund {
  paymentId: string;
  refundId: string;
  amount_fen: number;
  total_fen: number;
}

/**
 * Posts a refund's parts and records them on the order (returned). A credit part lowers the
 * receivable when the order's debt has started.
 */
export async function postRefund(db: Database, tx: Tx, o: OrderDoc, refundId: string, parts: readonly Tender[], at_ms: number): Promise<Result<{ order: OrderDoc; wechat: WechatRefund[] }>> {
  if (parts.length === 0) return ok({ order: o, wechat: [] });
  const posted = await postTrade(db, tx, refundPostings(parties(o), refundId, parts, at_ms), at_ms);
  if (!posted.ok) return posted;
  const tenders = o.tenders.map((t) => {
    const part = parts.find((p) => p.kind === t.kind);
    return part ? { ...t, refunded: t.refunded + part.amount } : t;
  });
  const wechat: WechatRefund[] = [];
  for (const p of parts) {
    if (p.kind !== 'wechat_pay') continue;
    const t = o.tenders.find((x) => x.kind === 'wechat_pay')!;
    wechat.push({ paymentId: t.paymentId!, refundId, amount_fen: p.amount, total_fen: t.amount });
  }
  const credit = parts.find((p) => p.kind === 'credit');
  if (credit) {
    const rec = await txGet<ReceivableDoc>(tx, C.receivables, o._id);
    if (rec) await tx.collection(C.receivables).doc(o._id).update({ amount: rec.amount - credit.amount, status: rec.amount - credit.amount - rec.repaid <= 0 ? 'paid' : 'open' });
  }
  return ok({ order: { ...o, tenders }, wechat });
}

/** Holds the balance tenders at submit (credit down to minus its limit). */
export async function postHolds(db: Database, tx: Tx, o: OrderDoc, creditLimits: ReadonlyMap<string, number>, at_ms: number): Promise<Result<true>> {
  const holds = holdPostings(parties(o), o.tenders.map((t) => ({ kind: t.kind, amount: t.amount })), at_ms);
  // The order is new (its id was read absent in this transaction): so are its ledger keys and hold.
  const r = await postTrade(db, tx, holds, at_ms, { creditLimits, fresh: true, newAccounts: new Set([orderHoldAccount(o._id)]) });
  return r.ok ? ok(true) : r;
}

export async function postPayment(db: Database, tx: Tx, o: OrderDoc, paymentId: string, method: 'transfer' | 'wechat_pay', amount_fen: number, at_ms: number): Promise<Result<OrderDoc>> {
  const r = await postTrade(db, tx, [paymentPosting(parties(o), paymentId, method, amount_fen, at_ms)], at_ms);
  if (!r.ok) return r;
  return ok({ ...o, tenders: o.tenders.map((t) => (t.kind === method ? { ...t, paid: t.paid + amount_fen } : t)) });
}

export async function postPayout(db: Database, tx: Tx, o: OrderDoc, at_ms: number): Promise<Result<true>> {
  const left = paidTotal(o);
  if (left === 0) return ok(true);
  const r = await postTrade(db, tx, [payoutPosting(parties(o), left, at_ms)], at_ms);
  return r.ok ? ok(true) : r;
}
