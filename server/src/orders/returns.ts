/**
 * Returns (退货退款): within the window the buyer asks to return units of lines; the seller
 * approves or rejects. Goods come back by `scan.ship` with `returnId` and are refunded at once
 * when the seller receives them; a refund-only claim is refunded on approval.
 */
import { err, ok, refundLine, type ActionRes, type RequestReturnReq, type Result, type ReturnDecisionReq } from '@channel-router/shared';
import { membershipsOf } from '../channel/access.js';
import { derivedId } from '../channel/ids.js';
import { C } from '../db/collections.js';
import { getById } from '../db/ops.js';
import { transact, txGet, type Tx } from '../db/transact.js';
import type { ActionContext, AuthedContext } from '../runtime/action.js';
import { buyerMay, sellerMay, SELLER_OFFICE_ROLES, standingIn } from './access.js';
import { postRefund, refundParts, type WechatRefund } from './money.js';
import type { OrderDoc, ReturnDoc } from './model.js';
import { orderAndStanding, sendWechatRefunds } from './steps.js';
import { writeOrder } from './store.js';

export async function requestReturn(ctx: AuthedContext, input: RequestReturnReq): Promise<Result<ActionRes<'order', 'requestReturn'>>> {
  const loaded = await orderAndStanding(ctx, input.orderId);
  if (!loaded.ok) return loaded;
  const { order, s } = loaded.data;
  if (!buyerMay(s)) return err('FORBIDDEN', 'only the buyer may ask for a return');
  const returnId = derivedId('ret', `return:${order._id}`, input.requestId);
  return transact<ActionRes<'order', 'requestReturn'>>(ctx.db, async (tx) => {
    const again = await txGet<ReturnDoc>(tx, C.returns, returnId);
    if (again) return ok({ returnId, status: again.status });
    const stored = await txGet<OrderDoc>(tx, C.orders, order._id);
    if (!stored) return err('NOT_FOUND', 'order not found', 'orderId');
    const o = { ...stored, _id: order._id };
    if (o.status !== 'received') return err('INVALID_STATE', `an order in state ${o.status} cannot be returned`);
    if (o.receivedAt === null || ctx.now_ms >= o.receivedAt + o.terms.returnWindow_ms) return err('RETURN_WINDOW_CLOSED', 'the return window of this order has closed');
    const lines: ReturnDoc['lines'] = [];
    const next = o.lines.map((l) => ({ ...l }));
    const seen = new Set<string>();
    for (let i = 0; i < input.lines.length; i++) {
      const req = input.lines[i]!;
      const field = `lines[${i}]`;
      if (seen.has(req.lineId)) return err('INVALID_ARGUMENT', 'a line appears twice', `${field}.lineId`);
      seen.add(req.lineId);
      const l = next.find((x) => x.lineId === req.lineId);
      if (!l) return err('INVALID_ARGUMENT', 'no such line on this order', `${field}.lineId`);
      const receivedUnits = Math.floor(l.shippedItems / l.itemsPerUnit);
      const returnable = receivedUnits - (l.returned - l.closed) - l.pendingReturn;
      if (req.quantity > returnable) return err('INVALID_ARGUMENT', `at most ${returnable} units of this line can be returned`, `${field}.quantity`);
      l.pendingReturn += req.quantity;
      lines.push({ lineId: l.lineId, productId: l.productId, quantity: req.quantity, items: req.quantity * l.itemsPerUnit });
    }
    const doc: Omit<ReturnDoc, '_id'> = {
      orderId: o._id,
      sellerOrgId: o.sellerOrgId,
      buyerOrgId: o.buyerOrgId,
      status: 'requested',
      refundOnly: input.refundOnly === true,
      lines,
      reason: input.reason ?? null,
      photos: input.photos ?? [],
      refund: null,
      requestedBy: ctx.caller.unionId,
      requestedAt: ctx.now_ms,
      decidedBy: null,
      decidedAt: null,
      rejectReason: null,
    };
    await tx.collection(C.returns).doc(returnId).set(doc);
    await writeOrder(tx, { ...o, lines: next, openReturns: o.openReturns + 1, version: o.version + 1, updatedAt: ctx.now_ms });
    return ok({ returnId, status: 'requested' });
  });
}

/**
 * Refunds a return's units in `tx`: each line k of its m remaining units (docs/ordering.md), the
 * sum back to the tenders by largest remainder. Used on receipt of the goods, or on approval of a
 * refund-only claim.
 */
export async function refundReturnInTx(ctx: ActionContext, tx: Tx, ret: ReturnDoc, at_ms: number): Promise<Result<{ refund: number; wechat: WechatRefund[] }>> {
  const stored = await txGet<OrderDoc>(tx, C.orders, ret.orderId);
  if (!stored) throw new Error(`return ${ret._id} has no order`);
  const o = { ...stored, _id: ret.orderId };
  let amount = 0;
  const lines = o.lines.map((l) => {
    const r = ret.lines.find((x) => x.lineId === l.lineId);
    if (!r) return l;
    const refunded = refundLine(l, r.quantity, 'lines');
    if (!refunded.ok) throw new Error(`return ${ret._id}: ${refunded.error.message}`);
    amount += refunded.data.refund_fen;
    return { ...l, ...refunded.data.line, pendingReturn: l.pendingReturn - r.quantity };
  });
  const parts = refundParts(o, amount);
  if (!parts.ok) throw new Error(`return ${ret._id}: ${parts.error.message}`);
  const done = await postRefund(ctx.db, tx, { ...o, lines }, ret._id, parts.data, at_ms);
  if (!done.ok) return done;
  await writeOrder(tx, { ...done.data.order, openReturns: o.openReturns - 1, version: o.version + 1, updatedAt: at_ms });
  await tx.collection(C.returns).doc(ret._id).update({ status: 'refunded', refund: amount, refundedAt: at_ms });
  return ok({ refund: amount, wechat: done.data.wechat });
}

async function decide(ctx: AuthedContext, input: ReturnDecisionReq, approve: boolean): Promise<Result<ActionRes<'order', 'approveReturn'>>> {
  const r0 = await getById<ReturnDoc>(ctx.db, C.returns, input.returnId);
  if (!r0) return err('NOT_FOUND', 'return not found', 'returnId');
  const s = standingIn(await membershipsOf(ctx.db, ctx.caller.unionId), r0);
  if (s.buyerRole === null && s.sellerRole === null && !s.brandAdmin) return err('NOT_FOUND', 'return not found', 'returnId');
  if (!sellerMay(s, r0, SELLER_OFFICE_ROLES)) return err('FORBIDDEN', 'only the seller may decide a return');
  let wechat: WechatRefund[] = [];
  const r = await transact<ActionRes<'order', 'approveReturn'>>(ctx.db, async (tx) => {
    const stored = await txGet<ReturnDoc>(tx, C.returns, input.returnId);
    if (!stored) return err('NOT_FOUND', 'return not found', 'returnId');
    const ret = { ...stored, _id: input.returnId };
    if (ret.status !== 'requested') return err('INVALID_STATE', `the return is already ${ret.status}`);
    await tx.collection(C.returns).doc(ret._id).update({ status: approve ? 'approved' : 'rejected', decidedBy: ctx.caller.unionId, decidedAt: ctx.now_ms, rejectReason: approve ? null : (input.reason ?? null) });
    if (!approve) {
      const o = await txGet<OrderDoc>(tx, C.orders, ret.orderId);
      if (!o) throw new Error(`return ${ret._id} has no order`);
      const lines = o.lines.map((l) => {
        const x = ret.lines.find((y) => y.lineId === l.lineId);
        return x ? { ...l, pendingReturn: l.pendingReturn - x.quantity } : l;
      });
      await writeOrder(tx, { ...o, _id: ret.orderId, lines, openReturns: o.openReturns - 1, version: o.version + 1, updatedAt: ctx.now_ms });
      return ok({ status: 'rejected' });
    }
    if (!ret.refundOnly) return ok({ status: 'approved' });
    const refunded = await refundReturnInTx(ctx, tx, ret, ctx.now_ms);
    if (!refunded.ok) return refunded;
    wechat = refunded.data.wechat;
    return ok({ status: 'refunded', refund: refunded.data.refund });
  });
  if (r.ok) await sendWechatRefunds(ctx, wechat);
  return r;
}

export const approveReturn = (ctx: AuthedContext, input: ReturnDecisionReq) => decide(ctx, input, true);
export const rejectReturn = (ctx: AuthedContext, input: ReturnDecisionReq) => decide(ctx, input, false);
