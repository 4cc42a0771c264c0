/**
 * Payments: transfers confirmed or rejected by the seller's finance, WeChat Pay notices, top-ups,
 * rebate adjustments, and the balances a buyer holds with a seller.
 */
import {
  ageing,
  creditAccount,
  creditPosition,
  depositAccount,
  err,
  ok,
  rebateAccount,
  rebateAdjustPosting,
  topUpPosting,
  type ActionRes,
  type AdjustRebateReq,
  type BalancesReq,
  type CreditLineTerms,
  type PaymentDecisionReq,
  type PaymentNoticeReq,
  type Result,
  type TopUpReq,
} from '@channel-router/shared';
import { membershipsOf } from '../channel/access.js';
import { derivedId } from '../channel/ids.js';
import { C } from '../db/collections.js';
import { getById } from '../db/ops.js';
import { transact, txGet, type Tx } from '../db/transact.js';
import type { ActionContext, AuthedContext } from '../runtime/action.js';
import { paymentProvider } from './configured-pay.js';
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
      if (p.purpose === 'top_up') {
        const posted = await postTrade(ctx.db, tx, [topUpPosting(p._id, p.sellerOrgId, p.buyerOrgId, 'transfer', p.amount, ctx.now_ms)], ctx.now_ms);
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
  const notice = provider.verifyNotice(input);
  if (notice === null) return err('FORBIDDEN', 'the notice is not authentic', 'signature');
  let wechat: WechatRefund[] = [];
  const r = await transact<ActionRes<'order', 'paymentNotice'>>(ctx.db, async (tx) => {
    const stored = await txGet<PaymentDoc>(tx, C.payments, notice.outTradeNo);
    if (!stored || stored.method !== 'wechat_pay') return err('NOT_FOUND', 'payment not found', 'outTradeNo');
    const p = { ...stored, _id: notice.outTradeNo };
    if (p.amount !== notice.amount_fen) return err('INVALID_ARGUMENT', `the notice pays ${notice.amount_fen} fen, the payment is ${p.amount}`, 'amount');
    if (p.transactionId !== null) {
      if (p.transactionId !== notice.transactionId) return err('CONFLICT', 'this payment was already paid by another transaction', 'transactionId');
      return ok({ posted: false });
    }
    if (p.purpose === 'top_up') {
      const posted = await postTrade(ctx.db, tx, [topUpPosting(p._id, p.sellerOrgId, p.buyerOrgId, 'wechat_pay', p.amount, ctx.now_ms)], ctx.now_ms);
      if (!posted.ok) return posted;
    } else {
      const applied = await paymentOntoOrder(ctx, tx, p, 'wechat_pay', 'payment_notice');
      if (!applied.ok) return applied;
      wechat = applied.data.wechat;
    }
    await tx.collection(C.payments).doc(p._id).update({ status: 'confirmed', transactionId: notice.transactionId, decidedAt: ctx.now_ms });
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
    const { jsapi } = await provider.createJsapiOrder({ outTradeNo: paymentId, amount_fen: input.amount, description: '预存款充值', payerOpenId: ctx.caller.openId });
    return ok({ paymentId, jsapi });
  }
  return ok({ paymentId });
}

/** `trade.adjustRebate`: the seller's finance records a rebate grant (or take-back) with a reason. */
export async function adjustRebate(ctx: AuthedContext, input: AdjustRebateReq): Promise<Result<ActionRes<'order', 'adjustRebate'>>> {
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  const sellerOrgId = input.sellerOrgId ?? (ms.length === 1 ? ms[0]!.orgId : undefined);
  if (sellerOrgId === undefined) return err('INVALID_ARGUMENT', 'name the seller organisation', 'sellerOrgId');
  const parties = { sellerOrgId, buyerOrgId: input.buyerOrgId };
  const s = standingIn(ms, parties);
  if (s.sellerRole === null && !(s.brandAdmin && sellerOrgId === 'brand')) return err('FORBIDDEN', 'you are not a member of the seller organisation', 'sellerOrgId');
  if (!sellerMay(s, parties, SELLER_FINANCE_ROLES)) return err('FORBIDDEN', "only the seller's finance may adjust rebates");
  if (!(await canTrade(ctx.db, input.buyerOrgId, sellerOrgId))) return err('NOT_FOUND', 'this organisation is not your customer', 'buyerOrgId');
  const adjustmentId = derivedId('rbt', `adjustRebate:${sellerOrgId}`, input.requestId);
  // The reason is kept on the ledger document: a correction is explained where it is recorded.
  const posting = Object.assign(rebateAdjustPosting(adjustmentId, sellerOrgId, input.buyerOrgId, input.amount, ctx.now_ms), { reason: input.reason, by: ctx.caller.unionId });
  const r = await transact(ctx.db, async (tx) => {
    const existing = await txGet<{ amount_fen: number; credit: string }>(tx, C.ledger, posting.key);
    if (existing) {
      const same = existing.amount_fen === Math.abs(input.amount) && existing.credit === posting.credit;
      return same ? ok(true) : err('CONFLICT', 'this requestId was already used for another adjustment', 'requestId');
    }
    const posted = await postTrade(ctx.db, tx, [posting], ctx.now_ms, { fresh: true });
    return posted.ok ? ok(true) : { ...posted, error: { ...posted.error, field: 'amount' } };
  });
  if (!r.ok) return r;
  const acct = rebateAccount(sellerOrgId, input.buyerOrgId);
  return ok({ rebate: (await readTradeBalances(ctx.db, [acct])).get(acct) ?? 0 });
}

export async function balances(ctx: AuthedContext, input: BalancesReq): Promise<Result<ActionRes<'order', 'balances'>>> {
  const s = standingIn(await membershipsOf(ctx.db, ctx.caller.unionId), input);
  if (s.buyerRole === null && s.sellerRole === null && !s.brandAdmin) return err('NOT_FOUND', 'no such balances for you', 'buyerOrgId');
  const deposit = depositAccount(input.sellerOrgId, input.buyerOrgId);
  const rebate = rebateAccount(input.sellerOrgId, input.buyerOrgId);
  const credit = creditAccount(input.sellerOrgId, input.buyerOrgId);
  const [bal, line, recs] = await Promise.all([
    readTradeBalances(ctx.db, [deposit, rebate, credit]),
    readCreditLine(ctx.db, input.sellerOrgId, input.buyerOrgId, ctx.now_ms) as Promise<CreditLineTerms | null>,
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
