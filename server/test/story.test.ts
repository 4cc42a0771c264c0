/**
 * Goal: the whole product story through the gateway, as the four apps would drive it — the
 * brand sets up its channel, prints a batch, goods flow down to stores, consumers redeem, a
 * diverted case raises alerts and a penalty, and a consumer withdraws.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../../local-cloud/src/testing.js';

let cloud: TestCloud;
const tokens: Record<string, string> = {};

async function as(who: string, fn: string, event: Record<string, unknown>) {
  const r = await cloud.call(fn, event, tokens[who]);
  return r as { ok: boolean; data?: any; error?: { code: string; message: string; field?: string } };
}
async function ok(who: string, fn: string, event: Record<string, unknown>) {
  const r = await as(who, fn, event);
  if (!r.ok) throw new Error(`${fn}.${String(event.action)} as ${who}: ${JSON.stringify(r.error)}`);
  return r.data;
}

beforeAll(async () => {
  cloud = await startTestCloud();
  for (const [who, app] of [
    ['admin', 'admin'],
    ['inspector', 'admin'],
    ['dealerGd', 'dealer'],
    ['dealerBj', 'dealer'],
    ['clerkGz', 'terminal'],
    ['clerkBj', 'terminal'],
    ['consumer1', 'consumer'],
    ['consumer2', 'consumer'],
  ] as const) {
    tokens[who] = await cloud.login(app, `o-${who}`, `u-${who}`);
  }
  // The same store clerk, in the consumer app (one unionId across the four apps).
  tokens.clerkGzAsConsumer = await cloud.login('consumer', 'o-clerkGz-consumer', 'u-clerkGz');
}, 60_000);
afterAll(async () => {
  await cloud?.close();
});

describe('the channel router story', () => {
  const ids: Record<string, string> = {};
  let tree: any;

  it('sets up the brand, its channel and a product', async () => {
    expect(await ok('admin', 'channel', { action: 'bootstrap', brandName: '好味道食品' })).toEqual({ brandId: 'brand' });
    const second = await as('dealerGd', 'channel', { action: 'bootstrap', brandName: 'x' });
    expect(second.error?.code).toBe('FORBIDDEN'); // wrong app
    ids.gd = (await ok('admin', 'channel', { action: 'createOrg', kind: 'dealer', name: '广东经销商', upstreamId: 'brand', regionCode: '440100', territory: ['440000'] })).orgId;
    ids.bj = (await ok('admin', 'channel', { action: 'createOrg', kind: 'dealer', name: '北京经销商', upstreamId: 'brand', regionCode: '110100', territory: ['110000'] })).orgId;
    ids.storeGz = (await ok('admin', 'channel', { action: 'createOrg', kind: 'store', name: '天河便利店', upstreamId: ids.gd, regionCode: '440106' })).orgId;
    ids.storeBj = (await ok('admin', 'channel', { action: 'createOrg', kind: 'store', name: '朝阳超市', upstreamId: ids.bj, regionCode: '110105' })).orgId;
    for (const [who, org, role] of [
      ['dealerGd', ids.gd, 'owner'],
      ['dealerBj', ids.bj, 'owner'],
      ['clerkGz', ids.storeGz, 'clerk'],
      ['clerkBj', ids.storeBj, 'clerk'],
      ['inspector', 'brand', 'inspector'],
    ] as const) {
      const { inviteCode } = await ok('admin', 'channel', { action: 'invite', orgId: org, role });
      // Typed by hand: lower case, with a dash, is the same invite.
      const typed = `${inviteCode.slice(0, 5)}-${inviteCode.slice(5)}`.toLowerCase();
      expect(await ok(who, 'channel', { action: 'join', inviteCode: typed })).toEqual({ orgId: org, role });
    }
    ids.product = (
      await ok('admin', 'channel', {
        action: 'createProduct',
        sku: 'HWD-500',
        name: '好味道酱油 500ml',
        packaging: { itemsPerBox: 6, boxesPerCase: 4 },
        policy: { consumerReward: 88, storeReward: 50, dealerRebate: 30, diversionPenalty: 500 },
      })
    ).productId;
    expect(await ok('admin', 'wallet', { action: 'fund', amount: 100_000, requestId: 'fund-0001' })).toEqual({ budget: 100_000 });
    expect(await ok('admin', 'wallet', { action: 'fund', amount: 100_000, requestId: 'fund-0001' })).toEqual({ budget: 100_000 });
  }, 60_000);

  it('prints a batch whose codes are derived and verify', async () => {
    const b = await ok('admin', 'codes', { action: 'createBatch', productId: ids.product, cases: 3 });
    expect(b.counts).toEqual({ case: 3, box: 12, item: 72 });
    tree = (await ok('admin', 'codes', { action: 'exportBatch', batchId: b.batchId })).cases;
    expect(tree).toHaveLength(3);
    expect(tree[0].boxes[0].items).toHaveLength(6);
    const v = await cloud.call('scan', { action: 'verify', code: `https://brand.example.com/c/${tree[0].code}` });
    expect(v).toMatchObject({ ok: true, data: { genuine: true, level: 'case', productId: ids.product, verifications: 1 } });
    const forged = await cloud.call('scan', { action: 'verify', code: tree[0].code.slice(0, 25) + (tree[0].code.endsWith('0') ? '1' : '0') });
    expect(forged).toMatchObject({ ok: false, error: { code: 'INVALID_CODE' } });
  }, 60_000);

  it('moves goods down the channel and pays on redeem', async () => {
    const [case0, case1] = [tree[0], tree[1]];
    expect(await ok('admin', 'scan', { action: 'ship', codes: [case0.code], toOrgId: ids.gd })).toMatchObject({ items: 24 });
    expect(await ok('admin', 'scan', { action: 'ship', codes: [case1.code], toOrgId: ids.gd })).toMatchObject({ items: 24 });
    const rcv = await ok('dealerGd', 'scan', { action: 'receive', codes: [case0.code, case1.code] });
    expect(rcv).toMatchObject({ items: 48, alerts: [] });
    expect(await ok('dealerGd', 'scan', { action: 'ship', codes: [case0.code], toOrgId: ids.storeGz })).toMatchObject({ items: 24 });
    expect(await ok('clerkGz', 'scan', { action: 'receive', codes: [case0.code] })).toMatchObject({ items: 24, alerts: [] });

    const item = case0.boxes[0].items[0];
    const paid = await ok('consumer1', 'scan', { action: 'redeem', code: item.hiddenCode, requestId: 'claim-0001' });
    expect(paid).toMatchObject({ reward: 88, productId: ids.product, productName: '好味道酱油 500ml', alerts: [] });
    // The same claim retried (its reply was lost) gets the original answer; a new attempt does not.
    expect(await ok('consumer1', 'scan', { action: 'redeem', code: item.hiddenCode, requestId: 'claim-0001' })).toEqual(paid);
    const again = await as('consumer1', 'scan', { action: 'redeem', code: item.hiddenCode, requestId: 'claim-0002' });
    expect(again.error?.code).toBe('ALREADY_REDEEMED');
    const copied = await as('consumer2', 'scan', { action: 'redeem', code: item.hiddenCode });
    expect(copied.error?.code).toBe('ALREADY_REDEEMED');
    expect(await ok('consumer1', 'wallet', { action: 'balance' })).toMatchObject({ balance: 88 });
    expect(await ok('clerkGz', 'wallet', { action: 'balance', orgId: ids.storeGz }).catch((e) => String(e))).toMatch(/FORBIDDEN/); // a clerk is not the owner
    expect(await ok('dealerGd', 'wallet', { action: 'balance', orgId: ids.gd })).toMatchObject({ balance: 30 });
    const dup = await ok('admin', 'report', { action: 'alerts', kind: 'duplicate_redeem' });
    expect(dup.alerts).toHaveLength(1);
    expect(dup.alerts[0]).toMatchObject({ kind: 'duplicate_redeem', actorUnionId: 'u-consumer2' });
  }, 60_000);

  it('catches a diverted case at stock-in, at redeem and in the penalty report', async () => {
    const case1 = tree[1]; // allocated to the Guangdong dealer, received by it
    // Sold on to a Beijing store (diversion): the Beijing clerk scans it in.
    const rcv = await ok('clerkBj', 'scan', { action: 'receive', codes: [case1.code] });
    expect(rcv.items).toBe(24);
    expect(rcv.alerts).toHaveLength(1);
    expect(rcv.alerts[0]).toMatchObject({ kind: 'diversion', evidence: 'receive', quantity: 24, allocatedDealerId: ids.gd, observedOrgId: ids.storeBj, regionCode: '110105' });
    // The same receive retried (a lost reply): nothing moves again, the warning is still answered.
    const retried = await ok('clerkBj', 'scan', { action: 'receive', codes: [case1.code] });
    expect(retried.alerts).toEqual(rcv.alerts);
    // A consumer's reward code is not a stock-in code.
    const hidden = await as('clerkBj', 'scan', { action: 'receive', codes: [case1.boxes[0].items[0].hiddenCode] });
    expect(hidden.error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'codes[0]' });
    const item = case1.boxes[1].items[2];
    const r = await ok('consumer2', 'scan', { action: 'redeem', code: item.hiddenCode });
    expect(r.reward).toBe(88);
    expect(r.alerts.map((a: any) => a.evidence)).toEqual(['store_redeem']);
    // Rebate to the selling store's own dealer (Beijing), penalty to the diverting dealer (Guangdong).
    expect(await ok('dealerBj', 'wallet', { action: 'balance', orgId: ids.bj })).toMatchObject({ balance: 30 });
    const pen = await ok('admin', 'report', { action: 'penalties', dealerId: ids.gd });
    expect(pen.penalties).toEqual([expect.objectContaining({ dealerId: ids.gd, quantity: 1, amount: 500, status: 'pending' })]);
    const insp = await ok('inspector', 'scan', { action: 'inspect', code: case1.boxes[0].code });
    expect(insp).toMatchObject({ allocatedDealerId: ids.gd, holderOrgId: ids.storeBj, verdict: 'diverted' });
    // Every scan is an event, the retried receive included.
    expect(insp.events.map((e: any) => e.bizStep)).toEqual(['shipping', 'receiving', 'receiving', 'receiving']);
  }, 60_000);

  it('intercepts prizes redeemed by channel staff', async () => {
    const item = tree[0].boxes[0].items[1];
    const wrongApp = await as('clerkGz', 'scan', { action: 'redeem', code: item.hiddenCode });
    expect(wrongApp.error?.code).toBe('FORBIDDEN');
    const r = await ok('clerkGzAsConsumer', 'scan', { action: 'redeem', code: item.hiddenCode });
    expect(r).toMatchObject({ reward: 0, reasonNotPaid: 'CHANNEL_MEMBER' });
    expect(r.alerts[0]).toMatchObject({ kind: 'prize_interception', evidence: 'channel_member' });
  }, 60_000);

  it('withdraws: requested, approved, paid; and a rejection releases the money', async () => {
    const w = await ok('consumer1', 'wallet', { action: 'withdraw', amount: 50, requestId: 'request-1' });
    expect(w.status).toBe('requested');
    expect(await ok('consumer1', 'wallet', { action: 'withdraw', amount: 50, requestId: 'request-1' })).toEqual(w);
    expect(await ok('consumer1', 'wallet', { action: 'balance' })).toMatchObject({ balance: 38, reserved: 50 });
    const over = await as('consumer1', 'wallet', { action: 'withdraw', amount: 39, requestId: 'request-2' });
    expect(over.error?.code).toBe('INSUFFICIENT_FUNDS');
    expect(await ok('admin', 'wallet', { action: 'approveWithdrawal', withdrawalId: w.withdrawalId })).toEqual({ status: 'paid' });
    const w2 = await ok('consumer1', 'wallet', { action: 'withdraw', amount: 20, requestId: 'request-3' });
    expect(await ok('admin', 'wallet', { action: 'rejectWithdrawal', withdrawalId: w2.withdrawalId })).toEqual({ status: 'rejected' });
    expect(await ok('consumer1', 'wallet', { action: 'balance' })).toMatchObject({ balance: 38, reserved: 0 });
    const h = await ok('consumer1', 'wallet', { action: 'history' });
    expect(h.entries.map((e: any) => e.amount).sort((a: number, b: number) => a - b)).toEqual([-50, -20, 20, 88]);
  }, 60_000);

  it('routes a scanned code: each person is offered what they may do with it', async () => {
    const box = tree[2].boxes[0];
    expect((await ok('consumer1', 'scan', { action: 'identify', code: box.items[0].hiddenCode })).actions).toEqual(['verify', 'redeem']);
    const forConsumer = await ok('consumer1', 'scan', { action: 'identify', code: box.code });
    expect(forConsumer).toMatchObject({ level: 'box', items: 6, holderOrgId: null, actions: ['verify'] });
    const forAdmin = await ok('admin', 'scan', { action: 'identify', code: box.code });
    expect(forAdmin).toMatchObject({ holderOrgId: 'brand', actions: ['verify', 'ship', 'inspect'] });
    const forClerk = await ok('clerkGz', 'scan', { action: 'identify', code: tree[0].code });
    expect(forClerk.actions).toEqual(['verify', 'receive', 'open']);
    expect(forClerk.notFromYourDealer).toBeUndefined();
    // The same case seen by a Beijing clerk: allocated to the Guangdong dealer, not to Beijing's.
    expect((await ok('clerkBj', 'scan', { action: 'identify', code: tree[0].code })).notFromYourDealer).toBe(true);
    expect(await ok('clerkGz', 'scan', { action: 'open', code: tree[0].code })).toEqual({ items: 24 });
  }, 60_000);

  it('reports: dashboard, diversion by dealer and region, stock, lists', async () => {
    const d = await ok('admin', 'report', { action: 'dashboard', days: 7 });
    // Diversion: the Beijing stock-in (24), the store redeem (1), the inspection of a box (6).
    expect(d.totals).toMatchObject({ redeems: 3, diversionAlerts: 3, paid: 50 });
    expect(d.daily).toHaveLength(7);
    expect(d.daily.at(-1).redeems).toBe(3);
    expect(d.diversion.byDealer[0]).toMatchObject({ name: '广东经销商', alerts: 3, quantity: 31 });
    expect(d.diversion.byRegion.map((r: any) => r.key)).toEqual(['110105']);
    const stock = await ok('clerkBj', 'report', { action: 'stock', orgId: ids.storeBj });
    expect(stock.items).toBe(24);
    const orgs = await ok('dealerGd', 'channel', { action: 'listOrgs' });
    expect(orgs.orgs.map((o: any) => o.id)).toEqual([ids.storeGz]);
    const list = await ok('admin', 'wallet', { action: 'listWithdrawals' });
    expect(list.withdrawals.map((w: any) => w.status).sort()).toEqual(['paid', 'rejected']);
    const alertsOfGd = await ok('dealerGd', 'report', { action: 'alerts', dealerId: ids.gd });
    expect(alertsOfGd.alerts.length).toBeGreaterThanOrEqual(2);
  }, 60_000);
});
