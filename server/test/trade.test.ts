/**
 * Goal: the trade function end to end through the gateway (docs/trade.md#trade):
 * list prices and floors; price policies change what the catalogue and quotes show while a
 * submitted order keeps its price; PRICE_BELOW_FLOOR changes nothing; a CSV with one bad row
 * imports nothing, the fixed file imports, exports and re-imports onto the same policies;
 * reassignment and direct relations change who may order from whom; terms and credit lines
 * reach the order module.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SLOW_MACHINE_TIMEOUT_MS, startChannel, type Channel } from './fixtures.js';
import { BOX_PRICES, DAY_MS, deposit, member, stockAndPrice } from './ordering-fixtures.js';

vi.setConfig({ testTimeout: SLOW_MACHINE_TIMEOUT_MS, hookTimeout: SLOW_MACHINE_TIMEOUT_MS });
let ch: Channel;
const FLOORS = { wholesaler: 2_000, store: 2_100 } as const;
const window = () => ({ from: Date.now() - DAY_MS, to: Date.now() + 30 * DAY_MS });

beforeAll(async () => {
  ch = await startChannel();
  await stockAndPrice(ch, 4, 2);
  await ch.ok('admin', 'trade', { action: 'setListPrices', productId: ch.productId, unit: 'box', listPrices: BOX_PRICES, floors: FLOORS, retailPrice: 3_000 });
  await member(ch, 'financeGd', 'dealer', ch.ids.gd, 'finance');
  await deposit(ch, 'ownerGz', 'financeGd', ch.ids.gd, 100_000, 'trade-topup-0001');
});
afterAll(async () => {
  await ch?.close();
});

const catalogPrice = async (who: string, sellerOrgId: string) => {
  const c = await ch.ok(who, 'order', { action: 'catalog', sellerOrgId });
  return c.products.find((p: { productId: string }) => p.productId === ch.productId);
};
const lines = (quantity: number) => [{ productId: ch.productId, quantity }];

describe('price resolution end to end', () => {
  let levelPolicy = '';
  let orderId = '';

  it('without policies, the catalogue shows the list price for the buyer kind', async () => {
    expect(await catalogPrice('ownerGz', ch.ids.gd)).toMatchObject({ unit: 'box', itemsPerUnit: 6, listPrice: BOX_PRICES.store, unitPrice: BOX_PRICES.store, priceSource: { scope: 'list' } });
    expect(await catalogPrice('ownerGd', 'brand')).toMatchObject({ unitPrice: BOX_PRICES.dealer, priceSource: { scope: 'list' } });
  });

  it('a level policy for the customer changes the catalogue price; a submitted order keeps its price', async () => {
    await ch.ok('ownerGd', 'trade', { action: 'saveCustomer', buyerOrgId: ch.ids.storeGz, level: 'A', groupIds: ['key'], contact: '李老板', phone: '13800138000', addresses: [{ addressId: 'shop', regionCode: '440106', street: '天河路 385 号' }] });
    const saved = await ch.ok('ownerGd', 'trade', { action: 'savePricePolicy', scope: 'level', targetIds: ['A'], items: [{ productId: ch.productId, price: 2_300 }], ...window(), requestId: 'trade-policy-0001' });
    levelPolicy = saved.policyId;
    // A retried creation answers the same policy.
    expect((await ch.ok('ownerGd', 'trade', { action: 'savePricePolicy', scope: 'level', targetIds: ['A'], items: [{ productId: ch.productId, price: 2_300 }], ...window(), requestId: 'trade-policy-0001' })).policyId).toBe(levelPolicy);
    expect(await catalogPrice('ownerGz', ch.ids.gd)).toMatchObject({ unitPrice: 2_300, listPrice: BOX_PRICES.store, priceSource: { scope: 'level', policyId: levelPolicy } });
    expect((await ch.ok('admin', 'trade', { action: 'listRelations', orgId: ch.ids.storeGz })).sellers).toEqual([expect.objectContaining({ sellerOrgId: ch.ids.gd, kind: 'upstream' })]);

    const q = await ch.ok('ownerGz', 'order', { action: 'quote', sellerOrgId: ch.ids.gd, lines: lines(2) });
    expect(q.total).toBe(4_600);
    const r = await ch.ok('ownerGz', 'order', { action: 'submit', sellerOrgId: ch.ids.gd, lines: lines(2), tenders: [{ kind: 'deposit', amount: 4_600 }], expectedTotal: 4_600, requestId: 'trade-order-0001' });
    orderId = r.orderId;

    // A customer policy (the first scope) now wins, with a volume price from 5 boxes.
    await ch.ok('ownerGd', 'trade', { action: 'savePricePolicy', scope: 'customer', targetIds: [ch.ids.storeGz], items: [{ productId: ch.productId, price: 2_250 }, { productId: ch.productId, price: 2_150, minQuantity: 5 }], ...window(), requestId: 'trade-policy-0002' });
    expect((await ch.ok('ownerGz', 'order', { action: 'quote', sellerOrgId: ch.ids.gd, lines: lines(4) })).lines[0]).toMatchObject({ unitPrice: 2_250, priceSource: { scope: 'customer' } });
    expect((await ch.ok('ownerGz', 'order', { action: 'quote', sellerOrgId: ch.ids.gd, lines: lines(5) })).lines[0]).toMatchObject({ unitPrice: 2_150 });
    const o = await ch.ok('ownerGz', 'order', { action: 'get', orderId });
    expect(o.lines[0]).toMatchObject({ unitPrice: 2_300, priceSource: { scope: 'level', policyId: levelPolicy } });
  });

  it('disabling a policy (compare-and-set on its version) takes its price away', async () => {
    const listed = await ch.ok('ownerGd', 'trade', { action: 'listPricePolicies', scope: 'customer' });
    expect(listed.policies).toHaveLength(1);
    const p = listed.policies[0];
    expect((await ch.as('ownerGd', 'trade', { action: 'setPolicyEnabled', policyId: p.policyId, enabled: false, version: p.version + 1 })).error).toMatchObject({ code: 'CONFLICT', field: 'version' });
    await ch.ok('ownerGd', 'trade', { action: 'setPolicyEnabled', policyId: p.policyId, enabled: false, version: p.version });
    expect(await catalogPrice('ownerGz', ch.ids.gd)).toMatchObject({ unitPrice: 2_300, priceSource: { scope: 'level' } });
  });

  it('a price below the brand floor is refused with PRICE_BELOW_FLOOR naming the item, and nothing changes', async () => {
    const before = ch.cloud.db.snapshot();
    const r = await ch.as('ownerGd', 'trade', { action: 'savePricePolicy', scope: 'all', items: [{ productId: ch.productId, price: 2_200 }, { productId: ch.productId, price: FLOORS.store - 1, minQuantity: 50 }], ...window() });
    expect(r.error).toMatchObject({ code: 'PRICE_BELOW_FLOOR', field: 'items[1].price' });
    // A wholesaler-only customer price may go down to the wholesaler floor.
    expect(ch.cloud.db.snapshot()).toEqual(before);
    const ws = await ch.ok('ownerGd', 'trade', { action: 'savePricePolicy', scope: 'customer', targetIds: [ch.ids.ws], items: [{ productId: ch.productId, price: FLOORS.wholesaler }], ...window() });
    expect(ws.policyId).toMatch(/^pp_/);
    // The brand's list price itself may not sit below the floor it sets.
    expect((await ch.as('admin', 'trade', { action: 'setListPrices', productId: ch.productId, unit: 'box', listPrices: { ...BOX_PRICES, store: 2_000 }, floors: FLOORS })).error).toMatchObject({ code: 'PRICE_BELOW_FLOOR', field: 'listPrices.store' });
  });
});

describe('list prices for the sellers', () => {
  it('a dealer reads the brand list prices and floors it must price within; a store member may not', async () => {
    const r = await ch.ok('ownerGd', 'trade', { action: 'listListPrices' });
    expect(r.prices).toEqual([expect.objectContaining({ productId: ch.productId, unit: 'box', listPrices: BOX_PRICES, floors: FLOORS, retailPrice: 3_000 })]);
    expect((await ch.as('clerkGz', 'trade', { action: 'listListPrices' })).error).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('price policies as CSV', () => {
  const header = 'policy,scope,targets,productId,price,minQuantity,from,to,priority,enabled';
  const file = (price: string) => `\uFEFF${header}\r\nspring,group,key,${ch.productId},22.80,,2026-01-01,2099-01-01,2,是\r\nspring,group,key,${ch.productId},${price},10,2026-01-01,2099-01-01,2,是\r\n`;

  it('one bad row (below the floor) imports nothing; the fixed file imports; export and re-import update the same policies', async () => {
    const before = ch.cloud.db.snapshot();
    const bad = await ch.as('ownerGd', 'trade', { action: 'importPricePolicies', csv: file('20.50'), requestId: 'trade-import-0001' });
    expect(bad.error).toMatchObject({ code: 'PRICE_BELOW_FLOOR', field: 'csv' });
    expect(bad.error!.message).toContain('row 3');
    const malformed = await ch.as('ownerGd', 'trade', { action: 'importPricePolicies', csv: file('21.5x'), requestId: 'trade-import-0002' });
    expect(malformed.error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'csv' });
    expect((malformed.error as { details?: { errors: unknown[] } }).details?.errors).toEqual([{ row: 3, column: 'price', message: expect.any(String) }]);
    expect(ch.cloud.db.snapshot()).toEqual(before);

    const good = await ch.ok('ownerGd', 'trade', { action: 'importPricePolicies', csv: file('21.50'), requestId: 'trade-import-0003' });
    expect(good).toMatchObject({ items: 2 });
    expect(good.policyIds).toHaveLength(1);
    // The group policy wins below the customer and the level for this buyer: the customer policy
    // is disabled, and group comes before level.
    expect((await ch.ok('ownerGz', 'order', { action: 'quote', sellerOrgId: ch.ids.gd, lines: lines(10) })).lines[0]).toMatchObject({ unitPrice: 2_150, priceSource: { scope: 'group', policyId: good.policyIds[0] } });

    const exported = await ch.ok('ownerGd', 'trade', { action: 'exportPricePolicies' });
    expect(exported.csv.startsWith('\uFEFF')).toBe(true);
    expect(exported.csv).toContain(',21.50,10,');
    const count = (await ch.ok('ownerGd', 'trade', { action: 'listPricePolicies' })).policies.length;
    await ch.ok('ownerGd', 'trade', { action: 'importPricePolicies', csv: exported.csv, requestId: 'trade-import-0004' });
    expect((await ch.ok('ownerGd', 'trade', { action: 'listPricePolicies' })).policies).toHaveLength(count);
  });
});

describe('relations, terms and credit lines', () => {
  it('a reassigned store orders from its new dealer only, with its history kept; a direct relation lets the brand supply a store', async () => {
    expect((await ch.as('clerkWs', 'order', { action: 'quote', sellerOrgId: ch.ids.gd, lines: lines(1) })).error?.code).toBe('NOT_FOUND');
    await ch.ok('admin', 'trade', { action: 'reassignSeller', buyerOrgId: ch.ids.storeWs, toSellerOrgId: ch.ids.gd, reason: '区域调整' });
    expect((await ch.ok('clerkWs', 'order', { action: 'quote', sellerOrgId: ch.ids.gd, lines: lines(1) })).total).toBe(BOX_PRICES.store);
    expect((await ch.as('clerkWs', 'order', { action: 'quote', sellerOrgId: ch.ids.ws, lines: lines(1) })).error?.code).toBe('NOT_FOUND');
    const rel = await ch.ok('clerkWs', 'trade', { action: 'listRelations', orgId: ch.ids.storeWs });
    expect(rel.sellers).toEqual([expect.objectContaining({ sellerOrgId: ch.ids.gd, kind: 'assigned' })]);
    expect(rel.history).toEqual([expect.objectContaining({ sellerOrgId: ch.ids.ws, reason: '区域调整' })]);
    expect((await ch.ok('ownerGd', 'trade', { action: 'listCustomers' })).customers.map((c: { buyerOrgId: string }) => c.buyerOrgId)).toContain(ch.ids.storeWs);

    expect((await ch.as('ownerGz', 'order', { action: 'catalog', sellerOrgId: 'brand' })).error?.code).toBe('NOT_FOUND');
    await ch.ok('admin', 'trade', { action: 'addRelation', buyerOrgId: ch.ids.storeGz, sellerOrgId: 'brand' });
    expect(await catalogPrice('ownerGz', 'brand')).toMatchObject({ unitPrice: BOX_PRICES.store, priceSource: { scope: 'list' } });
    // gd still sells to it.
    expect(await catalogPrice('ownerGz', ch.ids.gd)).toBeDefined();
  });

  it('a product category is stored trimmed, listed, and shown in the catalogue; a product without one has none', async () => {
    const { productId } = await ch.ok('admin', 'channel', { action: 'createProduct', sku: `CAT-${process.pid}`, name: '测试蚝油', category: ' 调味品/蚝油 ', packaging: { itemsPerBox: 6, boxesPerCase: 4 }, policy: { consumerReward: 0, storeReward: 0, dealerRebate: 0, diversionPenalty: 0 } });
    const listed = (await ch.ok('admin', 'channel', { action: 'listProducts' })).products as Array<{ id: string; category?: string }>;
    expect(listed.find((p) => p.id === productId)?.category).toBe('调味品/蚝油');
    expect(listed.find((p) => p.id === ch.productId)).not.toHaveProperty('category');
    await ch.ok('admin', 'trade', { action: 'setListPrices', productId, unit: 'box', listPrices: BOX_PRICES, floors: FLOORS, retailPrice: 3_000 });
    const products = (await ch.ok('ownerGz', 'order', { action: 'catalog', sellerOrgId: 'brand' })).products as Array<{ productId: string; category?: string }>;
    expect(products.find((p) => p.productId === productId)).toMatchObject({ category: '调味品/蚝油' });
    expect(products.find((p) => p.productId === ch.productId)).not.toHaveProperty('category');
    // An existing product is given a category later, and it can be cleared again.
    await ch.ok('admin', 'channel', { action: 'setProductCategory', productId: ch.productId, category: '酱油' });
    const later = (await ch.ok('ownerGz', 'order', { action: 'catalog', sellerOrgId: 'brand' })).products as Array<{ productId: string; category?: string }>;
    expect(later.find((p) => p.productId === ch.productId)).toMatchObject({ category: '酱油' });
    await ch.ok('admin', 'channel', { action: 'setProductCategory', productId: ch.productId, category: null });
    const cleared = (await ch.ok('admin', 'channel', { action: 'listProducts' })).products as Array<{ id: string; category?: string }>;
    expect(cleared.find((p) => p.id === ch.productId)).not.toHaveProperty('category');
  });

  it('terms: defaults until set; an empty chain approves a paid order at once', async () => {
    expect(await ch.ok('ownerGz', 'trade', { action: 'getTerms', sellerOrgId: 'brand' })).toMatchObject({ approvalChain: ['admin'], returnWindow_ms: 7 * DAY_MS, maxRebateShare_bp: 2_000, paymentTimeouts: { wechat_pay_ms: 30 * 60_000, transfer_ms: 72 * 3600_000 } });
    expect(await ch.ok('ownerGz', 'trade', { action: 'getTerms', sellerOrgId: ch.ids.gd })).toMatchObject({ approvalChain: ['owner'], version: 0 });
    expect((await ch.as('ownerGd', 'trade', { action: 'setTerms', approvalChain: ['admin'] })).error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'approvalChain[0]' });
    await ch.ok('ownerGd', 'trade', { action: 'setTerms', approvalChain: [], maxRebateShare_bp: 1_000 });
    const total = (await ch.ok('ownerGz', 'order', { action: 'quote', sellerOrgId: ch.ids.gd, lines: lines(1) })).total;
    const r = await ch.ok('ownerGz', 'order', { action: 'submit', sellerOrgId: ch.ids.gd, lines: lines(1), tenders: [{ kind: 'deposit', amount: total }], expectedTotal: total, requestId: 'trade-order-0002' });
    expect(r.status).toBe('approved');
  });

  it('credit lines: set by the seller finance, listed, and read by the order module', async () => {
    const w = window();
    await ch.ok('financeGd', 'trade', { action: 'setCreditLine', buyerOrgId: ch.ids.storeGz, limit: 30_000, ...w, termDays: 30 });
    const again = await ch.ok('financeGd', 'trade', { action: 'setCreditLine', buyerOrgId: ch.ids.storeGz, limit: 40_000, ...w, termDays: 45 });
    expect(again).toMatchObject({ limit: 40_000, termDays: 45, version: 2 });
    expect((await ch.ok('ownerGd', 'trade', { action: 'listCreditLines' })).creditLines).toEqual([expect.objectContaining({ buyerOrgId: ch.ids.storeGz, limit: 40_000 })]);
    const b = await ch.ok('ownerGz', 'order', { action: 'balances', buyerOrgId: ch.ids.storeGz, sellerOrgId: ch.ids.gd });
    expect(b.credit).toMatchObject({ limit: 40_000 });
    // Not a customer of gd: NOT_FOUND, nothing written.
    expect((await ch.as('financeGd', 'trade', { action: 'setCreditLine', buyerOrgId: ch.ids.storeBj, limit: 1, ...w, termDays: 1 })).error).toMatchObject({ code: 'NOT_FOUND', field: 'buyerOrgId' });
  });
});

describe('concurrency', () => {
  it('racing edits of one policy version: one wins, the other gets CONFLICT; a creation sent twice at once makes one policy', async () => {
    const base = { action: 'savePricePolicy', scope: 'level', targetIds: ['B'], items: [{ productId: ch.productId, price: 2_300 }], ...window() };
    const created = await Promise.all([1, 2, 3].map(() => ch.as('ownerGd', 'trade', { ...base, requestId: 'trade-race-0001' })));
    expect(created.every((r) => r.ok)).toBe(true);
    expect(new Set(created.map((r) => r.data.policyId)).size).toBe(1);
    const policyId = created[0]!.data.policyId as string;
    expect((ch.cloud.db.all('price_policies') as Array<{ _id: string }>).filter((p) => p._id === policyId)).toHaveLength(1);

    const edits = await Promise.all([2_400, 2_500].map((price) => ch.as('ownerGd', 'trade', { ...base, policyId, version: 1, items: [{ productId: ch.productId, price }] })));
    expect(edits.map((r) => (r.ok ? 'ok' : r.error!.code)).sort()).toEqual(['CONFLICT', 'ok']);
    const winner = edits.find((r) => r.ok)!;
    expect(winner.data.version).toBe(2);
    const stored = (ch.cloud.db.all('price_policies') as Array<{ _id: string; version: number }>).find((p) => p._id === policyId)!;
    expect(stored.version).toBe(2);
  });

  it('racing reassignments of one store: it ends with exactly one seller, and the history lists the other moves', async () => {
    const moves = await Promise.all([ch.ids.gd, ch.ids.ws, ch.ids.bj].map((to) => ch.as('admin', 'trade', { action: 'reassignSeller', buyerOrgId: ch.ids.storeBj, toSellerOrgId: to })));
    expect(moves.every((r) => r.ok)).toBe(true);
    const rel = await ch.ok('admin', 'trade', { action: 'listRelations', orgId: ch.ids.storeBj });
    expect(rel.sellers.filter((s: { kind: string }) => s.kind !== 'direct')).toHaveLength(1);
    const sellers = [ch.ids.gd, ch.ids.ws, ch.ids.bj];
    let trades = 0;
    for (const s of sellers) if (!(await ch.as('clerkBj', 'order', { action: 'catalog', sellerOrgId: s })).error) trades++;
    expect(trades).toBe(1);
    expect(rel.history.length).toBeGreaterThanOrEqual(1);
  });
});
