/**
 * Loading scanned units with their custody chains in a constant number of reads:
 * one read of batches (usually cached), one `_id in [...]` read of the unit documents of every
 * implied chain (item → box → case from the batch layout), and, only where a unit was repacked,
 * one more read per level of explicit parents (at most three).
 */
import {
  checkCodeInBatch,
  err,
  impliedAncestors,
  itemRange,
  ok,
  verifyCode,
  type UnitLevel,
  type Result,
  type ScannedUnit,
  type UnitState,
  type VerifiedCode,
} from '@channel-router/shared';
import { batchesByNo, layoutOf } from '../codes/batches.js';
import { keyring } from '../codes/keyring.js';
import { unitKey, type BatchDoc } from '../codes/model.js';
import { C } from '../db/collections.js';
import type { Database } from '../runtime/cloud.js';

/** The stored unit document: custody facts (UnitState) plus what the unit is. */
export interface UnitDoc extends Omit<UnitState, 'unitId'> {
  _id: string;
  batchNo: number;
  index: number;
  productId: string;
  /** Absent: the parent implied by the batch layout. A string: repacked into it. Null: unpacked, loose. */
  parentUnitId?: string | null;
  /**
   * Items packed in (+) or unpacked out (−) of this unit since printing, on it and its ancestors:
   * the unit holds its layout's count plus this. Kept by pack/unpack so that a scan still costs
   * a constant number of reads.
   */
  itemDelta?: number;
  openedAt?: number;
}

export interface LoadedUnit extends ScannedUnit {
  verified: VerifiedCode;
  batch: BatchDoc;
  /** The stored documents of the chain, by unit id (absent = never scanned). */
  docs: ReadonlyMap<string, UnitDoc>;
  /** The unit's parent now, or null when loose. */
  parentUnitId: string | null;
}

const IDS_PER_READ_MAX = 1000;
const CHAIN_DEPTH_MAX = 4;

/**
 * Authenticates codes without any database read; the first bad one answers INVALID_CODE naming
 * its field. Custody scans (ship, receive, open, pack) take only visible codes: the hidden code
 * under the cap is the consumer's, and must not be exposed or consumed by the channel.
 */
export function verifyCodes(raw: readonly string[], field: (i: number) => string, opts: { visibleOnly?: boolean } = {}): Result<VerifiedCode[]> {
  const out: VerifiedCode[] = [];
  for (let i = 0; i < raw.length; i++) {
    const v = verifyCode(raw[i]!, keyring());
    if (!v.ok) return err('INVALID_CODE', `${v.error.message}: ${field(i)}`, field(i));
    if (opts.visibleOnly && v.data.kind === 'hidden') {
      return err('INVALID_ARGUMENT', `${field(i)} is a consumer's reward code; scan the code printed outside the pack`, field(i));
    }
    out.push(v.data);
  }
  return ok(out);
}

export function itemCountOf(level: UnitLevel, index: number, batch: BatchDoc): number {
  return itemRange(level, index, layoutOf(batch))?.count ?? 1;
}

async function readUnitDocs(db: Database, ids: readonly string[], into: Map<string, UnitDoc>): Promise<void> {
  const todo = [...new Set(ids)].filter((id) => !into.has(id));
  for (let i = 0; i < todo.length; i += IDS_PER_READ_MAX) {
    const chunk = todo.slice(i, i + IDS_PER_READ_MAX);
    const res = await db.collection(C.units).where({ _id: db.command.in(chunk) }).limit(chunk.length).get();
    for (const d of res.data as UnitDoc[]) into.set(d._id, d);
  }
}

function impliedParentOf(unitId: string, batch: BatchDoc): string | null {
  const [, level, idx] = unitId.split('.');
  const chain = impliedAncestors({ level: level as UnitLevel, index: Number(idx) }, layoutOf(batch));
  const p = chain[0];
  return p ? unitKey(batch.batchNo, p.level, p.index) : null;
}

function parentOf(unitId: string, docs: ReadonlyMap<string, UnitDoc>, batch: BatchDoc): string | null {
  const d = docs.get(unitId);
  if (d && d.parentUnitId !== undefined) return d.parentUnitId;
  return impliedParentOf(unitId, batch);
}

function blank(unitId: string): UnitState {
  const level = unitId.split('.')[1] as UnitLevel;
  return { unitId, level };
}

export function stateOf(unitId: string, docs: ReadonlyMap<string, UnitDoc>): UnitState {
  const d = docs.get(unitId);
  if (!d) return blank(unitId);
  return { unitId, level: unitId.split('.')[1] as UnitLevel, holder: d.holder ?? null, allocation: d.allocation ?? null, shipment: d.shipment ?? null };
}

/**
 * Loads the units named by verified codes. INVALID_CODE when a code's batch does not exist here or
 * its index lies outside the batch (authentic format, but not a code this brand printed).
 */
export async function loadUnits(db: Database, codes: readonly VerifiedCode[], field: (i: number) => string): Promise<Result<LoadedUnit[]>> {
  const batches = await batchesByNo(db, codes.map((c) => c.batchNo));
  const docs = new Map<string, UnitDoc>();
  const ids: string[] = [];
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    const batch = batches.get(c.batchNo);
    if (!batch || !checkCodeInBatch(c, layoutOf(batch)).ok) return err('INVALID_CODE', `not a code of this brand: ${field(i)}`, field(i));
    ids.push(unitKey(c.batchNo, c.level, c.index));
    for (const a of impliedAncestors(c, layoutOf(batch))) ids.push(unitKey(c.batchNo, a.level, a.index));
  }
  await readUnitDocs(db, ids, docs);
  const queried = new Set(ids);
  // Repacked units: follow explicit parents, one read per level at most.
  for (let depth = 0; depth < CHAIN_DEPTH_MAX; depth++) {
    const wanted: string[] = [];
    for (const c of codes) {
      const batch = batches.get(c.batchNo)!;
      let cur: string | null = unitKey(c.batchNo, c.level, c.index);
      for (let hop = 0; cur !== null && hop < CHAIN_DEPTH_MAX; hop++) {
        if (!docs.has(cur) && !queried.has(cur)) wanted.push(cur);
        cur = parentOf(cur, docs, batch);
      }
    }
    const unread = wanted.filter((id) => !docs.has(id));
    if (unread.length === 0) break;
    const before = docs.size;
    await readUnitDocs(db, unread, docs);
    for (const id of unread) queried.add(id);
    if (docs.size === before) break; // the rest were never scanned: blank states
  }
  const out: LoadedUnit[] = codes.map((c) => {
    const batch = batches.get(c.batchNo)!;
    const unitId = unitKey(c.batchNo, c.level, c.index);
    const chain: UnitState[] = [];
    let cur: string | null = unitId;
    while (cur !== null && chain.length < CHAIN_DEPTH_MAX) {
      chain.push(stateOf(cur, docs));
      cur = parentOf(cur, docs, batch);
    }
    return {
      code: c.code,
      unitId,
      level: c.level,
      productId: batch.productId,
      itemCount: Math.max(0, itemCountOf(c.level, c.index, batch) + (docs.get(unitId)?.itemDelta ?? 0)),
      chain,
      verified: c,
      batch,
      docs,
      parentUnitId: parentOf(unitId, docs, batch),
    };
  });
  return ok(out);
}

/** The document to store for a unit whose custody changed (keeps what the unit is and its packing). */
export function unitDocFor(unit: LoadedUnit, state: UnitState): Omit<UnitDoc, '_id'> {
  const prev = unit.docs.get(state.unitId);
  const [, , idx] = state.unitId.split('.');
  const doc: Omit<UnitDoc, '_id'> = {
    level: state.level,
    batchNo: unit.batch.batchNo,
    index: Number(idx),
    productId: unit.batch.productId,
    holder: state.holder ?? null,
    allocation: state.allocation ?? null,
    shipment: state.shipment ?? null,
  };
  if (prev?.parentUnitId !== undefined) doc.parentUnitId = prev.parentUnitId;
  if (prev?.itemDelta !== undefined) doc.itemDelta = prev.itemDelta;
  if (prev?.openedAt !== undefined) doc.openedAt = prev.openedAt;
  return doc;
}

let counter = 0;
/** Increasing operation numbers: milliseconds × 1000 plus a per-instance counter. */
export function nextSeq(now_ms: number): number {
  counter = (counter + 1) % 1000;
  return now_ms * 1000 + counter;
}

/**
 * Adds `delta` items to a unit and every unit above it (pack: +, unpack: −). One write per
 * level, at most four; a unit never scanned gets its document here.
 */
export async function adjustItemCounts(db: Database, unit: LoadedUnit, chainIds: readonly string[], delta: number): Promise<void> {
  if (delta === 0) return;
  for (const id of chainIds) {
    const res = (await db.collection(C.units).where({ _id: id }).update({ itemDelta: db.command.inc(delta) })) as { updated?: number };
    if ((res.updated ?? 0) > 0) continue;
    const [b, level, idx] = id.split('.');
    if (unit.docs.has(id)) continue; // stored, and units are never removed: the increment applied
    await db.collection(C.units).doc(id).set({ level, batchNo: Number(b), index: Number(idx), productId: unit.productId, holder: null, allocation: null, shipment: null, itemDelta: delta });
  }
}
