/**
 * Reservations for orders, inside the caller's transaction (docs/stock.md).
 *
 * - `reserveInTx`: an order's lines (the same product on two lines summed) reserved whole or not
 *   at all; OUT_OF_STOCK names the first line of the product that does not fit and what is
 *   available.
 * - `releaseInTx`: gives reserved items back (cancel, reject, close, payment timeout).
 * - `consumeReservationInTx`: shipping an order: reserved items leave (a `ship` move).
 *
 * Hot products: a product's stock is split over STOCK_SHARDS documents. A reservation reads its
 * preferred shard (by its key and the product) and takes from it when it can, so concurrent
 * orders of one product mostly write different documents; only when its shard falls short does
 * it read the others. The reservation document remembers which shards gave what, so a release or
 * a ship gives back to those shards exactly. Every call is keyed: a replay changes nothing.
 *
 * Low stock is judged after the caller's transaction commits (`checkLowStock`, low-stock.ts):
 * judging it here would read every shard and make concurrent orders conflict.
 */
import { applyMove, errWith, ok, planTake, preferredShard, sumLines, type Result, type StockLevel, type StockLine } from '@channel-router/shared';
import { C } from '../db/collections.js';
import { txGet, type Tx } from '../db/transact.js';
import { reservationId, type ReservationDoc, type ReservationLine } from './model.js';
import { txAddMove, txAllShards, txPosted, txShard, txWriteShard } from './shards.js';

export interface ReservationInput {
  orgId: string;
  /** The order (or other document) the reservation belongs to. */
  ref: string;
  /** Idempotency key of this call: a replay under it changes nothing. */
  key: string;
  lines: readonly StockLine[];
  at_ms: number;
  /** Who acted (unionId), for the move; null: the system. */
  by?: string | null;
}

export interface ReservationResult {
  /** True when this key had posted already: nothing changed now. */
  replayed: boolean;
  /** Per product (summed), the items of this call. */
  lines: Array<{ productId: string; items: number }>;
}

function checkInput(input: ReservationInput): void {
  if (input.orgId === '' || input.ref === '' || input.key === '') throw new Error('reservation without orgId, ref or key');
  if (!Number.isSafeInteger(input.at_ms)) throw new Error(`bad at_ms ${input.at_ms}`);
}

async function readReservation(tx: Tx, orgId: string, ref: string): Promise<ReservationDoc | null> {
  return txGet<ReservationDoc>(tx, C.stock, reservationId(orgId, ref));
}

async function writeReservation(tx: Tx, input: ReservationInput, before: ReservationDoc | null, lines: ReservationLine[]): Promise<void> {
  const kept = lines.filter((l) => l.items > 0);
  const open = kept.reduce((s, l) => s + l.items, 0);
  const doc: Omit<ReservationDoc, '_id'> = {
    kind: 'reservation',
    orgId: input.orgId,
    ref: input.ref,
    lines: kept,
    open,
    createdAt: before?.createdAt ?? input.at_ms,
    updatedAt: input.at_ms,
  };
  await tx.collection(C.stock).doc(reservationId(input.orgId, input.ref)).set(doc);
}

export async function reserveInTx(tx: Tx, input: ReservationInput): Promise<Result<ReservationResult>> {
  checkInput(input);
  const summed = sumLines(input.lines);
  if (!summed.ok) return summed;
  const lines = summed.data.map(({ productId, items }) => ({ productId, items }));
  if (await txPosted(tx, input.key, summed.data[0]!.productId)) return ok({ replayed: true, lines });

  // Plan every product first: a product that does not fit leaves everything untouched.
  const plans: Array<{ productId: string; items: number; takes: Array<{ shard: number; items: number }>; levels: Map<number, StockLevel | null> }> = [];
  for (const line of summed.data) {
    const preferred = preferredShard(`${input.key}|${line.productId}`);
    const first = await txShard(tx, input.orgId, line.productId, preferred);
    const levels = new Map<number, StockLevel | null>([[preferred, first]]);
    let plan = planTake([...Array(preferred).fill(null), first], line.items, preferred, 'available');
    if (!plan.covered) {
      const all = await txAllShards(tx, input.orgId, line.productId, levels);
      all.forEach((l, k) => levels.set(k, l));
      plan = planTake(all, line.items, preferred, 'available');
      if (!plan.covered) {
        return errWith('OUT_OF_STOCK', `lines[${line.line}]: ${line.items} items of product ${line.productId} asked, ${plan.have} available`, { productId: line.productId, available: plan.have, asked: line.items }, `lines[${line.line}]`);
      }
    }
    plans.push({ productId: line.productId, items: line.items, takes: plan.takes, levels });
  }

  const before = await readReservation(tx, input.orgId, input.ref);
  const held = [...(before?.lines ?? [])];
  for (const p of plans) {
    const shards: Array<{ shard: number; items: number; onHand: number; reserved: number }> = [];
    for (const t of p.takes) {
      const level = p.levels.get(t.shard) ?? null;
      const next = applyMove(level ?? { onHand: 0, reserved: 0 }, { type: 'reserve', items: t.items });
      if (!next.ok) throw new Error(`planned reservation failed: ${next.error.message}`);
      await txWriteShard(tx, input.orgId, p.productId, t.shard, next.data, level !== null, input.at_ms);
      shards.push({ shard: t.shard, items: t.items, ...next.data });
      const same = held.find((h) => h.productId === p.productId && h.shard === t.shard);
      if (same) same.items += t.items;
      else held.push({ productId: p.productId, shard: t.shard, items: t.items });
    }
    await txAddMove(tx, {
      orgId: input.orgId, productId: p.productId, type: 'reserve', items: p.items, delta_onHand: 0, delta_reserved: p.items,
      after: null, shards, ref: input.ref, key: input.key, by: input.by ?? null, note: null, at: input.at_ms,
    });
  }
  await writeReservation(tx, input, before, held.map((h) => ({ ...h })));
  return ok({ replayed: false, lines });
}

/** Release (`release`) or ship (`consume`) items an order holds reserved. */
async function giveBack(tx: Tx, input: ReservationInput, how: 'release' | 'consume'): Promise<Result<ReservationResult>> {
  checkInput(input);
  const summed = sumLines(input.lines);
  if (!summed.ok) return summed;
  const lines = summed.data.map(({ productId, items }) => ({ productId, items }));
  if (await txPosted(tx, input.key, summed.data[0]!.productId)) return ok({ replayed: true, lines });
  const before = await readReservation(tx, input.orgId, input.ref);
  const held = (before?.lines ?? []).map((l) => ({ ...l }));
  for (const line of summed.data) {
    const mine = held.filter((h) => h.productId === line.productId);
    const has = mine.reduce((s, h) => s + h.items, 0);
    if (line.items > has) {
      return errWith('OUT_OF_STOCK', `lines[${line.line}]: ${line.items} items of product ${line.productId} to ${how === 'release' ? 'release' : 'ship'}, ${has} reserved for ${input.ref}`, { productId: line.productId, reserved: has }, `lines[${line.line}]`);
    }
  }
  for (const line of summed.data) {
    let left = line.items;
    const shards: Array<{ shard: number; items: number; onHand: number; reserved: number }> = [];
    for (const h of held) {
      if (left === 0) break;
      if (h.productId !== line.productId || h.items === 0) continue;
      const n = Math.min(h.items, left);
      const level = await txShard(tx, input.orgId, line.productId, h.shard);
      if (level === null) throw new Error(`reservation ${input.ref} holds items on a missing shard ${h.shard}`);
      const next = applyMove(level, { type: how, items: n });
      if (!next.ok) throw new Error(`shard ${h.shard} of ${line.productId} holds less reserved than reservation ${input.ref}: ${next.error.message}`);
      await txWriteShard(tx, input.orgId, line.productId, h.shard, next.data, true, input.at_ms);
      shards.push({ shard: h.shard, items: n, ...next.data });
      h.items -= n;
      left -= n;
    }
    await txAddMove(tx, {
      orgId: input.orgId, productId: line.productId, type: how === 'release' ? 'release' : 'ship', items: line.items,
      delta_onHand: how === 'release' ? 0 : -line.items, delta_reserved: -line.items,
      after: null, shards, ref: input.ref, key: input.key, by: input.by ?? null, note: null, at: input.at_ms,
    });
  }
  await writeReservation(tx, input, before, held);
  return ok({ replayed: false, lines });
}

export async function releaseInTx(tx: Tx, input: ReservationInput): Promise<Result<ReservationResult>> {
  return giveBack(tx, input, 'release');
}

/** Shipping an order: its reserved items leave the seller's stock (`ship` moves). */
export async function consumeReservationInTx(tx: Tx, input: ReservationInput): Promise<Result<ReservationResult>> {
  return giveBack(tx, input, 'consume');
}
