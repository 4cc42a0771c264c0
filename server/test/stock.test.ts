/**
 * Goal: stock through the real gateway and SDK. The brand's production stock-in (by batch or by
 * codes) is idempotent; ship and receive scans move stock at the shipper and the receiver; a
 * plain ship never takes goods reserved for orders; concurrent reservations for the last units
 * never oversell; the low-stock alert is raised once per crossing; a ship costs the same database
 * requests for one case of 24 items as for one item; and after the whole workload (stock-in,
 * ships, receives, implicit receipts, goods taken without a ship scan, reservations) the stock
 * check of every org lists no difference.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ExportedCase } from '@channel-router/shared';
import { loadLocalSecrets } from '../../local-cloud/src/secrets.js';
import { transact } from '../src/db/transact.js';
import type { Database } from '../src/runtime/cloud.js';
import { releaseInTx, reserveInTx } from '../src/stock/reservations.js';
import { SLOW_MACHINE_TIMEOUT_MS, startChannel, type Channel } from './fixtures.js';

vi.setConfig({ testTimeout: SLOW_MACHINE_TIMEOUT_MS, hookTimeout: SLOW_MACHINE_TIMEOUT_MS });

let ch: Channel;
let tree: ExportedCase[];
let db: Database;
const ITEMS_PER_CASE = 24;

beforeAll(async () => {
  ch = await startChannel();
  tree = await ch.batch(8);
  // The test process's own SDK client: reservations are made by orders (the order module), here
  // straight through the seam, in real transactions against the same database.
  const { credentials } = loadLocalSecrets(ch.cloud.dataDir);
  process.env.TENCENTCLOUD = 'true';
  process.env.SILENCE = 'true';
  const tcb = createRequire(import.meta.url)('@cloudbase/node-sdk');
  db = tcb.init({ env: 'test', serviceUrl: `${ch.cloud.url}/tcb`, secretId: credentials.secretId, secretKey: credentials.secretKey }).database();
});
afterAll(async () => {
  await ch?.close();
});

async function row(who: string, orgId: string): Promise<{ onHand: number; reserved: number; available: number; safetyStock: number | null; low: boolean; inUnits: any }> {
  const s = await ch.ok(who, 'order', { action: 'stock', orgId, productIds: [ch.productId] });
  return s.products[0];
}

describe('stock driven by production stock-in and custody scans', () => {
  it('stocks in produced goods once: by codes, then the rest of the batch; a repeat adds nothing', async () => {
    const first = await ch.ok('admin', 'scan', { action: 'stockIn', codes: [tree[0]!.code, tree[0]!.boxes[0]!.code], requestId: 'stockin-case-0' });
    expect(first).toMatchObject({ items: ITEMS_PER_CASE, alreadyInStock: 0 });
    const batchId = (await ch.ok('admin', 'codes', { action: 'listBatches', productId: ch.productId })).batches[0].id;
    const whole = await ch.ok('admin', 'scan', { action: 'stockIn', batchId });
    expect(whole).toMatchObject({ items: 7 * ITEMS_PER_CASE, alreadyInStock: ITEMS_PER_CASE });
    const again = await ch.ok('admin', 'scan', { action: 'stockIn', batchId });
    expect(again).toMatchObject({ items: 0, alreadyInStock: 8 * ITEMS_PER_CASE });
    const codes = await ch.ok('admin', 'scan', { action: 'stockIn', codes: [tree[3]!.code] });
    expect(codes.items).toBe(0);
    expect(await row('admin', 'brand')).toMatchObject({ onHand: 8 * ITEMS_PER_CASE, reserved: 0, available: 8 * ITEMS_PER_CASE });
  });

  it('ship posts ship at the shipper, receive posts receive at the receiver; stock is shown in order units too', async () => {
    await ch.flow([tree[0]!.code, tree[1]!.code, tree[2]!.code], ['brand', 'gd']);
    expect((await row('admin', 'brand')).onHand).toBe(5 * ITEMS_PER_CASE);
    const gd = await row('ownerGd', ch.ids.gd);
    expect(gd).toMatchObject({ onHand: 3 * ITEMS_PER_CASE, available: 3 * ITEMS_PER_CASE });
    expect(gd.inUnits.onHand).toEqual({ units: 3, looseItems: 0 });
    await ch.flow([tree[0]!.boxes[1]!.code], ['gd', 'storeGz']);
    expect((await row('ownerGd', ch.ids.gd)).onHand).toBe(3 * ITEMS_PER_CASE - 6);
    expect((await row('clerkGz', ch.ids.storeGz)).onHand).toBe(6);
    const moves = await ch.ok('ownerGd', 'order', { action: 'stockMoves', orgId: ch.ids.gd, productId: ch.productId });
    expect(moves.moves.map((m: any) => `${m.type}:${m.items}:${m.after?.onHand}`)).toEqual([`ship:6:${3 * ITEMS_PER_CASE - 6}`, `receive:${3 * ITEMS_PER_CASE}:${3 * ITEMS_PER_CASE}`]);
  });

  it('goods shipped on without being scanned in are received first; goods taken without a ship come off the holder', async () => {
    // gd → ws without ws scanning in, then ws ships on to its store: an implicit receipt at ws.
    await ch.ok('ownerGd', 'scan', { action: 'ship', codes: [tree[1]!.boxes[0]!.code], toOrgId: ch.ids.ws });
    await ch.ok('ownerWs', 'scan', { action: 'ship', codes: [tree[1]!.boxes[0]!.code], toOrgId: ch.ids.storeWs });
    expect((await row('ownerWs', ch.ids.ws)).onHand).toBe(0);
    await ch.ok('clerkWs', 'scan', { action: 'receive', codes: [tree[1]!.boxes[0]!.code] });
    expect((await row('clerkWs', ch.ids.storeWs)).onHand).toBe(6);
    // A Beijing store scans in a case gd holds and never shipped: gd's stock goes down.
    const before = (await row('ownerGd', ch.ids.gd)).onHand;
    await ch.ok('clerkBj', 'scan', { action: 'receive', codes: [tree[2]!.code] });
    expect((await row('ownerGd', ch.ids.gd)).onHand).toBe(before - ITEMS_PER_CASE);
    expect((await row('clerkBj', ch.ids.storeBj)).onHand).toBe(ITEMS_PER_CASE);
  });

  it('concurrent reservations for the last units never oversell; those that fit succeed; a plain ship never takes reserved goods', async () => {
    const gd = await row('ownerGd', ch.ids.gd);
    const left = gd.available; // 24 - 6 + 24 - 6 = 36
    const want = 5;
    const attempts = 12;
    const replies = await Promise.all(
      Array.from({ length: attempts }, (_, i) =>
        transact(db, (tx) => reserveInTx(tx, { orgId: ch.ids.gd, ref: `ord_t${i}`, key: `order:ord_t${i}:reserve`, lines: [{ productId: ch.productId, items: want }], at_ms: Date.now() })),
      ),
    );
    const fitted = replies.filter((r) => r.ok).length;
    expect(fitted).toBe(Math.floor(left / want));
    for (const r of replies) if (!r.ok) expect({ code: r.error.code, field: r.error.field }).toEqual({ code: 'OUT_OF_STOCK', field: 'lines[0]' });
    const after = await row('ownerGd', ch.ids.gd);
    expect(after).toMatchObject({ onHand: gd.onHand, reserved: fitted * want, available: left - fitted * want });
    expect(after.reserved).toBeLessThanOrEqual(after.onHand);
    // A whole case would take reserved goods: refused, nothing moved.
    const snapshot = ch.cloud.db.snapshot();
    const refused = await ch.as('ownerGd', 'scan', { action: 'ship', codes: [tree[1]!.code], toOrgId: ch.ids.storeGz });
    expect({ code: refused.error?.code, field: refused.error?.field }).toEqual({ code: 'OUT_OF_STOCK', field: 'codes' });
    expect(ch.cloud.db.snapshot()).toEqual(snapshot);
    // Released, the same ship goes through.
    for (const [i, r] of replies.entries()) {
      if (!r.ok) continue;
      const rel = await transact(db, (tx) => releaseInTx(tx, { orgId: ch.ids.gd, ref: `ord_t${i}`, key: `order:ord_t${i}:release:cancel`, lines: [{ productId: ch.productId, items: want }], at_ms: Date.now() }));
      expect(rel.ok).toBe(true);
    }
    // Keep one reservation open for the stock check below.
    const keep = await transact(db, (tx) => reserveInTx(tx, { orgId: ch.ids.gd, ref: 'ord_keep', key: 'order:ord_keep:reserve', lines: [{ productId: ch.productId, items: 3 }], at_ms: Date.now() }));
    expect(keep.ok).toBe(true);
    await ch.ok('ownerGd', 'scan', { action: 'ship', codes: [tree[1]!.boxes[1]!.code], toOrgId: ch.ids.storeGz });
    expect(await row('ownerGd', ch.ids.gd)).toMatchObject({ onHand: gd.onHand - 6, reserved: 3 });
  });

  it('low stock: raised when available falls to the safety stock, once per crossing', async () => {
    const lowAlerts = async () => (await ch.ok('admin', 'report', { action: 'alerts', kind: 'low_stock' })).alerts.filter((a: any) => a.observedOrgId === ch.ids.gd);
    const gd = await row('ownerGd', ch.ids.gd); // available 27
    await ch.ok('ownerGd', 'order', { action: 'setSafetyStock', orgId: ch.ids.gd, productId: ch.productId, safetyStock: gd.available - 6 });
    expect(await lowAlerts()).toHaveLength(0);
    await ch.ok('ownerGd', 'scan', { action: 'ship', codes: [tree[1]!.boxes[2]!.code], toOrgId: ch.ids.storeGz });
    expect(await lowAlerts()).toHaveLength(1);
    await ch.ok('ownerGd', 'scan', { action: 'ship', codes: [tree[1]!.boxes[3]!.code], toOrgId: ch.ids.storeGz });
    expect(await lowAlerts()).toHaveLength(1);
    expect((await row('ownerGd', ch.ids.gd)).low).toBe(true);
    // Back above (goods arrive), then down again: a second crossing.
    await ch.flow([tree[4]!.code], ['brand', 'gd']);
    expect((await row('ownerGd', ch.ids.gd)).low).toBe(false);
    await ch.ok('ownerGd', 'scan', { action: 'ship', codes: [tree[4]!.code], toOrgId: ch.ids.storeGz });
    expect(await lowAlerts()).toHaveLength(2);
  });

  it('ship and receive cost the same database requests for a case of 24 items as for one item', async () => {
    const cost = async (who: string, event: Record<string, unknown>) => {
      const before = ch.cloud.db.tcbRequests().total;
      await ch.ok(who, 'scan', event);
      return ch.cloud.db.tcbRequests().total - before;
    };
    // No safety stock here: a low-stock flag flipping on one call and not the other is one write.
    await ch.ok('ownerGd', 'order', { action: 'setSafetyStock', orgId: ch.ids.gd, productId: ch.productId, clear: true });
    const item = tree[5]!.boxes[0]!.items[0]!.code;
    const wholeCase = tree[6]!.code;
    const shipItem = await cost('admin', { action: 'ship', codes: [item], toOrgId: ch.ids.gd });
    const shipCase = await cost('admin', { action: 'ship', codes: [wholeCase], toOrgId: ch.ids.gd });
    expect(shipCase).toBe(shipItem);
    const receiveItem = await cost('ownerGd', { action: 'receive', codes: [item], orgId: ch.ids.gd });
    const receiveCase = await cost('ownerGd', { action: 'receive', codes: [wholeCase], orgId: ch.ids.gd });
    expect(receiveCase).toBe(receiveItem);
    // And a dealer's ship out of stock spread over every shard: one item, then a whole case.
    const outItem = await cost('ownerGd', { action: 'ship', codes: [item], toOrgId: ch.ids.storeGz });
    const outCase = await cost('ownerGd', { action: 'ship', codes: [wholeCase], toOrgId: ch.ids.storeGz });
    expect(outCase).toBe(outItem);
  });

  it('after the whole workload the stock check of every org lists no difference', async () => {
    for (const orgId of ['brand', ch.ids.gd, ch.ids.bj, ch.ids.ws, ch.ids.storeGz, ch.ids.storeBj, ch.ids.storeWs]) {
      const check = await ch.ok('admin', 'report', { action: 'stockCheck', orgId });
      expect(check.differences, orgId).toEqual([]);
    }
    const gd = await ch.ok('ownerGd', 'report', { action: 'stockCheck', orgId: ch.ids.gd });
    expect(gd.products[0]).toMatchObject({ reserved: 3, openReservations: 3 });
    expect(gd.products[0].onHand).toBe(gd.products[0].custody);
  });
});
