/**
 * The people's steps on an order: approve, reject, cancel, closeRemainder. Each reads the order,
 * checks the caller's standing, then applies the machine's transition and its effects (stock
 * released, money refunded) in one compare-and-set transaction.
 */
import { err, ok, refundLine, type ActionRes, type OrderActor, type OrderEvent, type OrderStepReq, type Result } from '@channel-router/shared';
import { membershipsOf } from '../channel/access.js';
import { C } from '../db/collections.js';
import type { Tx } from '../db/transact.js';
import type { ActionContext, AuthedContext } from '../runtime/action.js';
import { paymentProvider } from '../payments/index.js';
import { buyerMay, canRead, sellerMay, SELLER_OFFICE_ROLES, SELLER_WAREHOUSE_ROLES, standingIn, type Standing } from './access.js';
import { postRefund, refundEverything, refundParts, type WechatRefund } from './money.js';
import type { OrderDoc } from './model.js';
import { releaseInTx } from './seams.js';
import { applyEvent, casOrder, readOrder, unshippedItems } from './store.js';
import { checkLowStock } from '../stock/levels.js';
import { releasePromotionBudgetsInTx } from '../promotions/index.js';

type Decision = { actor: OrderActor; event: OrderEvent };

/** Loads the order and the caller's standing; NOT_FOUND unless the caller is a party (or a brand admin). */
export async function orderAndStanding(ctx: AuthedContext, orderId: string): Promise<Result<{ order: OrderDoc; s: Standing }>> {
  const [order, ms] = await Promise.all([readOrder(ctx, orderId), membershipsOf(ctx.db, ctx.caller.unionId)]);
  if (!order) return err('NOT_FOUND', 'order not found', 'orderId');
  const s = standingIn(ms, order);
  if (!canRead(s)) return err('NOT_FOUND', 'order not found', 'orderId');
  return ok({ order: { ...order, _id: orderId }, s });
}

/** Refunds made to WeChat Pay after commit: the refund number is the step's id, so a retry never pays twice. */
export async function sendWechatRefunds(ctx: ActionContext, refunds: readonly WechatRefund[]): Promise<void> {
  const provider = paymentProvider(ctx.env);
  if (provider === null) return;
  for (const r of refunds) {
    // A refund not accepted now is logged for finance; retrying with the same number is safe.
    const out = await provider.refund({ outTradeNo: r.paymentId, outRefundNo: r.refundId, amount_fen: r.amount_fen, total_fen: r.total_fen, reason: '订单退款' });
    if (!out.ok) console.error(`[order] WeChat Pay refund ${r.refundId}: ${out.error.code} ${out.error.message}`);
  }
}

/** Releases everything still reserved and refunds everything paid: a cancellation's effects. */
export async function cancelEffects(ctx: ActionContext, tx: Tx, order: OrderDoc, stepId: string): Promise<Result<{ order: OrderDoc; wechat: WechatRefund[] }>> {
  const left = unshippedItems(order);
  if (left.length > 0) {
    const released = await releaseInTx(tx, { orgId: order.sellerOrgId, ref: order._id, key: `order:${order._id}:release:${stepId}`, lines: left, at_ms: ctx.now_ms });
    if (!released.ok) return released;
  }
  const refunded = await postRefund(ctx.db, tx, order, `${order._id}-${stepId}`, refundEverything(order), ctx.now_ms);
  if (!refunded.ok) return refunded;
  // Its promotions' budgets and uses come back, once: this transition happens once (docs/promotions.md#the-quote).
  await releasePromotionBudgetsInTx(ctx.db, tx, order, ctx.now_ms);
  // Payments not made yet can no longer be.
  for (const t of order.tenders) {
    if (t.paymentId && t.paid === 0) await tx.collection(C.payments).doc(t.paymentId).update({ status: 'cancelled', decidedAt: ctx.now_ms });
  }
  return ok({ order: { ...refunded.data.order, payDeadline: null }, wechat: refunded.data.wechat });
}

async function step(
  ctx: AuthedContext,
  input: OrderStepReq,
  decide: (o: OrderDoc, s: Standing) => Result<Decision>,
  effects: (tx: Tx, next: OrderDoc, before: OrderDoc) => Promise<Result<{ order: OrderDoc; wechat: WechatRefund[] }>>,
): Promise<Result<ActionRes<'order', 'approve'>>> {
  const loaded = await orderAndStanding(ctx, input.orderId);
  if (!loaded.ok) return loaded;
  const { order, s } = loaded.data;
  const d = decide(order, s);
  if (!d.ok) return d;
  let wechat: WechatRefund[] = [];
  const r = await casOrder(ctx, order._id, order.version, async (tx, current) => {
    const next = applyEvent(current, d.data.event, d.data.actor, ctx.caller.unionId, ctx.now_ms, input.reason);
    if (!next.ok) return next;
    const done = await effects(tx, next.data, current);
    if (!done.ok) return done;
    wechat = done.data.wechat;
    return ok({ order: done.data.order, reply: { status: done.data.order.status } });
  });
  if (r.ok) await sendWechatRefunds(ctx, wechat);
  // Released stock may lift a product back above its safety stock: the next crossing alerts again.
  if (r.ok && effects !== none) await checkLowStock(ctx.db, order.sellerOrgId, [...new Set(order.lines.map((l) => l.productId))], ctx.now_ms);
  return r;
}

const none = async (_tx: Tx, next: OrderDoc) => ok({ order: next, wechat: [] as WechatRefund[] });

function approver(o: OrderDoc, s: Standing): Result<{ role: string; anyStep: boolean }> {
  const anyStep = sellerMay(s, o, []);
  if (anyStep) return ok({ role: s.sellerRole ?? 'admin', anyStep });
  if (s.sellerRole !== null && o.approval.chain.includes(s.sellerRole)) return ok({ role: s.sellerRole, anyStep: false });
  return err('FORBIDDEN', "only the seller's approvers may approve or reject this order");
}

export async function approve(ctx: AuthedContext, input: OrderStepReq): Promise<Result<ActionRes<'order', 'approve'>>> {
  return step(
    ctx,
    input,
    (o, s) => {
      const a = approver(o, s);
      return a.ok ? ok({ actor: 'seller_approver', event: { type: 'approve', role: a.data.role, anyStep: a.data.anyStep } }) : a;
    },
    none,
  );
}

export async function reject(ctx: AuthedContext, input: OrderStepReq): Promise<Result<ActionRes<'order', 'reject'>>> {
  return step(
    ctx,
    input,
    (o, s) => {
      const a = approver(o, s);
      return a.ok ? ok({ actor: 'seller_approver', event: { type: 'reject' } }) : a;
    },
    (tx, next) => cancelEffects(ctx, tx, next, 'reject'),
  );
}

export async function cancel(ctx: AuthedContext, input: OrderStepReq): Promise<Result<ActionRes<'order', 'cancel'>>> {
  return step(
    ctx,
    input,
    (o, s) => {
      if (o.status === 'approved') {
        if (!sellerMay(s, o, SELLER_OFFICE_ROLES)) return err('FORBIDDEN', 'once approved, only the seller may cancel the order');
        if (o.lines.some((l) => l.shippedItems > 0)) return err('INVALID_STATE', 'part of the order has shipped: close the remainder instead');
        return ok({ actor: 'seller', event: { type: 'cancel' } });
      }
      if (!buyerMay(s)) return err('FORBIDDEN', 'only the buyer may cancel the order now');
      return ok({ actor: 'buyer', event: { type: 'cancel' } });
    },
    (tx, next) => cancelEffects(ctx, tx, next, 'cancel'),
  );
}

export async function closeRemainder(ctx: AuthedContext, input: OrderStepReq): Promise<Result<ActionRes<'order', 'closeRemainder'>>> {
  return step(
    ctx,
    input,
    (o, s) => (sellerMay(s, o, [...SELLER_OFFICE_ROLES, ...SELLER_WAREHOUSE_ROLES]) ? ok({ actor: 'seller', event: { type: 'closeRemainder' } }) : err('FORBIDDEN', 'only the seller may close the remainder')),
    async (tx, next) => {
      const left = unshippedItems(next);
      if (left.length > 0) {
        const released = await releaseInTx(tx, { orgId: next.sellerOrgId, ref: next._id, key: `order:${next._id}:release:close`, lines: left, at_ms: ctx.now_ms });
        if (!released.ok) return released;
      }
      // The unshipped units are refunded as a return of those units (docs/ordering.md).
      let amount = 0;
      const lines = next.lines.map((l) => {
        const shippedUnits = Math.ceil(l.shippedItems / l.itemsPerUnit);
        const k = l.quantity - shippedUnits - l.closed;
        const closedItems = l.quantity * l.itemsPerUnit - l.shippedItems;
        if (k <= 0) return { ...l, closedItems };
        const r = refundLine(l, k, 'orderId');
        if (!r.ok) throw new Error(`closeRemainder: ${r.error.message}`);
        amount += r.data.refund_fen;
        return { ...l, ...r.data.line, closed: l.closed + k, closedItems };
      });
      const parts = refundParts(next, amount);
      if (!parts.ok) throw new Error(`closeRemainder: ${parts.error.message}`);
      const refunded = await postRefund(ctx.db, tx, { ...next, lines }, `${next._id}-close`, parts.data, ctx.now_ms);
      if (!refunded.ok) return refunded;
      return ok({ order: { ...refunded.data.order, shippedAt: ctx.now_ms }, wechat: refunded.data.wechat });
    },
  );
}
