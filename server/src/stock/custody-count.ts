/**
 * Custody counts, item by item: what the custody log says each org holds. The stock check
 * compares them with stock; the batch stock-in stocks in only what the brand still holds.
 *
 * Custody facts sit on the scanned units only (a case, not its 24 items), so an item's custody
 * is resolved from its own chain (item → box → case, explicit parents after repacking): every
 * unit document of the batch is read (one indexed read per page), then every item resolved in
 * memory. Bounded by ITEMS_PER_COUNT_MAX.
 */
import { coveredItems, impliedAncestors, itemRange, resolveCustody, type UnitLevel, type UnitState } from '@channel-router/shared';
import { BRAND_ORG_ID } from '../channel/model.js';
import { layoutOf } from '../codes/batches.js';
import { unitKey, type BatchDoc } from '../codes/model.js';
import { stateOf, type UnitDoc } from '../custody/units.js';
import { C } from '../db/collections.js';
import type { Database } from '../runtime/cloud.js';
import type { StockedDoc } from './model.js';

export const ITEMS_PER_COUNT_MAX = 2_000_000;
const PAGE = 1000;
const CHAIN_MAX = 4;

export interface BrandMarks {
  /** Batches stocked in whole. */
  wholeBatches: Set<number>;
  /** Item ranges stocked in, per batch. */
  ranges: Map<number, Array<{ first: number; count: number }>>;
}

/** The brand's stock-in marks of some batches (one read per page). */
export async function brandMarks(db: Database, batchNos: readonly number[]): Promise<BrandMarks> {
  const out: BrandMarks = { wholeBatches: new Set(), ranges: new Map() };
  const nos = [...new Set(batchNos)];
  if (nos.length === 0) return out;
  for (let skip = 0; ; skip += PAGE) {
    const res = await db.collection(C.stock).where({ kind: 'stocked', batchNo: db.command.in(nos) }).skip(skip).limit(PAGE).get();
    for (const d of res.data as StockedDoc[]) {
      if (d.unitId === null) out.wholeBatches.add(d.batchNo);
      else {
        const list = out.ranges.get(d.batchNo) ?? [];
        list.push({ first: d.first, count: d.items });
        out.ranges.set(d.batchNo, list);
      }
    }
    if (res.data.length < PAGE) break;
  }
  return out;
}

/** Items of [first, first+count) of a batch the brand stocked in. */
export function stockedItems(marks: BrandMarks, batchNo: number, first: number, count: number): number {
  if (marks.wholeBatches.has(batchNo)) return count;
  return coveredItems(first, count, marks.ranges.get(batchNo) ?? []);
}

/** Every unit document of a batch, by id. */
export async function unitDocsOfBatch(db: Database, batchNo: number): Promise<Map<string, UnitDoc>> {
  const out = new Map<string, UnitDoc>();
  for (let skip = 0; ; skip += PAGE) {
    const res = await db.collection(C.units).where({ batchNo }).skip(skip).limit(PAGE).get();
    for (const d of res.data as UnitDoc[]) out.set(d._id, d);
    if (res.data.length < PAGE) break;
  }
  return out;
}

function parentOf(unitId: string, docs: ReadonlyMap<string, UnitDoc>, batch: BatchDoc): string | null {
  const d = docs.get(unitId);
  if (d && d.parentUnitId !== undefined) return d.parentUnitId;
  const [, level, idx] = unitId.split('.');
  const p = impliedAncestors({ level: level as UnitLevel, index: Number(idx) }, layoutOf(batch))[0];
  return p ? unitKey(batch.batchNo, p.level, p.index) : null;
}

export interface ItemCustody {
  /** The org holding the item and not shipping it (null: in transit). */
  heldBy: string | null;
  /** Held by the brand without ever having been received by anyone (its produced goods). */
  implicitBrand: boolean;
}

/**
 * Calls `visit` with each item's custody, for items [first, first+count) of a batch.
 * Throws past ITEMS_PER_COUNT_MAX items (a report that large needs another design).
 */
export function forEachItem(batch: BatchDoc, docs: ReadonlyMap<string, UnitDoc>, visit: (itemIndex: number, c: ItemCustody) => void, first = 0, count = batch.counts.item): void {
  if (count > ITEMS_PER_COUNT_MAX) throw new Error(`custody count of ${count} items exceeds ${ITEMS_PER_COUNT_MAX}`);
  // Items never scanned themselves share their box's chain: resolve each distinct chain once.
  const memo = new Map<string, ItemCustody>();
  for (let i = first; i < first + count; i++) {
    const id = unitKey(batch.batchNo, 'item', i);
    const chainIds: string[] = [];
    let cur: string | null = id;
    while (cur !== null && chainIds.length < CHAIN_MAX) {
      chainIds.push(cur);
      cur = parentOf(cur, docs, batch);
    }
    const scanned = chainIds.filter((u) => docs.has(u));
    const memoKey = scanned.join('|') + (docs.has(id) ? `#${id}` : '');
    let c = memo.get(memoKey);
    if (c === undefined) {
      const chain: UnitState[] = chainIds.map((u) => stateOf(u, docs));
      const r = resolveCustody(chain, BRAND_ORG_ID);
      c = { heldBy: r.inTransit === null ? r.holderOrgId : null, implicitBrand: r.holderOrgId === BRAND_ORG_ID && r.holderSeq === 0 };
      if (!docs.has(id)) memo.set(memoKey, c);
    }
    visit(i, c);
  }
}

/** Items of a unit ([first, count]). */
export function unitItems(batch: BatchDoc, level: UnitLevel, index: number): { first: number; count: number } {
  const r = itemRange(level, index, layoutOf(batch));
  if (r === null) throw new Error(`no item range for a ${level}`);
  return r;
}
