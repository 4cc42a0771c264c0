/**
 * Reading and writing stock shards and moves inside a transaction (server/src/db/transact.ts).
 * Callers plan every product first and write after, so a refused call writes nothing.
 */
import { availableOf, STOCK_SHARDS, type StockLevel, type StockMoveType } from '@channel-router/shared';
import { C } from '../db/collections.js';
import { txGet, type Tx } from '../db/transact.js';
import { moveId, shardId, type MoveDoc, type ShardDoc } from './model.js';

/** A shard's level as stored (absent: empty). */
export async function txShard(tx: Tx, orgId: string, productId: string, k: number): Promise<StockLevel | null> {
  const d = await txGet<ShardDoc>(tx, C.stock, shardId(orgId, productId, k));
  return d === null ? null : { onHand: d.onHand, reserved: d.reserved };
}

/** Every shard of a product, read side by side (absent: null). */
export async function txAllShards(tx: Tx, orgId: string, productId: string, known: ReadonlyMap<number, StockLevel | null> = new Map()): Promise<Array<StockLevel | null>> {
  return Promise.all(Array.from({ length: STOCK_SHARDS }, (_, k) => (known.has(k) ? Promise.resolve(known.get(k) ?? null) : txShard(tx, orgId, productId, k))));
}

/**
 * Stores a shard's new level: an update, or the first write of the shard. `available` is stored
 * beside onHand and reserved so that a submit can reserve by one conditional decrement
 * (`where available ≥ n`, take.ts); every writer keeps it equal to onHand − reserved.
 */
export async function txWriteShard(tx: Tx, orgId: string, productId: string, k: number, level: StockLevel, existed: boolean, at_ms: number): Promise<void> {
  const doc = tx.collection(C.stock).doc(shardId(orgId, productId, k));
  const available = availableOf(level);
  if (existed) {
    await doc.update({ onHand: level.onHand, reserved: level.reserved, available, updatedAt: at_ms });
    return;
  }
  const fresh: Omit<ShardDoc, '_id'> = { kind: 'shard', orgId, productId, shard: k, onHand: level.onHand, reserved: level.reserved, available, updatedAt: at_ms };
  await doc.set(fresh);
}

/** Whether a call under `key` already posted (its first product's move exists). */
export async function txPosted(tx: Tx, key: string, firstProductId: string): Promise<MoveDoc | null> {
  return txGet<MoveDoc>(tx, C.stockMoves, moveId(key, firstProductId));
}

export interface MoveFields {
  orgId: string;
  productId: string;
  type: StockMoveType;
  items: number;
  delta_onHand: number;
  delta_reserved: number;
  after: MoveDoc['after'];
  shards: MoveDoc['shards'];
  ref: string;
  key: string;
  by: string | null;
  note: string | null;
  at: number;
}

export async function txAddMove(tx: Tx, m: MoveFields): Promise<void> {
  if (!(Number.isSafeInteger(m.items) && m.items > 0)) throw new Error(`move of ${m.items} items`);
  await tx.collection(C.stockMoves).doc(moveId(m.key, m.productId)).set(m);
}
