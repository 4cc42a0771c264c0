/**
 * Reading and changing orders. Every change is a compare-and-set: the transaction re-reads the
 * order and goes on only when its version is the one the caller acted on, so of two people acting
 * at once one wins and the other gets INVALID_STATE.
 */
import { err, ok, transitionOrder, type OrderActor, type OrderEvent, type OrderView, type Result } from '@channel-router/shared';
import { C } from '../db/collections.js';
import { getById } from '../db/ops.js';
import { transact, txGet, type Tx } from '../db/transact.js';
import type { ActionContext } from '../runtime/action.js';
import type { OrderDoc, ReturnDoc, ShipmentDoc } from './model.js';

/** Entries of an order's history kept on it: bounded, the oldest dropped (the submit stays first). */
const HISTORY_MAX = 100;

export async function readOrder(ctx: { db: ActionContext['db'] }, orderId: string): Promise<OrderDoc | null> {
  return getById<OrderDoc>(ctx.db, C.orders, orderId);
}

/** The order after an event of the machine, with its history entry; the caller stores it. */
export function applyEvent(order: OrderDoc, event: OrderEvent, actor: OrderActor, by: string, at: number, reason?: string): Result<OrderDoc> {
  const t = transitionOrder({ status: order.status, approval: order.approval }, event, actor, by, at);
  if (!t.ok) return t;
  const entry = { at, by, event: event.type, from: order.status, to: t.data.status, ...(reason ? { reason } : {}) };
  const history = [...order.history, entry];
  if (history.length > HISTORY_MAX) history.splice(1, history.length - HISTORY_MAX);
  return ok({ ...order, status: t.data.status, approval: { ...t.data.approval, chain: [...t.data.approval.chain], approvals: [...t.data.approval.approvals] }, history, updatedAt: at });
}

export async function writeOrder(tx: Tx, next: OrderDoc): Promise<void> {
  const { _id, ...fields } = next;
  await tx.collection(C.orders).doc(_id).set(fields);
}

/**
 * Runs `work` on the order as stored, provided its version is still `version` (else
 * INVALID_STATE), and stores what it answers with the version bumped.
 */
export async function casOrder<T>(
  ctx: ActionContext,
  orderId: string,
  version: number,
  work: (tx: Tx, order: OrderDoc) => Promise<Result<{ order: OrderDoc; reply: T }>>,
): Promise<Result<T>> {
  return transact<T>(ctx.db, async (tx) => {
    const order = await txGet<OrderDoc>(tx, C.orders, orderId);
    if (!order) return err('NOT_FOUND', 'order not found', 'orderId');
    if (order.version !== version) return err('INVALID_STATE', `the order changed meanwhile (now ${order.status}); reload it`);
    const r = await work(tx, { ...order, _id: orderId });
    if (!r.ok) return r;
    await writeOrder(tx, { ...r.data.order, version: version + 1 });
    return ok(r.data.reply);
  });
}

export function toView(o: OrderDoc, shipments: ShipmentDoc[], returns: ReturnDoc[], receipts: ReadonlyMap<string, string> = new Map()): OrderView {
  return {
    orderId: o._id,
    orderNo: o.orderNo,
    sellerOrgId: o.sellerOrgId,
    buyerOrgId: o.buyerOrgId,
    status: o.status,
    version: o.version,
    lines: o.lines.map((l) => ({
      lineId: l.lineId,
      productId: l.productId,
      productName: l.productName,
      unit: l.unit,
      itemsPerUnit: l.itemsPerUnit,
      quantity: l.quantity,
      listPrice: l.listPrice,
      unitPrice: l.unitPrice,
      priceSource: l.priceSource,
      discounts: l.discounts,
      net: l.net,
      shippedItems: l.shippedItems,
      returned: l.returned,
      refunded: l.refunded,
    })),
    total: o.total,
    tenders: o.tenders.map((t) => ({ kind: t.kind, amount: t.amount, paid: t.paid, refunded: t.refunded, ...(t.paymentId ? { paymentId: t.paymentId } : {}), ...(t.paymentId && receipts.has(t.paymentId) ? { receiptFileId: receipts.get(t.paymentId)! } : {}) })),
    approval: o.approval,
    ...(o.address !== null && o.address !== undefined ? { address: o.address } : {}),
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    ...(o.payDeadline !== null ? { payDeadline: o.payDeadline } : {}),
    ...(o.shippedAt !== null ? { shippedAt: o.shippedAt } : {}),
    ...(o.receivedAt !== null ? { receivedAt: o.receivedAt } : {}),
    ...(o.completedAt !== null ? { completedAt: o.completedAt } : {}),
    history: o.history,
    shipments: shipments.map((s) => ({
      shipmentId: s._id,
      at: s.at,
      lines: s.lines,
      ...(s.carrier ? { carrier: s.carrier } : {}),
      ...(s.trackingNo ? { trackingNo: s.trackingNo } : {}),
      status: s.status,
      ...(s.receivedAt !== null ? { receivedAt: s.receivedAt } : {}),
    })),
    returns: returns.map((r) => ({
      returnId: r._id,
      status: r.status,
      lines: r.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
      ...(r.reason ? { reason: r.reason } : {}),
      ...(r.photos.length > 0 ? { photos: r.photos } : {}),
      ...(r.refund !== null ? { refund: r.refund } : {}),
      requestedAt: r.requestedAt,
      ...(r.decidedAt !== null ? { decidedAt: r.decidedAt } : {}),
    })),
  };
}

/** Items of each product an order still has reserved (ordered, not shipped, not closed). */
export function unshippedItems(o: OrderDoc): Array<{ productId: string; items: number }> {
  const by = new Map<string, number>();
  for (const l of o.lines) {
    const left = l.quantity * l.itemsPerUnit - l.shippedItems - l.closedItems;
    if (left > 0) by.set(l.productId, (by.get(l.productId) ?? 0) + left);
  }
  return [...by].map(([productId, items]) => ({ productId, items }));
}
