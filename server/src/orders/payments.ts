/**
 * Payments: transfers confirmed or rejected by the seller's finance, WeChat Pay notices, top-ups,
 * and the balances a buyer holds with a seller (rebate adjustments are trade's: trade/rebates.ts).
 */
import {
  DEFAULT_WECHAT_PAY_TIMEOUT_MS,
  ageing,
  creditAccount,
  creditPosition,
  depositAccount,
  err,
  ok,
  creditRepayPosting,
  rebateAccount,
  topUpPosting,
  type ActionRes,
  type BalancesReq,
  type CreditLineTerms,
  type PaymentDecisionReq,
  type PaymentNoticeReq,
  type RepayReq,
  type Result,
  type TopUpReq,
} from '@channel-router/shared';
import { membershipsOf } from '../channel/access.js';
import { derivedId } from '../channel/ids.js';
import { C } from '../db/collections.js';
import { getById } from '../db/ops.js';
import { transact, txGet, type Tx } from '../db/transact.js';
import type { ActionContext, AuthedContext } from '../runtime/action.js';
import { asAppError, paymentProvider } from '../payments/index.js';
import { postTrade, readTradeBalances } from '../wallet/trade-ledger.js';
import { buyerOrgOf, sellerMay, SELLER_FINANCE_ROLES, standingIn } from './access.js';
import { postPayment, postRefund, refundEverything, type WechatRefund } from './money.js';
import type { OrderDoc, PaymentDoc, ReceivableDoc } from './model.js';
import { canTrade, readCreditLine } from './seams.js';
import { applyEvent, writeOrder } from './store.js';
import { sendWechatRefunds } from './steps.js';

const RECEIVABLES_PER_PAIR_MAX = 1000;

/** Applies a posted payment to its order: paid in full moves it on (pending_payment → approval). */
async function paymentOntoOrder(ctx: ActionContext, tx: Tx, p: PaymentDoc, by: string, actor: 'seller_finance' | 'payment_notice'): Promise<Result<{ wechat: WechatRefund[] }>> {
  const stored = await txGet<OrderDoc>(tx, C.orders, p.orderId!);
  if (!stored) throw new Error(`payment ${p._id} has no order ${p.orderId}`);
  const order = { ...stored, _id: p.orderId! };
  const paid = await postPayment(ctx.db, tx, order, p._id, p.method, p.amount, ctx.now_ms);
  if (!paid.ok) return paid;
  let next = paid.data;
  let wechat: WechatRefund[] = [];
  if (order.status === 'cancelled') {
    // Money arrived for an order already cancelled (its payment timed out): straight back.
    const back = await postRefund(ctx.db, tx, next, `${order._id}-late-${p._id}`, refundEverything(next), ctx.now_ms);
    if (!back.ok) return back;
    next = back.data.order;
    wechat = back.data.wechat;
  } else if (order.status === 'pending_payment' && next.tenders.every((t) => t.paid >= t.amount)) {
    const moved = applyEvent(next, { type: 'paid' }, actor, by, ctx.now_ms);
    if (!moved.ok) return moved;
    next = { ...moved.data, payDeadline: null };
  }
  await writeOrder(tx, { ...next, version: order.version + 1 });
  return ok({ wechat });
}

/** A top-up (→ deposit) or a credit repayment (→ credit, receivables oldest first) posted. */
async function balancePayment(ctx: ActionContext, tx: Tx, p: PaymentDoc): Promise<Result<true>> {
  if (p.purpose === 'top_up') {
    const posted = await postTrade(ctx.db, tx, [topUpPosting(p._id, p.sellerOrgId, p.buyerOrgId, p.method, p.amount, ctx.now_ms)], ctx.now_ms);
    return posted.ok ? ok(true) : posted;
  }
  return repayInTx(ctx, tx, p._id, p.sellerOrgId, p.buyerOrgId, p.method, p.amount);
}

/**
 * Repays credit: the payment onto the buyer's credit account, and the open receivables paid down,
 * the earliest due first. INVALID_ARGUMENT (`amount`) when it is more than what is owed.
 */
async function repayInTx(ctx: ActionContext, tx: Tx, paymentId: string, sellerOrgId: string, buyerOrgId: string, source: 'transfer' | 'wechat_pay' | 'deposit', amount_fen: number): Promise<Result<true>> {
  const open = await ctx.db.collection(C.receivables).where({ sellerOrgId, buyerOrgId, status: 'open' }).orderBy('due_ms', 'asc').limit(RECEIVABLES_PER_PAIR_MAX).get();
  let left = amount_fen;
  const updates: Array<[string, number, boolean]> = [];
  for (const r0 of open.data as ReceivableDoc[]) {
    if (left === 0) break;
    const r = await txGet<ReceivableDoc>(tx, C.receivables, r0._id);
    if (!r || r.status !== 'open') continue;
    const take = Math.min(left, r.amount - r.repaid);
    if (take <= 0) continue;
    left -= take;
    updates.push([r0._id, r.repaid + take, r.repaid + take >= r.amount]);
  }
  if (left > 0) return err('INVALID_ARGUMENT', `${amount_fen - left} fen of receivables are open; ${amount_fen} is more`, 'amount');
  const posted = await postTrade(ctx.db, tx, [creditRepayPosting(paymentId, sellerOrgId, buyerOrgId, source, amount_fen, ctx.now_ms)], ctx.now_ms);
  if (!posted.ok) return posted;
  for (const [id, repaid, paid] of updates) await tx.collection(C.receivables).doc(id).update({ repaid, status: paid ? 'paid' : 'open', updatedAt: ctx.now_ms });
  return ok(true);
}

/**
 * The buyer repays credit: from its deposit at once, or by transfer (confirmed by the seller's
 * finance) or WeChat Pay (on the notice). Keyed by `requestId`.
 */
export async function repay(ctx: AuthedContext, input: RepayReq): Promise<Result<ActionRes<'order', 'repay'>>> {
  const buyer = await buyerOrgOf(ctx, input.buyerOrgId);
  if (!buyer.ok) return buyer;
  if (!(await canTrade(ctx.db, buyer.data.orgId, input.sellerOrgId))) return err('NOT_FOUND', 'no such supplier for your organisation', 'sellerOrgId');
  const provider = input.method === 'wechat_pay' ? paymentProvider(ctx.env) : null;
  if (input.method === 'wechat_pay' && provider === null) return err('INVALID_ARGUMENT', 'WeChat Pay is not available here', 'method');
  const paymentId = derivedId('pay', `repay:${buyer.data.orgId}`, input.requestId);
  const doc: Omit<PaymentDoc, '_id'> = {
    purpose: 'repay',
    method: input.method === 'deposit' ? 'transfer' : input.method,
    orderId: null,
    sellerOrgId: input.sellerOrgId,
    buyerOrgId: buyer.data.orgId,
    amount: input.amount,
    status: input.method === 'deposit' ? 'confirmed' : 'pending',
    receiptFileId: input.receiptFileId ?? null,
    transactionId: null,
    requestedBy: ctx.caller.unionId,
    decidedBy: input.method === 'deposit' ? ctx.caller.unionId : null,
    reason: input.method === 'deposit' ? 'from deposit' : null,
    createdAt: ctx.now_ms,
    decidedAt: input.method === 'deposit' ? ctx.now_ms : null,
  };
  const r = await transact<{ fresh: boolean }>(ctx.db, async (tx) => {
    const existing = await txGet<PaymentDoc>(tx, C.payments, paymentId);
    if (existing) {
      const same = existing.amount === input.amount && existing.sellerOrgId === input.sellerOrgId && existing.purpose === 'repay';
      return same ? ok({ fresh: false }) : err('CONFLICT', 'this requestId was already used for another payment', 'requestId');
    }
    if (input.method === 'deposit') {
      const repaid = await repayInTx(ctx, tx, paymentId, input.sellerOrgId, buyer.data.orgId, 'deposit', input.amount);
      if (!repaid.ok) return repaid;
    }
    await tx.collection(C.payments).doc(paymentId).set(doc);
    return ok({ fresh: true });
  });
  if (!r.ok) return r;
  if (provider && r.data.fresh) {
    const prepaid = await provider.prepay({ outTradeNo: paymentId, amount_fen: input.amount, description: '赊销还款', payerOpenId: ctx.caller.openId, expiresAt_ms: ctx.now_ms + DEFAULT_WECHAT_PAY_TIMEOUT_MS });
    if (!prepaid.ok) return asAppError(prepaid.error);
    return ok({ paymentId, status: 'pending', jsapi: prepaid.data.jsapi });
  }
  return ok({ paymentId, status: doc.status });
}

async function financeOf(ctx: AuthedContext, p: PaymentDoc): Promise<Result<true>> {
  const s = standingIn(await membershipsOf(ctx.db, ctx.caller.unionId), p);
  if (s.buyerRole === null && s.sellerRole === null && !s.brandAdmin) return err('NOT_FOUND', 'payment not found', 'paymentId');
  if (!sellerMay(s, p, SELLER_FINANCE_ROLES)) return err('FORBIDDEN', "only the seller's finance may confirm or reject a transfer");
  return ok(true);
}

async function decideTransfer(ctx: AuthedContext, input: PaymentDecisionReq, confirm: boolean): Promise<Result<ActionRes<'order', 'confirmTransfer'>>> {
  const p0 = await getById<PaymentDoc>(ctx.db, C.payments, input.paymentId);
  if (!p0) return err('NOT_FOUND', 'payment not found', 'paymentId');
  const may = await financeOf(ctx, p0);
  if (!may.ok) return may;
  if (p0.method !== 'transfer') return err('INVALID_ARGUMENT', 'this payment is not a transfer', 'paymentId');
  let wechat: WechatRefund[] = [];
  const r = await transact<ActionRes<'order', 'confirmTransfer'>>(ctx.db, async (tx) => {
    const stored = await txGet<PaymentDoc>(tx, C.payments, input.paymentId);
    if (!stored) return err('NOT_FOUND', 'payment not found', 'paymentId');
    const p = { ...stored, _id: input.paymentId };
    if (p.status !== 'pending') return err('INVALID_STATE', `the transfer is already ${p.status}`);
    if (confirm) {
      if (p.purpose !== 'order') {
        const posted = await balancePayment(ctx, tx, p);
        if (!posted.ok) return posted;
      } else {
        const applied = await paymentOntoOrder(ctx, tx, p, ctx.caller.unionId, 'seller_finance');
        if (!applied.ok) return applied;
        wechat = applied.data.wechat;
      }
    }
    const status = confirm ? 'confirmed' : 'rejected';
    await tx.collection(C.payments).doc(p._id).update({ status, decidedBy: ctx.caller.unionId, decidedAt: ctx.now_ms, reason: input.reason ?? null });
    return ok({ status });
  });
  if (r.ok) await sendWechatRefunds(ctx, wechat);
  return r;
}

export const confirmTransfer = (ctx: AuthedContext, input: PaymentDecisionReq) => decideTransfer(ctx, input, true);
export const rejectTransfer = (ctx: AuthedContext, input: PaymentDecisionReq) => decideTransfer(ctx, input, false);

/**
 * A WeChat Pay notice (the notify URL's call, verified by the provider). Idempotent by the
 * payment: a second delivery of the same transaction finds it confirmed and posts nothing.
 */
export async function paymentNotice(ctx: ActionContext, input: PaymentNoticeReq): Promise<Result<ActionRes<'order', 'paymentNotice'>>> {
  const provider = paymentProvider(ctx.env);
  if (provider === null) return err('NOT_FOUND', 'WeChat Pay is not configured');
  const headers = { 'Wechatpay-Signature': input.signature, 'Wechatpay-Timestamp': input.timestamp, 'Wechatpay-Nonce': input.nonce, 'Wechatpay-Serial': input.serial };
  const verified = provider.verifyPaymentNotice({ headers, body: input.body }, ctx.now_ms);
  if (!verified.ok) return asAppError(verified.error);
  return applyWechatPayment(ctx, { outTradeNo: verified.data.outTradeNo, transactionId: verified.data.transactionId, amount_fen: verified.data.total_fen }, 'body');
}

/**
 * A WeChat Pay trade found paid — by its notice, or by the sweep's query when the notice was lost
 * (sweep.ts) — posted onto its payment once: keyed by the payment, checked against its amount and
 * its transaction id. `field` names what a refusal is about (the notice's `body`).
 */
export async function applyWechatPayment(ctx: ActionContext, paid: { outTradeNo: string; transactionId: string; amount_fen: number }, field: string): Promise<Result<ActionRes<'order', 'paymentNotice'>>> {
  let wechat: WechatRefund[] = [];
  const r = await transact<ActionRes<'order', 'paymentNotice'>>(ctx.db, async (tx) => {
    const stored = await txGet<PaymentDoc>(tx, C.payments, paid.outTradeNo);
    if (!stored || stored.method !== 'wechat_pay') return err('NOT_FOUND', 'payment not found', field);
    const p = { ...stored, _id: paid.outTradeNo };
    if (p.amount !== paid.amount_fen) return err('CONFLICT', `the trade pays ${paid.amount_fen} fen, the payment is ${p.amount}`, field);
    if (p.transactionId !== null) {
      if (p.transactionId !== paid.transactionId) return err('CONFLICT', 'this payment was already paid by another transaction', field);
      return ok({ posted: false });
    }
    if (p.purpose !== 'order') {
      const posted = await balancePayment(ctx, tx, p);
      if (!posted.ok) return posted;
    } else {
      const applied = await paymentOntoOrder(ctx, tx, p, 'wechat_pay', 'payment_notice');
      if (!applied.ok) return applied;
      wechat = applied.data.wechat;
    }
    await tx.collection(C.payments).doc(p._id).update({ status: 'confirmed', transactionId: paid.transactionId, decidedAt: ctx.now_ms });
    return ok({ posted: true });
  });
  if (r.ok) await sendWechatRefunds(ctx, wechat);
  return r;
}

export async function topUp(ctx: AuthedContext, input: TopUpReq): Promise<Result<ActionRes<'order', 'topUp'>>> {
  const buyer = await buyerOrgOf(ctx, input.buyerOrgId);
  if (!buyer.ok) return buyer;
  if (!(await canTrade(ctx.db, buyer.data.orgId, input.sellerOrgId))) return err('NOT_FOUND', 'no such supplier for your organisation', 'sellerOrgId');
  const provider = input.method === 'wechat_pay' ? paymentProvider(ctx.env) : null;
  if (input.method === 'wechat_pay' && provider === null) return err('INVALID_ARGUMENT', 'WeChat Pay is not available here', 'method');
  const paymentId = derivedId('pay', `topUp:${buyer.data.orgId}`, input.requestId);
  const doc: Omit<PaymentDoc, '_id'> = {
    purpose: 'top_up',
    method: input.method,
    orderId: null,
    sellerOrgId: input.sellerOrgId,
    buyerOrgId: buyer.data.orgId,
    amount: input.amount,
    status: 'pending',
    receiptFileId: input.receiptFileId ?? null,
    transactionId: null,
    requestedBy: ctx.caller.unionId,
    decidedBy: null,
    reason: null,
    createdAt: ctx.now_ms,
    decidedAt: null,
  };
  const r = await transact<{ fresh: boolean }>(ctx.db, async (tx) => {
    const existing = await txGet<PaymentDoc>(tx, C.payments, paymentId);
    if (existing) {
      const same = existing.amount === input.amount && existing.method === input.method && existing.sellerOrgId === input.sellerOrgId;
      return same ? ok({ fresh: false }) : err('CONFLICT', 'this requestId was already used for another top-up', 'requestId');
    }
    await tx.collection(C.payments).doc(paymentId).set(doc);
    return ok({ fresh: true });
  });
  if (!r.ok) return r;
  if (provider) {
    const prepaid = await provider.prepay({ outTradeNo: paymentId, amount_fen: input.amount, description: '预存款充值', payerOpenId: ctx.caller.openId, expiresAt_ms: ctx.now_ms + DEFAULT_WECHAT_PAY_TIMEOUT_MS });
    if (!prepaid.ok) return asAppError(prepaid.error);
    return ok({ paymentId, jsapi: prepaid.data.jsapi });
  }
  return ok({ paymentId });
}

export async function balances(ctx: AuthedContext, input: BalancesReq): Promise<Result<ActionRes<'order', 'balances'>>> {
  const s = standingIn(await membershipsOf(ctx.db, ctx.caller.unionId), input);
  if (s.buyerRole === null && s.sellerRole === null && !s.brandAdmin) return err('NOT_FOUND', 'no such balances for you', 'buyerOrgId');
  const deposit = depositAccount(input.sellerOrgId, input.buyerOrgId);
  const rebate = rebateAccount(input.sellerOrgId, input.buyerOrgId);
  const credit = creditAccount(input.sellerOrgId, input.buyerOrgId);
  const [bal, line, recs] = await Promise.all([
    readTradeBalances(ctx.db, [deposit, rebate, credit]),
    readCreditLine(ctx.db, input.sellerOrgId, input.buyerOrgId, ctx.now_ms),
    ctx.db.collection(C.receivables).where({ sellerOrgId: input.sellerOrgId, buyerOrgId: input.buyerOrgId, status: 'open' }).limit(RECEIVABLES_PER_PAIR_MAX).get(),
  ]);
  const open = (recs.data as ReceivableDoc[]).map((r) => ({ outstanding_fen: r.amount - r.repaid, due_ms: r.due_ms }));
  const aged = ageing(open, ctx.now_ms);
  const overdue = aged.d1_30 + aged.d31_60 + aged.over_60;
  const used = -(bal.get(credit) ?? 0);
  return ok({
    deposit: bal.get(deposit) ?? 0,
    rebate: bal.get(rebate) ?? 0,
    credit: { ...creditPosition(line, used, overdue, ctx.now_ms), termDays: line?.termDays ?? null, ageing: aged },
  });
}
