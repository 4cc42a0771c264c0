/**
 * Goal: wallets credited by redeems (folded credits, docs/money-and-concurrency.md) stay exact
 * when their documents take the credits in (the roll-up behind a watermark, done by debits):
 * with a watermark lag of 1.5 s every withdrawal rolls up what is older, also while redeems keep
 * crediting and other withdrawals race it; balances answer what the replies add up to, nothing overdraws, the
 * ledger stays balanced, and rolled credits are not counted twice.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectLedgerBalanced, SLOW_MACHINE_TIMEOUT_MS, startChannel, STD_POLICY, type Channel } from './fixtures.js';

/** Short, for the test; still well above how long a posting takes to land once stamped. */
const LAG_MS = 1500;
// The watermark moves in steps of the lag (at most a minute): credits older than two lags are behind it.
const pastLag = () => new Promise((r) => setTimeout(r, 2 * LAG_MS + 300));

vi.setConfig({ testTimeout: SLOW_MACHINE_TIMEOUT_MS, hookTimeout: SLOW_MACHINE_TIMEOUT_MS });
let ch: Channel;

beforeAll(async () => {
  ch = await startChannel({ functionEnv: { WALLET_FOLD_LAG_MS: String(LAG_MS), RATE_LIMIT_MULTIPLIER: '10', WITHDRAWAL_DAILY_COUNT: '1000' } });
});
afterAll(async () => {
  await ch?.close();
});

describe('the roll-up of folded credits', () => {
  it('keeps every balance exact while withdrawals roll credits in and redeems keep coming', async () => {
    const [c] = await ch.batch(1);
    await ch.flow([c!.code], ['brand', 'gd', 'storeGz']);
    const items = c!.boxes.flatMap((b) => b.items);
    const who = await ch.person('roller');
    for (const it of items.slice(0, 6)) await ch.ok(who, 'scan', { action: 'redeem', code: it.hiddenCode });
    expect(await ch.ok(who, 'wallet', { action: 'balance' })).toEqual({ balance: 6 * 88, reserved: 0 });
    await pastLag();

    // A withdrawal rolls the six credits into the wallet's document.
    await ch.ok(who, 'wallet', { action: 'withdraw', amount: 100, requestId: 'roll-wd-first' });
    const doc = ch.cloud.db.all('accounts').find((a) => a._id === 'person:u-roller')!;
    expect(doc.foldedUpTo_ms).toBeGreaterThan(0);
    expect(doc.balance_fen).toBe(6 * 88 - 100);
    expect(await ch.ok(who, 'wallet', { action: 'balance' })).toEqual({ balance: 6 * 88 - 100, reserved: 100 });
    expectLedgerBalanced(ch.cloud);

    // Redeems and withdrawals at once, the earlier credits past the lag: withdrawals roll up
    // while new credits arrive (those stay after the watermark).
    for (const it of items.slice(12, 14)) await ch.ok(who, 'scan', { action: 'redeem', code: it.hiddenCode });
    await pastLag();
    const calls = [
      ...items.slice(6, 12).map((it) => ch.as(who, 'scan', { action: 'redeem', code: it.hiddenCode })),
      ...Array.from({ length: 8 }, (_, i) => ch.as(who, 'wallet', { action: 'withdraw', amount: 60, requestId: `roll-wd-race-${i}` })),
    ];
    const replies = await Promise.all(calls);
    const redeemed = replies.slice(0, 6);
    const withdrawn = replies.slice(6);
    expect(redeemed.every((r) => r.ok && r.data.reward === STD_POLICY.consumerReward)).toBe(true);
    for (const r of withdrawn) if (!r.ok) expect(r.error!.code).toBe('INSUFFICIENT_FUNDS');
    const okWithdrawals = withdrawn.filter((r) => r.ok).length;
    expect(okWithdrawals).toBeGreaterThan(0);
    const expected = 14 * 88 - 100 - okWithdrawals * 60;
    expect(await ch.ok(who, 'wallet', { action: 'balance' })).toEqual({ balance: expected, reserved: 100 + okWithdrawals * 60 });
    // The store's and the dealer's wallets (credited by the same redeems, never debited here).
    expect(await ch.ok('ownerGz', 'wallet', { action: 'balance', orgId: ch.ids.storeGz })).toMatchObject({ balance: 14 * STD_POLICY.storeReward });
    const r = expectLedgerBalanced(ch.cloud);
    expect(r.balances.get('person:u-roller')).toBe(expected);

    // One more roll-up, of the racing redeems' credits: the balance does not move.
    await pastLag();
    await ch.ok(who, 'wallet', { action: 'withdraw', amount: 10, requestId: 'roll-wd-last' });
    expect(await ch.ok(who, 'wallet', { action: 'balance' })).toEqual({ balance: expected - 10, reserved: 110 + okWithdrawals * 60 });
    expect(ch.cloud.db.all('accounts').find((a) => a._id === 'person:u-roller')!.balance_fen).toBe(expected - 10);
    expectLedgerBalanced(ch.cloud);
  });
});
