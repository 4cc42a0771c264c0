/**
 * Goal: the demo data seeds on an empty database through the functions, and leaves a living
 * system: diversion alerts, a pending penalty, paid rewards and a withdrawal to approve, laid
 * down over the past week.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../../local-cloud/src/testing.js';
import { seedDemo } from '../src/seed/demo.js';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ seed: (ctx) => seedDemo(ctx) });
}, 120_000);
afterAll(async () => {
  await cloud?.close();
});

it('seeds a living system', async () => {
  const admin = await cloud.login('admin', 'demo-admin');
  const alerts = (await cloud.call('report', { action: 'alerts' }, admin)) as { ok: true; data: { alerts: Array<{ kind: string; evidence: string }> } };
  const kinds = alerts.data.alerts.map((a) => `${a.kind}/${a.evidence}`).sort();
  expect(kinds).toEqual(
    expect.arrayContaining(['diversion/receive', 'diversion/store_redeem', 'diversion/consumer_scan', 'prize_interception/channel_member', 'prize_interception/redeemed_upstream', 'duplicate_redeem/redeem', 'diversion/inspect']),
  );
  const pen = (await cloud.call('report', { action: 'penalties', status: 'pending' }, admin)) as { ok: true; data: { penalties: unknown[] } };
  expect(pen.data.penalties).toHaveLength(1);
  const consumer = await cloud.login('consumer', 'demo-consumer-1');
  const bal = (await cloud.call('wallet', { action: 'balance' }, consumer)) as { ok: true; data: { balance: number; reserved: number } };
  expect(bal.data.reserved).toBe(200);
  expect(bal.data.balance).toBeGreaterThan(0);
  const w = (await cloud.call('wallet', { action: 'listWithdrawals', status: 'requested' }, admin)) as { ok: true; data: { withdrawals: unknown[] } };
  expect(w.data.withdrawals).toHaveLength(1);
  // A channel alive for a while: the story spans the past week, day by day on the dashboard.
  const dash = (await cloud.call('report', { action: 'dashboard', days: 14 }, admin)) as { ok: true; data: { daily: Array<{ day: string; scans: number; redeems: number }> } };
  const active = dash.data.daily.filter((d) => d.scans + d.redeems > 0).map((d) => d.day);
  expect(active.length).toBeGreaterThanOrEqual(5);
  expect(dash.data.daily.filter((d) => d.redeems > 0).length).toBeGreaterThanOrEqual(3);
  // Stock follows the scans: the brand's batches were stocked in, and the stock check of every
  // org of the demo agrees with custody and reservations.
  const orgs = (await cloud.call('channel', { action: 'listOrgs' }, admin)) as { ok: true; data: { orgs: Array<{ id: string }> } };
  const orgIds = ['brand', ...orgs.data.orgs.map((o) => o.id)];
  expect(orgIds.length).toBeGreaterThan(3);
  for (const orgId of orgIds) {
    const check = (await cloud.call('report', { action: 'stockCheck', orgId }, admin)) as { ok: true; data: { differences: unknown[]; products: Array<{ onHand: number }> } };
    expect(check.data.differences, orgId).toEqual([]);
  }
  const brandCheck = (await cloud.call('report', { action: 'stockCheck', orgId: 'brand' }, admin)) as { ok: true; data: { products: Array<{ onHand: number }> } };
  expect(brandCheck.data.products.reduce((n, p) => n + p.onHand, 0)).toBeGreaterThan(0);
  const times = cloud.db.all('events').map((e) => e.at as number);
  expect(Math.min(...times)).toBeLessThan(Date.now() - 5 * 24 * 3600_000);
  expect(Math.max(...times)).toBeLessThanOrEqual(Date.now());
}, 120_000);

it('seeds trade: list prices with floors, policies, customer profiles, terms; the store sees its level price', async () => {
  const gd = await cloud.login('dealer', 'demo-dealer-gd');
  const store = await cloud.login('terminal', 'demo-owner-gz');
  const policies = (await cloud.call('trade', { action: 'listPricePolicies' }, gd)) as { ok: true; data: { policies: Array<{ scope: string }> } };
  expect(policies.data.policies.map((p) => p.scope).sort()).toEqual(['group', 'level']);
  const customers = (await cloud.call('trade', { action: 'listCustomers', level: 'A' }, gd)) as { ok: true; data: { customers: Array<{ buyerOrgId: string; groupIds: string[] }> } };
  expect(customers.data.customers).toHaveLength(1);
  const sellerOrgId = (cloud.db.all('customers').find((c) => c.level === 'A') as { sellerOrgId: string }).sellerOrgId;
  const catalog = (await cloud.call('order', { action: 'catalog', sellerOrgId }, store)) as { ok: true; data: { products: Array<{ unitPrice: number; listPrice: number; priceSource: { scope: string } }> } };
  expect(catalog.data.products.map((p) => `${p.priceSource.scope}:${p.unitPrice}/${p.listPrice}`).sort()).toEqual(['group:5400/5600', 'level:3500/3600']);
  // The demo's products carry categories the catalogue's chips are made of.
  expect((catalog.data.products as Array<{ category?: string }>).map((p) => p.category).sort()).toEqual(['蚝油', '酱油']);
  const terms = (await cloud.call('trade', { action: 'getTerms', sellerOrgId }, store)) as { ok: true; data: { maxRebateShare_bp: number } };
  expect(terms.data.maxRebateShare_bp).toBe(1_500);
  const lines = (await cloud.call('trade', { action: 'listCreditLines' }, gd)) as { ok: true; data: { creditLines: Array<{ limit: number }> } };
  expect(lines.data.creditLines.map((l) => l.limit)).toEqual([50_000]);
}, 120_000);

it('seeds promotions: the store sees a 满减, a 满送 and a bundle; the brand has a quarterly statement waiting for approval', async () => {
  const store = await cloud.login('terminal', 'demo-owner-gz');
  const admin = await cloud.login('admin', 'demo-admin');
  const sellerOrgId = (cloud.db.all('customers').find((c) => c.level === 'A') as { sellerOrgId: string }).sellerOrgId;
  const catalog = (await cloud.call('order', { action: 'catalog', sellerOrgId }, store)) as { ok: true; data: { promotions: Array<{ type: string }> } };
  expect(catalog.data.promotions.map((p) => p.type).sort()).toEqual(['bundle', 'full_gift', 'full_reduction']);
  const statements = (await cloud.call('trade', { action: 'listStatements', status: 'pending_approval' }, admin)) as { ok: true; data: { statements: Array<{ periodKey: string; rebate_fen: number }> } };
  expect(statements.data.statements).toHaveLength(1);
  expect(statements.data.statements[0]!.periodKey).toMatch(/^\d{4}-Q[1-4]$/);
  expect(statements.data.statements[0]!.rebate_fen).toBeGreaterThan(0);
}, 120_000);
