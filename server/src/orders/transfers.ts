/**
 * `order.transfers`: the bank transfers waiting for a seller's finance — orders' payments,
 * deposit top-ups and credit repayments alike — newest first, each with its buyer, its order
 * number and a signed link to its receipt image. A page costs the same whatever its size: the caller's memberships, the
 * page of payments (index {sellerOrgId, status, createdAt}), its orders and buyers together, and
 * one storage request for every receipt link.
 */
import { RECEIPT_LINK_MAX_AGE_S, TRANSFERS_CURSOR, TRANSFERS_PAGE_DEFAULT, err, ok, type ActionRes, type Result, type TransfersReq } from '@channel-router/shared';
import { membershipsOf } from '../channel/access.js';
import type { OrgDoc } from '../channel/model.js';
import { C } from '../db/collections.js';
import { cloudApp } from '../runtime/cloud.js';
import type { AuthedContext } from '../runtime/action.js';
import { tempUrls } from '../storage/files.js';
import { sellerMay, SELLER_FINANCE_ROLES, standingIn } from './access.js';
import type { OrderDoc, PaymentDoc } from './model.js';
import { queueCursor, readQueuePage } from './queue-page.js';

/** The purposes listed: what a transfer pays for that the seller's finance confirms here. */
const PURPOSES = ['order', 'top_up', 'repay'] as const;

export function transfersCursor(p: Pick<PaymentDoc, '_id' | 'createdAt'>): string {
  return queueCursor(p.createdAt, p._id);
}

export async function transfers(ctx: AuthedContext, input: TransfersReq): Promise<Result<ActionRes<'order', 'transfers'>>> {
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  const seller = { sellerOrgId: input.orgId, buyerOrgId: '' };
  if (!sellerMay(standingIn(ms, seller), seller, SELLER_FINANCE_ROLES)) {
    return err('FORBIDDEN', "only the seller's finance or owner may see its transfers", 'orgId');
  }
  const limit = input.limit ?? TRANSFERS_PAGE_DEFAULT;
  const _ = ctx.db.command;
  const all = await readQueuePage<PaymentDoc>(ctx, {
    collection: C.payments,
    match: { sellerOrgId: input.orgId, status: 'pending', method: 'transfer', purpose: _.in([...PURPOSES]) },
    timeField: 'createdAt',
    cursor: input.cursor === undefined ? null : TRANSFERS_CURSOR.exec(input.cursor),
    limit,
  });
  const page = all.slice(0, limit);
  if (page.length === 0) return ok({ transfers: [], nextCursor: null });

  const orderIds = [...new Set(page.flatMap((p) => (p.orderId === null ? [] : [p.orderId])))];
  const buyerIds = [...new Set(page.map((p) => p.buyerOrgId))];
  const receipts = page.flatMap((p) => (p.receiptFileId === null ? [] : [p.receiptFileId]));
  const [orders, buyers, links] = await Promise.all([
    orderIds.length === 0
      ? Promise.resolve({ data: [] as OrderDoc[] })
      : ctx.db.collection(C.orders).where({ _id: _.in(orderIds) }).field({ _id: true, orderNo: true }).limit(orderIds.length).get(),
    ctx.db.collection(C.orgs).where({ _id: _.in(buyerIds) }).field({ _id: true, name: true }).limit(buyerIds.length).get(),
    tempUrls(cloudApp(), receipts, RECEIPT_LINK_MAX_AGE_S),
  ]);
  const orderNo = new Map((orders.data as Array<Pick<OrderDoc, '_id' | 'orderNo'>>).map((o) => [o._id, o.orderNo]));
  const buyerName = new Map((buyers.data as Array<Pick<OrgDoc, '_id' | 'name'>>).map((o) => [o._id, o.name]));

  return ok({
    transfers: page.map((p) => ({
      paymentId: p._id,
      purpose: p.purpose,
      orderId: p.orderId,
      orderNo: p.orderId === null ? null : (orderNo.get(p.orderId) ?? null),
      buyerOrgId: p.buyerOrgId,
      buyerName: buyerName.get(p.buyerOrgId) ?? p.buyerOrgId,
      amount: p.amount,
      createdAt: p.createdAt,
      receiptFileId: p.receiptFileId,
      receiptUrl: p.receiptFileId === null ? null : (links.get(p.receiptFileId) ?? null),
    })),
    nextCursor: all.length > limit ? transfersCursor(page[page.length - 1]!) : null,
  });
}
