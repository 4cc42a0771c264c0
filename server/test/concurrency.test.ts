/**
 * Goal: concurrent requests never pay a reward twice, never let a balance go below zero, never
 * credit a retried request twice, and never lose an acknowledged write (docs/wallets.md#ledger, docs/actions.md#abuse): racing
 * first callers of bootstrap, retried fund calls, redeems racing for one code and for the last of
 * the budget, and withdrawals that together ask for more than the balance. Every scenario ends
 * with the ledger checked straight from the database.
 *
 * Rate limits run at twice their production values here (RATE_LIMIT_MULTIPLIER=2), which the
 * last test proves.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { balanceOf, expectLedgerBalanced, inOneRateWindow, SLOW_MACHINE_TIMEOUT_MS, startChannel, type Channel } from './fixtures.js';


vi.setConfig({ testTimeout: SLOW_MACHINE_TIMEOUT_MS, hookTimeout: SLOW_MACHINE_TIMEOUT_MS });
let ch: Channel;

beforeAll(async () => {
  ch = await startChannel({ empty: true, budget: 0, functionEnv: { RATE_LIMIT_MULTIPLIER: '2' } });
});
afterAll(async () => {
  await ch?.close();
});

function tally(replies: Array<{ ok: boolean; error?: { code: string } }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of replies) {
    const k = r.ok ? 'ok' : r.error!.code;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

async function consumers(prefix: string, n: number): Promise<string[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => ch.person(`${prefix}${i}`)));
}

describe('concurrency', () => {
  it('racing first callers of bootstrap: exactly one sets up the brand; the wrong app never does', async () => {
    const rivals = ['admin', ...(await Promise.all([1, 2, 3, 4].map((i) => ch.person(`rival${i}`, 'admin'))))];
    // Start the function's workers first, so the race is between calls, not worker start-ups.
    await Promise.all(rivals.map((who) => ch.ok(who, 'channel', { action: 'me' })));
    const calls = [...rivals, ...rivals].map((who) => ch.as(who, 'channel', { action: 'bootstrap', brandName: `品牌-${who}` }));
    calls.push(ch.as('ownerGd', 'channel', { action: 'bootstrap', brandName: 'dealer app' }));
    const replies = await Promise.all(calls);
    expect(tally(replies)).toEqual({ ok: 1, CONFLICT: 9, FORBIDDEN: 1 });
    const winner = [...rivals, ...rivals][replies.findIndex((r) => r.ok)]!;
    expect(ch.cloud.db.all('orgs')).toHaveLength(1);
    const admins = ch.cloud.db.all('memberships').filter((m) => m.role === 'admin');
    expect(admins.map((m) => m.unionId)).toEqual([`u-${winner}`]);
    // The set-up below runs as 'admin': make them one if a rival won.
    if (winner !== 'admin') {
      const { inviteCode } = await ch.ok(winner, 'channel', { action: 'invite', orgId: 'brand', role: 'admin' });
      await ch.ok('admin', 'channel', { action: 'join', inviteCode });
    }
    await ch.populate({ bootstrapped: true });
  });

  it('20 concurrent fund calls with one requestId credit once; a different amount under it is a conflict', async () => {
    const replies = await Promise.all(Array.from({ length: 20 }, () => ch.as('admin', 'wallet', { action: 'fund', amount: 500, requestId: 'race-fund-1' })));
    expect(tally(replies)).toEqual({ ok: 20 });
    expect(replies.every((r) => r.data.budget === 500)).toBe(true);
    const other = await Promise.all([
      ch.as('admin', 'wallet', { action: 'fund', amount: 501, requestId: 'race-fund-1' }),
      ch.as('admin', 'wallet', { action: 'fund', amount: 500, requestId: 'race-fund-1' }),
    ]);
    expect(tally(other)).toEqual({ ok: 1, CONFLICT: 1 });
    expect(balanceOf(ch.cloud, 'brand:budget')).toBe(500);
    expect(ch.cloud.db.all('ledger').filter((p) => p.kind === 'fund')).toHaveLength(1);
    expectLedgerBalanced(ch.cloud);
  });

  it('20 concurrent redeems against a budget of 500 fen pay 5 rewards of 88 and never overdraw', async () => {
    // Brand-held items: the consumer reward is the only money due (88 fen each).
    const [c] = await ch.batch(1);
    const items = c!.boxes.flatMap((b) => b.items).slice(0, 20);
    const people = await consumers('budget', 20);
    const replies = await Promise.all(items.map((it, i) => ch.as(people[i]!, 'scan', { action: 'redeem', code: it.hiddenCode })));
    expect(tally(replies)).toEqual({ ok: 20 });
    const paid = replies.filter((r) => r.data.reward === 88);
    const unpaid = replies.filter((r) => r.data.reward === 0);
    expect(paid).toHaveLength(5);
    expect(unpaid).toHaveLength(15);
    expect(unpaid.every((r) => r.data.reasonNotPaid === 'BUDGET_EXHAUSTED')).toBe(true);
    expect(balanceOf(ch.cloud, 'brand:budget')).toBe(500 - 5 * 88);
    // Every code is spent exactly once, paid or not.
    expect(ch.cloud.db.all('redemptions').filter((r) => r.status === 'paid')).toHaveLength(20);
    expectLedgerBalanced(ch.cloud);
  });

  it('50 consumers redeeming one hidden code at once: one is paid, 49 get ALREADY_REDEEMED, the budget pays one reward', async () => {
    await ch.ok('admin', 'wallet', { action: 'fund', amount: 1_000_000, requestId: 'race-fund-2' });
    const [c] = await ch.batch(1);
    await ch.flow([c!.code], ['brand', 'gd', 'storeGz']);
    const code = c!.boxes[0]!.items[0]!.hiddenCode;
    const people = await consumers('crowd', 50);
    const budgetBefore = balanceOf(ch.cloud, 'brand:budget');
    const replies = await Promise.all(people.map((who) => ch.as(who, 'scan', { action: 'redeem', code })));
    expect(tally(replies)).toEqual({ ok: 1, ALREADY_REDEEMED: 49 });
    const winner = people[replies.findIndex((r) => r.ok)]!;
    // One reward: consumer 88 + store 50 + dealer rebate 30.
    expect(budgetBefore - balanceOf(ch.cloud, 'brand:budget')).toBe(88 + 50 + 30);
    const postings = ch.cloud.db.all('ledger').filter((p) => p.ref === code);
    expect(postings.map((p) => `${p.kind}:${p.credit}:${p.amount_fen}`).sort()).toEqual(
      [`consumer_reward:person:u-${winner}:88`, `dealer_rebate:org:${ch.ids.gd}:30`, `store_reward:org:${ch.ids.storeGz}:50`].sort(),
    );
    // Each of the 49 others left one duplicate-redeem alert (a copied code), naming them.
    const dups = ch.cloud.db.all('alerts').filter((a) => a.kind === 'duplicate_redeem' && a.code === code);
    expect(new Set(dups.map((a) => a.actorUnionId))).toEqual(new Set(people.filter((p) => p !== winner).map((p) => `u-${p}`)));
    expectLedgerBalanced(ch.cloud);
  });

  it('one person retrying a redeem 10 times at once with one requestId is paid once, and every retry gets the same reply', async () => {
    const [c] = await ch.batch(1);
    const code = c!.boxes[0]!.items[0]!.hiddenCode;
    const who = await ch.person('retrier');
    const replies = await Promise.all(Array.from({ length: 10 }, () => ch.as(who, 'scan', { action: 'redeem', code, requestId: 'retry-claim-1' })));
    expect(tally(replies)).toEqual({ ok: 10 });
    expect(new Set(replies.map((r) => JSON.stringify(r.data))).size).toBe(1);
    expect(balanceOf(ch.cloud, 'person:u-retrier')).toBe(88);
    // A later attempt under another key is a second redeem: refused.
    expect((await ch.as(who, 'scan', { action: 'redeem', code, requestId: 'retry-claim-2' })).error?.code).toBe('ALREADY_REDEEMED');
    expectLedgerBalanced(ch.cloud);
  });

  it('concurrent redeems of many codes by many people: every one paid once, the ledger balanced', async () => {
    const [c] = await ch.batch(1);
    await ch.flow([c!.code], ['brand', 'gd', 'ws', 'storeWs']);
    const items = c!.boxes.flatMap((b) => b.items);
    const people = await consumers('many', 8);
    const budgetBefore = balanceOf(ch.cloud, 'brand:budget');
    const replies = await Promise.all(items.map((it, i) => ch.as(people[i % people.length]!, 'scan', { action: 'redeem', code: it.hiddenCode })));
    expect(tally(replies)).toEqual({ ok: items.length });
    expect(budgetBefore - balanceOf(ch.cloud, 'brand:budget')).toBe(items.length * (88 + 50 + 30));
    expect(balanceOf(ch.cloud, `org:${ch.ids.gd}`)).toBe(30 + items.length * 30);
    expect(balanceOf(ch.cloud, `org:${ch.ids.ws}`)).toBe(0);
    expectLedgerBalanced(ch.cloud);
  });

  it('concurrent withdrawals by one person asking for more than the balance never overdraw', async () => {
    const [c] = await ch.batch(1);
    const saver = await ch.person('saver');
    for (const it of c!.boxes[0]!.items.slice(0, 5)) await ch.ok(saver, 'scan', { action: 'redeem', code: it.hiddenCode });
    expect(balanceOf(ch.cloud, 'person:u-saver')).toBe(440);
    // 12 requests of 50 fen (600 fen) against 440: at most 8 can be reserved.
    const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => ch.as(saver, 'wallet', { action: 'withdraw', amount: 50, requestId: `race-wd-${i}-000` })));
    expect(tally(replies)).toEqual({ ok: 8, INSUFFICIENT_FUNDS: 4 });
    const bal = await ch.ok(saver, 'wallet', { action: 'balance' });
    expect(bal).toEqual({ balance: 40, reserved: 400 });
    // Approve and reject them concurrently (and each twice): paid + released + left = 440.
    const ids = replies.filter((r) => r.ok).map((r) => r.data.withdrawalId as string);
    const decisions = await Promise.all(
      ids.flatMap((id, i) => {
        const action = i % 2 === 0 ? 'approveWithdrawal' : 'rejectWithdrawal';
        return [ch.as('admin', 'wallet', { action, withdrawalId: id }), ch.as('admin', 'wallet', { action, withdrawalId: id })];
      }),
    );
    expect(tally(decisions)).toEqual({ ok: 16 });
    expect(await ch.ok(saver, 'wallet', { action: 'balance' })).toEqual({ balance: 40 + 4 * 50, reserved: 0 });
    const r = expectLedgerBalanced(ch.cloud);
    expect(r.paidOut).toBe(4 * 50);
    // Paid once each: one payout record per approved withdrawal.
    expect(ch.cloud.db.all('payouts')).toHaveLength(4);
  });

  it('concurrent retries of one withdrawal request reserve once', async () => {
    const saver = 'saver';
    const replies = await Promise.all(Array.from({ length: 10 }, () => ch.as(saver, 'wallet', { action: 'withdraw', amount: 30, requestId: 'race-wd-same' })));
    expect(tally(replies)).toEqual({ ok: 10 });
    expect(new Set(replies.map((r) => r.data.withdrawalId)).size).toBe(1);
    expect(await ch.ok(saver, 'wallet', { action: 'balance' })).toEqual({ balance: 240 - 30, reserved: 30 });
    expectLedgerBalanced(ch.cloud);
  });

  it('parallel verifications of one person never pass the limit (2 × 60 per minute), and the window counts them all', async () => {
    // Goal: the one-request check of both windows (person and address) admits no call beyond the
    // limit when many arrive at once, including the race to open a new minute's windows.
    const run = await inOneRateWindow(async (n) => {
      const who = await ch.person(`burst${n}`);
      const code = (await ch.batch(1))[0]!.code;
      const replies = await Promise.all(Array.from({ length: 150 }, () => ch.as(who, 'scan', { action: 'verify', code })));
      return { replies, who };
    });
    const t = tally(run.replies);
    expect(Object.keys(t).sort()).toEqual(['RATE_LIMITED', 'ok']);
    expect(t.ok).toBeLessThanOrEqual(120);
    // A window near its limit may refuse a call early under a race, never many.
    expect(t.ok).toBeGreaterThanOrEqual(110);
    const window = ch.cloud.db.all('rate_limits').find((d) => String(d._id).startsWith(`verify:person:`) && (d.left as number) <= 0);
    expect(window).toBeDefined();
  });

  it('the redeem limit per person scales with RATE_LIMIT_MULTIPLIER (2 × 30 per minute)', async () => {
    const [c] = await ch.batch(1);
    const run = await inOneRateWindow(async (n) => {
      const who = await ch.person(`limited${n}`);
      const item = c!.boxes[n]!.items[0]!;
      const outcomes = new Set<string>();
      for (let i = 0; i < 60; i++) {
        const r = await ch.as(who, 'scan', { action: 'redeem', code: item.hiddenCode });
        outcomes.add(r.ok ? 'ok' : r.error!.code);
      }
      return { outcomes, limited: await ch.as(who, 'scan', { action: 'redeem', code: item.hiddenCode }) };
    });
    expect(run.outcomes).toEqual(new Set(['ok', 'ALREADY_REDEEMED']));
    expect(run.limited.error?.code).toBe('RATE_LIMITED');
  });
});

