/** Reading orders and shipping notices: only an order's parties (and brand admins) see it. */
import { err, ok, type ActionRes, type GetOrderReq, type ListOrdersReq, type MarkNoticesReadReq, type NoticesReq, type Result } from '@channel-router/shared';
import { membershipsOf } from '../channel/access.js';
import { BRAND_ORG_ID } from '../channel/model.js';
import { C } from '../db/collections.js';
import type { AuthedContext } from '../runtime/action.js';
import type { NoticeDoc, OrderDoc, PaymentDoc, ReturnDoc, ShipmentDoc } from './model.js';
import { orderAndStanding } from './steps.js';
import { toView } from './store.js';

const LIST_PAGE_DEFAULT = 20;
const LIST_OFFSET_MAX = 10_000;
const PER_ORDER_MAX = 200;
const NOTICES_DEFAULT = 50;

export async function get(ctx: AuthedContext, input: GetOrderReq): Promise<Result<ActionRes<'order', 'get'>>> {
  const loaded = await orderAndStanding(ctx, input.orderId);
  if (!loaded.ok) return loaded;
  const [shipments, returns, payments] = await Promise.all([
    ctx.db.collection(C.shipments).where({ orderId: input.orderId }).orderBy('at', 'asc').limit(PER_ORDER_MAX).get(),
    ctx.db.collection(C.returns).where({ orderId: input.orderId }).orderBy('requestedAt', 'asc').limit(PER_ORDER_MAX).get(),
    // A transfer's receipt image, for the seller's finance confirming it.
    ctx.db.collection(C.payments).where({ orderId: input.orderId }).limit(PER_ORDER_MAX).get(),
  ]);
  const receipts = new Map((payments.data as PaymentDoc[]).filter((p) => p.receiptFileId !== null).map((p) => [p._id, p.receiptFileId!]));
  return ok(toView(loaded.data.order, shipments.data as ShipmentDoc[], returns.data as ReturnDoc[], receipts));
}

export async function list(ctx: AuthedContext, input: ListOrdersReq): Promise<Result<ActionRes<'order', 'list'>>> {
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  const brandAdmin = ms.some((m) => m.orgId === BRAND_ORG_ID && m.role === 'admin');
  const side = input.side ?? 'buy';
  const orgId = input.orgId ?? (side === 'sell' && brandAdmin ? BRAND_ORG_ID : ms.find((m) => m.orgId !== BRAND_ORG_ID)?.orgId ?? ms[0]?.orgId);
  if (orgId === undefined) return err('FORBIDDEN', 'join an organisation first');
  // A brand admin sees every order of the channel; anyone else only their own org's.
  if (!ms.some((m) => m.orgId === orgId) && !brandAdmin) return err('NOT_FOUND', 'no such organisation for you', 'orgId');
  const offset = input.cursor === undefined ? 0 : Number(input.cursor);
  if (!Number.isSafeInteger(offset) || offset < 0 || offset > LIST_OFFSET_MAX) return err('INVALID_ARGUMENT', 'cursor is not one this server gave', 'cursor');
  const limit = input.limit ?? LIST_PAGE_DEFAULT;
  const where: Record<string, unknown> = side === 'buy' ? { buyerOrgId: orgId } : { sellerOrgId: orgId };
  if (input.status) where.status = input.status;
  const res = await ctx.db.collection(C.orders).where(where).orderBy('createdAt', 'desc').skip(offset).limit(limit + 1).get();
  const docs = res.data as OrderDoc[];
  return ok({
    orders: docs.slice(0, limit).map((o) => ({ orderId: o._id, orderNo: o.orderNo, sellerOrgId: o.sellerOrgId, buyerOrgId: o.buyerOrgId, status: o.status, total: o.total, createdAt: o.createdAt })),
    cursor: docs.length > limit ? String(offset + limit) : null,
  });
}

export async function notices(ctx: AuthedContext, input: NoticesReq): Promise<Result<ActionRes<'order', 'notices'>>> {
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  const orgId = input.orgId ?? ms.find((m) => m.orgId !== BRAND_ORG_ID)?.orgId;
  if (orgId === undefined || !ms.some((m) => m.orgId === orgId)) return err('NOT_FOUND', 'no such organisation for you', 'orgId');
  const res = await ctx.db.collection(C.notices).where({ orgId }).orderBy('at', 'desc').limit(input.limit ?? NOTICES_DEFAULT).get();
  const me = ctx.caller.unionId;
  const rows = (res.data as NoticeDoc[]).map((n) => ({ noticeId: n._id, kind: n.kind, orderId: n.orderId, orderNo: n.orderNo, shipmentId: n.shipmentId, title: n.title, at: n.at, read: n.readBy.includes(me) }));
  return ok({ notices: input.unreadOnly === true ? rows.filter((r) => !r.read) : rows });
}

export async function markNoticesRead(ctx: AuthedContext, input: MarkNoticesReadReq): Promise<Result<ActionRes<'order', 'markNoticesRead'>>> {
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  const mine = new Set(ms.map((m) => m.orgId));
  const res = await ctx.db.collection(C.notices).where({ _id: ctx.db.command.in(input.noticeIds) }).limit(input.noticeIds.length).get();
  const found = res.data as NoticeDoc[];
  // Another org's notice is as absent as one that does not exist.
  if (found.length !== input.noticeIds.length || found.some((n) => !mine.has(n.orgId))) return err('NOT_FOUND', 'no such notice for you', 'noticeIds');
  let marked = 0;
  for (const n of found) {
    if (n.readBy.includes(ctx.caller.unionId)) continue;
    await ctx.db.collection(C.notices).doc(n._id).update({ readBy: ctx.db.command.addToSet(ctx.caller.unionId) });
    marked++;
  }
  return ok({ marked });
}
