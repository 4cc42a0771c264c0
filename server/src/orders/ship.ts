/**
 * Shipping an order by scanning (`scan.ship` with `orderId`), shipping a return's goods back
 * (`scan.ship` with `returnId`), and what a receive scan does to those shipments.
 *
 * An order's ship: the codes decide which products and how many; more than the order still needs
 * of a product, or a product not on it, is OVER_SHIPMENT and nothing is shipped. One
 * compare-and-set transaction consumes the reservation, records the shipment (发货单) and the
 * shipping notice (发货通知) and moves the order on; then the custody scan is stored.
 *
 * A return's ship is the one ship that goes upstream; it is never judged for diversion.
 */
import {
  dueAt_ms,
  err,
  ok,
  planShip,
  type ActionRes,
  type Result,
  type ShipReq,
} from '@channel-router/shared';
import { orgRef } from '../channel/model.js';
import { orgsByIds } from '../channel/orgs.js';
import { loadPerson } from '../channel/person.js';
import { derivedId, newId } from '../channel/ids.js';
import { storeEvent, storeStates } from '../custody/store.js';
import { loadUnits, verifyCodes, type LoadedUnit } from '../custody/units.js';
import { C } from '../db/collections.js';
import { getById } from '../db/ops.js';
import { transact, txGet, type Tx } from '../db/transact.js';
import type { AuthedContext } from '../runtime/action.js';
import { judgeAndStore, scanContext } from '../scan/ship-receive.js';
import { sellerMay, SELLER_WAREHOUSE_ROLES, standingIn, buyerMay } from './access.js';
import type { OrderDoc, ReceivableDoc, ReturnDoc, ShipmentDoc } from './model.js';
import { refundReturnInTx } from './returns.js';
import { consumeReservationInTx } from './seams.js';
import { sendWechatRefunds } from './steps.js';
import { applyEvent, casOrder, writeOrder } from './store.js';
import { membershipsOf } from '../channel/access.js';
import { checkScanLowStock, postScanStockInTx, scanMoves } from '../stock/scans.js';
import type { WechatRefund } from './money.js';

const codeField = (i: number) => `codes[${i}]`;
const SHIPMENTS_PER_ORDER_MAX = 200;

export const shipmentIdOf = (eventId: string): string => `shp_${eventId}`;

/** Items of each product among the units a scan keeps (children of a scanned case count once, in it). */
function itemsByProduct(units: readonly LoadedUnit[], keptUnitIds: readonly string[]): Map<string, number> {
  const kept = new Set(keptUnitIds);
  const out = new Map<string, number>();
  for (const u of units) if (kept.has(u.unitId)) out.set(u.productId, (out.get(u.productId) ?? 0) + u.itemCount);
  return out;
}

/** OVER_SHIPMENT unless every product is on the order with at least that many items still to ship. */
function checkFits(order: OrderDoc, items: ReadonlyMap<string, number>): Result<true> {
  for (const [productId, n] of items) {
    const lines = order.lines.filter((l) => l.productId === productId);
    if (lines.length === 0) return err('OVER_SHIPMENT', `product ${productId} is not on this order`, 'codes');
    const left = lines.reduce((s, l) => s + l.quantity * l.itemsPerUnit - l.shippedItems - l.closedItems, 0);
    if (n > left) return err('OVER_SHIPMENT', `${n} items of product ${productId} scanned, the order needs ${left} more`, 'codes');
  }
  return ok(true);
}

/** Lays shipped items onto the order's lines of each product, in line order. */
function allocate(order: OrderDoc, items: ReadonlyMap<string, number>): OrderDoc {
  const left = new Map(items);
  const lines = order.lines.map((l) => {
    const want = l.quantity * l.itemsPerUnit - l.shippedItems - l.closedItems;
    const n = Math.min(want, left.get(l.productId) ?? 0);
    if (n <= 0) return l;
    left.set(l.productId, (left.get(l.productId) ?? 0) - n);
    return { ...l, shippedItems: l.shippedItems + n };
  });
  return { ...order, lines };
}

export async function shipForOrder(ctx: AuthedContext, input: ShipReq): Promise<Result<ActionRes<'scan', 'ship'>>> {
  if (input.orderId !== undefined && input.returnId !== undefined) return err('INVALID_ARGUMENT', 'ship an order or a return, not both', 'returnId');
  const verified = verifyCodes(input.codes, codeField, { visibleOnly: true });
  if (!verified.ok) return verified;
  return input.orderId !== undefined ? shipOrder(ctx, input, input.orderId, verified.data) : shipReturn(ctx, input, input.returnId!, verified.data);
}

async function shippedBefore(ctx: AuthedContext, shipmentId: string, ref: string): Promise<Result<ActionRes<'scan', 'ship'>> | null> {
  const s = await getById<ShipmentDoc>(ctx.db, C.shipments, shipmentId);
  if (s === null) return null;
  if (s.orderId !== ref && s.returnId !== ref) return err('CONFLICT', 'this requestId was already used for another shipment', 'requestId');
  const o = await getById<OrderDoc>(ctx.db, C.orders, s.orderId);
  return ok({ items: s.lines.reduce((n, l) => n + l.items, 0), eventId: s.eventId, shipmentId, status: o?.status ?? 'shipped' });
}

async function shipOrder(ctx: AuthedContext, input: ShipReq, orderId: string, codes: Parameters<typeof loadUnits>[1]): Promise<Result<ActionRes<'scan', 'ship'>>> {
  const [order0, person] = await Promise.all([getById<OrderDoc>(ctx.db, C.orders, orderId), loadPerson(ctx.db, ctx.caller.unionId)]);
  if (!order0) return err('NOT_FOUND', 'order not found', 'orderId');
  const order = { ...order0, _id: orderId };
  const s = standingIn(person.memberships, order);
  if (s.sellerRole === null && s.buyerRole === null && !s.brandAdmin) return err('NOT_FOUND', 'order not found', 'orderId');
  if (!sellerMay(s, order, SELLER_WAREHOUSE_ROLES)) return err('FORBIDDEN', "only the seller's warehouse may ship this order");
  if (input.toOrgId !== order.buyerOrgId) return err('INVALID_ARGUMENT', "an order ships to its buyer", 'toOrgId');
  if (order.status !== 'approved' && order.status !== 'partially_shipped') return err('INVALID_STATE', `an order in state ${order.status} cannot ship`);
  const eventId = input.requestId === undefined ? newId('evt') : derivedId('evt', `ship:${ctx.caller.unionId}`, input.requestId);
  const shipmentId = shipmentIdOf(eventId);
  if (input.requestId !== undefined) {
    const first = await shippedBefore(ctx, shipmentId, orderId);
    if (first !== null) return first;
  }
  const orgs = await orgsByIds(ctx.db, [order.sellerOrgId, order.buyerOrgId]);
  const from = orgs.get(order.sellerOrgId);
  const target = orgs.get(order.buyerOrgId);
  if (!from || !target) throw new Error(`order ${orderId}: a party no longer exists`);
  const loaded = await loadUnits(ctx.db, codes, codeField);
  if (!loaded.ok) return loaded;
  const scan = { ...scanContext(ctx, person, input.location), eventId };
  const plan = planShip({ ...scan, from: orgRef(from), target: orgRef(target), units: loaded.data, relationChecked: true });
  if (!plan.ok) return plan;
  const items = itemsByProduct(loaded.data, plan.data.event.unitIds);
  const fits = checkFits(order, items);
  if (!fits.ok) return fits;

  const r = await casOrder<ActionRes<'scan', 'ship'>>(ctx, orderId, order.version, async (tx, current) => {
    const again = checkFits(current, items);
    if (!again.ok) return again;
    const shipped = allocate(current, items);
    const complete = shipped.lines.every((l) => l.shippedItems + l.closedItems >= l.quantity * l.itemsPerUnit);
    const next = applyEvent(shipped, { type: 'ship', complete }, 'seller_warehouse', ctx.caller.unionId, ctx.now_ms);
    if (!next.ok) return next;
    const lines = [...items].map(([productId, n]) => ({ productId, items: n }));
    const consumed = await consumeReservationInTx(tx, { orgId: order.sellerOrgId, ref: orderId, key: `order:${orderId}:ship:${shipmentId}`, lines, at_ms: ctx.now_ms });
    if (!consumed.ok) return consumed;
    const shipment: Omit<ShipmentDoc, '_id'> = {
      direction: 'order',
      orderId,
      returnId: null,
      fromOrgId: order.sellerOrgId,
      toOrgId: order.buyerOrgId,
      eventId,
      lines,
      unitIds: plan.data.event.unitIds,
      receivedUnitIds: [],
      carrier: input.carrier ?? null,
      trackingNo: input.trackingNo ?? null,
      status: 'in_transit',
      at: ctx.now_ms,
      receivedAt: null,
      by: ctx.caller.unionId,
    };
    await tx.collection(C.shipments).doc(shipmentId).set(shipment);
    await tx.collection(C.notices).doc(`ntc_${shipmentId}`).set({
      orgId: order.buyerOrgId,
      kind: 'shipped',
      orderId,
      orderNo: order.orderNo,
      shipmentId,
      title: `订单 ${order.orderNo} 已发货${complete ? '' : '（部分）'}：${plan.data.items} 件${input.carrier ? `，${input.carrier} ${input.trackingNo ?? ''}` : ''}`.trim(),
      at: ctx.now_ms,
      readBy: [],
    });
    const status = next.data.status;
    return ok({ order: { ...next.data, shippedAt: status === 'shipped' ? ctx.now_ms : current.shippedAt }, reply: { items: plan.data.items, eventId, shipmentId, status } });
  });
  if (!r.ok) return r;
  await judgeAndStore(ctx, loaded.data, plan.data);
  return r;
}

async function shipReturn(ctx: AuthedContext, input: ShipReq, returnId: string, codes: Parameters<typeof loadUnits>[1]): Promise<Result<ActionRes<'scan', 'ship'>>> {
  const [ret0, person, ms] = await Promise.all([getById<ReturnDoc>(ctx.db, C.returns, returnId), loadPerson(ctx.db, ctx.caller.unionId), membershipsOf(ctx.db, ctx.caller.unionId)]);
  if (!ret0) return err('NOT_FOUND', 'return not found', 'returnId');
  const ret = { ...ret0, _id: returnId };
  const s = standingIn(ms, ret);
  if (s.sellerRole === null && s.buyerRole === null && !s.brandAdmin) return err('NOT_FOUND', 'return not found', 'returnId');
  if (!buyerMay(s)) return err('FORBIDDEN', 'only the buyer ships a return back');
  if (input.toOrgId !== ret.sellerOrgId) return err('INVALID_ARGUMENT', 'a return goes back to the seller', 'toOrgId');
  if (ret.status !== 'approved' || ret.refundOnly) return err('INVALID_STATE', `a return in state ${ret.status}${ret.refundOnly ? ' (refund only)' : ''} ships nothing`);
  const eventId = input.requestId === undefined ? newId('evt') : derivedId('evt', `ship:${ctx.caller.unionId}`, input.requestId);
  const shipmentId = shipmentIdOf(eventId);
  if (input.requestId !== undefined) {
    const first = await shippedBefore(ctx, shipmentId, returnId);
    if (first !== null) return first;
  }
  const orgs = await orgsByIds(ctx.db, [ret.sellerOrgId, ret.buyerOrgId]);
  const from = orgs.get(ret.buyerOrgId)!;
  const target = orgs.get(ret.sellerOrgId)!;
  const loaded = await loadUnits(ctx.db, codes, codeField);
  if (!loaded.ok) return loaded;
  const scan = { ...scanContext(ctx, person, input.location), eventId };
  const plan = planShip({ ...scan, from: orgRef(from), target: orgRef(target), units: loaded.data, relationChecked: true });
  if (!plan.ok) return plan;
  const items = itemsByProduct(loaded.data, plan.data.event.unitIds);
  const wanted = new Map<string, number>();
  for (const l of ret.lines) wanted.set(l.productId, (wanted.get(l.productId) ?? 0) + l.items);
  for (const [productId, n] of items) {
    if (n > (wanted.get(productId) ?? 0)) return err('OVER_SHIPMENT', `${n} items of product ${productId} scanned, the return has ${wanted.get(productId) ?? 0}`, 'codes');
  }
  for (const [productId, n] of wanted) {
    if ((items.get(productId) ?? 0) !== n) return err('INVALID_ARGUMENT', `the return needs ${n} items of product ${productId} back, ${items.get(productId) ?? 0} scanned`, 'codes');
  }
  // The buyer's `ship` moves are posted in the return's own transaction: they exist exactly when
  // the return ships (a ship refused or failing after them leaves none), and goods the buyer
  // holds reserved for its own orders do not go back (OUT_OF_STOCK, nothing written).
  const planned = await scanMoves(ctx, 'ship', ret.buyerOrgId, loaded.data, plan.data);
  const r = await transact<ActionRes<'scan', 'ship'>>(ctx.db, async (tx) => {
    const cur = await txGet<ReturnDoc>(tx, C.returns, returnId);
    if (!cur || cur.status !== 'approved') return err('INVALID_STATE', `the return is ${cur?.status ?? 'gone'}`);
    const stock = await postScanStockInTx(ctx, tx, ret.buyerOrgId, eventId, planned);
    if (!stock.ok) return stock;
    await tx.collection(C.returns).doc(returnId).update({ status: 'in_transit', shipmentId });
    const shipment: Omit<ShipmentDoc, '_id'> = {
      direction: 'return',
      orderId: ret.orderId,
      returnId,
      fromOrgId: ret.buyerOrgId,
      toOrgId: ret.sellerOrgId,
      eventId,
      lines: [...items].map(([productId, n]) => ({ productId, items: n })),
      unitIds: plan.data.event.unitIds,
      receivedUnitIds: [],
      carrier: input.carrier ?? null,
      trackingNo: input.trackingNo ?? null,
      status: 'in_transit',
      at: ctx.now_ms,
      receivedAt: null,
      by: ctx.caller.unionId,
    };
    await tx.collection(C.shipments).doc(shipmentId).set(shipment);
    return ok({ items: plan.data.items, eventId, shipmentId, status: 'in_transit' });
  });
  if (!r.ok) return r;
  await checkScanLowStock(ctx, planned);
  // Upstream: custody is recorded, no diversion is judged (the goods go back where they came from).
  await storeStates(ctx.db, loaded.data, plan.data.states);
  await storeEvent(ctx.db, plan.data.event, new Map(loaded.data.map((u) => [u.unitId, u.productId])));
  return r;
}

/** Shipments (by their event) whose units this receive scan took in. */
function shipmentEvents(units: readonly LoadedUnit[]): Set<string> {
  const out = new Set<string>();
  for (const u of units) for (const st of u.chain) if (st.shipment?.eventId) out.add(st.shipment.eventId);
  return out;
}

/**
 * After a receive scan at `receiverOrgId`: an order's shipment among the units is received (and
 * the order, once shipped in full and every shipment received); a return's goods received are
 * refunded at once.
 */
export async function onReceived(ctx: AuthedContext, receiverOrgId: string, units: readonly LoadedUnit[]): Promise<void> {
  const ids = [...shipmentEvents(units)].map(shipmentIdOf);
  if (ids.length === 0) return;
  const res = await ctx.db.collection(C.shipments).where({ _id: ctx.db.command.in(ids) }).limit(ids.length).get();
  const shipments = (res.data as ShipmentDoc[]).filter((s) => s.toOrgId === receiverOrgId && s.status === 'in_transit');
  let wechat: WechatRefund[] = [];
  for (const s of shipments) {
    const r = await transact(ctx.db, async (tx) => {
      const cur = await txGet<ShipmentDoc>(tx, C.shipments, s._id);
      if (!cur || cur.status !== 'in_transit') return ok(null);
      await tx.collection(C.shipments).doc(s._id).update({ status: 'received', receivedAt: ctx.now_ms });
      if (cur.direction === 'return') {
        const ret = await txGet<ReturnDoc>(tx, C.returns, cur.returnId!);
        if (!ret || ret.status !== 'in_transit') return ok(null);
        const done = await refundReturnInTx(ctx, tx, { ...ret, _id: cur.returnId! }, ctx.now_ms);
        if (!done.ok) return done;
        wechat = [...wechat, ...done.data.wechat];
        return ok(null);
      }
      return receiveOrderIfComplete(ctx, tx, cur.orderId, s._id);
    });
    if (!r.ok) console.error(`[order] receiving shipment ${s._id}: ${r.error.message}`);
  }
  if (wechat.length > 0) await sendWechatRefunds(ctx, wechat);
}

/** The order is received when it has shipped in full and every shipment of it is received. */
async function receiveOrderIfComplete(ctx: AuthedContext, tx: Tx, orderId: string, justReceived: string): Promise<Result<null>> {
  const stored = await txGet<OrderDoc>(tx, C.orders, orderId);
  if (!stored || stored.status !== 'shipped') return ok(null);
  const all = await ctx.db.collection(C.shipments).where({ orderId, direction: 'order' }).limit(SHIPMENTS_PER_ORDER_MAX).get();
  const open = (all.data as ShipmentDoc[]).filter((x) => x._id !== justReceived && x.status !== 'received');
  if (open.length > 0) return ok(null);
  const received = await markReceived(ctx, tx, { ...stored, _id: orderId }, 'buyer', ctx.caller.unionId);
  return received.ok ? ok(null) : received;
}

/** shipped → received, and the receivable of what credit paid starts. */
export async function markReceived(ctx: { db: AuthedContext['db']; now_ms: number }, tx: Tx, o: OrderDoc, actor: 'buyer' | 'system', by: string): Promise<Result<OrderDoc>> {
  const next = applyEvent(o, { type: 'receive' }, actor, by, ctx.now_ms);
  if (!next.ok) return next;
  const credit = o.tenders.find((t) => t.kind === 'credit');
  const owed = credit ? credit.paid - credit.refunded : 0;
  if (owed > 0) {
    const rec: Omit<ReceivableDoc, '_id'> = {
      orderId: o._id,
      sellerOrgId: o.sellerOrgId,
      buyerOrgId: o.buyerOrgId,
      amount: owed,
      repaid: 0,
      startedAt: ctx.now_ms,
      due_ms: dueAt_ms(ctx.now_ms, o.terms.creditTermDays ?? 0),
      status: 'open',
    };
    await tx.collection(C.receivables).doc(o._id).set(rec);
  }
  const out = { ...next.data, receivedAt: ctx.now_ms, version: o.version + 1 };
  await writeOrder(tx, out);
  return ok(out);
}
