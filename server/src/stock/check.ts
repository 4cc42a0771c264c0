/**
 * The stock check (库存核对, `report.stockCheck`): an org's onHand compared with the custody count
 * of the items it holds, and its reserved with its open reservations, per product; every
 * difference listed. After any workload of scans and orders it lists none (docs/stock.md says
 * where stock and custody can legitimately part: goods taken by another org's receive while
 * reserved here).
 */
import { err, ok, type Result, type StockCheckReq, type StockCheckRes } from '@channel-router/shared';
import { membershipsOf } from '../channel/access.js';
import { BRAND_ORG_ID } from '../channel/model.js';
import { batchesByNo } from '../codes/batches.js';
import type { UnitDoc } from '../custody/units.js';
import { C } from '../db/collections.js';
import type { AuthedContext } from '../runtime/action.js';
import type { Database } from '../runtime/cloud.js';
import { mayReadStock, productsByIds } from './actions.js';
import { brandMarks, forEachItem, stockedItems, unitDocsOfBatch } from './custody-count.js';
import { readStock } from './levels.js';
import type { ReservationDoc, StockedDoc } from './model.js';

const PAGE = 1000;
const PAGES_MAX = 200;

async function pagedIds<T>(db: Database, collection: string, where: Record<string, unknown>, pick: (d: T) => number): Promise<Set<number>> {
  const out = new Set<number>();
  for (let page = 0; page < PAGES_MAX; page++) {
    const res = await db.collection(collection).where(where).skip(page * PAGE).limit(PAGE).get();
    for (const d of res.data as T[]) out.add(pick(d));
    if (res.data.length < PAGE) return out;
  }
  throw new Error(`stock check: more than ${PAGES_MAX * PAGE} documents in ${collection}`);
}

/** Items each product the org holds by custody (the brand: its stocked-in produced goods, and what came back). */
export async function custodyCounts(db: Database, orgId: string): Promise<Map<string, number>> {
  const batchNos = await pagedIds<UnitDoc>(db, C.units, { 'holder.orgId': orgId }, (d) => d.batchNo);
  if (orgId === BRAND_ORG_ID) for (const n of await pagedIds<StockedDoc>(db, C.stock, { kind: 'stocked', orgId }, (d) => d.batchNo)) batchNos.add(n);
  const counts = new Map<string, number>();
  if (batchNos.size === 0) return counts;
  const batches = await batchesByNo(db, [...batchNos]);
  const marks = orgId === BRAND_ORG_ID ? await brandMarks(db, [...batchNos]) : null;
  for (const batch of batches.values()) {
    const docs = await unitDocsOfBatch(db, batch.batchNo);
    let n = 0;
    forEachItem(batch, docs, (i, c) => {
      if (c.heldBy !== orgId) return;
      if (c.implicitBrand && (marks === null || stockedItems(marks, batch.batchNo, i, 1) === 0)) return;
      n++;
    });
    if (n > 0) counts.set(batch.productId, (counts.get(batch.productId) ?? 0) + n);
  }
  return counts;
}

/** Items reserved by open reservations, per product. */
export async function openReservations(db: Database, orgId: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let page = 0; page < PAGES_MAX; page++) {
    const res = await db.collection(C.stock).where({ kind: 'reservation', orgId, open: db.command.gt(0) }).skip(page * PAGE).limit(PAGE).get();
    for (const r of res.data as ReservationDoc[]) for (const l of r.lines) out.set(l.productId, (out.get(l.productId) ?? 0) + l.items);
    if (res.data.length < PAGE) return out;
  }
  throw new Error(`stock check: more than ${PAGES_MAX * PAGE} open reservations`);
}

export async function stockCheck(ctx: AuthedContext, input: StockCheckReq): Promise<Result<StockCheckRes>> {
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  if (!mayReadStock(ms, input.orgId)) return err('FORBIDDEN', 'you are not a member of this organisation', 'orgId');
  const [levels, custody, reservations] = await Promise.all([readStock(ctx.db, input.orgId), custodyCounts(ctx.db, input.orgId), openReservations(ctx.db, input.orgId)]);
  const ids = [...new Set([...levels.keys(), ...custody.keys(), ...reservations.keys()])].sort();
  const names = await productsByIds(ctx.db, ids);
  const products: StockCheckRes['products'] = [];
  const differences: StockCheckRes['differences'] = [];
  for (const productId of ids) {
    const s = levels.get(productId);
    const row = {
      productId,
      productName: names.get(productId)?.name ?? productId,
      onHand: s?.onHand ?? 0,
      custody: custody.get(productId) ?? 0,
      reserved: s?.reserved ?? 0,
      openReservations: reservations.get(productId) ?? 0,
    };
    products.push(row);
    if (row.onHand !== row.custody) differences.push({ productId, productName: row.productName, field: 'onHand', stock: row.onHand, expected: row.custody, difference: row.onHand - row.custody });
    if (row.reserved !== row.openReservations) differences.push({ productId, productName: row.productName, field: 'reserved', stock: row.reserved, expected: row.openReservations, difference: row.reserved - row.openReservations });
  }
  return ok({ orgId: input.orgId, at: ctx.now_ms, products, differences });
}
