/**
 * Goal: every action checks the caller's role on the server (docs/channel.md#roles, docs/actions.md#abuse): for each action,
 * who may call it and who may not — consumer, store clerk, store owner, dealer owner and clerk,
 * wholesaler owner, brand inspector, brand admin; an org owner for its own org only; the right
 * app where an action belongs to one. A refusal is FORBIDDEN (or UNAUTHENTICATED without a
 * token) and changes nothing in the database.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FUNCTION_ACTIONS, periodOf, previousPeriod, type ExportedCase } from '@channel-router/shared';
import { SLOW_MACHINE_TIMEOUT_MS, startChannel, type Channel } from './fixtures.js';
import { member, produce, setListPrices, toDealer, wechatNotice } from './ordering-fixtures.js';


vi.setConfig({ testTimeout: SLOW_MACHINE_TIMEOUT_MS, hookTimeout: SLOW_MACHINE_TIMEOUT_MS });
let ch: Channel;
let tree: ExportedCase[];

/** Outcomes seen per action, for the coverage check at the end. */
const seen = new Map<string, Set<string>>();

/** Calls and checks the outcome; a refused call must leave the database exactly as it was. */
async function expectOutcome(who: string | null, fn: string, event: Record<string, unknown>, outcome: string): Promise<any> {
  const before = outcome === 'ok' ? null : ch.cloud.db.snapshot();
  const r = await ch.as(who, fn, event);
  const got = r.ok ? 'ok' : r.error!.code;
  expect(got, `${who ?? 'anonymous'} → ${fn}.${String(event.action)}: ${r.error?.message ?? ''}`).toBe(outcome);
  if (before !== null) expect(ch.cloud.db.snapshot(), `${who} → ${fn}.${String(event.action)} changed the database`).toEqual(before);
  const key = `${fn}.${String(event.action)}`;
  if (!seen.has(key)) seen.set(key, new Set());
  seen.get(key)!.add(outcome === 'ok' ? 'allowed' : outcome);
  return r.data;
}
const allowed = (who: string | null, fn: string, event: Record<string, unknown>) => expectOutcome(who, fn, event, 'ok');
const forbidden = (who: string | null, fn: string, event: Record<string, unknown>) => expectOutcome(who, fn, event, 'FORBIDDEN');

const EVERYONE = ['admin', 'inspector', 'ownerGd', 'clerkGd', 'ownerBj', 'ownerWs', 'ownerGz', 'clerkGz', 'clerkBj', 'clerkWs', 'consumer1'] as const;
const NOT_ADMIN = EVERYONE.filter((w) => w !== 'admin');
const NOT_BRAND_STAFF = EVERYONE.filter((w) => w !== 'admin' && w !== 'inspector');

beforeAll(async () => {
  ch = await startChannel();
  tree = await ch.batch(4);
  // Case 0 sells at the Guangzhou store: store reward and rebate land in org wallets.
  await ch.flow([tree[0]!.code], ['brand', 'gd', 'storeGz']);
  await ch.ok('consumer1', 'scan', { action: 'redeem', code: tree[0]!.boxes[0]!.items[0]!.hiddenCode });
  // Case 1 is diverted: allocated to gd, sold in Beijing: a pending penalty against gd.
  await ch.flow([tree[1]!.code], ['brand', 'gd']);
  await ch.ok('clerkBj', 'scan', { action: 'receive', codes: [tree[1]!.code] });
  await ch.ok('consumer2', 'scan', { action: 'redeem', code: tree[1]!.boxes[0]!.items[0]!.hiddenCode });
  // Channel staff also use the consumer app, under the same unionId.
  await ch.person('clerkGz_consumer', 'consumer', 'u-clerkGz');
});
afterAll(async () => {
  await ch?.close();
});

describe('channel', () => {
  it('bootstrap: only from the admin app, and only once', async () => {
    for (const who of ['ownerGd', 'clerkGz', 'consumer1']) await forbidden(who, 'channel', { action: 'bootstrap', brandName: 'x' });
    for (const who of ['admin', 'inspector']) await expectOutcome(who, 'channel', { action: 'bootstrap', brandName: 'x' }, 'CONFLICT');
    await expectOutcome(null, 'channel', { action: 'bootstrap', brandName: 'x' }, 'UNAUTHENTICATED');
    // The allowed case (first caller, empty database) is in concurrency.test.ts.
    seen.get('channel.bootstrap')!.add('allowed');
  });

  it('createOrg and createProduct: brand admin only', async () => {
    const org = { action: 'createOrg', kind: 'store', name: '新店', upstreamId: ch.ids.gd, regionCode: '440104' };
    const product = (sku: string) => ({ action: 'createProduct', sku, name: 'x', packaging: { itemsPerBox: 1, boxesPerCase: 1 }, policy: { consumerReward: 1, storeReward: 0, dealerRebate: 0, diversionPenalty: 0 } });
    for (const who of NOT_ADMIN) {
      await forbidden(who, 'channel', org);
      await forbidden(who, 'channel', product(`R-${who}`));
    }
    await allowed('admin', 'channel', org);
    const { productId } = await allowed('admin', 'channel', product('R-admin'));
    // A product's category: brand admin only; an unknown product is NOT_FOUND.
    for (const who of NOT_ADMIN) await forbidden(who, 'channel', { action: 'setProductCategory', productId, category: '酱油' });
    await expectOutcome('admin', 'channel', { action: 'setProductCategory', productId: 'prd_nope', category: '酱油' }, 'NOT_FOUND');
    expect(await allowed('admin', 'channel', { action: 'setProductCategory', productId, category: ' 酱油 ' })).toEqual({ productId, category: '酱油' });
    expect(await allowed('admin', 'channel', { action: 'setProductCategory', productId })).toEqual({ productId });
  });

  it('invite: the admin anywhere; an owner its own staff, and owners of the orgs it supplies directly', async () => {
    const inv = (orgId: string, role: string) => ({ action: 'invite', orgId, role });
    await allowed('admin', 'channel', inv(ch.ids.storeBj, 'owner'));
    await allowed('admin', 'channel', inv('brand', 'inspector'));
    await allowed('ownerGz', 'channel', inv(ch.ids.storeGz, 'clerk'));
    await allowed('ownerGd', 'channel', inv(ch.ids.gd, 'salesperson'));
    await allowed('ownerGd', 'channel', inv(ch.ids.storeGz, 'owner'));
    await allowed('ownerGd', 'channel', inv(ch.ids.ws, 'owner'));
    await allowed('ownerWs', 'channel', inv(ch.ids.storeWs, 'owner'));
    await forbidden('ownerGz', 'channel', inv(ch.ids.storeBj, 'clerk')); // another store
    await forbidden('ownerGz', 'channel', inv(ch.ids.storeGz, 'owner')); // not a co-owner of its own
    await forbidden('ownerGd', 'channel', inv(ch.ids.storeWs, 'owner')); // two levels down
    await forbidden('ownerGd', 'channel', inv(ch.ids.storeBj, 'owner')); // another dealer's store
    await forbidden('ownerGd', 'channel', inv('brand', 'admin'));
    await forbidden('ownerBj', 'channel', inv(ch.ids.gd, 'clerk'));
    for (const who of ['inspector', 'clerkGd', 'clerkGz', 'consumer1']) await forbidden(who, 'channel', inv(ch.ids.storeGz, 'clerk'));
  });

  it('join and me: any signed-in person', async () => {
    const { inviteCode } = await ch.ok('admin', 'channel', { action: 'invite', orgId: ch.ids.storeWs, role: 'guide' });
    await ch.person('newGuide');
    expect(await allowed('newGuide', 'channel', { action: 'join', inviteCode })).toEqual({ orgId: ch.ids.storeWs, role: 'guide' });
    for (const who of EVERYONE) {
      const me = await allowed(who, 'channel', { action: 'me' });
      expect(me.unionId).toBe(`u-${who}`);
      // The caller's own openId: the folder its weapp uploads go to (docs/storage.md#uploads-from-the-apps).
      expect(me.openId).toBe(`o-${who}`);
    }
    await expectOutcome(null, 'channel', { action: 'me' }, 'UNAUTHENTICATED');
    await expectOutcome(null, 'channel', { action: 'join', inviteCode }, 'UNAUTHENTICATED');
  });

  it('listOrgs: brand staff see every org; a channel member only the orgs it supplies; a consumer nothing', async () => {
    for (const who of ['admin', 'inspector']) {
      const { orgs } = await allowed(who, 'channel', { action: 'listOrgs' });
      expect(orgs.map((o: any) => o.id)).toEqual(expect.arrayContaining([ch.ids.gd, ch.ids.bj, ch.ids.storeBj, ch.ids.storeWs]));
    }
    const gd = await allowed('ownerGd', 'channel', { action: 'listOrgs' });
    expect(gd.orgs.every((o: any) => o.upstreamId === ch.ids.gd)).toBe(true);
    expect(gd.orgs.map((o: any) => o.id)).toEqual(expect.arrayContaining([ch.ids.ws, ch.ids.storeGz]));
    await allowed('ownerGd', 'channel', { action: 'listOrgs', upstreamId: ch.ids.gd });
    await forbidden('ownerGd', 'channel', { action: 'listOrgs', upstreamId: ch.ids.bj });
    await forbidden('clerkGz', 'channel', { action: 'listOrgs', upstreamId: ch.ids.gd });
    await forbidden('consumer1', 'channel', { action: 'listOrgs' });
  });

  it('listProducts: anyone signed in; the reward policy only for brand staff', async () => {
    for (const who of ['admin', 'inspector']) {
      const { products } = await allowed(who, 'channel', { action: 'listProducts' });
      expect(products[0].policy).toBeDefined();
    }
    for (const who of ['ownerGd', 'clerkGz', 'consumer1']) {
      const { products } = await allowed(who, 'channel', { action: 'listProducts' });
      expect(products.length).toBeGreaterThan(0);
      expect(products.every((p: any) => p.policy === undefined), who).toBe(true);
    }
    await expectOutcome(null, 'channel', { action: 'listProducts' }, 'UNAUTHENTICATED');
  });
});

describe('codes', () => {
  it('createBatch, exportBatch, listBatches: brand admin only', async () => {
    const b = await allowed('admin', 'codes', { action: 'createBatch', productId: ch.productId, cases: 1 });
    await allowed('admin', 'codes', { action: 'exportBatch', batchId: b.batchId });
    await allowed('admin', 'codes', { action: 'listBatches' });
    for (const who of NOT_ADMIN) {
      await forbidden(who, 'codes', { action: 'createBatch', productId: ch.productId, cases: 1 });
      await forbidden(who, 'codes', { action: 'exportBatch', batchId: b.batchId });
      await forbidden(who, 'codes', { action: 'listBatches' });
    }
  });

  it('pack and unpack: brand admin only', async () => {
    const box = tree[3]!.boxes[0]!;
    for (const who of NOT_ADMIN) {
      await forbidden(who, 'codes', { action: 'unpack', parent: box.code });
      await forbidden(who, 'codes', { action: 'pack', parent: box.code, children: [box.items[0]!.code] });
    }
    expect(await allowed('admin', 'codes', { action: 'unpack', parent: box.code })).toMatchObject({ unpacked: 6 });
    expect(await allowed('admin', 'codes', { action: 'pack', parent: box.code, children: box.items.map((i) => i.code) })).toMatchObject({ packed: 6 });
  });
});

describe('scan', () => {
  it('ship: a member of the holding org only, to an org it supplies directly', async () => {
    const c = tree[2]!.code;
    await forbidden('consumer1', 'scan', { action: 'ship', codes: [c], toOrgId: ch.ids.gd });
    await forbidden('ownerGd', 'scan', { action: 'ship', codes: [c], toOrgId: ch.ids.gd });
    await forbidden('admin', 'scan', { action: 'ship', codes: [c], toOrgId: ch.ids.storeGz }); // storeGz is supplied by gd
    await allowed('admin', 'scan', { action: 'ship', codes: [c], toOrgId: ch.ids.gd });
    await allowed('clerkGd', 'scan', { action: 'receive', codes: [c] });
    // The Beijing dealer cannot ship the Guangdong dealer's stock, naming itself or not.
    await forbidden('ownerBj', 'scan', { action: 'ship', codes: [c], toOrgId: ch.ids.storeGz, fromOrgId: ch.ids.gd });
    await expectOutcome('ownerBj', 'scan', { action: 'ship', codes: [c], toOrgId: ch.ids.storeBj }, 'CONFLICT');
    await forbidden('clerkGz', 'scan', { action: 'ship', codes: [c], toOrgId: ch.ids.storeGz, fromOrgId: ch.ids.gd });
    // Any member of the holder may ship: the clerk too.
    await allowed('clerkGd', 'scan', { action: 'ship', codes: [c], toOrgId: ch.ids.ws });
  });

  it('receive: a member of the receiving org only', async () => {
    const c = tree[2]!.code; // on its way to ws
    await forbidden('consumer1', 'scan', { action: 'receive', codes: [c] });
    await forbidden('clerkGz', 'scan', { action: 'receive', codes: [c], orgId: ch.ids.ws });
    await forbidden('ownerGd', 'scan', { action: 'receive', codes: [c], orgId: ch.ids.ws });
    await allowed('ownerWs', 'scan', { action: 'receive', codes: [c] });
  });

  it('redeem: any person, in the consumer app only; channel staff are intercepted, not paid', async () => {
    const items = tree[0]!.boxes[1]!.items;
    for (const who of ['admin', 'inspector', 'ownerGd', 'clerkGz']) await forbidden(who, 'scan', { action: 'redeem', code: items[0]!.hiddenCode });
    await expectOutcome(null, 'scan', { action: 'redeem', code: items[0]!.hiddenCode }, 'UNAUTHENTICATED');
    expect(await allowed('consumer3', 'scan', { action: 'redeem', code: items[0]!.hiddenCode })).toMatchObject({ reward: 88 });
    expect(await allowed('clerkGz_consumer', 'scan', { action: 'redeem', code: items[1]!.hiddenCode })).toMatchObject({ reward: 0, reasonNotPaid: 'CHANNEL_MEMBER' });
  });

  it('verify: public, with or without a token', async () => {
    for (const who of [null, 'consumer1', 'clerkGz', 'admin']) {
      expect(await allowed(who, 'scan', { action: 'verify', code: tree[3]!.boxes[1]!.code })).toMatchObject({ genuine: true });
    }
  });

  it('inspect: brand inspectors and admins only', async () => {
    const code = tree[1]!.boxes[1]!.code;
    for (const who of NOT_BRAND_STAFF) await forbidden(who, 'scan', { action: 'inspect', code });
    for (const who of ['inspector', 'admin']) expect(await allowed(who, 'scan', { action: 'inspect', code })).toMatchObject({ verdict: 'diverted' });
  });

  it('identify: anyone signed in; custody shown to channel members and brand staff, not to consumers', async () => {
    const code = tree[0]!.boxes[2]!.code;
    for (const who of ['admin', 'inspector', 'ownerGd', 'clerkGz', 'clerkBj']) {
      expect((await allowed(who, 'scan', { action: 'identify', code })).holderOrgId, who).toBe(ch.ids.storeGz);
    }
    const c = await allowed('consumer1', 'scan', { action: 'identify', code });
    expect({ holder: c.holderOrgId, dealer: c.allocatedDealerId }).toEqual({ holder: null, dealer: null });
    await expectOutcome(null, 'scan', { action: 'identify', code }, 'UNAUTHENTICATED');
  });

  it('open: a member of the holder, in the terminal or dealer app', async () => {
    const code = tree[0]!.boxes[3]!.code; // held by storeGz
    for (const who of ['admin', 'consumer1', 'clerkGz_consumer']) await forbidden(who, 'scan', { action: 'open', code }); // wrong app
    for (const who of ['clerkBj', 'ownerGd']) await forbidden(who, 'scan', { action: 'open', code, orgId: ch.ids.storeGz }); // not a member
    await expectOutcome('clerkBj', 'scan', { action: 'open', code }, 'CONFLICT'); // its own store does not hold it
    await allowed('clerkGz', 'scan', { action: 'open', code });
  });
});

describe('wallet', () => {
  it('fund: brand admin only', async () => {
    for (const who of NOT_ADMIN) await forbidden(who, 'wallet', { action: 'fund', amount: 100, requestId: `role-fund-${who}` });
    await allowed('admin', 'wallet', { action: 'fund', amount: 100, requestId: 'role-fund-admin' });
  });

  it('balance and history: one’s own wallet; an org wallet only for that org’s owner', async () => {
    for (const action of ['balance', 'history']) {
      for (const who of EVERYONE) await allowed(who, 'wallet', { action });
      await allowed('ownerGz', 'wallet', { action, orgId: ch.ids.storeGz });
      await allowed('ownerGd', 'wallet', { action, orgId: ch.ids.gd });
      await forbidden('clerkGz', 'wallet', { action, orgId: ch.ids.storeGz });
      await forbidden('clerkGd', 'wallet', { action, orgId: ch.ids.gd });
      await forbidden('ownerGd', 'wallet', { action, orgId: ch.ids.storeGz }); // supplies it, does not own it
      await forbidden('ownerBj', 'wallet', { action, orgId: ch.ids.gd });
      await forbidden('admin', 'wallet', { action, orgId: ch.ids.gd });
      await forbidden('consumer1', 'wallet', { action, orgId: ch.ids.gd });
    }
    // Two paid redeems at the store so far (the intercepted one paid nothing): 2 × 50 fen.
    expect((await ch.ok('ownerGz', 'wallet', { action: 'balance', orgId: ch.ids.storeGz })).balance).toBe(100);
  });

  it('withdraw: one’s own wallet; an org wallet only for its owner', async () => {
    await forbidden('clerkGz', 'wallet', { action: 'withdraw', amount: 10, requestId: 'role-wd-1', orgId: ch.ids.storeGz });
    await forbidden('ownerGd', 'wallet', { action: 'withdraw', amount: 10, requestId: 'role-wd-2', orgId: ch.ids.storeGz });
    await forbidden('admin', 'wallet', { action: 'withdraw', amount: 10, requestId: 'role-wd-3', orgId: ch.ids.storeGz });
    await allowed('ownerGz', 'wallet', { action: 'withdraw', amount: 20, requestId: 'role-wd-4', orgId: ch.ids.storeGz });
    await allowed('consumer1', 'wallet', { action: 'withdraw', amount: 10, requestId: 'role-wd-5' });
  });

  it('approveWithdrawal, rejectWithdrawal, settlePenalty: brand admin only', async () => {
    const w1 = await ch.ok('consumer1', 'wallet', { action: 'withdraw', amount: 10, requestId: 'role-wd-6' });
    const w2 = await ch.ok('consumer1', 'wallet', { action: 'withdraw', amount: 10, requestId: 'role-wd-7' });
    const { penalties } = await ch.ok('admin', 'report', { action: 'penalties', dealerId: ch.ids.gd });
    expect(penalties).toHaveLength(1);
    for (const who of NOT_ADMIN) {
      await forbidden(who, 'wallet', { action: 'approveWithdrawal', withdrawalId: w1.withdrawalId });
      await forbidden(who, 'wallet', { action: 'rejectWithdrawal', withdrawalId: w2.withdrawalId });
      await forbidden(who, 'wallet', { action: 'settlePenalty', penaltyId: penalties[0].id, resolution: 'waive' });
    }
    expect(await allowed('admin', 'wallet', { action: 'approveWithdrawal', withdrawalId: w1.withdrawalId })).toEqual({ status: 'paid' });
    expect(await allowed('admin', 'wallet', { action: 'rejectWithdrawal', withdrawalId: w2.withdrawalId })).toEqual({ status: 'rejected' });
    expect(await allowed('admin', 'wallet', { action: 'settlePenalty', penaltyId: penalties[0].id, resolution: 'offline' })).toEqual({ status: 'settled' });
  });

  it('listWithdrawals: the admin sees all; others their own, or their org’s as its owner', async () => {
    const all = await allowed('admin', 'wallet', { action: 'listWithdrawals' });
    expect(new Set(all.withdrawals.map((w: any) => w.owner))).toEqual(new Set([`org:${ch.ids.storeGz}`, 'person:u-consumer1']));
    const own = await allowed('consumer1', 'wallet', { action: 'listWithdrawals' });
    expect(own.withdrawals.length).toBeGreaterThan(0);
    expect(own.withdrawals.every((w: any) => w.owner === 'person:u-consumer1')).toBe(true);
    expect((await allowed('consumer2', 'wallet', { action: 'listWithdrawals' })).withdrawals).toEqual([]);
    const org = await allowed('ownerGz', 'wallet', { action: 'listWithdrawals', orgId: ch.ids.storeGz });
    expect(org.withdrawals.map((w: any) => w.owner)).toEqual([`org:${ch.ids.storeGz}`]);
    await forbidden('clerkGz', 'wallet', { action: 'listWithdrawals', orgId: ch.ids.storeGz });
    await forbidden('ownerGd', 'wallet', { action: 'listWithdrawals', orgId: ch.ids.storeGz });
  });
});

describe('report', () => {
  it('alerts: brand admins and inspectors; a dealer owner for its own goods only', async () => {
    for (const who of ['admin', 'inspector']) expect((await allowed(who, 'report', { action: 'alerts' })).alerts.length).toBeGreaterThan(0);
    const own = await allowed('ownerGd', 'report', { action: 'alerts', dealerId: ch.ids.gd });
    expect(own.alerts.length).toBeGreaterThan(0);
    expect(own.alerts.every((a: any) => a.allocatedDealerId === ch.ids.gd)).toBe(true);
    await forbidden('ownerGd', 'report', { action: 'alerts' });
    await forbidden('ownerGd', 'report', { action: 'alerts', dealerId: ch.ids.bj });
    await forbidden('clerkGd', 'report', { action: 'alerts', dealerId: ch.ids.gd });
    for (const who of ['ownerWs', 'ownerGz', 'clerkGz', 'consumer1']) await forbidden(who, 'report', { action: 'alerts' });
  });

  it('penalties: the brand admin; a dealer owner for its own penalties only', async () => {
    await allowed('admin', 'report', { action: 'penalties' });
    expect((await allowed('ownerGd', 'report', { action: 'penalties', dealerId: ch.ids.gd })).penalties).toHaveLength(1);
    await forbidden('ownerGd', 'report', { action: 'penalties' });
    await forbidden('ownerBj', 'report', { action: 'penalties', dealerId: ch.ids.gd });
    await forbidden('clerkGd', 'report', { action: 'penalties', dealerId: ch.ids.gd });
    for (const who of ['inspector', 'ownerGz', 'clerkGz', 'consumer1']) await forbidden(who, 'report', { action: 'penalties' });
  });

  it('stock: members of the org and brand staff', async () => {
    for (const who of ['clerkGz', 'ownerGz', 'admin', 'inspector']) {
      expect((await allowed(who, 'report', { action: 'stock', orgId: ch.ids.storeGz })).items, who).toBeGreaterThan(0);
    }
    for (const who of ['clerkBj', 'ownerGd', 'consumer1']) await forbidden(who, 'report', { action: 'stock', orgId: ch.ids.storeGz });
  });

  it('diversion and dashboard: brand admins and inspectors only', async () => {
    for (const action of ['diversion', 'dashboard']) {
      for (const who of ['admin', 'inspector']) await allowed(who, 'report', { action });
      for (const who of NOT_BRAND_STAFF) await forbidden(who, 'report', { action });
    }
  });
});

describe('order', () => {
  const hidden = (who: string | null, fn: string, event: Record<string, unknown>) => expectOutcome(who, fn, event, 'NOT_FOUND');
  let orderId = '';
  let total = 0;
  let cases: ExportedCase[] = [];
  const lines = (quantity = 1) => [{ productId: ch.productId, quantity }];
  const submit = (requestId: string, quantity = 1) => ({ action: 'submit', sellerOrgId: ch.ids.gd, lines: lines(quantity), tenders: [{ kind: 'deposit', amount: quantity * total }], expectedTotal: quantity * total, requestId });
  const boxCode = (c: number, b: number) => cases[c]!.boxes[b]!.code;

  beforeAll(async () => {
    // gd sells the standard product by the box to its stores; the brand's stock came in first.
    cases = await produce(ch, ch.productId, 2);
    await setListPrices(ch, ch.productId, 'box', { dealer: 2_000, wholesaler: 2_200, store: 2_400 });
    await toDealer(ch, cases, ch.productId);
    const { paymentId } = await ch.ok('ownerGz', 'order', { action: 'topUp', sellerOrgId: ch.ids.gd, amount: 100_000, method: 'transfer', requestId: 'roles-topup-0001' });
    await ch.ok('ownerGd', 'order', { action: 'confirmTransfer', paymentId });
    total = (await ch.ok('ownerGz', 'order', { action: 'quote', sellerOrgId: ch.ids.gd, lines: lines() })).total;
  });

  it('catalog, quote, submit: members of a buyer that trades with the seller; not a consumer', async () => {
    await allowed('clerkGz', 'order', { action: 'catalog', sellerOrgId: ch.ids.gd });
    await allowed('ownerGz', 'order', { action: 'quote', sellerOrgId: ch.ids.gd, lines: lines() });
    for (const action of ['catalog', 'quote']) await forbidden('consumer1', 'order', { action, sellerOrgId: ch.ids.gd, lines: lines() });
    // Beijing's store does not trade with gd: the supplier is as absent as one that does not exist.
    await hidden('clerkBj', 'order', { action: 'quote', sellerOrgId: ch.ids.gd, lines: lines() });
    await forbidden('consumer1', 'order', submit('roles-submit-0000'));
    orderId = (await allowed('ownerGz', 'order', submit('roles-submit-0001'))).orderId;
  });

  it('get and list: the buyer, the seller and brand admins; another org does not see the order exist', async () => {
    for (const who of ['ownerGz', 'clerkGz', 'ownerGd', 'clerkGd', 'admin']) await allowed(who, 'order', { action: 'get', orderId });
    for (const who of ['ownerBj', 'clerkBj', 'ownerWs', 'inspector', 'consumer1']) await hidden(who, 'order', { action: 'get', orderId });
    expect((await allowed('clerkGz', 'order', { action: 'list' })).orders.map((o: any) => o.orderId)).toContain(orderId);
    expect((await allowed('ownerGd', 'order', { action: 'list', side: 'sell' })).orders.map((o: any) => o.orderId)).toContain(orderId);
    await allowed('admin', 'order', { action: 'list', side: 'sell', orgId: ch.ids.gd });
    await hidden('ownerBj', 'order', { action: 'list', side: 'sell', orgId: ch.ids.gd });
    await forbidden('consumer1', 'order', { action: 'list' });
  });

  it('approve and reject: the seller chain (owner by default); not the buyer, not a seller clerk', async () => {
    for (const who of ['ownerGz', 'clerkGd']) {
      await forbidden(who, 'order', { action: 'approve', orderId });
      await forbidden(who, 'order', { action: 'reject', orderId });
    }
    await hidden('ownerBj', 'order', { action: 'approve', orderId });
    await allowed('ownerGd', 'order', { action: 'approve', orderId });
    const second = (await ch.ok('ownerGz', 'order', submit('roles-submit-0002'))).orderId;
    await allowed('ownerGd', 'order', { action: 'reject', orderId: second, reason: '缺货' });
  });

  it('cancel: the buyer before approval, the seller after; closeRemainder: the seller', async () => {
    const third = (await ch.ok('ownerGz', 'order', submit('roles-submit-0003'))).orderId;
    await forbidden('ownerGd', 'order', { action: 'cancel', orderId: third });
    await allowed('clerkGz', 'order', { action: 'cancel', orderId: third });
    const approved = (await ch.ok('ownerGz', 'order', submit('roles-submit-0004'))).orderId;
    await ch.ok('ownerGd', 'order', { action: 'approve', orderId: approved });
    await forbidden('ownerGz', 'order', { action: 'cancel', orderId: approved });
    await allowed('ownerGd', 'order', { action: 'cancel', orderId: approved });
    // A partly shipped order: two boxes ordered, one shipped.
    const partly = (await ch.ok('ownerGz', 'order', submit('roles-submit-0005', 2))).orderId;
    await ch.ok('ownerGd', 'order', { action: 'approve', orderId: partly });
    await ch.ok('clerkGd', 'scan', { action: 'ship', codes: [boxCode(1, 0)], toOrgId: ch.ids.storeGz, orderId: partly });
    await forbidden('ownerGz', 'order', { action: 'closeRemainder', orderId: partly });
    await hidden('ownerBj', 'order', { action: 'closeRemainder', orderId: partly });
    await allowed('ownerGd', 'order', { action: 'closeRemainder', orderId: partly });
  });

  it("scan.ship with orderId: the seller's warehouse, clerk or owner; not the buyer, not another dealer", async () => {
    const ship = { action: 'ship', codes: [boxCode(0, 0)], toOrgId: ch.ids.storeGz, orderId };
    await forbidden('ownerGz', 'scan', ship);
    await hidden('ownerBj', 'scan', ship);
    expect((await allowed('clerkGd', 'scan', ship)).status).toBe('shipped');
  });

  it('confirmTransfer and rejectTransfer: the seller finance or owner; not the buyer, not a seller clerk', async () => {
    const pay = async (id: string) => (await ch.ok('ownerGz', 'order', { action: 'topUp', sellerOrgId: ch.ids.gd, amount: 1_000, method: 'transfer', requestId: id })).paymentId;
    const p1 = await pay('roles-topup-0002');
    for (const who of ['ownerGz', 'clerkGd']) await forbidden(who, 'order', { action: 'confirmTransfer', paymentId: p1 });
    await hidden('ownerBj', 'order', { action: 'confirmTransfer', paymentId: p1 });
    await allowed('ownerGd', 'order', { action: 'confirmTransfer', paymentId: p1 });
    const p2 = await pay('roles-topup-0003');
    await forbidden('clerkGz', 'order', { action: 'rejectTransfer', paymentId: p2 });
    await allowed('ownerGd', 'order', { action: 'rejectTransfer', paymentId: p2, reason: '未到账' });
  });

  it("transfers: the seller's finance or owner, brand admins for the brand; not its clerk, not the buyer, not another org", async () => {
    await ch.ok('ownerGz', 'order', { action: 'topUp', sellerOrgId: ch.ids.gd, amount: 700, method: 'transfer', requestId: 'roles-topup-0006' });
    const q = { action: 'transfers', orgId: ch.ids.gd };
    const { transfers } = await allowed('ownerGd', 'order', q);
    expect(transfers.map((t: any) => t.amount)).toContain(700);
    await member(ch, 'financeGd', 'dealer', ch.ids.gd, 'finance');
    expect((await allowed('financeGd', 'order', q)).transfers).toEqual(transfers);
    for (const who of ['clerkGd', 'ownerGz', 'clerkGz', 'ownerBj', 'ownerWs', 'admin', 'inspector', 'consumer1']) await forbidden(who, 'order', q);
    await allowed('admin', 'order', { action: 'transfers', orgId: 'brand' });
    for (const who of ['inspector', 'ownerGd', 'financeGd']) await forbidden(who, 'order', { action: 'transfers', orgId: 'brand' });
    await expectOutcome(null, 'order', q, 'UNAUTHENTICATED');
  });

  it('balances: the buyer, the seller, brand admins; nobody else', async () => {
    const q = { action: 'balances', buyerOrgId: ch.ids.storeGz, sellerOrgId: ch.ids.gd };
    for (const who of ['ownerGz', 'clerkGz', 'ownerGd', 'admin']) await allowed(who, 'order', q);
    for (const who of ['ownerBj', 'clerkBj', 'consumer1']) await hidden(who, 'order', q);
  });

  it('topUp: a buyer member; trade.adjustRebate: the seller finance or owner', async () => {
    await allowed('clerkGz', 'order', { action: 'topUp', sellerOrgId: ch.ids.gd, amount: 500, method: 'wechat_pay', requestId: 'roles-topup-0004' });
    await forbidden('consumer1', 'order', { action: 'topUp', sellerOrgId: ch.ids.gd, amount: 500, method: 'transfer', requestId: 'roles-topup-0005' });
    const adj = { action: 'adjustRebate', sellerOrgId: ch.ids.gd, buyerOrgId: ch.ids.storeGz, amount: 300, reason: '陈列奖励', requestId: 'roles-rebate-0001' };
    for (const who of ['clerkGd', 'ownerGz', 'ownerBj']) await forbidden(who, 'trade', adj);
    await allowed('ownerGd', 'trade', adj);
    // It is trade's action: the order function no longer knows it.
    expect((await ch.as('ownerGd', 'order', { ...adj, requestId: 'roles-rebate-0002' })).error).toMatchObject({ code: 'NOT_FOUND', field: 'action' });
  });

  it('notices: members of the buyer org; returns: the buyer asks, the seller decides', async () => {
    const { notices } = await allowed('clerkGz', 'order', { action: 'notices' });
    const mine = notices.find((n: any) => n.orderId === orderId);
    expect(mine).toBeDefined();
    await hidden('clerkBj', 'order', { action: 'notices', orgId: ch.ids.storeGz });
    await hidden('ownerGd', 'order', { action: 'markNoticesRead', noticeIds: [mine.noticeId] });
    await allowed('ownerGz', 'order', { action: 'markNoticesRead', noticeIds: [mine.noticeId] });
    await ch.ok('clerkGz', 'scan', { action: 'receive', codes: [boxCode(0, 0)] });
    const ask = (requestId: string) => ({ action: 'requestReturn', orderId, lines: [{ lineId: 'L1', quantity: 1 }], reason: '破损', requestId });
    await forbidden('ownerGd', 'order', ask('roles-return-0001'));
    await hidden('clerkBj', 'order', ask('roles-return-0001'));
    const first = (await allowed('clerkGz', 'order', ask('roles-return-0001'))).returnId;
    const waiting = async () => (await ch.ok('ownerGd', 'order', { action: 'returns', orgId: ch.ids.gd })).returns.map((r: any) => r.returnId);
    expect(await waiting()).toContain(first);
    for (const action of ['approveReturn', 'rejectReturn']) {
      await forbidden('ownerGz', 'order', { action, returnId: first });
      await hidden('ownerBj', 'order', { action, returnId: first });
    }
    await allowed('ownerGd', 'order', { action: 'rejectReturn', returnId: first, reason: '不影响销售' });
    const second = (await ch.ok('clerkGz', 'order', ask('roles-return-0002'))).returnId;
    expect(await waiting()).toEqual([second]);
    await allowed('ownerGd', 'order', { action: 'approveReturn', returnId: second });
    expect(await waiting()).toEqual([]);
  });

  it("returns: the seller's owner or finance (those who decide them; sales at the brand), brand admins for the brand; not its clerk, not the buyer, not another org", async () => {
    const q = { action: 'returns', orgId: ch.ids.gd };
    const { returns } = await allowed('ownerGd', 'order', q);
    if (ch.tokens.financeGd === undefined) await member(ch, 'financeGd', 'dealer', ch.ids.gd, 'finance');
    expect((await allowed('financeGd', 'order', q)).returns).toEqual(returns);
    for (const who of ['clerkGd', 'ownerGz', 'clerkGz', 'ownerBj', 'ownerWs', 'admin', 'inspector', 'consumer1']) await forbidden(who, 'order', q);
    await allowed('admin', 'order', { action: 'returns', orgId: 'brand' });
    for (const who of ['inspector', 'ownerGd', 'financeGd']) await forbidden(who, 'order', { action: 'returns', orgId: 'brand' });
    await expectOutcome(null, 'order', q, 'UNAUTHENTICATED');
  });

  it('repay: members of the buyer; nobody else', async () => {
    const repay = (requestId: string) => ({ action: 'repay', sellerOrgId: ch.ids.gd, amount: 100, method: 'transfer', requestId });
    await forbidden('consumer1', 'order', repay('roles-repay-0001'));
    // The seller itself, and a store of another dealer, have no such supplier.
    for (const who of ['ownerGd', 'clerkBj']) await hidden(who, 'order', repay('roles-repay-0001'));
    expect((await allowed('clerkGz', 'order', repay('roles-repay-0002'))).status).toBe('pending');
  });

  it('sweep and paymentNotice are open (a timer and WeChat Pay call them); a forged notice is refused', async () => {
    await allowed(null, 'order', { action: 'sweep' });
    const payment = (ch.cloud.db.all('payments') as any[]).find((p) => p.method === 'wechat_pay');
    const notice = wechatNotice(payment._id, payment.amount, 'clerkGz');
    await forbidden(null, 'order', { ...notice, signature: Buffer.from('forged').toString('base64') });
    expect((await allowed(null, 'order', notice)).posted).toBe(true);
  });
});

describe('stock (order.stock, order.stockMoves, order.setSafetyStock, scan.stockIn, report.stockCheck)', () => {
  it('stock and its moves: members of the org and brand staff; another org never reads them', async () => {
    for (const action of ['stock', 'stockMoves']) {
      for (const who of ['ownerGd', 'clerkGd', 'admin', 'inspector']) await allowed(who, 'order', { action, orgId: ch.ids.gd });
      for (const who of ['ownerBj', 'ownerWs', 'clerkGz', 'consumer1']) await forbidden(who, 'order', { action, orgId: ch.ids.gd });
    }
  });

  it("safety stock: the org's owner (or warehouse) only; brand admins for the brand", async () => {
    await allowed('ownerGd', 'order', { action: 'setSafetyStock', orgId: ch.ids.gd, productId: ch.productId, safetyUnits: 1 });
    await allowed('admin', 'order', { action: 'setSafetyStock', orgId: 'brand', productId: ch.productId, safetyStock: 6 });
    for (const who of ['clerkGd', 'ownerBj', 'admin', 'inspector', 'consumer1']) await forbidden(who, 'order', { action: 'setSafetyStock', orgId: ch.ids.gd, productId: ch.productId, safetyStock: 3 });
  });

  it('production stock-in: brand admins only', async () => {
    const batch = await ch.ok('admin', 'codes', { action: 'createBatch', productId: ch.productId, cases: 1 });
    for (const who of ['inspector', 'ownerGd', 'clerkGz', 'consumer1']) await forbidden(who, 'scan', { action: 'stockIn', batchId: batch.batchId });
    expect((await allowed('admin', 'scan', { action: 'stockIn', batchId: batch.batchId })).items).toBe(24);
  });

  it("ordering reports: members of the seller for its reports; brand staff for any seller's and the channel's", async () => {
    for (const who of ['ownerGd', 'clerkGd', 'admin', 'inspector']) await allowed(who, 'report', { action: 'ordering', kind: 'sales_by_day', sellerOrgId: ch.ids.gd });
    for (const who of ['ownerBj', 'ownerWs', 'clerkGz', 'consumer1']) await forbidden(who, 'report', { action: 'ordering', kind: 'receivables_ageing', sellerOrgId: ch.ids.gd });
    for (const who of ['admin', 'inspector']) await allowed(who, 'report', { action: 'ordering', kind: 'orders_by_state' });
    for (const who of ['ownerGd', 'clerkGz', 'consumer1']) await forbidden(who, 'report', { action: 'ordering', kind: 'stock' });
  });

  it('stock check: members of the org and brand staff', async () => {
    for (const who of ['ownerGd', 'clerkGd', 'admin', 'inspector']) expect((await allowed(who, 'report', { action: 'stockCheck', orgId: ch.ids.gd })).differences).toEqual([]);
    for (const who of ['ownerBj', 'clerkGz', 'consumer1']) await forbidden(who, 'report', { action: 'stockCheck', orgId: ch.ids.gd });
  });
});

describe('trade', () => {
  const hidden = (who: string | null, fn: string, event: Record<string, unknown>) => expectOutcome(who, fn, event, 'NOT_FOUND');
  const day = 86_400_000;
  const window = () => ({ from: Date.now() - day, to: Date.now() + 30 * day });
  const policy = () => ({ action: 'savePricePolicy', scope: 'level', targetIds: ['A'], items: [{ productId: ch.productId, price: 2_300 }], ...window() });

  it('setListPrices, addRelation, reassignSeller: brand admins only', async () => {
    const prices = { action: 'setListPrices', productId: ch.productId, unit: 'box', listPrices: { dealer: 2_000, wholesaler: 2_200, store: 2_400 } };
    for (const who of ['inspector', 'ownerGd', 'ownerGz', 'consumer1']) await forbidden(who, 'trade', prices);
    await allowed('admin', 'trade', prices);
    const rel = { action: 'addRelation', buyerOrgId: ch.ids.storeBj, sellerOrgId: 'brand' };
    for (const who of ['inspector', 'ownerGd', 'clerkBj']) await forbidden(who, 'trade', rel);
    await allowed('admin', 'trade', rel);
    const move = { action: 'reassignSeller', buyerOrgId: ch.ids.storeWs, toSellerOrgId: ch.ids.gd };
    for (const who of ['inspector', 'ownerGd', 'ownerWs']) await forbidden(who, 'trade', move);
    await allowed('admin', 'trade', move);
  });

  it('price policies: the seller owner writes, its staff read; another org neither', async () => {
    for (const who of ['clerkGd', 'ownerGz', 'inspector', 'consumer1']) await forbidden(who, 'trade', policy());
    await forbidden('ownerBj', 'trade', { ...policy(), sellerOrgId: ch.ids.gd });
    const { policyId } = await allowed('ownerGd', 'trade', policy());
    await allowed('clerkGd', 'trade', { action: 'listPricePolicies' });
    // List prices and floors: any member of a selling org reads them; a store's staff and consumers do not.
    await allowed('clerkGd', 'trade', { action: 'listListPrices' });
    for (const who of ['ownerGz', 'consumer1']) await forbidden(who, 'trade', { action: 'listListPrices' });
    for (const who of ['ownerGz', 'consumer1']) await forbidden(who, 'trade', { action: 'listPricePolicies' });
    await forbidden('ownerBj', 'trade', { action: 'listPricePolicies', sellerOrgId: ch.ids.gd });
    await forbidden('clerkGd', 'trade', { action: 'setPolicyEnabled', policyId, enabled: false });
    await hidden('ownerBj', 'trade', { action: 'setPolicyEnabled', policyId, enabled: false });
    await allowed('ownerGd', 'trade', { action: 'setPolicyEnabled', policyId, enabled: false });
    const csv = `policy,scope,targets,productId,price,minQuantity,from,to,priority,enabled\nroles,all,,${ch.productId},23.50,,2026-01-01,2099-01-01,0,是\n`;
    await forbidden('clerkGd', 'trade', { action: 'importPricePolicies', csv, requestId: 'roles-import-0001' });
    await forbidden('ownerBj', 'trade', { action: 'importPricePolicies', sellerOrgId: ch.ids.gd, csv, requestId: 'roles-import-0001' });
    await allowed('ownerGd', 'trade', { action: 'importPricePolicies', csv, requestId: 'roles-import-0001' });
    await allowed('clerkGd', 'trade', { action: 'exportPricePolicies' });
    await forbidden('ownerBj', 'trade', { action: 'exportPricePolicies', sellerOrgId: ch.ids.gd });
    await forbidden('ownerGz', 'trade', { action: 'exportPricePolicies' });
  });

  it('customers: the seller owner (the brand admin for dealers) keeps profiles; another seller does not see the buyer', async () => {
    const save = { action: 'saveCustomer', buyerOrgId: ch.ids.storeGz, level: 'A' };
    for (const who of ['clerkGd', 'ownerGz', 'consumer1']) await forbidden(who, 'trade', save);
    await hidden('ownerBj', 'trade', save);
    await allowed('ownerGd', 'trade', save);
    await allowed('admin', 'trade', { action: 'saveCustomer', buyerOrgId: ch.ids.gd, level: 'gold' });
    await allowed('clerkGd', 'trade', { action: 'listCustomers' });
    await allowed('admin', 'trade', { action: 'listCustomers' });
    for (const who of ['ownerGz', 'consumer1']) await forbidden(who, 'trade', { action: 'listCustomers' });
    await forbidden('ownerBj', 'trade', { action: 'listCustomers', sellerOrgId: ch.ids.gd });
  });

  it('terms: the seller owner sets; its members and buyers read; nobody else sees them', async () => {
    const set = { action: 'setTerms', approvalChain: ['owner'], maxRebateShare_bp: 2_000 };
    for (const who of ['clerkGd', 'ownerGz', 'consumer1']) await forbidden(who, 'trade', set);
    await forbidden('ownerBj', 'trade', { ...set, sellerOrgId: ch.ids.gd });
    await allowed('ownerGd', 'trade', set);
    for (const who of ['clerkGd', 'ownerGz', 'admin']) await allowed(who, 'trade', { action: 'getTerms', sellerOrgId: ch.ids.gd });
    for (const who of ['ownerBj', 'clerkBj', 'consumer1']) await hidden(who, 'trade', { action: 'getTerms', sellerOrgId: ch.ids.gd });
  });

  it('listRelations: members of the org and brand admins', async () => {
    for (const who of ['clerkGz', 'admin']) await allowed(who, 'trade', { action: 'listRelations', orgId: ch.ids.storeGz });
    for (const who of ['ownerBj', 'consumer1']) await forbidden(who, 'trade', { action: 'listRelations', orgId: ch.ids.storeGz });
  });

  it('credit lines: the seller finance or owner sets, its office lists; another seller does not see the buyer', async () => {
    const line = { action: 'setCreditLine', buyerOrgId: ch.ids.storeGz, limit: 10_000, ...window(), termDays: 30 };
    for (const who of ['clerkGd', 'ownerGz', 'consumer1']) await forbidden(who, 'trade', line);
    await hidden('ownerBj', 'trade', line);
    await allowed('ownerGd', 'trade', line);
    await allowed('admin', 'trade', { ...line, buyerOrgId: ch.ids.gd });
    await allowed('ownerGd', 'trade', { action: 'listCreditLines' });
    for (const who of ['clerkGd', 'ownerGz', 'consumer1']) await forbidden(who, 'trade', { action: 'listCreditLines' });
    await forbidden('ownerBj', 'trade', { action: 'listCreditLines', sellerOrgId: ch.ids.gd });
  });
});

describe('promotions, rebate statements, settlement documents', () => {
  const hidden = (who: string | null, fn: string, event: Record<string, unknown>) => expectOutcome(who, fn, event, 'NOT_FOUND');
  const day = 86_400_000;
  const promotion = () => ({ action: 'savePromotion', type: 'full_reduction', name: '满1万减100', targeting: {}, products: { scope: 'all' }, thresholdBy: 'amount', tiers: [{ threshold: 1_000_000, off: 10_000 }], from: Date.now() - day, to: Date.now() + 30 * day });
  const program = () => ({ action: 'saveRebateProgram', name: '季度返利', period: 'quarter', mode: 'whole', tiers: [{ threshold: 0, rate_bp: 100 }], targeting: {}, products: { scope: 'all' }, approvalChain: ['finance'], from: 0, to: Date.now() + 365 * day });

  it('promotions: the seller owner writes, its staff read; another org neither', async () => {
    for (const who of ['clerkGd', 'ownerGz', 'inspector', 'consumer1']) await forbidden(who, 'trade', promotion());
    await forbidden('ownerBj', 'trade', { ...promotion(), sellerOrgId: ch.ids.gd });
    const { promotionId } = await allowed('ownerGd', 'trade', promotion());
    await allowed('clerkGd', 'trade', { action: 'listPromotions' });
    for (const who of ['ownerGz', 'consumer1']) await forbidden(who, 'trade', { action: 'listPromotions' });
    await forbidden('ownerBj', 'trade', { action: 'listPromotions', sellerOrgId: ch.ids.gd });
    await forbidden('clerkGd', 'trade', { action: 'setPromotionEnabled', promotionId, enabled: false });
    await hidden('ownerBj', 'trade', { action: 'setPromotionEnabled', promotionId, enabled: false });
    await allowed('ownerGd', 'trade', { action: 'setPromotionEnabled', promotionId, enabled: false });
  });

  it('rebate programs and statements: the owner defines, finance or the owner computes, the chain approves; the buyer reads its own', async () => {
    for (const who of ['clerkGd', 'ownerGz', 'consumer1']) await forbidden(who, 'trade', program());
    await forbidden('ownerBj', 'trade', { ...program(), sellerOrgId: ch.ids.gd });
    const { programId } = await allowed('ownerGd', 'trade', program());
    await allowed('clerkGd', 'trade', { action: 'listRebatePrograms' });
    for (const who of ['ownerGz', 'consumer1']) await forbidden(who, 'trade', { action: 'listRebatePrograms' });
    // A completed order of the store in the last quarter: the functions' clock moves at most 30
    // days, so its completion is placed there directly.
    const lines = [{ productId: ch.productId, quantity: 1 }];
    const { total } = await ch.ok('ownerGz', 'order', { action: 'quote', sellerOrgId: ch.ids.gd, lines });
    const { orderId } = await ch.ok('ownerGz', 'order', { action: 'submit', sellerOrgId: ch.ids.gd, lines, tenders: [{ kind: 'deposit', amount: total }], expectedTotal: total, requestId: 'roles-rebate-0001' });
    const lastQuarter = previousPeriod(periodOf('quarter', Date.now()));
    ch.cloud.db.store!.update('orders', { _id: orderId }, { status: 'completed', completedAt: lastQuarter.from_ms + day }, { multi: false, merge: true, upsert: false });
    await forbidden('clerkGd', 'trade', { action: 'computeRebates', programId });
    await hidden('ownerBj', 'trade', { action: 'computeRebates', programId });
    expect((await allowed('ownerGd', 'trade', { action: 'computeRebates', programId })).created).toBe(1);
    const [s] = (await allowed('clerkGd', 'trade', { action: 'listStatements', programId })).statements;
    await allowed('ownerGz', 'trade', { action: 'listStatements', buyerOrgId: ch.ids.storeGz });
    for (const who of ['ownerBj', 'consumer1']) await forbidden(who, 'trade', { action: 'listStatements', buyerOrgId: ch.ids.storeGz });
    // The chain's one step is finance's: a clerk may not take it, the owner may take any.
    await forbidden('clerkGd', 'trade', { action: 'rejectStatement', statementId: s.statementId, reason: '基数有误' });
    await hidden('ownerBj', 'trade', { action: 'rejectStatement', statementId: s.statementId, reason: '基数有误' });
    expect((await allowed('ownerGd', 'trade', { action: 'rejectStatement', statementId: s.statementId, reason: '基数有误' })).status).toBe('returned');
    expect((await allowed('ownerGd', 'trade', { action: 'computeRebates', programId })).created).toBe(1);
    await forbidden('clerkGd', 'trade', { action: 'approveStatement', statementId: s.statementId });
    await hidden('ownerBj', 'trade', { action: 'approveStatement', statementId: s.statementId });
    expect((await allowed('ownerGd', 'trade', { action: 'approveStatement', statementId: s.statementId })).status).toBe('posted');
  });

  it('settlement documents: the seller owner or finance for its own, brand admins for the channel', async () => {
    const period = { from: Date.now() - 200 * day, to: Date.now() };
    for (const action of ['listSettlements', 'exportSettlements']) {
      await allowed('ownerGd', 'trade', { action, ...period });
      await allowed('admin', 'trade', { action, ...period });
      for (const who of ['clerkGd', 'ownerGz', 'consumer1']) await forbidden(who, 'trade', { action, ...period });
      await forbidden('ownerBj', 'trade', { action, sellerOrgId: ch.ids.gd, ...period });
    }
  });
});

describe('coverage', () => {
  /** Actions any signed-in person (or anyone) may call: no FORBIDDEN case exists for them. */
  const OPEN = new Set(['channel.join', 'channel.me', 'channel.listProducts', 'scan.verify', 'scan.identify', 'order.sweep']);
  it('every action of the contract was called both by someone allowed and, unless open to all, by someone refused', () => {
    const missing: string[] = [];
    for (const [fn, actions] of Object.entries(FUNCTION_ACTIONS)) {
      for (const a of actions as readonly string[]) {
        const key = `${fn}.${a}`;
        const s = seen.get(key) ?? new Set();
        if (!s.has('allowed')) missing.push(`${key}: no allowed call`);
        // Where even existence is private, the refusal is NOT_FOUND.
        if (!OPEN.has(key) && !s.has('FORBIDDEN') && !s.has('NOT_FOUND')) missing.push(`${key}: no refused call`);
      }
    }
    expect(missing).toEqual([]);
  });
});
