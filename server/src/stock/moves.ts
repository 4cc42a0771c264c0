/**
 * Goods in and out that are not reservations: production stock-in, receive, ship without an
 * order, returns, adjustments. These read every shard of the product (they are not the hot path),
 * so each move records the product's totals after it. Keyed: a replay changes nothing.
 */
import { applyMove, availableOf, errWith, ok, planTake, preferredShard, sumLevels, type LevelMove, type Result, type StockLevel } from '@channel-router/shared';
import { txAddMove, txAllShards, txPosted, txWriteShard } from './shards.js';
import type { MoveDoc } from './model.js';

export type PlainMoveType = 'production_in' | 'receive' | 'return_in' | 'ship' | 'return_out' | 'adjust';

export interface PlainMove {
  productId: string;
  type: PlainMoveType;
  /** Items (positive); for `adjust`, the signed change of onHand. */
  items: number;
}

export interface PlainMovesInput {
  orgId: string;
  ref: string;
  /** Idempotency key of the call; each move is stored under `<key>:<type>` and its product. */
  key: string;
  moves: readonly PlainMove[];
  at_ms: number;
  by: string | null;
  note?: string | null;
  /** The request field an OUT_OF_STOCK names (e.g. `codes`). */
  field?: string;
  /**
   * Goods out take what is available instead of failing (goods another org received without a
   * ship scan: they are gone whatever the stock says; the stock check shows the rest).
   */
  clamp?: boolean;
  /**
   * With `clamp`: still refuse (OUT_OF_STOCK) when the goods are on hand but reserved for orders,
   * so a plain ship never takes an order's goods; clamp only when stock holds less than custody
   * says (docs/stock.md, "where stock and custody can differ").
   */
  guardReserved?: boolean;
}

export interface PostedMove {
  productId: string;
  type: PlainMoveType;
  items: number;
  after: NonNullable<MoveDoc['after']>;
}

const MOVES_PER_CALL_MAX = 400;

export const plainMoveKey = (key: string, type: PlainMoveType): string => `${key}:${type}`;

export async function postMovesInTx(tx: Parameters<typeof txAllShards>[0], input: PlainMovesInput): Promise<Result<{ replayed: boolean; moves: PostedMove[] }>> {
  if (input.moves.length === 0) return ok({ replayed: false, moves: [] });
  if (input.moves.length > MOVES_PER_CALL_MAX) throw new Error(`too many moves in one call: ${input.moves.length}`);
  const first = input.moves[0]!;
  if (await txPosted(tx, plainMoveKey(input.key, first.type), first.productId)) return ok({ replayed: true, moves: [] });

  const products = [...new Set(input.moves.map((m) => m.productId))];
  const read = await Promise.all(products.map((p) => txAllShards(tx, input.orgId, p)));
  const existed = new Map(products.map((p, i) => [p, read[i]!.map((l) => l !== null)]));
  const levels = new Map<string, StockLevel[]>(products.map((p, i) => [p, read[i]!.map((l) => l ?? { onHand: 0, reserved: 0 })]));
  const touched = new Map<string, Set<number>>(products.map((p) => [p, new Set<number>()]));
  const planned: Array<{ move: PlainMove; shards: MoveDoc['shards']; after: NonNullable<MoveDoc['after']> }> = [];

  for (const move of input.moves) {
    if (!(Number.isSafeInteger(move.items) && move.items !== 0 && (move.type === 'adjust' || move.items > 0))) throw new Error(`bad move ${JSON.stringify(move)}`);
    const shards = levels.get(move.productId)!;
    const preferred = preferredShard(`${input.key}|${move.productId}`, shards.length);
    const goesOut = move.type === 'ship' || move.type === 'return_out' || (move.type === 'adjust' && move.items < 0);
    let n = Math.abs(move.items);
    const steps: Array<{ shard: number; items: number }> = [];
    if (goesOut) {
      let plan = planTake(shards, n, preferred, 'available');
      const reservedInTheWay = input.guardReserved === true && sumLevels(shards).onHand >= n;
      if (!plan.covered && input.clamp === true && !reservedInTheWay && plan.have > 0) {
        n = plan.have;
        plan = planTake(shards, n, preferred, 'available');
      }
      if (!plan.covered && input.clamp === true && !reservedInTheWay) continue;
      if (!plan.covered) {
        const field = input.field ?? 'codes';
        return errWith('OUT_OF_STOCK', `${n} items of product ${move.productId} leave, ${plan.have} are available (the rest is reserved for orders: ship those with their order)`, { productId: move.productId, available: plan.have }, field);
      }
      steps.push(...plan.takes);
    } else {
      // Goods in are spread evenly over every shard (the remainder from the preferred one on), so
      // concurrent orders find stock on their own shard and do not all meet on one document.
      const base = Math.floor(n / shards.length);
      const extra = n - base * shards.length;
      for (let i = 0; i < shards.length; i++) {
        const part = base + (i < extra ? 1 : 0);
        if (part > 0) steps.push({ shard: (preferred + i) % shards.length, items: part });
      }
    }
    const record: MoveDoc['shards'] = [];
    for (const s of steps) {
      const lm: LevelMove = move.type === 'adjust' ? { type: 'adjust', delta: goesOut ? -s.items : s.items } : { type: move.type, items: s.items };
      const next = applyMove(shards[s.shard]!, lm);
      if (!next.ok) throw new Error(`planned move failed: ${next.error.message}`);
      shards[s.shard] = next.data;
      touched.get(move.productId)!.add(s.shard);
      record.push({ shard: s.shard, items: s.items, ...next.data });
    }
    const sum = sumLevels(shards);
    planned.push({ move: { ...move, items: move.items < 0 ? -n : n }, shards: record, after: { ...sum, available: availableOf(sum) } });
  }

  // Every shard of a product moved is written, touched or not: the call then costs the same
  // requests whatever the items (a case of 240 as one item), and they were all read anyway.
  for (const p of products) {
    if (touched.get(p)!.size === 0) continue;
    for (let k = 0; k < levels.get(p)!.length; k++) await txWriteShard(tx, input.orgId, p, k, levels.get(p)![k]!, existed.get(p)![k]!, input.at_ms);
  }
  const seen = new Set<string>();
  for (const { move, shards, after } of planned) {
    const key = plainMoveKey(input.key, move.type);
    if (seen.has(`${key}|${move.productId}`)) throw new Error(`two ${move.type} moves of ${move.productId} in one call`);
    seen.add(`${key}|${move.productId}`);
    const n = Math.abs(move.items);
    const sign = move.type === 'ship' || move.type === 'return_out' || move.items < 0 ? -1 : 1;
    await txAddMove(tx, {
      orgId: input.orgId, productId: move.productId, type: move.type, items: n, delta_onHand: sign * n, delta_reserved: 0,
      after, shards, ref: input.ref, key, by: input.by, note: input.note ?? null, at: input.at_ms,
    });
  }
  return ok({ replayed: false, moves: planned.map((p) => ({ productId: p.move.productId, type: p.move.type, items: Math.abs(p.move.items), after: p.after })) });
}
