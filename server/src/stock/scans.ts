/**
 * Custody scans drive stock (docs/stock.md): the moves of a ship or a receive, posted in one
 * transaction, keyed by the scan's event (a replay posts nothing). The number of database
 * requests depends on the orgs and products touched, never on the number of codes or the items
 * inside them: one read of the brand's stock-in marks (only when the brand's own goods move), one
 * read of the shippers (receive), and per org and product the shards, their writes and one move.
 */
import { scanStockMoves, type ScanPlan, type ScanStockMove, type ScanStockUnit, type Result, ok, resolveCustody } from '@channel-router/shared';
import { BRAND_ORG_ID } from '../channel/model.js';
import { orgsByIds } from '../channel/orgs.js';
import type { LoadedUnit } from '../custody/units.js';
import { C } from '../db/collections.js';
import { transact, type Tx } from '../db/transact.js';
import type { AuthedContext } from '../runtime/action.js';
import { brandMarks, stockedItems, unitItems } from './custody-count.js';
import { checkLowStock } from './levels.js';
import { stockedUnitId, type StockedDoc } from './model.js';
import { postMovesInTx } from './moves.js';

/** The stock side of a scan, from the units it loaded and its plan (before or after custody is stored). */
export async function scanMoves(ctx: AuthedContext, kind: 'ship' | 'receive', orgId: string, units: readonly LoadedUnit[], plan: ScanPlan): Promise<{ moves: ScanStockMove[]; marks: Array<Omit<StockedDoc, '_id' | 'key' | 'at'> & { _id: string }> }> {
  const kept = new Set(plan.event.unitIds);
  const keptUnits = units.filter((u) => kept.has(u.unitId));
  const seen = new Set<string>();
  const distinct = keptUnits.filter((u) => (seen.has(u.unitId) ? false : (seen.add(u.unitId), true)));
  const implicitBrand = distinct.filter((u) => {
    const c = resolveCustody(u.chain, BRAND_ORG_ID);
    return c.holderOrgId === BRAND_ORG_ID && c.holderSeq === 0;
  });
  const marks = implicitBrand.length === 0 ? null : await brandMarks(ctx.db, implicitBrand.map((u) => u.batch.batchNo));
  const stock: ScanStockUnit[] = distinct.map((u) => {
    let brandStocked = 0;
    if (marks !== null && u.level !== 'pallet') {
      const r = unitItems(u.batch, u.level, u.verified.index);
      // Repacked units hold other items than their layout says: count what they hold.
      brandStocked = Math.min(u.itemCount, stockedItems(marks, u.batch.batchNo, r.first, r.count));
    }
    return { unitId: u.unitId, productId: u.productId, itemCount: u.itemCount, chain: u.chain, brandStockedItems: brandStocked };
  });
  let customers: Set<string> | undefined;
  if (kind === 'receive') {
    const shippers = [...new Set(distinct.flatMap((u) => resolveCustody(u.chain, BRAND_ORG_ID).inTransit?.fromOrgId ?? []))];
    const orgs = shippers.length === 0 ? new Map() : await orgsByIds(ctx.db, shippers);
    customers = new Set([...orgs.values()].filter((o) => o.upstreamId === orgId).map((o) => o._id as string));
  }
  const moves = scanStockMoves({ kind, brandId: BRAND_ORG_ID, orgId, units: stock, ...(customers ? { customersOfReceiver: customers } : {}) });
  // The brand's produced goods stocked in as they leave: marked, so a later stock-in skips them.
  const newMarks: Array<Omit<StockedDoc, '_id' | 'key' | 'at'> & { _id: string }> = [];
  if (kind === 'ship' && orgId === BRAND_ORG_ID) {
    for (const [i, s] of stock.entries()) {
      const u = distinct[i]!;
      if (u.level === 'pallet' || s.brandStockedItems >= s.itemCount || !implicitBrand.includes(u)) continue;
      const r = unitItems(u.batch, u.level, u.verified.index);
      newMarks.push({ _id: stockedUnitId(u.unitId), kind: 'stocked', orgId: BRAND_ORG_ID, batchNo: u.batch.batchNo, unitId: u.unitId, productId: u.productId, first: r.first, items: r.count });
    }
  }
  return { moves, marks: newMarks };
}

export type PlannedScanStock = Awaited<ReturnType<typeof scanMoves>>;

/**
 * Posts a scan's stock moves. A ship is refused (OUT_OF_STOCK naming `codes`) when the shipper's
 * unreserved stock does not cover it: reserved goods leave with their order (scan.ship with
 * orderId). A receive never fails: goods taken from an org that never shipped them come off its
 * stock as far as its unreserved stock goes.
 */
export async function postScanStock(ctx: AuthedContext, kind: 'ship' | 'receive', orgId: string, eventId: string, units: readonly LoadedUnit[], plan: ScanPlan): Promise<Result<ScanStockMove[]>> {
  const planned = await scanMoves(ctx, kind, orgId, units, plan);
  if (planned.moves.length === 0) return ok([]);
  const posted = await transact(ctx.db, (tx) => postScanStockInTx(ctx, tx, orgId, eventId, planned));
  if (!posted.ok) return posted;
  await checkScanLowStock(ctx, planned);
  return posted;
}

/**
 * The moves of `scanMoves` posted inside the caller's transaction, so that they exist exactly when
 * what the scan does with them commits (a return's ship: docs/stock.md). Keyed by the event: a
 * replay posts nothing.
 */
export async function postScanStockInTx(ctx: AuthedContext, tx: Tx, orgId: string, eventId: string, planned: PlannedScanStock): Promise<Result<ScanStockMove[]>> {
  const { moves, marks } = planned;
  if (moves.length === 0) return ok([]);
  const byOrg = new Map<string, ScanStockMove[]>();
  for (const m of moves) byOrg.set(m.orgId, [...(byOrg.get(m.orgId) ?? []), m]);
  for (const [org, list] of byOrg) {
    const r = await postMovesInTx(tx, {
      orgId: org,
      ref: eventId,
      key: `scan:${eventId}:${org}`,
      moves: list.map((m) => ({ productId: m.productId, type: m.type, items: m.items })),
      at_ms: ctx.now_ms,
      by: ctx.caller.unionId,
      note: org === orgId ? null : `received by ${orgId} without a ship scan`,
      field: 'codes',
      clamp: true,
      guardReserved: org === orgId,
    });
    if (!r.ok) return r;
    if (r.data.replayed) return ok(moves);
  }
  for (const { _id, ...m } of marks) await tx.collection(C.stock).doc(_id).set({ ...m, key: `scan:${eventId}`, at: ctx.now_ms });
  return ok(moves);
}

/** Low stock of the products a scan moved, judged after its transaction committed. */
export async function checkScanLowStock(ctx: AuthedContext, planned: PlannedScanStock): Promise<void> {
  const byOrg = new Map<string, Set<string>>();
  for (const m of planned.moves) byOrg.set(m.orgId, (byOrg.get(m.orgId) ?? new Set()).add(m.productId));
  for (const [org, products] of byOrg) await checkLowStock(ctx.db, org, [...products], ctx.now_ms);
}
