/**
 * The brand's production stock-in (生产入库, `scan.stockIn`): scanning cases in at the factory,
 * or marking a whole batch produced. Only goods the brand still holds and has never stocked in
 * count; a second stock-in of the same codes or batch adds nothing.
 *
 * Concurrent stock-ins of one batch are serialized by a per-batch lock document written in the
 * transaction, and the marks are read after taking it, so overlapping stock-ins (a case, then the
 * batch) never count an item twice.
 */
import { err, ok, resolveCustody, type Result, type StockInReq, type StockInRes } from '@channel-router/shared';
import { hasBrandRole, membershipsOf } from '../channel/access.js';
import { BRAND_ORG_ID } from '../channel/model.js';
import { batchesByNo } from '../codes/batches.js';
import type { BatchDoc } from '../codes/model.js';
import { loadUnits, verifyCodes, type LoadedUnit } from '../custody/units.js';
import { C } from '../db/collections.js';
import { getById } from '../db/ops.js';
import { transact, txGet } from '../db/transact.js';
import type { AuthedContext } from '../runtime/action.js';
import { brandMarks, forEachItem, stockedItems, unitDocsOfBatch, unitItems } from './custody-count.js';
import { checkLowStock } from './levels.js';
import { stockedBatchId, stockedUnitId, type StockedDoc } from './model.js';
import { postMovesInTx } from './moves.js';

const codeField = (i: number) => `codes[${i}]`;

interface Planned {
  /** Items stocked in now, per product. */
  byProduct: Map<string, number>;
  already: number;
  marks: Array<Omit<StockedDoc, 'key' | 'at'>>;
}

/** A whole batch: the items the brand still holds as produced goods and never stocked in. */
async function planBatch(ctx: AuthedContext, batch: BatchDoc): Promise<Planned> {
  const marks = await brandMarks(ctx.db, [batch.batchNo]);
  const docs = await unitDocsOfBatch(ctx.db, batch.batchNo);
  let fresh = 0;
  let already = 0;
  forEachItem(batch, docs, (i, c) => {
    if (stockedItems(marks, batch.batchNo, i, 1) === 1) already++;
    else if (c.implicitBrand && c.heldBy === BRAND_ORG_ID) fresh++;
  });
  return {
    byProduct: new Map(fresh > 0 ? [[batch.productId, fresh]] : []),
    already,
    marks: [{ _id: stockedBatchId(batch.batchNo), kind: 'stocked', orgId: BRAND_ORG_ID, batchNo: batch.batchNo, unitId: null, productId: batch.productId, first: 0, items: batch.counts.item }],
  };
}

/** Scanned units: each must be the brand's produced goods (never shipped or received). */
async function planUnits(ctx: AuthedContext, units: readonly LoadedUnit[]): Promise<Result<Planned>> {
  const marks = await brandMarks(ctx.db, units.map((u) => u.batch.batchNo));
  const byProduct = new Map<string, number>();
  const out: Planned['marks'] = [];
  const seen: Array<{ batchNo: number; first: number; count: number }> = [];
  let already = 0;
  for (const [i, u] of units.entries()) {
    if (u.level === 'pallet') return err('INVALID_ARGUMENT', `${codeField(i)}: scan the cases of a pallet`, codeField(i));
    const c = resolveCustody(u.chain, BRAND_ORG_ID);
    if (!(c.holderOrgId === BRAND_ORG_ID && c.holderSeq === 0 && c.inTransit === null)) {
      return err('CONFLICT', `${codeField(i)} has left the factory (held by ${c.holderOrgId}${c.inTransit ? ', in transit' : ''}): not a production stock-in`, codeField(i));
    }
    const r = unitItems(u.batch, u.level, u.verified.index);
    // Items named twice in one call (a case and its box) count once.
    const sameBatch = seen.filter((s) => s.batchNo === u.batch.batchNo);
    const before = stockedItems(marks, u.batch.batchNo, r.first, r.count);
    const both = stockedItems({ wholeBatches: marks.wholeBatches, ranges: new Map([[u.batch.batchNo, [...(marks.ranges.get(u.batch.batchNo) ?? []), ...sameBatch]]]) }, u.batch.batchNo, r.first, r.count);
    already += before;
    const fresh = r.count - both;
    seen.push({ batchNo: u.batch.batchNo, first: r.first, count: r.count });
    if (fresh > 0) byProduct.set(u.productId, (byProduct.get(u.productId) ?? 0) + fresh);
    if (before < r.count) out.push({ _id: stockedUnitId(u.unitId), kind: 'stocked', orgId: BRAND_ORG_ID, batchNo: u.batch.batchNo, unitId: u.unitId, productId: u.productId, first: r.first, items: r.count });
  }
  return ok({ byProduct, already, marks: out });
}

export async function stockIn(ctx: AuthedContext, input: StockInReq): Promise<Result<StockInRes>> {
  if ((input.codes === undefined) === (input.batchId === undefined)) return err('INVALID_ARGUMENT', 'give either codes or batchId', input.codes === undefined ? 'codes' : 'batchId');
  if (input.codes !== undefined && input.codes.length === 0) return err('INVALID_ARGUMENT', 'codes is empty', 'codes');
  const verified = input.codes === undefined ? null : verifyCodes(input.codes, codeField, { visibleOnly: true });
  if (verified !== null && !verified.ok) return verified;
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  if (!hasBrandRole(ms, ['admin'])) return err('FORBIDDEN', 'only a brand admin stocks in production');

  let batches: BatchDoc[];
  let units: LoadedUnit[] = [];
  if (input.batchId !== undefined) {
    const b = await getById<BatchDoc>(ctx.db, C.batches, input.batchId);
    if (b === null) return err('NOT_FOUND', 'batch not found', 'batchId');
    batches = [{ ...b, _id: input.batchId }];
  } else {
    const loaded = await loadUnits(ctx.db, verified!.data, codeField);
    if (!loaded.ok) return loaded;
    units = loaded.data;
    batches = [...(await batchesByNo(ctx.db, units.map((u) => u.batch.batchNo))).values()];
  }
  const key = input.requestId === undefined ? `stockin:${input.batchId ?? ''}:${ctx.now_ms}:${Math.random().toString(36).slice(2, 10)}` : `stockin:${ctx.caller.unionId}:${input.requestId}`;
  const locks = batches.map((b) => `in:lock:${b.batchNo}`);

  const r = await transact<{ planned: Planned; after: Map<string, number> }>(ctx.db, async (tx) => {
    // Take the batches' locks first: the marks read next are then the latest.
    for (const id of locks) await txGet(tx, C.stock, id);
    const planned = input.batchId !== undefined ? ok(await planBatch(ctx, batches[0]!)) : await planUnits(ctx, units);
    if (!planned.ok) return planned;
    for (const id of locks) await tx.collection(C.stock).doc(id).set({ kind: 'lock', at: ctx.now_ms });
    const after = new Map<string, number>();
    const moves = [...planned.data.byProduct].map(([productId, items]) => ({ productId, type: 'production_in' as const, items }));
    if (moves.length > 0) {
      const posted = await postMovesInTx(tx, { orgId: BRAND_ORG_ID, ref: input.batchId ?? 'codes', key, moves, at_ms: ctx.now_ms, by: ctx.caller.unionId, note: null });
      if (!posted.ok) return posted;
      for (const m of posted.data.moves) after.set(m.productId, m.after.onHand);
    }
    for (const { _id, ...m } of planned.data.marks) {
      if ((await txGet(tx, C.stock, _id)) !== null) continue;
      await tx.collection(C.stock).doc(_id).set({ ...m, key, at: ctx.now_ms });
    }
    return ok({ planned: planned.data, after });
  });
  if (!r.ok) return r;
  const products = [...r.data.planned.byProduct].map(([productId, items]) => ({ productId, items, onHand: r.data.after.get(productId) ?? 0 }));
  await checkLowStock(ctx.db, BRAND_ORG_ID, products.map((p) => p.productId), ctx.now_ms);
  return ok({ items: products.reduce((s, p) => s + p.items, 0), alreadyInStock: r.data.planned.already, products });
}
