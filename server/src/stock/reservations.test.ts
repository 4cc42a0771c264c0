/**
 * Goal: the reservation seam, run inside real transactions of the real SDK against the local
 * cloud: whole-or-nothing reservations over sharded stock, concurrent reservations for the last
 * units never oversell (those that fit succeed), the same product on two lines summed, keyed
 * replays change nothing, release and ship give back exactly what was taken, and the low-stock
 * alert is raised once per crossing.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestCloud, type TestCloud } from '../../../local-cloud/src/testing.js';
import { loadLocalSecrets } from '../../../local-cloud/src/secrets.js';
import { C } from '../db/collections.js';
import { transact } from '../db/transact.js';
import type { Database } from '../runtime/cloud.js';
import { checkLowStock, readStock } from './levels.js';
import { headId } from './model.js';
import { postMovesInTx } from './moves.js';
import { consumeReservationInTx, releaseInTx, reserveInTx } from './reservations.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let cloud: TestCloud;
let db: Database;
const ORG = 'org_seller';
const P = 'prd_hot';
const Q = 'prd_other';
/** Orders whose reservation fitted in the first test. */
let fitted: string[] = [];

beforeAll(async () => {
  cloud = await startTestCloud();
  const { credentials } = loadLocalSecrets(cloud.dataDir);
  process.env.TENCENTCLOUD = 'true';
  process.env.SILENCE = 'true';
  const tcb = createRequire(import.meta.url)('@cloudbase/node-sdk');
  db = tcb.init({ env: 'test', serviceUrl: `${cloud.url}/tcb`, secretId: credentials.secretId, secretKey: credentials.secretKey }).database();
});
afterAll(async () => cloud?.close());

const now = () => Date.now();

async function stockIn(productId: string, items: number, key: string): Promise<void> {
  const r = await transact(db, (tx) => postMovesInTx(tx, { orgId: ORG, ref: key, key, moves: [{ productId, type: 'receive', items }], at_ms: now(), by: null }));
  expect(r.ok).toBe(true);
}

async function level(productId: string) {
  return (await readStock(db, ORG, [productId])).get(productId)!;
}

function openReservations(productId: string): number {
  return cloud.db
    .all(C.stock)
    .filter((d) => d.kind === 'reservation')
    .flatMap((d) => (d.lines as Array<{ productId: string; items: number }>).filter((l) => l.productId === productId))
    .reduce((s, l) => s + l.items, 0);
}

describe('reservations over sharded stock', () => {
  it('of 12 concurrent orders of 3 for the last 20 items, exactly 6 fit; the rest are OUT_OF_STOCK naming the line', async () => {
    await stockIn(P, 20, 'in-1');
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        transact(db, (tx) => reserveInTx(tx, { orgId: ORG, ref: `ord_${i}`, key: `order:ord_${i}:reserve`, lines: [{ productId: P, items: 3 }], at_ms: now() })),
      ),
    );
    const okCount = replies.filter((r) => r.ok).length;
    fitted = replies.flatMap((r, i) => (r.ok ? [`ord_${i}`] : []));
    expect(okCount).toBe(6);
    for (const r of replies) if (!r.ok) {
      expect(r.error.code).toBe('OUT_OF_STOCK');
      expect(r.error.field).toBe('lines[0]');
      expect(r.error.details?.available).toBeLessThan(3);
    }
    const l = await level(P);
    expect(l).toMatchObject({ onHand: 20, reserved: 18, available: 2 });
    expect(openReservations(P)).toBe(18);
  });

  it('a reservation is whole or nothing, and the same product on two lines counts once, summed', async () => {
    await stockIn(Q, 5, 'in-q');
    const before = cloud.db.snapshot()[C.stock];
    // 1 + 1 of P fits alone (2 available), but P is summed to 2 and Q's 6 does not fit: nothing is reserved.
    const r = await transact(db, (tx) => reserveInTx(tx, { orgId: ORG, ref: 'ord_mix', key: 'order:ord_mix:reserve', lines: [{ productId: P, items: 1 }, { productId: Q, items: 6 }, { productId: P, items: 1 }], at_ms: now() }));
    expect(r.ok === false && r.error.field).toBe('lines[1]');
    expect(cloud.db.snapshot()[C.stock]).toEqual(before);
    // Two lines of P summed to 3 exceed the 2 available: named by P's first line.
    const summed = await transact(db, (tx) => reserveInTx(tx, { orgId: ORG, ref: 'ord_sum', key: 'order:ord_sum:reserve', lines: [{ productId: Q, items: 1 }, { productId: P, items: 2 }, { productId: P, items: 1 }], at_ms: now() }));
    expect(summed.ok === false && summed.error.code === 'OUT_OF_STOCK' && summed.error.field).toBe('lines[1]');
    const fits = await transact(db, (tx) => reserveInTx(tx, { orgId: ORG, ref: 'ord_fit', key: 'order:ord_fit:reserve', lines: [{ productId: P, items: 1 }, { productId: Q, items: 5 }, { productId: P, items: 1 }], at_ms: now() }));
    expect(fits.ok && fits.data.lines).toEqual([{ productId: P, items: 2 }, { productId: Q, items: 5 }]);
    expect(await level(P)).toMatchObject({ onHand: 20, reserved: 20, available: 0 });
  });

  it('a replayed key changes nothing', async () => {
    const before = cloud.db.snapshot();
    const again = await transact(db, (tx) => reserveInTx(tx, { orgId: ORG, ref: 'ord_fit', key: 'order:ord_fit:reserve', lines: [{ productId: P, items: 2 }, { productId: Q, items: 5 }], at_ms: now() }));
    expect(again.ok && again.data.replayed).toBe(true);
    expect(cloud.db.snapshot()[C.stock]).toEqual(before[C.stock]);
    expect(cloud.db.snapshot()[C.stockMoves]).toEqual(before[C.stockMoves]);
  });

  it('release and ship give back what the order holds, no more; moves are recorded', async () => {
    const rel = await transact(db, (tx) => releaseInTx(tx, { orgId: ORG, ref: fitted[0]!, key: `order:${fitted[0]}:release:cancel`, lines: [{ productId: P, items: 3 }], at_ms: now() }));
    expect(rel.ok).toBe(true);
    const over = await transact(db, (tx) => consumeReservationInTx(tx, { orgId: ORG, ref: fitted[1]!, key: `order:${fitted[1]}:ship:1`, lines: [{ productId: P, items: 4 }], at_ms: now() }));
    expect(over.ok === false && over.error.field).toBe('lines[0]');
    const ship = await transact(db, (tx) => consumeReservationInTx(tx, { orgId: ORG, ref: fitted[1]!, key: `order:${fitted[1]}:ship:1`, lines: [{ productId: P, items: 2 }], at_ms: now() }));
    expect(ship.ok).toBe(true);
    const replay = await transact(db, (tx) => consumeReservationInTx(tx, { orgId: ORG, ref: fitted[1]!, key: `order:${fitted[1]}:ship:1`, lines: [{ productId: P, items: 2 }], at_ms: now() }));
    expect(replay.ok && replay.data.replayed).toBe(true);
    expect(await level(P)).toMatchObject({ onHand: 18, reserved: 15, available: 3 });
    expect(openReservations(P)).toBe(15);
    const moves = cloud.db.all(C.stockMoves).filter((m) => m.productId === P);
    const byType = (t: string) => moves.filter((m) => m.type === t).reduce((s, m) => s + (m.items as number), 0);
    expect({ receive: byType('receive'), reserve: byType('reserve'), release: byType('release'), ship: byType('ship') }).toEqual({ receive: 20, reserve: 20, release: 3, ship: 2 });
  });

  it('low stock is raised once per crossing of the safety stock', async () => {
    await db.collection(C.stock).doc(headId(ORG, Q)).set({ kind: 'head', orgId: ORG, productId: Q, safetyStock: 2, low: false, crossings: 0, updatedAt: now() });
    // Q: 5 on hand, 5 reserved: available 0 ≤ 2. Two checks at once raise one alert.
    const raised = await Promise.all([checkLowStock(db, ORG, [Q], now()), checkLowStock(db, ORG, [Q], now())]);
    expect(raised.flat().length).toBe(1);
    expect(await checkLowStock(db, ORG, [Q], now())).toEqual([]);
    // Back above, then down again: a second crossing, a second alert.
    const rel = await transact(db, (tx) => releaseInTx(tx, { orgId: ORG, ref: 'ord_fit', key: 'order:ord_fit:release:x', lines: [{ productId: Q, items: 5 }], at_ms: now() }));
    expect(rel.ok).toBe(true);
    expect(await checkLowStock(db, ORG, [Q], now())).toEqual([]);
    const out = await transact(db, (tx) => postMovesInTx(tx, { orgId: ORG, ref: 'x', key: 'ship-q', moves: [{ productId: Q, type: 'ship', items: 4 }], at_ms: now(), by: null }));
    expect(out.ok && out.data.moves[0]!.after).toEqual({ onHand: 1, reserved: 0, available: 1 });
    expect((await checkLowStock(db, ORG, [Q], now())).map((a) => a.key)).toEqual([`low_stock:${ORG}:${Q}:2`]);
    expect(cloud.db.all(C.alerts).filter((a) => a.kind === 'low_stock').length).toBe(2);
  });
});
