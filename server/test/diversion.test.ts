/**
 * Goal: the diversion (窜货) and reward rules of docs/diversion.md and docs/rewards.md, end to end through the gateway:
 * stock-in outside the allocated dealer's territory, a wholesaler between dealer and store,
 * inspection verdicts, consumer-location evidence, prizes redeemed upstream, an exhausted budget,
 * random consumer rewards, cloned visible codes, and custody through unpacking and repacking.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ExportedCase } from '@channel-router/shared';
import { balanceOf, BEIJING, expectLedgerBalanced, GUANGZHOU, SLOW_MACHINE_TIMEOUT_MS, startChannel, type Channel } from './fixtures.js';


vi.setConfig({ testTimeout: SLOW_MACHINE_TIMEOUT_MS, hookTimeout: SLOW_MACHINE_TIMEOUT_MS });
let ch: Channel;

beforeAll(async () => {
  ch = await startChannel({ functionEnv: { RATE_LIMIT_MULTIPLIER: '10' } });
});
afterAll(async () => {
  await ch?.close();
});

async function alertsOf(code: string): Promise<any[]> {
  const { alerts } = await ch.ok('admin', 'report', { action: 'alerts', limit: 100 });
  return alerts.filter((a: any) => a.code === code);
}

describe('stock-in (evidence: receive)', () => {
  let c: ExportedCase;
  beforeAll(async () => {
    [c] = (await ch.batch(1)) as [ExportedCase];
    await ch.flow([c.code], ['brand', 'gd']);
  });

  it('a store outside the allocated dealer’s territory receiving a case raises one alert for all 24 items', async () => {
    const r = await ch.ok('clerkBj', 'scan', { action: 'receive', codes: [c.code] });
    expect(r.items).toBe(24);
    expect(r.alerts).toEqual([
      expect.objectContaining({ kind: 'diversion', evidence: 'receive', code: c.code, quantity: 24, allocatedDealerId: ch.ids.gd, observedOrgId: ch.ids.storeBj, regionCode: '110105', actorUnionId: 'u-clerkBj' }),
    ]);
    // A repeated scan (a retry) answers the same alert, stored once.
    const again = await ch.ok('clerkBj', 'scan', { action: 'receive', codes: [c.code] });
    expect(again.items).toBe(24);
    expect(again.alerts.map((a: any) => a.key)).toEqual(r.alerts.map((a: any) => a.key));
    expect(await alertsOf(c.code)).toHaveLength(1);
  });

  it('quantity is the items inside the scanned unit: a box counts 6, an item 1', async () => {
    const [d] = await ch.batch(1);
    await ch.flow([d!.code], ['brand', 'gd']);
    const r = await ch.ok('ownerBj', 'scan', { action: 'receive', codes: [d!.boxes[0]!.code, d!.boxes[1]!.items[0]!.code] });
    expect(r.items).toBe(7);
    expect(r.alerts.map((a: any) => [a.code, a.quantity, a.observedOrgId, a.regionCode])).toEqual([
      [d!.boxes[0]!.code, 6, ch.ids.bj, '110100'],
      [d!.boxes[1]!.items[0]!.code, 1, ch.ids.bj, '110100'],
    ]);
  });

  it('stock-in inside the territory (through a wholesaler) raises nothing', async () => {
    const [d] = await ch.batch(1);
    const receipts = await ch.flow([d!.code], ['brand', 'gd', 'ws', 'storeWs']);
    expect(receipts.map((r) => r.alerts)).toEqual([[], [], []]);
  });
});

describe('rewards along the channel', () => {
  it('a wholesaler in between: the store is rewarded, the rebate goes to the first-tier dealer above the wholesaler, the wholesaler gets nothing', async () => {
    const [d] = await ch.batch(1);
    await ch.flow([d!.code], ['brand', 'gd', 'ws', 'storeWs']);
    const before = { gd: balanceOf(ch.cloud, `org:${ch.ids.gd}`), ws: balanceOf(ch.cloud, `org:${ch.ids.ws}`), store: balanceOf(ch.cloud, `org:${ch.ids.storeWs}`) };
    const r = await ch.ok('consumer1', 'scan', { action: 'redeem', code: d!.boxes[0]!.items[0]!.hiddenCode });
    expect(r).toMatchObject({ reward: 88, alerts: [] });
    expect(balanceOf(ch.cloud, `org:${ch.ids.gd}`) - before.gd).toBe(30);
    expect(balanceOf(ch.cloud, `org:${ch.ids.ws}`) - before.ws).toBe(0);
    expect(balanceOf(ch.cloud, `org:${ch.ids.storeWs}`) - before.store).toBe(50);
    expectLedgerBalanced(ch.cloud);
  });

  it('another dealer’s goods sold under a wholesaler: rebate to the seller’s first-tier dealer, a pending penalty to the diverting one', async () => {
    const [d] = await ch.batch(1);
    await ch.flow([d!.code], ['brand', 'bj']);
    const rcv = await ch.ok('clerkWs', 'scan', { action: 'receive', codes: [d!.code] });
    expect(rcv.alerts).toEqual([expect.objectContaining({ evidence: 'receive', allocatedDealerId: ch.ids.bj, observedOrgId: ch.ids.storeWs, regionCode: '440305', quantity: 24 })]);
    const gdBefore = balanceOf(ch.cloud, `org:${ch.ids.gd}`);
    const item = d!.boxes[2]!.items[3]!;
    const r = await ch.ok('consumer2', 'scan', { action: 'redeem', code: item.hiddenCode, location: BEIJING });
    expect(r.reward).toBe(88);
    // The store holds it: its region is the place of sale, the consumer's position (Beijing) is ignored.
    expect(r.alerts).toEqual([expect.objectContaining({ kind: 'diversion', evidence: 'store_redeem', allocatedDealerId: ch.ids.bj, observedOrgId: ch.ids.storeWs, regionCode: '440305', quantity: 1 })]);
    expect(balanceOf(ch.cloud, `org:${ch.ids.gd}`) - gdBefore).toBe(30);
    expect(balanceOf(ch.cloud, `org:${ch.ids.bj}`)).toBe(0);
    const { penalties } = await ch.ok('admin', 'report', { action: 'penalties', dealerId: ch.ids.bj });
    expect(penalties).toEqual([expect.objectContaining({ dealerId: ch.ids.bj, quantity: 1, amount: 500, status: 'pending', code: item.hiddenCode, alertId: r.alerts[0].key })]);
  });

  it('an item still held upstream (a wholesaler) is paid to the consumer, flagged redeemed_upstream, with no store reward or rebate', async () => {
    const [d] = await ch.batch(1);
    await ch.flow([d!.code], ['brand', 'gd', 'ws']);
    const budget = balanceOf(ch.cloud, 'brand:budget');
    const r = await ch.ok('consumer3', 'scan', { action: 'redeem', code: d!.boxes[0]!.items[0]!.hiddenCode, location: GUANGZHOU });
    expect(r.reward).toBe(88);
    expect(r.alerts).toEqual([expect.objectContaining({ kind: 'prize_interception', evidence: 'redeemed_upstream', observedOrgId: ch.ids.ws, allocatedDealerId: ch.ids.gd })]);
    expect(budget - balanceOf(ch.cloud, 'brand:budget')).toBe(88);
  });

  it('an exhausted budget: the reward is not paid and the reply says why; what the budget still covers is paid', async () => {
    const pid = await ch.product({ itemsPerBox: 2, boxesPerCase: 2 }, { consumerReward: 50_000_000, storeReward: 50, dealerRebate: 30, diversionPenalty: 0 });
    const [d] = await ch.batch(1, pid);
    await ch.flow([d!.code], ['brand', 'gd', 'storeGz']);
    const before = { budget: balanceOf(ch.cloud, 'brand:budget'), store: balanceOf(ch.cloud, `org:${ch.ids.storeGz}`) };
    expect(before.budget).toBeLessThan(50_000_000);
    const r = await ch.ok('consumer1', 'scan', { action: 'redeem', code: d!.boxes[0]!.items[0]!.hiddenCode });
    expect(r).toMatchObject({ reward: 0, reasonNotPaid: 'BUDGET_EXHAUSTED' });
    // Rewards are paid in order, each in full or not at all: the store reward and rebate still fit.
    expect(before.budget - balanceOf(ch.cloud, 'brand:budget')).toBe(80);
    expect(balanceOf(ch.cloud, `org:${ch.ids.storeGz}`) - before.store).toBe(50);
    // The code is spent all the same.
    expect((await ch.as('consumer1', 'scan', { action: 'redeem', code: d!.boxes[0]!.items[0]!.hiddenCode })).error?.code).toBe('ALREADY_REDEEMED');
    expectLedgerBalanced(ch.cloud);
  });

  it('a random consumer reward {min, max} is a whole number of fen within the bounds', async () => {
    const pid = await ch.product({ itemsPerBox: 12, boxesPerCase: 1 }, { consumerReward: { min: 10, max: 20 }, storeReward: 0, dealerRebate: 0, diversionPenalty: 0 });
    const [d] = await ch.batch(1, pid);
    await ch.person('lucky');
    const rewards: number[] = [];
    for (const it of d!.boxes[0]!.items) rewards.push((await ch.ok('lucky', 'scan', { action: 'redeem', code: it.hiddenCode })).reward);
    for (const r of rewards) {
      expect(Number.isInteger(r)).toBe(true);
      expect(r).toBeGreaterThanOrEqual(10);
      expect(r).toBeLessThanOrEqual(20);
    }
    // Twelve draws from eleven values being all equal has probability 11^-11: the amount does vary.
    expect(new Set(rewards).size).toBeGreaterThan(1);
    expect(balanceOf(ch.cloud, 'person:u-lucky')).toBe(rewards.reduce((a, b) => a + b, 0));
  });
});

describe('consumer location (evidence: consumer_scan)', () => {
  let d: ExportedCase;
  beforeAll(async () => {
    [d] = (await ch.batch(1)) as [ExportedCase];
    await ch.flow([d.code], ['brand', 'gd']); // held by the Guangdong dealer: no store custody
  });

  it('redeemed in Beijing while no store holds it: a consumer_scan diversion alert in the consumer’s region', async () => {
    const item = d.boxes[0]!.items[0]!;
    const r = await ch.ok('consumer1', 'scan', { action: 'redeem', code: item.hiddenCode, location: BEIJING });
    const scan = r.alerts.find((a: any) => a.evidence === 'consumer_scan');
    expect(scan).toMatchObject({ kind: 'diversion', allocatedDealerId: ch.ids.gd, quantity: 1, actorUnionId: 'u-consumer1' });
    expect(scan.regionCode.slice(0, 2)).toBe('11');
    expect(r.alerts.map((a: any) => a.evidence).sort()).toEqual(['consumer_scan', 'redeemed_upstream']);
  });

  it('redeemed in Guangzhou (inside the territory), or with no location: no diversion alert', async () => {
    for (const [i, location] of [GUANGZHOU, undefined].entries()) {
      const r = await ch.ok('consumer2', 'scan', { action: 'redeem', code: d.boxes[1]!.items[i]!.hiddenCode, ...(location ? { location } : {}) });
      expect(r.alerts.map((a: any) => a.evidence)).toEqual(['redeemed_upstream']);
    }
  });

  it('when a store in the territory holds the item, a consumer in Beijing raises nothing', async () => {
    await ch.flow([d.boxes[2]!.code], ['gd', 'storeGz']);
    const r = await ch.ok('consumer3', 'scan', { action: 'redeem', code: d.boxes[2]!.items[0]!.hiddenCode, location: BEIJING });
    expect(r.alerts).toEqual([]);
  });
});

describe('inspection', () => {
  let d: ExportedCase;
  beforeAll(async () => {
    [d] = (await ch.batch(1)) as [ExportedCase];
    await ch.flow([d.code], ['brand', 'gd', 'storeGz']);
  });

  it('judges at the holder: in_territory for goods where they belong, with their history', async () => {
    const r = await ch.ok('inspector', 'scan', { action: 'inspect', code: d.boxes[0]!.items[0]!.code });
    expect(r).toMatchObject({ allocatedDealerId: ch.ids.gd, holderOrgId: ch.ids.storeGz, verdict: 'in_territory' });
    expect(r.alerts ?? []).toEqual([]);
    expect(r.events.map((e: any) => e.bizStep)).toEqual(['shipping', 'receiving', 'shipping', 'receiving']);
  });

  it('judges at the org given: diverted at a Beijing store, with an inspect alert for the items in the unit', async () => {
    const r = await ch.ok('inspector', 'scan', { action: 'inspect', code: d.boxes[1]!.code, orgId: ch.ids.storeBj });
    expect(r.verdict).toBe('diverted');
    expect(r.alerts).toEqual([expect.objectContaining({ kind: 'diversion', evidence: 'inspect', quantity: 6, allocatedDealerId: ch.ids.gd, observedOrgId: ch.ids.storeBj, regionCode: '110105', actorUnionId: 'u-inspector' })]);
    expect((await ch.ok('inspector', 'scan', { action: 'inspect', code: d.boxes[1]!.code, orgId: ch.ids.storeWs })).verdict).toBe('in_territory');
  });

  it('unallocated: goods the brand never shipped to a dealer, wherever judged', async () => {
    const [e] = await ch.batch(1);
    for (const orgId of [undefined, ch.ids.storeBj]) {
      const r = await ch.ok('admin', 'scan', { action: 'inspect', code: e!.code, ...(orgId ? { orgId } : {}) });
      expect(r).toMatchObject({ allocatedDealerId: null, holderOrgId: 'brand', verdict: 'unallocated', events: [] });
    }
  });
});

describe('cloned visible codes (evidence: verify)', () => {
  it('three different people in two provinces verifying one visible code raise cloned_code once', async () => {
    const [e] = await ch.batch(1);
    const code = e!.boxes[0]!.items[0]!.code;
    const v = (who: string | null, location: { lat: number; lng: number }) => ch.ok(who, 'scan', { action: 'verify', code, location });
    expect((await v('consumer1', BEIJING)).verifications).toBe(1);
    await v('consumer1', BEIJING); // the same person again is not a new verifier
    await v('consumer2', GUANGZHOU);
    expect(await alertsOf(code)).toEqual([]);
    expect((await v('consumer3', GUANGZHOU)).verifications).toBe(4);
    const alerts = await alertsOf(code);
    expect(alerts).toEqual([expect.objectContaining({ kind: 'cloned_code', evidence: 'verify', quantity: 1 })]);
    await v(null, BEIJING);
    expect(await alertsOf(code)).toHaveLength(1);
  });

  it('many people in one province are not a clone', async () => {
    const [e] = await ch.batch(1);
    const code = e!.boxes[0]!.items[0]!.code;
    for (const who of ['consumer1', 'consumer2', 'consumer3', null]) await ch.ok(who, 'scan', { action: 'verify', code, location: GUANGZHOU });
    expect(await alertsOf(code)).toEqual([]);
  });
});

describe('packing and unpacking (aggregation)', () => {
  it('unpacked items keep their custody: they stay behind when their old case moves on', async () => {
    const [d] = await ch.batch(1);
    await ch.flow([d!.code], ['brand', 'gd']);
    const box = d!.boxes[0]!;
    expect(await ch.ok('admin', 'codes', { action: 'unpack', parent: box.code })).toMatchObject({ unpacked: 6 });
    await ch.flow([d!.code], ['gd', 'storeGz']);
    const loose = await ch.ok('inspector', 'scan', { action: 'inspect', code: box.items[0]!.code });
    expect(loose).toMatchObject({ holderOrgId: ch.ids.gd, allocatedDealerId: ch.ids.gd });
    const packed = await ch.ok('inspector', 'scan', { action: 'inspect', code: d!.boxes[1]!.items[0]!.code });
    expect(packed).toMatchObject({ holderOrgId: ch.ids.storeGz, allocatedDealerId: ch.ids.gd });
    // The loose item, redeemed, is one held upstream: no store reward.
    const r = await ch.ok('consumer1', 'scan', { action: 'redeem', code: box.items[0]!.hiddenCode });
    expect(r.alerts.map((a: any) => a.evidence)).toEqual(['redeemed_upstream']);
    const events = loose.events.map((e: any) => e.bizStep);
    expect(events).toContain('unpacking');
  });

  it('repacked items follow their new parent', async () => {
    const [d] = await ch.batch(1);
    await ch.flow([d!.code], ['brand', 'gd']);
    const [from, to] = [d!.boxes[0]!, d!.boxes[1]!];
    await ch.ok('admin', 'codes', { action: 'unpack', parent: from.code });
    expect(await ch.ok('admin', 'codes', { action: 'pack', parent: to.code, children: from.items.slice(0, 3).map((i) => i.code) })).toMatchObject({ packed: 3 });
    // Repeating the pack is a no-op.
    expect(await ch.ok('admin', 'codes', { action: 'pack', parent: to.code, children: [from.items[0]!.code] })).toMatchObject({ packed: 0 });
    // The box alone goes to the store: its own items and the repacked ones with it, the rest stay.
    await ch.flow([to.code], ['gd', 'storeGz']);
    for (const [code, holder] of [
      [from.items[0]!.code, ch.ids.storeGz],
      [to.items[0]!.code, ch.ids.storeGz],
      [from.items[5]!.code, ch.ids.gd],
      [d!.boxes[2]!.items[0]!.code, ch.ids.gd],
    ] as const) {
      expect((await ch.ok('inspector', 'scan', { action: 'inspect', code })).holderOrgId, code).toBe(holder);
    }
    const r = await ch.ok('consumer2', 'scan', { action: 'redeem', code: from.items[1]!.hiddenCode });
    expect(r).toMatchObject({ reward: 88, alerts: [] });
  });

  it('after unpacking and repacking, ship, receive and the diversion quantity count the items a unit really holds', async () => {
    const [d] = await ch.batch(1);
    const [from, to] = [d!.boxes[0]!, d!.boxes[1]!];
    await ch.ok('admin', 'codes', { action: 'unpack', parent: from.code });
    await ch.ok('admin', 'codes', { action: 'pack', parent: to.code, children: from.items.slice(0, 2).map((i) => i.code) });
    // Box `to` now holds 6 + 2 items; the case 24 - 6 + 2 = 20 (four of `from`'s items are loose).
    expect.soft((await ch.ok('admin', 'scan', { action: 'ship', codes: [to.code], toOrgId: ch.ids.bj })).items, 'ship of the repacked box').toBe(8);
    const box = await ch.ok('ownerBj', 'scan', { action: 'receive', codes: [to.code] });
    expect.soft(box.items, 'receive of the repacked box').toBe(8);
    // Allocated to the Beijing dealer, scanned in by a Guangdong store: the alert's quantity.
    const diverted = await ch.ok('clerkWs', 'scan', { action: 'receive', codes: [to.code] });
    expect(diverted.alerts).toHaveLength(1);
    expect.soft(diverted.alerts[0].quantity, 'diversion quantity of the repacked box').toBe(8);
    // The whole case (box `to` still belongs to it by the packing record) holds 20.
    const whole = await ch.ok('ownerGd', 'scan', { action: 'receive', codes: [d!.code] });
    expect.soft(whole.items, 'receive of the case').toBe(20);
  });
});
