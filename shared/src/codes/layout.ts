/**
 * Batch layout: how a print run nests items in boxes and boxes in cases. Indices are per level and
 * start at 0; packing is positional, as a production line packs:
 *
 *   item i  lies in box  floor(i / itemsPerBox)
 *   box  b  lies in case floor(b / boxesPerCase)
 *
 * so a code's ancestors are arithmetic on its index: no database read per level (docs/codes.md#aggregation). Later
 * unpack/repack events override this on the server; the layout is the as-produced packing.
 * Pallets, when a batch has them, are loose: a pallet is built at shipping time and filled by
 * pack events, so no item, box or case has an implied pallet.
 */
import { err, ok, type Result } from '../result.js';
import type { UnitLevel } from '../model.js';
import { MAX_BATCH_NO, type CodeFields } from './codec.js';

export interface BatchLayout {
  /** 0..2^24-1, carried in every code of the batch. */
  batchNo: number;
  cases: number;
  itemsPerBox: number;
  boxesPerCase: number;
  /** Loose pallet codes printed with the batch; default 0. */
  pallets?: number;
}

/** Limits (put a limit on everything). A 10-million-item print run fits easily. */
export const LAYOUT_LIMITS = {
  maxCases: 1_000_000,
  maxItemsPerBox: 10_000,
  maxBoxesPerCase: 10_000,
  maxItemsPerBatch: 100_000_000,
  maxPallets: 100_000,
} as const;

export interface LevelCounts {
  item: number;
  box: number;
  case: number;
  pallet: number;
}

export interface LevelIndex {
  level: UnitLevel;
  index: number;
}

export interface ChildrenRange {
  level: UnitLevel;
  /** First child index. */
  first: number;
  /** Number of children: `first .. first + count - 1`. */
  count: number;
}

function isIntIn(n: unknown, min: number, max: number): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;
}

/**
 * Checks a layout from untrusted input. INVALID_ARGUMENT names the field at fault; on success the
 * result is a fresh object with only the known fields.
 */
export function validateLayout(input: unknown): Result<BatchLayout> {
  if (typeof input !== 'object' || input === null) return err('INVALID_ARGUMENT', 'layout must be an object');
  const o = input as Record<string, unknown>;
  const L = LAYOUT_LIMITS;
  if (!isIntIn(o.batchNo, 0, MAX_BATCH_NO)) {
    return err('INVALID_ARGUMENT', `batchNo must be an integer 0..${MAX_BATCH_NO}`, 'batchNo');
  }
  if (!isIntIn(o.cases, 1, L.maxCases)) return err('INVALID_ARGUMENT', `cases must be an integer 1..${L.maxCases}`, 'cases');
  if (!isIntIn(o.itemsPerBox, 1, L.maxItemsPerBox)) {
    return err('INVALID_ARGUMENT', `itemsPerBox must be an integer 1..${L.maxItemsPerBox}`, 'itemsPerBox');
  }
  if (!isIntIn(o.boxesPerCase, 1, L.maxBoxesPerCase)) {
    return err('INVALID_ARGUMENT', `boxesPerCase must be an integer 1..${L.maxBoxesPerCase}`, 'boxesPerCase');
  }
  const pallets = o.pallets ?? 0;
  if (!isIntIn(pallets, 0, L.maxPallets)) return err('INVALID_ARGUMENT', `pallets must be an integer 0..${L.maxPallets}`, 'pallets');
  const items = o.cases * o.boxesPerCase * o.itemsPerBox;
  if (items > L.maxItemsPerBatch) {
    return err('INVALID_ARGUMENT', `a batch holds at most ${L.maxItemsPerBatch} items (got ${items})`, 'cases');
  }
  const layout: BatchLayout = { batchNo: o.batchNo, cases: o.cases, itemsPerBox: o.itemsPerBox, boxesPerCase: o.boxesPerCase };
  if (pallets > 0) layout.pallets = pallets;
  return ok(layout);
}

/** Number of codes of each level in the batch (items counted once: each has a visible and a hidden code). */
export function layoutCounts(layout: BatchLayout): LevelCounts {
  const box = layout.cases * layout.boxesPerCase;
  return { case: layout.cases, box, item: box * layout.itemsPerBox, pallet: layout.pallets ?? 0 };
}

/** Total codes printed for the batch: every case, box and pallet once, every item twice. */
export function totalCodes(layout: BatchLayout): number {
  const c = layoutCounts(layout);
  return c.case + c.box + 2 * c.item + c.pallet;
}

/** True when `index` names an existing code of `level` in this batch. */
export function isIndexInBatch(level: UnitLevel, index: number, layout: BatchLayout): boolean {
  return Number.isInteger(index) && index >= 0 && index < layoutCounts(layout)[level];
}

/**
 * Checks a verified code against its batch's layout: an authentic code whose index lies outside
 * the batch is not a code of that batch (INVALID_CODE). The caller looks the batch up by
 * `fields.batchNo` and must pass that batch's layout.
 */
export function checkCodeInBatch<F extends CodeFields>(fields: F, layout: BatchLayout): Result<F> {
  if (fields.batchNo !== layout.batchNo) throw new Error('checkCodeInBatch: layout of another batch');
  if (!isIndexInBatch(fields.level, fields.index, layout)) return err('INVALID_CODE', 'code outside its batch');
  return ok(fields);
}

function assertInBatch(level: UnitLevel, index: number, layout: BatchLayout): void {
  if (!isIndexInBatch(level, index, layout)) throw new RangeError(`${level} index ${index} outside batch ${layout.batchNo}`);
}

/** The as-produced parent of a unit, or null for cases and pallets (top of the implied packing). */
export function parentOf(level: UnitLevel, index: number, layout: BatchLayout): LevelIndex | null {
  assertInBatch(level, index, layout);
  switch (level) {
    case 'item':
      return { level: 'box', index: Math.floor(index / layout.itemsPerBox) };
    case 'box':
      return { level: 'case', index: Math.floor(index / layout.boxesPerCase) };
    case 'case':
    case 'pallet':
      return null;
  }
}

/** All as-produced ancestors, nearest first, up to the case: an item gives [box, case]. */
export function impliedAncestors(fields: Pick<CodeFields, 'level' | 'index'>, layout: BatchLayout): LevelIndex[] {
  const out: LevelIndex[] = [];
  let cur = parentOf(fields.level, fields.index, layout);
  while (cur !== null) {
    out.push(cur);
    cur = parentOf(cur.level, cur.index, layout);
  }
  return out;
}

/** The direct children of a unit as packed by the line (contiguous indices), or null for items and pallets. */
export function childrenRange(level: UnitLevel, index: number, layout: BatchLayout): ChildrenRange | null {
  assertInBatch(level, index, layout);
  switch (level) {
    case 'case':
      return { level: 'box', first: index * layout.boxesPerCase, count: layout.boxesPerCase };
    case 'box':
      return { level: 'item', first: index * layout.itemsPerBox, count: layout.itemsPerBox };
    case 'item':
    case 'pallet':
      return null;
  }
}

/** The items inside a unit as packed by the line: a contiguous range of item indices. */
export function itemRange(level: UnitLevel, index: number, layout: BatchLayout): { first: number; count: number } | null {
  assertInBatch(level, index, layout);
  switch (level) {
    case 'item':
      return { first: index, count: 1 };
    case 'box':
      return { first: index * layout.itemsPerBox, count: layout.itemsPerBox };
    case 'case': {
      const perCase = layout.itemsPerBox * layout.boxesPerCase;
      return { first: index * perCase, count: perCase };
    }
    case 'pallet':
      return null;
  }
}
