/**
 * Stock arithmetic (docs/stock.md): an org's stock of a product is `onHand` items, of which
 * `reserved` are promised to open orders; `available = onHand − reserved`. Every change is a move
 * of one of STOCK_MOVE_TYPES. Nothing here reads or writes.
 *
 * A product's stock may be split over shards (several documents, so that concurrent orders of a
 * hot product do not all write one document); each shard obeys the same rules on its own, so the
 * product's sums obey them too. Stock is counted in items and shown in order units.
 */
import { err, ok, type Result } from '../result.js';

export const STOCK_MOVE_TYPES = ['production_in', 'receive', 'ship', 'reserve', 'release', 'return_in', 'return_out', 'adjust'] as const;
export type StockMoveType = (typeof STOCK_MOVE_TYPES)[number];

/** Shards per (org, product): enough for 16 buyers ordering one product at once (docs/stock.md). */
export const STOCK_SHARDS = 8;
/** Lines in one reservation (an order's lines). */
export const STOCK_LINES_MAX = 200;
/** Items in one move: far above any order, far below float trouble. */
export const STOCK_ITEMS_MAX = 1_000_000_000;

export interface StockLevel {
  onHand: number;
  reserved: number;
}

export const EMPTY_LEVEL: StockLevel = Object.freeze({ onHand: 0, reserved: 0 });

export function availableOf(level: StockLevel): number {
  return level.onHand - level.reserved;
}

export function assertLevel(level: StockLevel): void {
  if (!(Number.isSafeInteger(level.onHand) && Number.isSafeInteger(level.reserved))) throw new Error(`stock level not integers: ${JSON.stringify(level)}`);
  if (level.onHand < 0 || level.reserved < 0 || level.reserved > level.onHand) throw new Error(`stock level out of bounds: ${JSON.stringify(level)}`);
}

function assertItems(items: number): void {
  if (!(Number.isSafeInteger(items) && items > 0 && items <= STOCK_ITEMS_MAX)) throw new Error(`bad item count ${items}`);
}

/**
 * A move on one level (a shard, or an unsharded product).
 * - `production_in`, `receive`, `return_in`: goods in.
 * - `ship`, `return_out`: goods out that were not reserved (at most `available`).
 * - `consume`: goods out for an order: a reservation becomes a `ship` (at most `reserved`).
 * - `reserve` (at most `available`), `release` (at most `reserved`).
 * - `adjust`: `delta` items, up or down, never below what is reserved.
 * Falling short is OUT_OF_STOCK (a business outcome); a bad count is a bug and throws.
 */
export type LevelMove =
  | { type: 'production_in' | 'receive' | 'return_in' | 'ship' | 'return_out' | 'reserve' | 'release' | 'consume'; items: number }
  | { type: 'adjust'; delta: number };

export function applyMove(level: StockLevel, move: LevelMove): Result<StockLevel> {
  assertLevel(level);
  let next: StockLevel;
  if (move.type === 'adjust') {
    if (!(Number.isSafeInteger(move.delta) && move.delta !== 0 && Math.abs(move.delta) <= STOCK_ITEMS_MAX)) throw new Error(`bad adjust ${move.delta}`);
    if (move.delta < 0 && -move.delta > availableOf(level)) return err('OUT_OF_STOCK', `only ${availableOf(level)} items are not reserved`);
    next = { onHand: level.onHand + move.delta, reserved: level.reserved };
  } else {
    const n = move.items;
    assertItems(n);
    switch (move.type) {
      case 'production_in':
      case 'receive':
      case 'return_in':
        next = { onHand: level.onHand + n, reserved: level.reserved };
        break;
      case 'ship':
      case 'return_out':
        if (n > availableOf(level)) return err('OUT_OF_STOCK', `only ${availableOf(level)} items are available`);
        next = { onHand: level.onHand - n, reserved: level.reserved };
        break;
      case 'reserve':
        if (n > availableOf(level)) return err('OUT_OF_STOCK', `only ${availableOf(level)} items are available`);
        next = { onHand: level.onHand, reserved: level.reserved + n };
        break;
      case 'release':
        if (n > level.reserved) return err('OUT_OF_STOCK', `only ${level.reserved} items are reserved`);
        next = { onHand: level.onHand, reserved: level.reserved - n };
        break;
      case 'consume':
        if (n > level.reserved) return err('OUT_OF_STOCK', `only ${level.reserved} items are reserved`);
        next = { onHand: level.onHand - n, reserved: level.reserved - n };
        break;
    }
  }
  assertLevel(next);
  return ok(next);
}

export function sumLevels(levels: ReadonlyArray<StockLevel | null | undefined>): StockLevel {
  let onHand = 0;
  let reserved = 0;
  for (const l of levels) {
    if (!l) continue;
    onHand += l.onHand;
    reserved += l.reserved;
  }
  return { onHand, reserved };
}

/** The shard order a key tries: its preferred shard first, then the others in turn. */
export function shardOrder(preferred: number, shards: number = STOCK_SHARDS): number[] {
  if (!(Number.isInteger(preferred) && preferred >= 0 && preferred < shards)) throw new Error(`shard ${preferred} out of range`);
  return Array.from({ length: shards }, (_, i) => (preferred + i) % shards);
}

/**
 * How to take `need` items from shards (null: an empty shard), each shard giving what it has
 * free (`available` for reserve, ship and return_out; `reserved` for release and consume), in
 * shard order from `preferred`. All or nothing: `takes` is empty when all shards together hold
 * less; `have` is what all shards together hold free.
 */
export function planTake(
  shards: ReadonlyArray<StockLevel | null>,
  need: number,
  preferred: number,
  from: 'available' | 'reserved',
): { covered: boolean; takes: Array<{ shard: number; items: number }>; have: number } {
  assertItems(need);
  const takes: Array<{ shard: number; items: number }> = [];
  let left = need;
  let have = 0;
  for (const k of shardOrder(preferred, shards.length)) {
    const s = shards[k] ?? EMPTY_LEVEL;
    const free = from === 'available' ? availableOf(s) : s.reserved;
    have += free;
    const take = Math.min(free, left);
    if (take > 0 && left > 0) {
      takes.push({ shard: k, items: take });
      left -= take;
    }
  }
  if (left > 0) return { covered: false, takes: [], have };
  return { covered: true, takes, have };
}

/** Which shard a key prefers: FNV-1a of the key, stable everywhere. */
export function preferredShard(key: string, shards: number = STOCK_SHARDS): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % shards;
}

export interface StockLine {
  productId: string;
  items: number;
}

/**
 * Lines summed by product (the same product on two lines counts once, summed), remembering the
 * first line of each product so an error can name it. Bad lines are INVALID_ARGUMENT naming them.
 */
export function sumLines(lines: readonly StockLine[], field = 'lines'): Result<Array<{ productId: string; items: number; line: number }>> {
  if (lines.length === 0) return err('INVALID_ARGUMENT', `${field} is empty`, field);
  if (lines.length > STOCK_LINES_MAX) return err('INVALID_ARGUMENT', `${field} has more than ${STOCK_LINES_MAX} lines`, field);
  const byProduct = new Map<string, { productId: string; items: number; line: number }>();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (typeof l.productId !== 'string' || l.productId === '') return err('INVALID_ARGUMENT', `${field}[${i}].productId is missing`, `${field}[${i}].productId`);
    if (!(Number.isSafeInteger(l.items) && l.items > 0 && l.items <= STOCK_ITEMS_MAX)) return err('INVALID_ARGUMENT', `${field}[${i}].items must be a positive whole number`, `${field}[${i}].items`);
    const seen = byProduct.get(l.productId);
    if (seen) seen.items += l.items;
    else byProduct.set(l.productId, { productId: l.productId, items: l.items, line: i });
  }
  for (const s of byProduct.values()) if (s.items > STOCK_ITEMS_MAX) return err('INVALID_ARGUMENT', `${field}[${s.line}]: too many items`, `${field}[${s.line}].items`);
  return ok([...byProduct.values()]);
}

/**
 * The low-stock rule: an alert when `available` falls to or below the safety stock, once per
 * crossing. `low` is whether the product is below now (the state kept between moves); a product
 * with no safety stock set never alerts.
 */
export function lowStockStep(wasLow: boolean, availableNow: number, safetyStock: number | null): { low: boolean; raise: boolean } {
  if (safetyStock === null) return { low: false, raise: false };
  const low = availableNow <= safetyStock;
  return { low, raise: low && !wasLow };
}

export type StockOrderUnit = 'case' | 'box' | 'item';
export interface Packaging {
  itemsPerBox: number;
  boxesPerCase: number;
}

/** Items in one order unit of a product. */
export function itemsPerUnit(unit: StockOrderUnit, packaging: Packaging): number {
  if (!(Number.isSafeInteger(packaging.itemsPerBox) && packaging.itemsPerBox > 0 && Number.isSafeInteger(packaging.boxesPerCase) && packaging.boxesPerCase > 0)) {
    throw new Error(`bad packaging ${JSON.stringify(packaging)}`);
  }
  if (unit === 'item') return 1;
  if (unit === 'box') return packaging.itemsPerBox;
  return packaging.itemsPerBox * packaging.boxesPerCase;
}

/** Items shown in order units: whole units and the loose items left over (never rounded up). */
export function toOrderUnits(items: number, perUnit: number): { units: number; looseItems: number } {
  if (!(Number.isSafeInteger(perUnit) && perUnit > 0)) throw new Error(`bad items per unit ${perUnit}`);
  if (!Number.isSafeInteger(items)) throw new Error(`bad items ${items}`);
  const sign = items < 0 ? -1 : 1;
  const a = Math.abs(items);
  return { units: sign * Math.floor(a / perUnit), looseItems: sign * (a % perUnit) };
}

/** Order units in items. */
export function toItems(units: number, perUnit: number): number {
  if (!(Number.isSafeInteger(perUnit) && perUnit > 0 && Number.isSafeInteger(units))) throw new Error(`bad units ${units} × ${perUnit}`);
  return units * perUnit;
}
