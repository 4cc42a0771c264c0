/**
 * Goal: a server killed (SIGKILL) in the middle of a redeem load loses no acknowledged redeem and
 * leaves nothing half done (docs/money-and-concurrency.md, "Interruptions"): after a restart every
 * acknowledged redeem has its redemption (with the reply that was given) and all its postings;
 * the only traces of the redeems cut short are the two the design allows, each bounded by the
 * redeems in flight — a claim whose postings are not written yet, and budget taken whose claim
 * was never written; the clients' retries of their unanswered requests (same person, same
 * requestId, as the typed client does) complete every claim; the wallets then hold exactly what
 * the replies said; the budget is never overspent.
 *
 * The local cloud runs in a child process (as `npm start` would) on a data directory prepared by
 * an in-process cloud; after the kill, an in-process cloud opens the same directory.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../local-cloud/src/client.js';
import { startTestCloud, type TestCloud } from '../../local-cloud/src/testing.js';
import { accountOfDoc } from '../src/wallet/account-shards.js';
import { startChildCloud } from './processes/start-child-cloud.js';
import { SLOW_MACHINE_TIMEOUT_MS, startChannel, STD_POLICY, type Reply } from './fixtures.js';

vi.setConfig({ testTimeout: SLOW_MACHINE_TIMEOUT_MS, hookTimeout: SLOW_MACHINE_TIMEOUT_MS });

const CLIENTS = 12;
const CONSUMERS = 24;
/** Acknowledged redeems before the kill: enough for the kill to land amid many in flight. */
const ACKS_BEFORE_KILL = 120;
const PAID_PER_REDEEM = STD_POLICY.consumerReward + STD_POLICY.storeReward + STD_POLICY.dealerRebate;

const dataDir = mkdtempSync(path.join(tmpdir(), 'channel-router-crash-'));
let child: ChildProcess | null = null;
let after: TestCloud | null = null;
afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await after?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Attempt {
  code: string;
  who: number;
  requestId: string;
  reply?: Reply;
}

function budgetDocs(cloud: TestCloud): number {
  return cloud.db.all('accounts').reduce((s, a) => s + (accountOfDoc(String(a._id)) === 'brand:budget' ? (a.balance_fen as number) : 0), 0);
}

describe('a crash in the middle of a redeem load', () => {
  it('loses no acknowledged redeem and leaves nothing half done', async () => {
    // Set up in process: channel, stock at a store, consumers signed in (tokens outlive restarts:
    // the signing key is kept in the data directory).
    const ch = await startChannel({ dataDir, budget: 10_000_000 });
    const cases = await ch.batch(8);
    await ch.flow(cases.map((c) => c.code), ['brand', 'gd', 'storeGz']);
    const codes = cases.flatMap((c) => c.boxes.flatMap((b) => b.items.map((i) => i.hiddenCode)));
    const tokens: string[] = [];
    for (let i = 0; i < CONSUMERS; i++) tokens.push(ch.tokens[await ch.person(`crash${i}`)]!);
    const funded = 10_000_000;
    await ch.close();

    // Load against the child, killed once enough redeems were acknowledged.
    const run = await startChildCloud(dataDir);
    child = run.proc;
    const client = createClient(run.url);
    const attempts: Attempt[] = [];
    let next = 0;
    let acked = 0;
    let killed = false;
    const exited = new Promise<void>((resolve) => run.proc.once('exit', () => resolve()));
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (!killed && next < codes.length) {
          const i = next++;
          const a: Attempt = { code: codes[i]!, who: i % CONSUMERS, requestId: `crash-${String(i).padStart(6, '0')}` };
          attempts.push(a);
          try {
            a.reply = (await client.call('scan', { action: 'redeem', code: a.code, requestId: a.requestId }, tokens[a.who])) as Reply;
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
    // The kill landed amid redeems in flight (the other clients were waiting for replies).
    expect(cut.length).toBeGreaterThan(0);

    // Restart on the same data and look straight at what is stored.
    after = await startTestCloud({ dataDir, trustForwardedFor: true, functionEnv: { RATE_LIMIT_MULTIPLIER: '1000' }, runnerLimits: { workerStartTimeout_ms: 60_000, invocationTimeout_ms: 30_000 } });
    const redemptions = new Map(after.db.all('redemptions').map((r) => [String(r.code), r]));
    const ledgerIds = () => new Set(after!.db.all('ledger').map((p) => String(p._id)));
    const ledger = ledgerIds();
    const missingPostings = (r: Record<string, unknown>) => (r.postings as Array<{ key: string }>).filter((p) => !ledger.has(p.key));

    // Every acknowledged redeem: its redemption, the reply it gave, all its postings.
    for (const a of ackedAttempts) {
      const r = redemptions.get(a.code);
      expect(r, `acknowledged redeem of ${a.code}`).toBeDefined();
      expect(r!.reply).toEqual(a.reply!.data);
      expect(r!.unionId).toBe(`u-crash${a.who}`);
      expect(missingPostings(r!)).toEqual([]);
      expect((r!.postings as unknown[]).length).toBe(3);
    }
    // Half-done states: only for redeems that got no reply, and only claims lacking postings.
    const cutCodes = new Set(cut.map((a) => a.code));
    const halfDone = [...redemptions.values()].filter((r) => missingPostings(r).length > 0);
    for (const r of halfDone) expect(cutCodes.has(String(r.code)), `half-done claim ${String(r.code)} was acknowledged`).toBe(true);
    // No redemption of a code nobody tried; postings only of claimed codes.
    const tried = new Set(attempts.map((a) => a.code));
    for (const code of redemptions.keys()) expect(tried.has(code)).toBe(true);
    for (const p of after.db.all('ledger')) if (String(p._id).startsWith('redeem:')) expect(redemptions.has(String(p.ref))).toBe(true);

    // The clients retry what got no reply: every claim is completed, each code paid once.
    const retries = await Promise.all(cut.map((a) => after!.call('scan', { action: 'redeem', code: a.code, requestId: a.requestId }, tokens[a.who]) as Promise<Reply>));
    for (const r of retries) expect(r.ok, JSON.stringify(r)).toBe(true);
    const finalLedger = ledgerIds();
    const finalRedemptions = after.db.all('redemptions');
    for (const r of finalRedemptions) for (const p of r.postings as Array<{ key: string }>) expect(finalLedger.has(p.key), `posting ${p.key}`).toBe(true);
    const paid = finalRedemptions.length;
    expect(paid).toBe(ackedAttempts.length + cut.length);

    // Wallets hold exactly what the replies said (each consumer: 88 per redeem of theirs).
    for (let i = 0; i < CONSUMERS; i++) {
      const mine = attempts.filter((a) => a.who === i).length;
      const bal = (await after.call('wallet', { action: 'balance' }, tokens[i])) as Reply;
      expect(bal.data.balance, `consumer ${i}`).toBe(mine * STD_POLICY.consumerReward);
    }
    // The budget: never overspent; short of the ledger only by what redeems cut between taking
    // it and writing their claim took (at most one redeem per client in flight).
    const spentByLedger = after.db.all('ledger').reduce((s, p) => s + (p.debit === 'brand:budget' ? (p.amount_fen as number) : 0), 0);
    expect(spentByLedger).toBe(paid * PAID_PER_REDEEM);
    const leaked = funded - spentByLedger - budgetDocs(after);
    expect(leaked).toBeGreaterThanOrEqual(0);
    expect(leaked).toBeLessThanOrEqual(CLIENTS * PAID_PER_REDEEM);
    expect(leaked % PAID_PER_REDEEM).toBe(0);
  });
});
