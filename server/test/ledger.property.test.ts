/**
 * Goal: whatever sequence of fund / redeem / withdraw / approve / reject calls reaches the
 * functions — retried, repeated, out of order, some of them concurrent — the money stays right
 * (docs/wallets.md#ledger): after every run the sum over all `accounts` documents is 0 (external accounts
 * included), internal balances equal funded minus paid out, no internal account is negative,
 * every balance equals the sum of its ledger postings, every pending withdrawal's amount sits in
 * its hold account, and each consumer's wallet equals what the replies they got add up to.
 *
 * fast-check generates the sequences; runs share one cloud and use fresh codes, so the
 * invariants are checked over an ever-growing ledger. Small enough for CI: 8 runs of 12–20 steps.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectLedgerBalanced, SLOW_MACHINE_TIMEOUT_MS, startChannel, type Channel, type Reply } from './fixtures.js';

const CONSUMERS = 3;
const RUNS = 8;


vi.setConfig({ testTimeout: SLOW_MACHINE_TIMEOUT_MS, hookTimeout: SLOW_MACHINE_TIMEOUT_MS });
let ch: Channel;
/** Fresh hidden codes: items held by a store (consumer + store + rebate due) and by the brand (consumer only). */
const pool = { store: [] as string[], brand: [] as string[] };
const spent: string[] = [];

beforeAll(async () => {
  // No budget at first: the runs fund it themselves, so it sometimes runs dry.
  ch = await startChannel({ budget: 0, functionEnv: { RATE_LIMIT_MULTIPLIER: '100', WITHDRAWAL_DAILY_COUNT: '1000' } });
  const cases = await ch.batch(10);
  await ch.flow(cases.slice(0, 4).map((c) => c.code), ['brand', 'gd', 'storeGz']);
  for (const [i, c] of cases.entries()) for (const b of c.boxes) for (const it of b.items) (i < 4 ? pool.store : pool.brand).push(it.hiddenCode);
  for (let i = 0; i < CONSUMERS; i++) await ch.person(`p${i}`);
});
afterAll(async () => {
  await ch?.close();
});

type Step =
  | { t: 'fund'; amount: number; req: number }
  | { t: 'redeem'; who: number; fresh: boolean; atStore: boolean; reuse: number }
  | { t: 'withdraw'; who: number; amount: number; req: number }
  | { t: 'approve'; w: number }
  | { t: 'reject'; w: number };
type Group = Step[];

const single: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ t: fc.constant('fund' as const), amount: fc.integer({ min: 1, max: 800 }), req: fc.integer({ min: 0, max: 4 }) }) },
  {
    weight: 5,
    arbitrary: fc.record({
      t: fc.constant('redeem' as const),
      who: fc.integer({ min: 0, max: CONSUMERS - 1 }),
      fresh: fc.integer({ min: 0, max: 4 }).map((n) => n > 0),
      atStore: fc.boolean(),
      reuse: fc.nat(),
    }),
  },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('withdraw' as const), who: fc.integer({ min: 0, max: CONSUMERS - 1 }), amount: fc.integer({ min: 5, max: 200 }), req: fc.integer({ min: 0, max: 5 }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('approve' as const), w: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('reject' as const), w: fc.nat() }) },
);
/** Mostly one call at a time; sometimes two to four at once. */
const group: fc.Arbitrary<Group> = fc.oneof({ weight: 4, arbitrary: single.map((s) => [s]) }, { weight: 1, arbitrary: fc.array(single, { minLength: 2, maxLength: 4 }) });

/** What the replies say each consumer's wallet holds. */
interface Model {
  balance: number[];
  reserved: number[];
  withdrawals: Array<{ id: string; who: number; amount: number; status: string }>;
}

let runNo = 0;

async function runSequence(groups: Group[], model: Model): Promise<void> {
  const run = ++runNo;
  for (const g of groups) {
    // Resolve the inputs first (codes, ids), then call concurrently, then apply replies in order.
    const calls = g.map((s) => {
      switch (s.t) {
        case 'fund':
          return { s, who: 'admin', fn: 'wallet', event: { action: 'fund', amount: s.amount, requestId: `prop-${run}-fund-${s.req}` } };
        case 'redeem': {
          const fresh = s.fresh ? (s.atStore ? pool.store : pool.brand).pop() : undefined;
          const code = fresh ?? spent[s.reuse % Math.max(1, spent.length)] ?? pool.brand.pop()!;
          if (fresh) spent.push(fresh);
          return { s, who: `p${s.who}`, fn: 'scan', event: { action: 'redeem', code } };
        }
        case 'withdraw':
          return { s, who: `p${s.who}`, fn: 'wallet', event: { action: 'withdraw', amount: s.amount, requestId: `prop-${run}-wd-${s.req}` } };
        case 'approve':
        case 'reject': {
          const w = model.withdrawals[s.w % Math.max(1, model.withdrawals.length)];
          return { s, who: 'admin', fn: 'wallet', event: { action: s.t === 'approve' ? 'approveWithdrawal' : 'rejectWithdrawal', withdrawalId: w?.id ?? 'wd_none' } };
        }
      }
    });
    const replies: Reply[] = await Promise.all(calls.map((c) => ch.as(c.who, c.fn, c.event)));
    calls.forEach((c, i) => apply(model, c.s, c.event, replies[i]!));
  }
}

const EXPECTED_FAILURES: Record<Step['t'], string[]> = {
  fund: ['CONFLICT'],
  redeem: ['ALREADY_REDEEMED'],
  withdraw: ['INVALID_ARGUMENT', 'INSUFFICIENT_FUNDS', 'CONFLICT'],
  approve: ['CONFLICT', 'NOT_FOUND'],
  reject: ['CONFLICT', 'NOT_FOUND'],
};

function apply(model: Model, s: Step, event: Record<string, unknown>, r: Reply): void {
  if (!r.ok) {
    expect(EXPECTED_FAILURES[s.t], `${s.t} failed unexpectedly: ${JSON.stringify(r.error)}`).toContain(r.error!.code);
    return;
  }
  switch (s.t) {
    case 'redeem':
      expect([0, 88]).toContain(r.data.reward);
      if (r.data.reward === 0) expect(r.data.reasonNotPaid).toBe('BUDGET_EXHAUSTED');
      model.balance[s.who]! += r.data.reward;
      break;
    case 'withdraw': {
      if (model.withdrawals.some((w) => w.id === r.data.withdrawalId)) break; // a replay
      model.withdrawals.push({ id: r.data.withdrawalId, who: s.who, amount: s.amount, status: 'requested' });
      model.balance[s.who]! -= s.amount;
      model.reserved[s.who]! += s.amount;
      break;
    }
    case 'approve':
    case 'reject': {
      const w = model.withdrawals.find((x) => x.id === event.withdrawalId)!;
      expect(r.data.status).toBe(s.t === 'approve' ? 'paid' : 'rejected');
      if (w.status === 'requested') {
        model.reserved[w.who]! -= w.amount;
        if (s.t === 'reject') model.balance[w.who]! += w.amount;
      }
      w.status = r.data.status;
      break;
    }
    case 'fund':
      break;
  }
}

describe('the ledger under random operation sequences', () => {
  it('stays balanced, non-negative, consistent with its postings and with what the replies said', async () => {
    const model: Model = { balance: Array(CONSUMERS).fill(0), reserved: Array(CONSUMERS).fill(0), withdrawals: [] };
    let runs = 0;
    // Run first: one sequence that surely takes every money path (the random ones add the rest).
    const example: Group[] = [
      [{ t: 'fund', amount: 800, req: 0 }],
      [{ t: 'redeem', who: 0, fresh: true, atStore: true, reuse: 0 }],
      [{ t: 'redeem', who: 0, fresh: true, atStore: false, reuse: 0 }],
      [{ t: 'withdraw', who: 0, amount: 50, req: 0 }],
      [{ t: 'approve', w: 0 }],
      [{ t: 'withdraw', who: 0, amount: 20, req: 1 }],
      [{ t: 'reject', w: 1 }],
    ];
    await fc.assert(
      fc.asyncProperty(fc.array(group, { minLength: 12, maxLength: 20 }), async (groups) => {
        runs++;
        await runSequence(groups, model);
        expectLedgerBalanced(ch.cloud);
        for (let i = 0; i < CONSUMERS; i++) {
          const b = await ch.ok(`p${i}`, 'wallet', { action: 'balance' });
          expect({ who: `p${i}`, ...b }).toEqual({ who: `p${i}`, balance: model.balance[i], reserved: model.reserved[i] });
        }
      }),
      // Runs share the cloud: a failing run is reported as found (shrinking would replay it against a changed ledger).
      { numRuns: RUNS, endOnFailure: true, examples: [[example]] },
    );
    expect(runs).toBeGreaterThanOrEqual(RUNS);
    // The runs did exercise the interesting paths.
    const ledger = ch.cloud.db.all('ledger');
    for (const kind of ['fund', 'consumer_reward', 'store_reward', 'dealer_rebate', 'withdrawal_reserve', 'withdrawal_payout', 'withdrawal_release']) {
      expect(ledger.some((p) => p.kind === kind), `no ${kind} posting in ${RUNS} runs`).toBe(true);
    }
  });
});
