/**
 * Goal: any sequence of receive, ship, reserve, release, consume, return_in/out and adjust on
 * sharded stock keeps every shard within bounds (onHand ≥ 0, reserved ≥ 0, reserved ≤ onHand),
 * keeps the product's onHand equal to goods in minus goods out and its reserved equal to the
 * open reservations; a reservation is whole or nothing (same product on two lines summed); the
 * low-stock rule raises once per crossing of the safety stock.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMove, assertLevel, availableOf, lowStockStep, planTake, preferredShard, sumLevels, sumLines, type StockLevel } from './stock.js';

const PRODUCTS = ['p0', 'p1', 'p2'];
const SHARDS = 4;
const SAFETY: Record<string, number | null> = { p0: 5, p1: 0, p2: null };

type Op =
  | { t: 'in'; type: 'production_in' | 'receive' | 'return_in'; p: number; items: number; key: string }
  | { t: 'out'; type: 'ship' | 'return_out'; p: number; items: number; key: string }
  | { t: 'reserve'; lines: Array<{ p: number; items: number }>; key: string }
  | { t: 'release'; ref: number }
  | { t: 'consume'; ref: number; share: number }
  | { t: 'adjust'; p: number; delta: number; key: string };

const product = fc.integer({ min: 0, max: PRODUCTS.length - 1 });
const items = fc.integer({ min: 1, max: 12 });
const key = fc.string({ minLength: 1, maxLength: 6 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constant('in' as const), type: fc.constantFrom('production_in' as const, 'receive' as const, 'return_in' as const), p: product, items, key }),
  fc.record({ t: fc.constant('out' as const), type: fc.constantFrom('ship' as const, 'return_out' as const), p: product, items, key }),
  fc.record({ t: fc.constant('reserve' as const), lines: fc.array(fc.record({ p: product, items }), { minLength: 1, maxLength: 4 }), key }),
  fc.record({ t: fc.constant('release' as const), ref: fc.nat() }),
  fc.record({ t: fc.constant('consume' as const), ref: fc.nat(), share: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ t: fc.constant('adjust' as const), p: product, delta: fc.integer({ min: -8, max: 8 }).filter((d) => d !== 0), key }),
);

interface Reservation {
  /** product → shard → items still reserved */
  takes: Map<string, Map<number, number>>;
}

function must<T>(r: { ok: true; data: T } | { ok: false }): T {
  if (!r.ok) throw new Error('a planned move failed');
  return r.data;
}

describe('stock arithmetic under any sequence of moves', () => {
  it('keeps bounds, sums, whole reservations and one alert per crossing', () => {
    const paths = new Set<string>();
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const shards = new Map(PRODUCTS.map((p) => [p, Array.from({ length: SHARDS }, () => ({ onHand: 0, reserved: 0 }) as StockLevel)]));
        const reservations: Reservation[] = [];
        const net = new Map(PRODUCTS.map((p) => [p, 0]));
        const low = new Map(PRODUCTS.map((p) => [p, false]));
        const raises = new Map(PRODUCTS.map((p) => [p, 0]));
        const crossings = new Map(PRODUCTS.map((p) => [p, 0]));
        const above = new Map(PRODUCTS.map((p) => [p, true]));
        const total = (p: string) => sumLevels(shards.get(p)!);
        const take = (p: string, n: number, k: string, from: 'available' | 'reserved') => planTake(shards.get(p)!, n, preferredShard(k, SHARDS), from);

        for (const o of ops) {
          if (o.t === 'in') {
            const p = PRODUCTS[o.p]!;
            const s = shards.get(p)!;
            const k = preferredShard(o.key, SHARDS);
            s[k] = must(applyMove(s[k]!, { type: o.type, items: o.items }));
            net.set(p, net.get(p)! + o.items);
            paths.add('in');
          } else if (o.t === 'out' || (o.t === 'adjust' && o.delta < 0)) {
            const p = PRODUCTS[o.p]!;
            const n = o.t === 'out' ? o.items : -o.delta;
            const plan = take(p, n, o.key, 'available');
            expect(plan.covered).toBe(n <= availableOf(total(p)));
            if (plan.covered) {
              for (const t of plan.takes) shards.get(p)![t.shard] = must(applyMove(shards.get(p)![t.shard]!, o.t === 'out' ? { type: o.type, items: t.items } : { type: 'adjust', delta: -t.items }));
              net.set(p, net.get(p)! - n);
              paths.add('out');
            } else paths.add('out-short');
          } else if (o.t === 'adjust') {
            const p = PRODUCTS[o.p]!;
            const k = preferredShard(o.key, SHARDS);
            shards.get(p)![k] = must(applyMove(shards.get(p)![k]!, { type: 'adjust', delta: o.delta }));
            net.set(p, net.get(p)! + o.delta);
          } else if (o.t === 'reserve') {
            const summed = must(sumLines(o.lines.map((l) => ({ productId: PRODUCTS[l.p]!, items: l.items }))));
            const snapshot = JSON.stringify([...shards]);
            const fits = summed.every((l) => l.items <= availableOf(total(l.productId)));
            const plans = summed.map((l) => ({ l, plan: take(l.productId, l.items, o.key + l.productId, 'available') }));
            expect(plans.every((x) => x.plan.covered)).toBe(fits);
            if (fits) {
              const r: Reservation = { takes: new Map() };
              for (const { l, plan } of plans) {
                const m = new Map<number, number>();
                for (const t of plan.takes) {
                  shards.get(l.productId)![t.shard] = must(applyMove(shards.get(l.productId)![t.shard]!, { type: 'reserve', items: t.items }));
                  m.set(t.shard, t.items);
                }
                r.takes.set(l.productId, m);
              }
              reservations.push(r);
              paths.add(summed.length < o.lines.length ? 'reserve-summed' : 'reserve');
            } else {
              // Whole or nothing: a refused reservation changed nothing.
              expect(JSON.stringify([...shards])).toBe(snapshot);
              paths.add('reserve-refused');
            }
          } else if (reservations.length > 0) {
            const r = reservations[o.ref % reservations.length]!;
            for (const [p, m] of r.takes) {
              for (const [k, n] of m) {
                const use = o.t === 'release' ? n : Math.ceil((n * o.share) / 100);
                if (use === 0) continue;
                shards.get(p)![k] = must(applyMove(shards.get(p)![k]!, { type: o.t === 'release' ? 'release' : 'consume', items: use }));
                m.set(k, n - use);
                if (o.t === 'consume') net.set(p, net.get(p)! - use);
              }
            }
            paths.add(o.t);
          }
          for (const p of PRODUCTS) {
            for (const s of shards.get(p)!) assertLevel(s);
            const t = total(p);
            expect(t.onHand).toBe(net.get(p));
            const open = reservations.reduce((sum, r) => sum + [...(r.takes.get(p)?.values() ?? [])].reduce((a, b) => a + b, 0), 0);
            expect(t.reserved).toBe(open);
            const step = lowStockStep(low.get(p)!, availableOf(t), SAFETY[p]!);
            low.set(p, step.low);
            if (step.raise) raises.set(p, raises.get(p)! + 1);
            // A crossing, counted independently from the series of available: above the safety
            // stock (a fresh product counts as above), then at or below it.
            const safety = SAFETY[p]!;
            const nowBelow = safety !== null && availableOf(t) <= safety;
            if (above.get(p)! && nowBelow) crossings.set(p, crossings.get(p)! + 1);
            above.set(p, !nowBelow);
          }
        }
        for (const p of PRODUCTS) expect(raises.get(p)).toBe(crossings.get(p));
      }),
      { seed: 20261204, numRuns: 300 },
    );
    for (const path of ['in', 'out', 'out-short', 'reserve', 'reserve-summed', 'reserve-refused', 'release', 'consume']) expect(paths.has(path), path).toBe(true);
  });
});
