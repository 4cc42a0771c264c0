/**
 * Goal: ordering under concurrency (docs/ordering.md): concurrent submits for the last units never
 * oversell; concurrent orders on one credit line never exceed it; racing approvers make one
 * transition; a retried submit (in sequence and at once) makes one order. The stock and the trade
 * ledger are checked from the database after each.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SLOW_MACHINE_TIMEOUT_MS, startChannel, type Channel } from './fixtures.js';
import { deposit, expectTradeLedgerBalanced, member, quoteTotal, setCreditLine, stockAndPrice, stockOf, type Stocked } from './ordering-fixtures.js';

vi.setConfig({ testTimeout: SLOW_MACHINE_TIMEOUT_MS, hookTimeout: SLOW_MACHINE_TIMEOUT_MS });
let ch: Channel;
let stock: Stocked;
const STORES = 6;
const stores: Array<{ owner: string; orgId: string }> = [];

beforeAll(async () => {
  ch = await startChannel();
  // gd holds 2 cases = 8 boxes = 48 items.
  stock = await stockAndPrice(ch, 4, 2);
  await member(ch, 'financeGd', 'dealer', ch.ids.gd, 'finance');
  for (let i = 0; i < STORES; i++) {
    const { orgId } = await ch.ok('admin', 'channel', { action: 'createOrg', kind: 'store', name: `抢货店${i}`, upstreamId: ch.ids.gd, regionCode: '440106' });
    const owner = await member(ch, `raceOwner${i}`, 'terminal', orgId, 'owner');
    stores.push({ owner, orgId });
    await deposit(ch, owner, 'financeGd', ch.ids.gd, 100_000, `race-topup-${i}-0001`);
  }
});
afterAll(async () => {
  await ch?.close();
});

/** The seller's stock shards as stored: onHand, reserved and available by shard id. */
function shardsOf(orgId: string): Record<string, [number, number, number]> {
  const out: Record<string, [number, number, number]> = {};
  for (const d of ch.cloud.db.all('stock')) if (d.kind === 'shard' && d.orgId === orgId) out[String(d._id)] = [d.onHand, d.reserved, d.available];
  return out;
}

function lastShardWrite(orgId: string): number {
  return Math.max(...ch.cloud.db.all('stock').filter((d) => d.kind === 'shard' && d.orgId === orgId).map((d) => d.updatedAt as number));
}

function tally(replies: Array<{ ok: boolean; error?: { code: string } }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of replies) out[r.ok ? 'ok' : r.error!.code] = (out[r.ok ? 'ok' : r.error!.code] ?? 0) + 1;
  return out;
}


describe('ordering under concurrency', () => {
  it('6 stores ordering 3 of the last 8 boxes at once: two orders fit, the rest OUT_OF_STOCK naming the line; never oversold', async () => {
    const lines = [{ productId: ch.productId, quantity: 3 }];
    const total = await quoteTotal(ch, stores[0]!.owner, ch.ids.gd, lines);
    const replies = await Promise.all(
      stores.map((s, i) => ch.as(s.owner, 'order', { action: 'submit', sellerOrgId: ch.ids.gd, lines, tenders: [{ kind: 'deposit', amount: total }], expectedTotal: total, requestId: `race-last-${i}-0001` })),
    );
    expect(tally(replies)).toEqual({ ok: 2, OUT_OF_STOCK: 4 });
    for (const r of replies.filter((x) => !x.ok)) expect(r.error!.field).toBe('lines[0]');
    const row = await stockOf(ch, 'ownerGd', ch.ids.gd, ch.productId);
    expect(row.reserved).toBe(2 * 3 * 6);
    expect(row.reserved).toBeLessThanOrEqual(row.onHand);
    // Only the two orders exist, and only their deposits were held.
    expect(ch.cloud.db.all('orders')).toHaveLength(2);
    expectTradeLedgerBalanced(ch.cloud);
  });

  it('concurrent orders on one credit line never exceed its limit', async () => {
    const s = stores[2]!;
    await setCreditLine(ch, 'ownerGd', ch.ids.gd, s.orgId, 5_000, 15);
    const lines = [{ productId: ch.productId, quantity: 1 }];
    const total = await quoteTotal(ch, s.owner, ch.ids.gd, lines);
    // Free the reservations of the first test so stock is not what limits these orders.
    for (const o of ch.cloud.db.all('orders')) await ch.ok(stores.find((x) => x.orgId === o.buyerOrgId)!.owner, 'order', { action: 'cancel', orderId: o._id });
    const replies = await Promise.all(
      Array.from({ length: 5 }, (_, i) => ch.as(s.owner, 'order', { action: 'submit', sellerOrgId: ch.ids.gd, lines, tenders: [{ kind: 'credit', amount: total }], expectedTotal: total, requestId: `race-credit-${i}-0001` })),
    );
    const fits = Math.floor(5_000 / total);
    expect(tally(replies)).toEqual({ ok: fits, CREDIT_EXCEEDED: 5 - fits });
    const b = await ch.ok(s.owner, 'order', { action: 'balances', buyerOrgId: s.orgId, sellerOrgId: ch.ids.gd });
    expect(b.credit.used).toBe(fits * total);
    expect(b.credit.used).toBeLessThanOrEqual(5_000);
    // The refused ones gave back the stock they took: only the accepted orders hold any.
    expect((await stockOf(ch, 'ownerGd', ch.ids.gd, ch.productId)).reserved).toBe(fits * 6);
    expectTradeLedgerBalanced(ch.cloud);
  });

  it('racing approvers: one transition, the other INVALID_STATE', async () => {
    await member(ch, 'ownerGd2', 'dealer', ch.ids.gd, 'owner');
    const s = stores[3]!;
    const lines = [{ productId: ch.productId, quantity: 1 }];
    const total = await quoteTotal(ch, s.owner, ch.ids.gd, lines);
    const { orderId } = await ch.ok(s.owner, 'order', { action: 'submit', sellerOrgId: ch.ids.gd, lines, tenders: [{ kind: 'deposit', amount: total }], expectedTotal: total, requestId: 'race-approve-0001' });
    const replies = await Promise.all([ch.as('ownerGd', 'order', { action: 'approve', orderId }), ch.as('ownerGd2', 'order', { action: 'approve', orderId })]);
    expect(tally(replies)).toEqual({ ok: 1, INVALID_STATE: 1 });
    const o = await ch.ok(s.owner, 'order', { action: 'get', orderId });
    expect(o.status).toBe('approved');
    expect(o.history.filter((h: any) => h.event === 'approve')).toHaveLength(1);
    // Approve racing reject: one wins, the order is either approved or cancelled, never both.
    const { orderId: second } = await ch.ok(s.owner, 'order', { action: 'submit', sellerOrgId: ch.ids.gd, lines, tenders: [{ kind: 'deposit', amount: total }], expectedTotal: total, requestId: 'race-approve-0002' });
    const mixed = await Promise.all([ch.as('ownerGd', 'order', { action: 'approve', orderId: second }), ch.as('ownerGd2', 'order', { action: 'reject', orderId: second, reason: '重复' })]);
    expect(tally(mixed)).toEqual({ ok: 1, INVALID_STATE: 1 });
    expectTradeLedgerBalanced(ch.cloud);
  });

  it('a retried submit makes one order: in sequence and at once', async () => {
    const s = stores[4]!;
    const lines = [{ productId: ch.productId, quantity: 1 }];
    const total = await quoteTotal(ch, s.owner, ch.ids.gd, lines);
    const event = { action: 'submit', sellerOrgId: ch.ids.gd, lines, tenders: [{ kind: 'deposit', amount: total }], expectedTotal: total, requestId: 'retry-submit-0001' };
    const replies = await Promise.all(Array.from({ length: 4 }, () => ch.as(s.owner, 'order', event)));
    const again = await ch.ok(s.owner, 'order', event);
    expect(replies.every((r) => r.ok)).toBe(true);
    expect(new Set([...replies.map((r) => r.data.orderId), again.orderId]).size).toBe(1);
    expect(ch.cloud.db.all('orders').filter((o) => o.buyerOrgId === s.orgId)).toHaveLength(1);
    const b = await ch.ok(s.owner, 'order', { action: 'balances', buyerOrgId: s.orgId, sellerOrgId: ch.ids.gd });
    expect(b.deposit).toBe(100_000 - total);
    // The same key for another order is a conflict, and writes nothing.
    const other = await ch.as(s.owner, 'order', { ...event, lines: [{ productId: ch.productId, quantity: 2 }] });
    expect(other.error).toMatchObject({ code: 'CONFLICT', field: 'requestId' });
    expectTradeLedgerBalanced(ch.cloud);
  });

  it('a submit refused after it took its stock gives all of it back: no order, every shard as before', async () => {
    const s = stores[1]!;
    const lines = [{ productId: ch.productId, quantity: 1 }];
    const total = await quoteTotal(ch, s.owner, ch.ids.gd, lines);
    const shardsBefore = shardsOf(ch.ids.gd);
    const lastBefore = lastShardWrite(ch.ids.gd);
    const ordersBefore = ch.cloud.db.all('orders').length;
    // The rebate balance is 0: the hold fails in the transaction, after the stock was taken.
    const rebate = Math.floor(total / 10);
    const r = await ch.as(s.owner, 'order', { action: 'submit', sellerOrgId: ch.ids.gd, lines, tenders: [{ kind: 'rebate', amount: rebate }, { kind: 'deposit', amount: total - rebate }], expectedTotal: total, requestId: 'refused-after-take-0001' });
    expect(r.error).toMatchObject({ code: 'INSUFFICIENT_FUNDS', field: 'tenders' });
    // A shard was written (taken, then given back) and holds what it held before.
    expect(lastShardWrite(ch.ids.gd)).toBeGreaterThan(lastBefore);
    expect(shardsOf(ch.ids.gd)).toEqual(shardsBefore);
    expect(ch.cloud.db.all('orders')).toHaveLength(ordersBefore);
    expectTradeLedgerBalanced(ch.cloud);
  });

  it('every stock shard stores available = onHand − reserved after the races (what a submit decrements on)', () => {
    const shards = ch.cloud.db.all('stock').filter((d) => d.kind === 'shard');
    expect(shards.length).toBeGreaterThan(0);
    for (const d of shards) expect(d.available, String(d._id)).toBe(d.onHand - d.reserved);
  });

  it('a changed price answers QUOTE_CHANGED with the new quote and writes nothing', async () => {
    const s = stores[5]!;
    const lines = [{ productId: ch.productId, quantity: 1 }];
    const total = await quoteTotal(ch, s.owner, ch.ids.gd, lines);
    const before = ch.cloud.db.snapshot();
    const r = await ch.as(s.owner, 'order', { action: 'submit', sellerOrgId: ch.ids.gd, lines, tenders: [{ kind: 'deposit', amount: total - 1 }], expectedTotal: total - 1, requestId: 'stale-quote-0001' });
    expect(r.error).toMatchObject({ code: 'QUOTE_CHANGED', field: 'expectedTotal' });
    expect((r.error as any).details.quote.total).toBe(total);
    expect(ch.cloud.db.snapshot()).toEqual(before);
  });
});
