/**
 * `order.returns`: the return requests waiting for a seller's decision, newest first, whatever
 * the state or age of their orders, each with its order number, its buyer, its lines (product
 * name and unit from the order), its reason and signed links to its photos. A page costs the same
 * whatever its size: the caller's memberships, the page of returns (index {sellerOrgId, status,
 * requestedAt}), its orders and buyers together, and one storage request for every photo link.
 */
import {
  RETURN_PHOTO_LINK_MAX_AGE_S,
  RETURNS_CURSOR,
  RETURNS_PAGE_DEFAULT,
  RETURNS_PAGE_PHOTOS_MAX,
  err,
  ok,
  refundLine,
  type ActionRes,
  type Result,
  type ReturnToDecide,
  type ReturnsReq,
} from '@channel-router/shared';
import { membershipsOf } from '../channel/access.js';
import type { OrgDoc } from '../channel/model.js';
import { C } from '../db/collections.js';
import { cloudApp } from '../runtime/cloud.js';
import type { AuthedContext } from '../runtime/action.js';
import { tempUrls } from '../storage/files.js';
import { sellerMay, SELLER_OFFICE_ROLES, standingIn } from './access.js';
import type { OrderDoc, ReturnDoc } from './model.js';
import { queueCursor, readQueuePage } from './queue-page.js';

export function returnsCursor(r: Pick<ReturnDoc, '_id' | 'requestedAt'>): string {
  return queueCursor(r.requestedAt, r._id);
}

/**
 * The rows of a page: at most `limit`, and no more photos than one storage request signs (a row
 * has at most 9, so a page always holds at least one row).
 */
export function pageWithin<T extends { photos: readonly string[] }>(rows: readonly T[], limit: number, maxPhotos: number = RETURNS_PAGE_PHOTOS_MAX): T[] {
  const page: T[] = [];
  let photos = 0;
  for (const r of rows.slice(0, limit)) {
    if (page.length > 0 && photos + r.photos.length > maxPhotos) break;
    photos += r.photos.length;
    page.push(r);
  }
  return page;
}

/** What `ret` refunds if decided now; null when a line is no longer on the order or over its rest. */
function refundNow(ret: ReturnDoc, order: Pick<OrderDoc, 'lines'> | undefined): number | null {
  if (order === undefined) return null;
  let sum = 0;
  for (const x of ret.lines) {
    const l = order.lines.find((y) => y.lineId === x.lineId);
    if (l === undefined) return null;
    const r = refundLine(l, x.quantity, 'lines');
    if (!r.ok) return null;
    sum += r.data.refund_fen;
  }
  return sum;
}

export async function returns(ctx: AuthedContext, input: ReturnsReq): Promise<Result<ActionRes<'order', 'returns'>>> {
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  const seller = { sellerOrgId: input.orgId, buyerOrgId: '' };
  // Those who may decide a return (approveReturn, rejectReturn) see the ones to decide.
  if (!sellerMay(standingIn(ms, seller), seller, SELLER_OFFICE_ROLES)) {
    return err('FORBIDDEN', "only the seller's owner, finance or sales may see its return requests", 'orgId');
  }
  const limit = input.limit ?? RETURNS_PAGE_DEFAULT;
  const _ = ctx.db.command;
  const read = await readQueuePage<ReturnDoc>(ctx, {
    collection: C.returns,
    match: { sellerOrgId: input.orgId, status: 'requested' },
    timeField: 'requestedAt',
    cursor: input.cursor === undefined ? null : RETURNS_CURSOR.exec(input.cursor),
    limit,
  });
  const all = read.map((r) => ({ ...r, photos: r.photos ?? [] }));
  const page = pageWithin(all, limit);
  if (page.length === 0) return ok({ returns: [], nextCursor: null });

  const orderIds = [...new Set(page.map((r) => r.orderId))];
  const buyerIds = [...new Set(page.map((r) => r.buyerOrgId))];
  const [orders, buyers, links] = await Promise.all([
    ctx.db.collection(C.orders).where({ _id: _.in(orderIds) }).field({ _id: true, orderNo: true, lines: true }).limit(orderIds.length).get(),
    ctx.db.collection(C.orgs).where({ _id: _.in(buyerIds) }).field({ _id: true, name: true }).limit(buyerIds.length).get(),
    tempUrls(cloudApp(), page.flatMap((r) => r.photos), RETURN_PHOTO_LINK_MAX_AGE_S),
  ]);
  const orderOf = new Map((orders.data as Array<Pick<OrderDoc, '_id' | 'orderNo' | 'lines'>>).map((o) => [o._id, o]));
  const buyerName = new Map((buyers.data as Array<Pick<OrgDoc, '_id' | 'name'>>).map((o) => [o._id, o.name]));

  const rows: ReturnToDecide[] = page.map((r) => {
    const o = orderOf.get(r.orderId);
    return {
      returnId: r._id,
      orderId: r.orderId,
      orderNo: o?.orderNo ?? r.orderId,
      buyerOrgId: r.buyerOrgId,
      buyerName: buyerName.get(r.buyerOrgId) ?? r.buyerOrgId,
      lines: r.lines.map((x) => {
        const l = o?.lines.find((y) => y.lineId === x.lineId);
        return { lineId: x.lineId, productId: x.productId, productName: l?.productName ?? x.productId, unit: l?.unit ?? 'item', quantity: x.quantity };
      }),
      reason: r.reason,
      refundOnly: r.refundOnly === true,
      photos: r.photos,
      photoUrls: r.photos.map((f) => links.get(f) ?? null),
      requestedAt: r.requestedAt,
      refund: refundNow(r, o),
    };
  });
  return ok({ returns: rows, nextCursor: all.length > page.length ? returnsCursor(page[page.length - 1]!) : null });
}
