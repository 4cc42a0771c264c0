import { describe, expect, it } from 'vitest';
import type { DiversionCheck } from '../custody/plan.js';
import type { DealerTerritory, OrgRef } from '../model.js';
import {
  appendVerification,
  CLONED_CODE_RULE,
  detectClonedCode,
  judgeConsumerScan,
  judgeDuplicateRedeem,
  judgeInspection,
  judgeReceive,
  type VerificationRecord,
} from './judge.js';
import { provinceOf } from './territory.js';

const DAY = 24 * 3600 * 1000;
const T0 = 1_700_000_000_000;
/** Dealer D sells in Guangzhou (city 440100) and the whole of Guangxi (province 450000). */
const D: DealerTerritory = { id: 'D', territory: ['440100', '450000'] };
const storeIn: OrgRef = { id: 'S', kind: 'store', regionCode: '440106', upstreamId: 'D' };
const storeOut: OrgRef = { id: 'S2', kind: 'store', regionCode: '440305', upstreamId: 'D2' };

function check(observedOrg: OrgRef, quantity = 24): DiversionCheck {
  return { eventId: 'e1', unitId: 'case-1', code: 'CASECODE', productId: 'P', quantity, allocatedDealerId: 'D', observedOrg, actorUnionId: 'u1', at: T0 };
}

describe('territory helpers', () => {
  it('a province is the first two digits of a region code', () => {
    expect(provinceOf('440106')).toBe('44');
  });
});

describe('judgeReceive (rule 1: stock-in)', () => {
  it('raises a diversion alert with the unit quantity when the receiver is outside the allocated territory', () => {
    expect(judgeReceive(check(storeOut), D)).toEqual({
      key: 'diversion:receive:S2:case-1',
      kind: 'diversion',
      evidence: 'receive',
      code: 'CASECODE',
      productId: 'P',
      quantity: 24,
      allocatedDealerId: 'D',
      observedOrgId: 'S2',
      regionCode: '440305',
      actorUnionId: 'u1',
      at: T0,
    });
  });

  it('raises nothing inside the territory, at the brand, or at the allocated dealer itself', () => {
    expect(judgeReceive(check(storeIn), D)).toBeNull();
    expect(judgeReceive(check({ id: 'brand', kind: 'brand', regionCode: '', upstreamId: null }), D)).toBeNull();
    expect(judgeReceive(check({ id: 'D', kind: 'dealer', regionCode: '310000', upstreamId: 'brand' }), D)).toBeNull();
  });

  it('refuses to judge against the wrong dealer (a caller bug)', () => {
    expect(() => judgeReceive(check(storeOut), { id: 'X', territory: [] })).toThrow();
  });
});

describe('judgeInspection (rule 2)', () => {
  const base = { code: 'C1', unitId: 'u', productId: 'P', quantity: 1, inspectorUnionId: 'insp', at: T0 };
  it('unallocated when no dealer was allocated', () => {
    expect(judgeInspection({ ...base, allocatedDealer: null, observedOrg: storeOut })).toEqual({ verdict: 'unallocated', alert: null });
  });
  it('in_territory inside the territory', () => {
    expect(judgeInspection({ ...base, allocatedDealer: D, observedOrg: storeIn })).toEqual({ verdict: 'in_territory', alert: null });
  });
  it('diverted outside, with an alert of evidence "inspect"', () => {
    const r = judgeInspection({ ...base, allocatedDealer: D, observedOrg: storeOut });
    expect(r.verdict).toBe('diverted');
    expect(r.alert).toMatchObject({ kind: 'diversion', evidence: 'inspect', observedOrgId: 'S2', regionCode: '440305', allocatedDealerId: 'D', actorUnionId: 'insp', quantity: 1 });
  });
});

describe('judgeConsumerScan (rule 3)', () => {
  const base = { code: 'H1', productId: 'P', allocatedDealer: D, storeCustody: false, holderOrgId: 'W', actorUnionId: 'c1', at: T0 };
  it('raises consumer_scan when no store holds the item and the consumer is outside the territory', () => {
    expect(judgeConsumerScan({ ...base, consumerRegionCode: '310101' })).toMatchObject({
      key: 'diversion:consumer_scan:H1',
      kind: 'diversion',
      evidence: 'consumer_scan',
      regionCode: '310101',
      observedOrgId: 'W',
      quantity: 1,
    });
  });
  it('ignores the consumer position when a store holds the item, when unallocated, unknown or inside', () => {
    expect(judgeConsumerScan({ ...base, storeCustody: true, consumerRegionCode: '310101' })).toBeNull();
    expect(judgeConsumerScan({ ...base, allocatedDealer: null, consumerRegionCode: '310101' })).toBeNull();
    expect(judgeConsumerScan({ ...base, consumerRegionCode: null })).toBeNull();
    expect(judgeConsumerScan({ ...base, consumerRegionCode: '450103' })).toBeNull();
  });
});

describe('judgeDuplicateRedeem', () => {
  const base = { code: 'H1', productId: 'P', allocatedDealerId: 'D', firstRedeemerUnionId: 'alice' };
  it('a second redeem by someone else is a copied code: one alert per code and person', () => {
    const a = judgeDuplicateRedeem({ ...base, attempt: { unionId: 'bob', regionCode: '310101', at: T0 } });
    expect(a).toMatchObject({ key: 'duplicate_redeem:H1:bob', kind: 'duplicate_redeem', evidence: 'redeem', actorUnionId: 'bob', regionCode: '310101' });
    const again = judgeDuplicateRedeem({ ...base, attempt: { unionId: 'bob', regionCode: null, at: T0 + 5 } });
    expect(again?.key).toBe(a?.key);
  });
  it('the same person redeeming again is just a repeat', () => {
    expect(judgeDuplicateRedeem({ ...base, attempt: { unionId: 'alice', regionCode: null, at: T0 } })).toBeNull();
  });
});

describe('cloned_code detection', () => {
  const v = (actorKey: string, regionCode: string | null, at: number): VerificationRecord => ({ actorKey, regionCode, at });
  const judge = (history: VerificationRecord[]) =>
    detectClonedCode({ code: 'V1', productId: 'P', allocatedDealerId: 'D', history, current: history[history.length - 1]!, actorUnionId: null });

  it('states its thresholds: 3 people, 2 provinces, 30 days', () => {
    expect(CLONED_CODE_RULE).toMatchObject({ window_ms: 30 * DAY, minDistinctActors: 3, minDistinctProvinces: 2 });
  });

  it('raises when three different people verify from two provinces within the window', () => {
    const h = [v('u:a', '440106', T0), v('u:b', '440305', T0 + DAY), v('ip:c', '310101', T0 + 2 * DAY)];
    expect(judge(h)).toMatchObject({ key: 'cloned_code:V1', kind: 'cloned_code', evidence: 'verify', regionCode: '310101', quantity: 1 });
  });

  it('stays quiet for a family verifying in one province, for one person travelling, and for old history', () => {
    expect(judge([v('u:a', '440106', T0), v('u:b', '440305', T0), v('u:c', '440106', T0)])).toBeNull();
    expect(judge([v('u:a', '440106', T0), v('u:a', '310101', T0), v('u:a', '110101', T0)])).toBeNull();
    expect(judge([v('u:a', '440106', T0), v('u:b', '310101', T0), v('u:c', '310101', T0 + 31 * DAY)])).toBeNull();
  });

  it('appendVerification keeps one entry per person and province, bounded, oldest dropped first', () => {
    let h: VerificationRecord[] = [];
    h = appendVerification(h, v('u:a', '440106', T0));
    h = appendVerification(h, v('u:a', '440305', T0 + 1));
    expect(h).toEqual([v('u:a', '440305', T0 + 1)]);
    for (let i = 0; i < 80; i++) h = appendVerification(h, v(`u:${i}`, '310101', T0 + 10 + i));
    expect(h).toHaveLength(CLONED_CODE_RULE.maxHistory);
    expect(h[0]!.actorKey).toBe('u:30');
    expect(h[h.length - 1]!.actorKey).toBe('u:79');
  });
});
