/**
 * Goal: a server killed (SIGKILL) in the middle of a submit load leaves no half order and never
 * oversells (docs/money-and-concurrency.md, "A submit" and its "Interruptions"): after a restart
 * every order stored — acknowledged or not — has its reservation, its moves and its balance held,
 * and every acknowledged submit has its order; the trade ledger balances; no shard holds more
 * reserved than on hand. The one trace the design allows of a submit cut short: items taken from
 * a shard by its conditional decrement whose transaction never committed, reserved with no
 * reservation — at most one submit's items per client in flight. The clients' retries (same
 * requestId) then make exactly one order each.
 *
 * The local cloud runs in a child process on a data directory prepared by an in-process cloud;
 * after the kill, an in-process cloud opens the same directory (as crash.test.ts does for redeems).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../local-cloud/src/client.js';
import { startTestCloud, type TestCloud } from '../../local-cloud/src/testing.js';
import { startChildCloud } from './processes/start-child-cloud.js';
import { SLOW_MACHINE_TIMEOUT_MS, startChannel, type Reply } from './fixtures.js';
import { deposit, expectTradeLedgerBalanced, member, quoteTotal, stockAndPrice } from './ordering-fixtures.js';

vi.setConfig({ testTimeout: SLOW_MACHINE_TIMEOUT_MS, hookTimeout: SLOW_MACHINE_TIMEOUT_MS });

const CLIENTS = 6;
/** Acknowledged submits before the kill: enough for the kill to land amid submits in flight. */
const ACKS_BEFORE_KILL = 30;
/** Each submit orders one box. */
const ITEMS_PER_SUBMIT = 6;

const dataDir = mkdtempSync(path.join(tmpdir(), 'channel-router-crash-submit-'));
let child: ChildProcess | null = null;
let after: TestCloud | null = null;
afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await after?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Attempt {
  who: number;
  requestId: string;
  reply?: Reply;
}

describe('a crash in the middle of a submit load', () => {
  it('leaves no half order and never oversells; retries make one order each', async () => {
    // Set up in process: gd holds 16 cases (64 boxes), 6 stores with deposits at gd.
    const ch = await startChannel({ dataDir });
    await stockAndPrice(ch, 16, 16);
    await member(ch, 'financeGd', 'dealer', ch.ids.gd, 'finance');
    const owners: string[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const { orgId } = await ch.ok('admin', 'channel', { action: 'createOrg', kind: 'store', name: `断电店${i}`, upstreamId: ch.ids.gd, regionCode: '440106' });
      owners.push(await member(ch, `crashOwner${i}`, 'terminal', orgId, 'owner'));
      await deposit(ch, owners[i]!, 'financeGd', ch.ids.gd, 10_000_000, `crash-topup-${i}-0001`);
    }
    const lines = [{ productId: ch.productId, quantity: 1 }];
    const total = await quoteTotal(ch, owners[0]!, ch.ids.gd, lines);
    const tokens = owners.map((o) => ch.tokens[o]!);
    const gd = ch.ids.gd!;
    await ch.close();

    const run = await startChildCloud(dataDir);
    child = run.proc;
    const client = createClient(run.url);
    const submit = (a: Attempt) => ({ action: 'submit', sellerOrgId: gd, lines, tenders: [{ kind: 'deposit', amount: total }], expectedTotal: total, requestId: a.requestId });
    const attempts: Attempt[] = [];
    let acked = 0;
    let killed = false;
    const exited = new Promise<void>((resolve) => run.proc.once('exit', () => resolve()));
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, who) => {
        for (let i = 0; !killed; i++) {
          const a: Attempt = { who, requestId: `crash-submit-${who}-${String(i).padStart(4, '0')}` };
          attempts.push(a);
          try {
            a.reply = (await client.call('order', submit(a), tokens[who])) as Reply;
          } catch {
            continue; // the connection died with the server: no reply
          }
          expect(a.reply.ok, JSON.stringify(a.reply)).toBe(true);
          if (++acked >= ACKS_BEFORE_KILL && !killed) {
            killed = true;
            run.proc.kill('SIGKILL');
          }
        }
      }),
    );
    await exited;
    const ackedAttempts = attempts.filter((a) => a.reply?.ok);
    const cut = attempts.filter((a) => a.reply === undefined);
    expect(ackedAttempts.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
    // The kill landed amid submits in flight (the other clients were waiting for replies).
    expect(cut.length).toBeGreaterThan(0);

    after = await startTestCloud({ dataDir, trustForwardedFor: true, functionEnv: { RATE_LIMIT_MULTIPLIER: '1000' }, runnerLimits: { workerStartTimeout_ms: 60_000, invocationTimeout_ms: 30_000 } });
    const cloud = after;
    const check = () => {
      const orders = cloud.db.all('orders').filter((o) => o.sellerOrgId === gd);
      const stock = cloud.db.all('stock');
      const reservations = new Map(stock.filter((d) => d.kind === 'reservation').map((r) => [String(r.ref), r]));
      const ledger = new Set(cloud.db.all('ledger').map((p) => String(p._id)));
      const moves = new Set(cloud.db.all('stock_moves').map((m) => String(m._id)));
      // No half order: each stored order has its reservation, its reserve move and its hold.
      for (const o of orders) {
        expect(reservations.get(String(o._id))?.open, `reservation of ${String(o._id)}`).toBe(ITEMS_PER_SUBMIT);
        expect(moves.has(`order:${String(o._id)}:reserve|${ch.productId}`), `reserve move of ${String(o._id)}`).toBe(true);
        expect(ledger.has(`order:${String(o._id)}:hold:deposit`), `hold of ${String(o._id)}`).toBe(true);
      }
      // And nothing of an order that is not stored.
      const ids = new Set(orders.map((o) => String(o._id)));
      for (const ref of reservations.keys()) expect(ids.has(ref), `reservation without its order: ${ref}`).toBe(true);
      const shards = stock.filter((d) => d.kind === 'shard' && d.orgId === gd);
      for (const s of shards) {
        expect(s.reserved, String(s._id)).toBeLessThanOrEqual(s.onHand as number);
        expect(s.available, String(s._id)).toBe((s.onHand as number) - (s.reserved as number));
      }
      const reserved = shards.reduce((n, s) => n + (s.reserved as number), 0);
      const stranded = reserved - orders.length * ITEMS_PER_SUBMIT;
      expectTradeLedgerBalanced(cloud);
      return { orders, stranded };
    };

    const first = check();
    const byRequest = new Map(first.orders.map((o) => [String(o.requestId), o]));
    for (const a of ackedAttempts) expect(byRequest.get(a.requestId)?._id, `acknowledged ${a.requestId}`).toBe(a.reply!.data.orderId);
    // Items taken by submits cut between their decrement and their commit: at most one per client.
    expect(first.stranded).toBeGreaterThanOrEqual(0);
    expect(first.stranded).toBeLessThanOrEqual(CLIENTS * ITEMS_PER_SUBMIT);
    expect(first.stranded % ITEMS_PER_SUBMIT).toBe(0);

    // The clients retry what got no reply: one order per requestId, the first one's if it committed.
    const retries = await Promise.all(cut.map((a) => cloud.call('order', submit(a), tokens[a.who]) as Promise<Reply>));
    for (const r of retries) expect(r.ok, JSON.stringify(r)).toBe(true);
    const final = check();
    expect(final.orders).toHaveLength(ackedAttempts.length + cut.length);
    expect(new Set(final.orders.map((o) => String(o.requestId))).size).toBe(final.orders.length);
    expect(final.stranded).toBe(first.stranded);
  });
});
