import { describe, expect, it } from 'vitest';
import type { Membership, RewardPolicy } from '../model.js';
import { applyPostings, BUDGET_ACCOUNT, ledgerSum } from '../wallet/ledger.js';
import { settlePenalty } from './penalty.js';
import { computeRedeem, drawConsumerReward, type RedeemInput } from './redeem.js';

const T0 = 1_700_000_000_000;
const policy: RewardPolicy = { consumerReward: 200, storeReward: 50, dealerRebate: 30, diversionPenalty: 1000 };
/** Store S (Guangzhou) is supplied by wholesaler W, supplied by dealer U; dealer D sells in Shenzhen only. */
const storeHolder = { id: 'S', kind: 'store' as const, regionCode: '440106', firstTierDealerId: 'U' };
const D = { id: 'D', territory: ['440300'] };
const U = { id: 'U', territory: ['440100'] };
const never = () => {
  throw new Error('randomInt must not be called');
};

function input(overrides: Partial<RedeemInput> = {}): RedeemInput {
  return {
    code: 'HID1',
    productId: 'P',
    policy,
    at: T0,
    redeemer: { unionId: 'consumer', memberships: [] },
    holder: storeHolder,
    allocatedDealer: U,
    consumerRegionCode: '440106',
    randomInt: never,
    budgetAvailable_fen: 1_000_000,
    ...overrides,
  };
}

describe('computeRedeem (docs/rewards.md#redeem)', () => {
  it('store-held item of its own dealer: consumer reward, store reward, rebate to the first-tier dealer above the store', () => {
    const plan = computeRedeem(input());
    expect(plan.postings).toEqual([
      { key: 'redeem:HID1:consumer', debit: BUDGET_ACCOUNT, credit: 'person:consumer', amount_fen: 200, kind: 'consumer_reward', ref: 'HID1', at: T0 },
      { key: 'redeem:HID1:store', debit: BUDGET_ACCOUNT, credit: 'org:S', amount_fen: 50, kind: 'store_reward', ref: 'HID1', at: T0 },
      { key: 'redeem:HID1:rebate', debit: BUDGET_ACCOUNT, credit: 'org:U', amount_fen: 30, kind: 'dealer_rebate', ref: 'HID1', at: T0 },
    ]);
    expect(plan.alerts).toEqual([]);
    expect(plan.penalty).toBeNull();
    expect(plan.reply).toEqual({ reward: 200, productId: 'P', alerts: [] });
    expect(plan.redemption).toMatchObject({ code: 'HID1', unionId: 'consumer', channelMember: false, consumerReward_fen: 200, storeReward_fen: 50, dealerRebate_fen: 30, rebateDealerId: 'U' });
  });

  it('another dealer\'s goods sold by a store outside that dealer\'s territory: rebate still to U, penalty against D linked to a diversion alert', () => {
    const plan = computeRedeem(input({ allocatedDealer: D }));
    expect(plan.postings.find((p) => p.kind === 'dealer_rebate')?.credit).toBe('org:U');
    expect(plan.alerts).toEqual([
      {
        key: 'diversion:store_redeem:HID1',
        kind: 'diversion',
        evidence: 'store_redeem',
        code: 'HID1',
        productId: 'P',
        quantity: 1,
        allocatedDealerId: 'D',
        observedOrgId: 'S',
        regionCode: '440106',
        actorUnionId: 'consumer',
        at: T0,
      },
    ]);
    expect(plan.penalty).toEqual({ key: 'redeem:HID1:penalty', dealerId: 'D', quantity: 1, amount_fen: 1000, status: 'pending', code: 'HID1', productId: 'P', alertKey: 'diversion:store_redeem:HID1', at: T0 });
  });

  it('another dealer\'s goods sold inside that dealer\'s territory: no penalty; the consumer position never counts for store-held goods', () => {
    const plan = computeRedeem(input({ allocatedDealer: { id: 'D', territory: ['440000'] }, consumerRegionCode: '110101' }));
    expect(plan.penalty).toBeNull();
    expect(plan.alerts).toEqual([]);
    expect(plan.postings).toHaveLength(3);
  });

  it('a zero penalty policy records the diversion alert without a penalty', () => {
    const plan = computeRedeem(input({ allocatedDealer: D, policy: { ...policy, diversionPenalty: 0 } }));
    expect(plan.alerts).toHaveLength(1);
    expect(plan.penalty).toBeNull();
  });

  it('a channel member redeeming: nothing at all is paid, the code is spent, prize_interception is raised', () => {
    const memberships: Membership[] = [
      { orgId: 'brand', kind: 'brand', role: 'inspector' },
      { orgId: 'S9', kind: 'store', role: 'guide' },
    ];
    const plan = computeRedeem(input({ redeemer: { unionId: 'guide', memberships }, allocatedDealer: D }));
    expect(plan.postings).toEqual([]);
    expect(plan.penalty).toBeNull();
    expect(plan.alerts).toEqual([expect.objectContaining({ kind: 'prize_interception', evidence: 'channel_member', observedOrgId: 'S9', actorUnionId: 'guide', allocatedDealerId: 'D' })]);
    expect(plan.reply).toMatchObject({ reward: 0, reasonNotPaid: 'CHANNEL_MEMBER' });
    expect(plan.redemption.channelMember).toBe(true);
  });

  it('a channel member of the holding store is observed at that store; brand staff are not channel members', () => {
    const memberships: Membership[] = [
      { orgId: 'D', kind: 'dealer', role: 'owner' },
      { orgId: 'S', kind: 'store', role: 'clerk' },
    ];
    expect(computeRedeem(input({ redeemer: { unionId: 'x', memberships } })).alerts[0]?.observedOrgId).toBe('S');
    const staff = computeRedeem(input({ redeemer: { unionId: 'admin', memberships: [{ orgId: 'brand', kind: 'brand', role: 'admin' }] } }));
    expect(staff.reply.reward).toBe(200);
  });

  it('held by a wholesaler or dealer: consumer paid, no store reward or rebate, prize_interception "redeemed_upstream"', () => {
    const holder = { id: 'W', kind: 'wholesaler' as const, regionCode: '440106', firstTierDealerId: 'U' };
    const plan = computeRedeem(input({ holder, consumerRegionCode: '440106' }));
    expect(plan.postings.map((p) => p.kind)).toEqual(['consumer_reward']);
    expect(plan.alerts).toEqual([expect.objectContaining({ kind: 'prize_interception', evidence: 'redeemed_upstream', observedOrgId: 'W', regionCode: '440106' })]);
    expect(plan.reply.reward).toBe(200);
  });

  it('no store custody and the consumer outside territory(D): also a consumer_scan diversion alert', () => {
    const holder = { id: 'D', kind: 'dealer' as const, regionCode: '440300', firstTierDealerId: null };
    const plan = computeRedeem(input({ holder, allocatedDealer: D, consumerRegionCode: '310101' }));
    expect(plan.alerts.map((a) => `${a.kind}/${a.evidence}`)).toEqual(['prize_interception/redeemed_upstream', 'diversion/consumer_scan']);
    expect(plan.penalty).toBeNull();
  });

  it('still at the brand (never shipped): consumer paid, prize_interception "redeemed_unshipped", no allocation', () => {
    const holder = { id: 'brand', kind: 'brand' as const, regionCode: '', firstTierDealerId: null };
    const plan = computeRedeem(input({ holder, allocatedDealer: null, consumerRegionCode: null }));
    expect(plan.alerts).toEqual([expect.objectContaining({ kind: 'prize_interception', evidence: 'redeemed_unshipped', allocatedDealerId: null })]);
    expect(plan.reply.reward).toBe(200);
  });

  it('a random reward is drawn once in [min, max] by the injected source', () => {
    const calls: Array<[number, number]> = [];
    const plan = computeRedeem(input({ policy: { ...policy, consumerReward: { min: 10, max: 90 } }, randomInt: (a, b) => (calls.push([a, b]), 37) }));
    expect(calls).toEqual([[10, 90]]);
    expect(plan.reply.reward).toBe(37);
    expect(drawConsumerReward({ min: 5, max: 5 }, never)).toBe(5);
    expect(() => drawConsumerReward({ min: 5, max: 9 }, () => 10)).toThrow();
    expect(() => drawConsumerReward({ min: 5, max: 9 }, () => 6.5)).toThrow();
  });

  it('budget: consumer first, then store, then rebate; each paid in full or not at all, and the reply says why', () => {
    // 260 fen covers the consumer (200) and the store (50) but not the rebate (30).
    const partial = computeRedeem(input({ budgetAvailable_fen: 260 }));
    expect(partial.postings.map((p) => p.kind)).toEqual(['consumer_reward', 'store_reward']);
    expect(partial.unpaid).toEqual([{ beneficiary: 'rebate', account: 'org:U', amount_fen: 30, reason: 'BUDGET_EXHAUSTED' }]);
    expect(partial.reply).toEqual({ reward: 200, productId: 'P', alerts: [] });

    // 100 fen cannot cover the consumer; what is left pays the smaller rewards in order.
    const short = computeRedeem(input({ budgetAvailable_fen: 100 }));
    expect(short.reply).toMatchObject({ reward: 0, reasonNotPaid: 'BUDGET_EXHAUSTED' });
    expect(short.postings.map((p) => [p.kind, p.amount_fen])).toEqual([
      ['store_reward', 50],
      ['dealer_rebate', 30],
    ]);
    expect(short.redemption.consumerReward_fen).toBe(0);

    const empty = computeRedeem(input({ budgetAvailable_fen: 0 }));
    expect(empty.postings).toEqual([]);
    expect(empty.unpaid.map((u) => u.beneficiary)).toEqual(['consumer', 'store', 'rebate']);
  });

  it('the plan\'s postings always fit the budget they were computed with (the ledger accepts them)', () => {
    for (const budget of [0, 1, 29, 30, 50, 79, 80, 199, 200, 230, 249, 250, 279, 280, 10_000]) {
      const plan = computeRedeem(input({ budgetAvailable_fen: budget, allocatedDealer: D }));
      const applied = applyPostings({ [BUDGET_ACCOUNT]: budget, 'external:funding': -budget }, plan.postings);
      expect(applied.ok, `budget ${budget}`).toBe(true);
      if (applied.ok) {
        expect(ledgerSum(applied.data.balances)).toBe(0);
        expect(applied.data.balances[BUDGET_ACCOUNT]).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('zero rewards make no postings and no "not paid" reason', () => {
    const plan = computeRedeem(input({ policy: { consumerReward: 0, storeReward: 0, dealerRebate: 0, diversionPenalty: 0 }, budgetAvailable_fen: 0 }));
    expect(plan.postings).toEqual([]);
    expect(plan.unpaid).toEqual([]);
    expect(plan.reply).toEqual({ reward: 0, productId: 'P', alerts: [] });
  });

  it('a store without a first-tier dealer is a data bug and throws', () => {
    expect(() => computeRedeem(input({ holder: { ...storeHolder, firstTierDealerId: null } }))).toThrow();
  });
});

describe('settlePenalty', () => {
  const pending = { key: 'redeem:HID1:penalty', dealerId: 'D', amount_fen: 1000, status: 'pending' as const };

  it('deduct moves the amount from the dealer wallet to the brand budget, once', () => {
    const r = settlePenalty(pending, 'deduct', { dealerBalance_fen: 5000, at: T0 });
    expect(r).toEqual({
      ok: true,
      data: {
        status: 'settled',
        changed: true,
        postings: [{ key: 'penalty:redeem:HID1:penalty:deduct', debit: 'org:D', credit: BUDGET_ACCOUNT, amount_fen: 1000, kind: 'penalty_deduction', ref: 'redeem:HID1:penalty', at: T0 }],
      },
    });
  });

  it('deduct needs the money in the wallet; offline and waive move nothing', () => {
    expect(settlePenalty(pending, 'deduct', { dealerBalance_fen: 999, at: T0 })).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_FUNDS' } });
    expect(settlePenalty(pending, 'offline', { dealerBalance_fen: 0, at: T0 })).toEqual({ ok: true, data: { status: 'settled', postings: [], changed: true } });
    expect(settlePenalty(pending, 'waive', { dealerBalance_fen: 0, at: T0 })).toEqual({ ok: true, data: { status: 'waived', postings: [], changed: true } });
  });

  it('a settled penalty cannot be waived (CONFLICT); repeating the same settlement is a no-op', () => {
    const settled = { ...pending, status: 'settled' as const };
    expect(settlePenalty(settled, 'waive', { dealerBalance_fen: 0, at: T0 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(settlePenalty(settled, 'deduct', { dealerBalance_fen: 5000, at: T0 })).toEqual({ ok: true, data: { status: 'settled', postings: [], changed: false } });
  });
});
