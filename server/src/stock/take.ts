/**
 * Reserving an order's stock without a transaction: the fast path of a submit
 * (docs/money-and-concurrency.md#a-submit).
 *
 * Why: a product's stock is split over STOCK_SHARDS documents, and every submit of a popular
 * product writes one of them. Inside a transaction two submits that write one shard conflict and
 * one starts over (16 buyers ordering the same 5 products conflicted on most submits). A
 * conditional decrement of one shard (`where available ≥ n: available −n, reserved +n`) is a
 * single-document update, atomic in the database: racing submits never take the same item, never
 * wait for each other and never start over.
 *
 * - `planFastTake`: from the shards read before (one query with the order's other inputs), one
 *   shard per product that holds all of that product's items (the preferred shard when it can,
 *   else the fullest). A product no single shard covers has no fast plan: the caller reserves in
 *   its transaction instead (`reserveInTx`, whole or nothing across shards), which is also what
 *   decides the last units exactly.
 * - `takeFast`: the planned decrements side by side. When one finds its shard short (another
 *   submit took it meanwhile), everything taken is given back and the caller falls back to the
 *   transaction: no order ever holds part of its stock while waiting for the rest.
 * - `giveBackFast`: the exact return of what `takeFast` took (a refused or replayed submit).
 * - `recordFastTakeInTx`: inside the submit's transaction, the reservation document and the
 *   `reserve` moves of what was taken, so that a release or a ship finds them as for any other
 *   reservation.
 *
 * Taken and not recorded: a submit killed between `takeFast` and its transaction's commit leaves
 * its items reserved on the shards with no reservation. Never an oversell (the items are held, not
 * sold twice), never a half order (the order, its money, its reservation document and its moves
 * are written together or not at all); the stock check lists the difference (reserved above the
 * open reservations) and an `adjust` release puts it right.
 */
import { availableOf, ok, preferredShard, STOCK_SHARDS, sumLines, type Result, type StockLevel, type StockLine } from '@channel-router/shared';
import { C } from '../db/collections.js';
import type { Tx } from '../db/transact.js';
import type { Database } from '../runtime/cloud.js';
import { moveId, reservationId, shardId, type HeadDoc, type MoveDoc, type ReservationDoc, type ShardDoc } from './model.js';

/** Products per read: the read returns at most this × (STOCK_SHARDS + 1) documents. */
export const TAKE_PRODUCTS_MAX = 100;

export interface FastTake {
  productId: string;
  shard: number;
  items: number;
}

/** What a submit read of an org's stock: per product, its shards (absent: null) and its head. */
export interface ShardRead {
  shards: Map<string, Array<StockLevel | null>>;
  heads: Map<string, HeadDoc>;
}

/** Shard and head documents of some products of an org, as `readShards` or a joined read answers them. */
export function shardReadFrom(docs: ReadonlyArray<ShardDoc | HeadDoc | { kind: string }>, productIds: readonly string[]): ShardRead {
  const shards = new Map<string, Array<StockLevel | null>>(productIds.map((p) => [p, Array.from({ length: STOCK_SHARDS }, () => null)]));
  const heads = new Map<string, HeadDoc>();
  for (const d of docs) {
    if (d.kind === 'head') heads.set((d as HeadDoc).productId, d as HeadDoc);
    if (d.kind !== 'shard') continue;
    const s = d as ShardDoc;
    const row = shards.get(s.productId);
    if (row === undefined || !(s.shard >= 0 && s.shard < STOCK_SHARDS)) continue;
    // A shard written before `available` was stored is never planned for a conditional
    // decrement (its condition could not match): it counts as empty here, and the transaction
    // path, which reads and rewrites whole shards, serves it and stores `available` on it.
    row[s.shard] = s.available === undefined ? { onHand: s.onHand, reserved: s.onHand } : { onHand: s.onHand, reserved: s.reserved };
  }
  return { shards, heads };
}

/** One query for the shards and heads of up to TAKE_PRODUCTS_MAX products. */
export async function readShards(db: Database, orgId: string, productIds: readonly string[]): Promise<ShardRead> {
  const ids = [...new Set(productIds)];
  if (ids.length > TAKE_PRODUCTS_MAX) throw new Error(`too many products in one stock read: ${ids.length}`);
  if (ids.length === 0) return { shards: new Map(), heads: new Map() };
  const res = await db.collection(C.stock).where(shardQuery(db, orgId, ids)).limit(ids.length * (STOCK_SHARDS + 1)).get();
  return shardReadFrom(res.data as Array<ShardDoc | HeadDoc>, ids);
}

/** The filter of `readShards` (also a sub-pipeline's `$match` in a joined read). */
export function shardQuery(db: Database, orgId: string, productIds: readonly string[]): Record<string, unknown> {
  return { orgId, productId: db.command.in([...productIds]), kind: db.command.in(['shard', 'head']) };
}

/**
 * One shard per product covering all its items (the same product on two lines summed), or null
 * when some product has no such shard (the caller reserves in its transaction).
 */
export function planFastTake(read: ShardRead, key: string, lines: readonly StockLine[]): FastTake[] | null {
  const summed = sumLines(lines);
  if (!summed.ok) return null;
  const out: FastTake[] = [];
  for (const line of summed.data) {
    const levels = read.shards.get(line.productId);
    if (levels === undefined) return null;
    const preferred = preferredShard(`${key}|${line.productId}`);
    const free = (k: number) => (levels[k] ? availableOf(levels[k]!) : 0);
    let pick = free(preferred) >= line.items ? preferred : -1;
    if (pick < 0) {
      for (let k = 0; k < levels.length; k++) if (free(k) >= line.items && (pick < 0 || free(k) > free(pick))) pick = k;
    }
    if (pick < 0) return null;
    out.push({ productId: line.productId, shard: pick, items: line.items });
  }
  return out;
}

async function decrement(db: Database, orgId: string, t: FastTake, at_ms: number): Promise<boolean> {
  const _ = db.command;
  const res = (await db
    .collection(C.stock)
    .where({ _id: shardId(orgId, t.productId, t.shard), available: _.gte(t.items) })
    .update({ available: _.inc(-t.items), reserved: _.inc(t.items), updatedAt: at_ms })) as { updated?: number };
  return (res.updated ?? 0) === 1;
}

/** Takes every planned shard's items, or none: true when all were taken. */
export async function takeFast(db: Database, orgId: string, takes: readonly FastTake[], at_ms: number): Promise<boolean> {
  for (const t of takes) if (!(Number.isSafeInteger(t.items) && t.items > 0)) throw new Error(`bad take ${JSON.stringify(t)}`);
  const done = await Promise.all(takes.map((t) => decrement(db, orgId, t, at_ms).catch((e: unknown) => e)));
  const failed = done.find((d) => d !== true && d !== false);
  const taken = takes.filter((_, i) => done[i] === true);
  if (taken.length === takes.length) return true;
  await giveBackFast(db, orgId, taken, at_ms);
  if (failed !== undefined) throw failed;
  return false;
}

/** Gives back exactly what `takeFast` took (the shards are known: no condition needed). */
export async function giveBackFast(db: Database, orgId: string, takes: readonly FastTake[], at_ms: number): Promise<void> {
  const _ = db.command;
  await Promise.all(
    takes.map((t) => db.collection(C.stock).doc(shardId(orgId, t.productId, t.shard)).update({ available: _.inc(t.items), reserved: _.inc(-t.items), updatedAt: at_ms })),
  );
}

export interface FastRecord {
  orgId: string;
  /** The order the reservation belongs to (new: its documents do not exist yet). */
  ref: string;
  key: string;
  takes: readonly FastTake[];
  at_ms: number;
  by: string | null;
}

/** The reservation document and the `reserve` moves (one insert) of a fast take, in `tx`. */
export async function recordFastTakeInTx(tx: Tx, r: FastRecord): Promise<void> {
  if (r.takes.length === 0) throw new Error('a reservation of nothing');
  const lines = r.takes.map((t) => ({ productId: t.productId, shard: t.shard, items: t.items }));
  const reservation: Omit<ReservationDoc, '_id'> = {
    kind: 'reservation',
    orgId: r.orgId,
    ref: r.ref,
    lines,
    open: lines.reduce((s, l) => s + l.items, 0),
    createdAt: r.at_ms,
    updatedAt: r.at_ms,
  };
  const moves: MoveDoc[] = r.takes.map((t) => ({
    _id: moveId(r.key, t.productId),
    orgId: r.orgId,
    productId: t.productId,
    type: 'reserve',
    items: t.items,
    delta_onHand: 0,
    delta_reserved: t.items,
    after: null,
    // The values after a conditional decrement are not read (it answers only that it applied).
    shards: [{ shard: t.shard, items: t.items }],
    ref: r.ref,
    key: r.key,
    by: r.by,
    note: null,
    at: r.at_ms,
  }));
  await Promise.all([tx.collection(C.stock).doc(reservationId(r.orgId, r.ref)).set(reservation), tx.collection(C.stockMoves).add(moves as unknown as object)]);
}
