/**
 * Goal: promotions, rebate statements and settlement documents end to end through the gateway
 * (docs/promotions.md).
 *
 * The dealer runs a 满减 and a 满送. A store orders under the 满减: the discount is apportioned by
 * largest remainder over its two lines, and returning part of a line refunds exactly its share of
 * the apportioned net. The store orders under the 满送: the gift line is free and reserves stock;
 * the gift budget is then spent and the next quote gives nothing. Stores race for the last of the
 * 满减's budget: one gets it, the others QUOTE_CHANGED, and the budget never goes below zero; a
 * cancellation gives it back. The brand's quarterly rebate statement for the dealer passes two
 * approvals, is posted once, and pays part of the dealer's next order. The settlement documents
 * of the period list the completed order and export as CSV. A product set to send its sell-through
 * rebate to the rebate account credits the dealer's rebate with the brand, not its wallet.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { balanceOf, ledgerReport, SLOW_MACHINE_TIMEOUT_MS, STD_PACKAGING, STD_POLICY, startChannel, type Channel } from './fixtures.js';
import { DAY_MS, deposit, expectTradeLedgerBalanced, member, produce, setListPrices, stockAndPrice, stockOf, toDealer, type Stocked } from './ordering-fixtures.js';
import { periodOf, previousPeriod, type ExportedCase } from '@channel-router/shared';

vi.setConfig({ testTimeout: SLOW_MACHINE_TIMEOUT_MS, hookTimeout: SLOW_MACHINE_TIMEOUT_MS });
let ch: Channel;
let stock: Stocked;
let giftId = '';
let giftCases: ExportedCase[] = [];
const clock = (daysAgo: number) => ch.cloud.cloud.runner.setClockOffset(-daysAgo * DAY_MS);
const RACERS = 3;
/** The quarter before this one, whatever today is. */
const LAST_QUARTER = previousPeriod(periodOf('quarter', Date.now()));
/** The dealer's order is received this many days ago: past the 7-day return window, the sweep completes it. */
const ORDER_DAYS_AGO = 20;
const STOCKED_DAYS_AGO = 25;
const racers: Array<{ owner: string; orgId: string }> = [];

beforeAll(async () => {
  ch = await startChannel();
  // Goods reach the dealer before the orders placed in the past (custody orders scans by time).
  clock(STOCKED_DAYS_AGO);
  stock = await stockAndPrice(ch, 14, 9);
  giftId = await ch.product(STD_PACKAGING, STD_POLICY);
  giftCases = await produce(ch, giftId, 3);
  await setListPrices(ch, giftId, 'box', { dealer: 500, wholesaler: 600, store: 800 });
  await toDealer(ch, giftCases, giftId);
  await member(ch, 'financeGd', 'dealer', ch.ids.gd, 'finance');
  await member(ch, 'financeBrand', 'admin', 'brand', 'finance');
  await deposit(ch, 'ownerGz', 'financeGd', ch.ids.gd, 200_000, 'promo-topup-gz-0001');
  for (let i = 0; i < RACERS; i++) {
    const { orgId } = await ch.ok('admin', 'channel', { action: 'createOrg', kind: 'store', name: `促销店${i}`, upstreamId: ch.ids.gd, regionCode: '440106' });
    const owner = await member(ch, `promoOwner${i}`, 'terminal', orgId, 'owner');
    racers.push({ owner, orgId });
    await deposit(ch, owner, 'financeGd', ch.ids.gd, 50_000, `promo-topup-${i}-0001`);
  }
  clock(0);
});
afterAll(async () => {
  ch?.cloud.cloud.runner.setClockOffset(0);
  await ch?.close();
});

const YEAR_MS = 365 * DAY_MS;
let reductionId = '';
let giftPromotionId = '';
const promotionDoc = (id: string) => ch.cloud.db.all('promotions').find((p) => p._id === id) as { budgetLeft: number };

async function submit(who: string, lines: Array<{ productId: string; quantity: number }>, requestId: string, expectedTotal?: number) {
  const q = await ch.ok(who, 'order', { action: 'quote', sellerOrgId: ch.ids.gd, lines });
  const total = expectedTotal ?? q.total;
  return ch.as(who, 'order', { action: 'submit', sellerOrgId: ch.ids.gd, lines, tenders: [{ kind: 'deposit', amount: total }], expectedTotal: total, requestId });
}

describe('promotions in the quote and at submit', () => {
  it('the dealer saves a 满减 and a 满送; a bad definition names its field and saves nothing', async () => {
    const now = Date.now();
    const bad = await ch.as('ownerGd', 'trade', { action: 'savePromotion', type: 'full_reduction', name: '坏的', targeting: {}, products: { scope: 'all' }, thresholdBy: 'amount', tiers: [{ threshold: 20_000, off: 3_000 }, { threshold: 10_000, off: 1_000 }], from: now - DAY_MS, to: now + YEAR_MS });
    expect(bad.error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'tiers[1].threshold' });
    expect(ch.cloud.db.all('promotions')).toHaveLength(0);
    reductionId = (
      await ch.ok('ownerGd', 'trade', {
        action: 'savePromotion',
        type: 'full_reduction',
        name: '满100减10，满200减30',
        targeting: { kinds: ['store'] },
        products: { scope: 'all' },
        thresholdBy: 'amount',
        tiers: [{ threshold: 10_000, off: 1_000 }, { threshold: 20_000, off: 3_000 }],
        from: now - DAY_MS,
        to: now + YEAR_MS,
        budget: { kind: 'fen', amount: 4_000 },
        requestId: 'promo-reduction-0001',
      })
    ).promotionId;
    giftPromotionId = (
      await ch.ok('ownerGd', 'trade', {
        action: 'savePromotion',
        type: 'full_gift',
        name: '买4箱送赠品',
        targeting: { kinds: ['store'] },
        products: { scope: 'listed', productIds: [ch.productId] },
        thresholdBy: 'units',
        tiers: [{ threshold: 4, gifts: [{ productId: giftId, quantity: 1 }] }],
        from: now - DAY_MS,
        to: now + YEAR_MS,
        perBuyerLimit: 1,
        budget: { kind: 'gift_units', amount: 1 },
        requestId: 'promo-gift-0001',
      })
    ).promotionId;
    const list = await ch.ok('clerkGd', 'trade', { action: 'listPromotions', running: true });
    expect(list.promotions.map((p: { label: string }) => p.label).sort()).toEqual(['满100减10，满200减30', '满4件送赠品×1'].sort());
    const cat = await ch.ok('ownerGz', 'order', { action: 'catalog', sellerOrgId: ch.ids.gd });
    expect(cat.promotions).toHaveLength(2);
    expect(cat.products.find((p: { productId: string }) => p.productId === ch.productId).promotionIds.sort()).toEqual([reductionId, giftPromotionId].sort());
  });

  it('a quote below the first tier hints what is missing: 再买 ¥28.03 可减 ¥10.00', async () => {
    const q = await ch.ok('ownerGz', 'order', { action: 'quote', sellerOrgId: ch.ids.gd, lines: [{ productId: ch.productId, quantity: 3 }] });
    expect(q.total).toBe(7_197);
    expect(q.missed.find((m: { promotionId: string }) => m.promotionId === reductionId)).toMatchObject({ missing: 2_803, reward: 1_000, hint: '再买 ¥28.03 可减 ¥10.00' });
  });

  let reductionOrder = '';
  it('满200减30 over two lines: 30.00 apportioned 25.71 / 4.29 by largest remainder; stored on the order lines', async () => {
    // 8 boxes × 23.99 = 191.92 and 4 gift-product boxes × 8.00 = 32.00: 223.92 reaches 200.
    const lines = [{ productId: ch.productId, quantity: 8 }, { productId: giftId, quantity: 4 }];
    const q = await ch.ok('ownerGz', 'order', { action: 'quote', sellerOrgId: ch.ids.gd, lines });
    // floor(3,000 × 19,192 / 22,392) = 2,571 (.27), floor(3,000 × 3,200 / 22,392) = 428 (.72): the fen left to the second.
    expect(q.lines.map((l: { discounts: unknown[]; net: number }) => [l.discounts, l.net])).toEqual([
      [[{ promotionId: reductionId, amount: 2_571 }], 16_621],
      [[{ promotionId: reductionId, amount: 429 }], 2_771],
    ]);
    expect(q.total).toBe(19_392);
    const r = await submit('ownerGz', lines, 'promo-order-gz-0001');
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    reductionOrder = r.data.orderId;
    const o = await ch.ok('ownerGz', 'order', { action: 'get', orderId: reductionOrder });
    expect(o.total).toBe(19_392);
    expect(o.lines[1]).toMatchObject({ discounts: [{ promotionId: reductionId, amount: 429 }], net: 2_771 });
    expect(promotionDoc(reductionId).budgetLeft).toBe(1_000);
    expectTradeLedgerBalanced(ch.cloud);
  });

  it('a partial return after the 满减 refunds exactly the apportioned net: 2 of 4 boxes → floor(27.71 × 2 / 4) = 13.85', async () => {
    await ch.ok('ownerGd', 'order', { action: 'approve', orderId: reductionOrder });
    const codes = [...stock.gdCases.slice(0, 2).map((c) => c.code), giftCases[0]!.code];
    await ch.ok('ownerGd', 'scan', { action: 'ship', codes, toOrgId: ch.ids.storeGz, orderId: reductionOrder });
    await ch.ok('clerkGz', 'scan', { action: 'receive', codes });
    const before = (await ch.ok('ownerGz', 'order', { action: 'balances', buyerOrgId: ch.ids.storeGz, sellerOrgId: ch.ids.gd })).deposit;
    const { returnId } = await ch.ok('ownerGz', 'order', { action: 'requestReturn', orderId: reductionOrder, lines: [{ lineId: 'L2', quantity: 2 }], reason: '破损', requestId: 'promo-return-0001' });
    await ch.ok('ownerGd', 'order', { action: 'approveReturn', returnId });
    const boxes = giftCases[0]!.boxes.slice(0, 2).map((b) => b.code);
    await ch.ok('ownerGz', 'scan', { action: 'ship', codes: boxes, toOrgId: ch.ids.gd, returnId });
    await ch.ok('ownerGd', 'scan', { action: 'receive', codes: boxes, orgId: ch.ids.gd });
    const o = await ch.ok('ownerGz', 'order', { action: 'get', orderId: reductionOrder });
    expect(o.returns[0]).toMatchObject({ status: 'refunded', refund: 1_385 });
    expect(o.lines[1]).toMatchObject({ returned: 2, refunded: 1_385 });
    const after = (await ch.ok('ownerGz', 'order', { action: 'balances', buyerOrgId: ch.ids.storeGz, sellerOrgId: ch.ids.gd })).deposit;
    expect(after - before).toBe(1_385);
    // Falling below the threshold claws nothing back: the order's budget stays spent.
    expect(promotionDoc(reductionId).budgetLeft).toBe(1_000);
    expectTradeLedgerBalanced(ch.cloud);
  });

  it('满送: 4 boxes give a free gift line that reserves stock; the gift budget is then spent', async () => {
    const lines = [{ productId: ch.productId, quantity: 4 }];
    const reservedBefore = (await stockOf(ch, 'ownerGd', ch.ids.gd, giftId)).reserved;
    const q = await ch.ok('ownerGz', 'order', { action: 'quote', sellerOrgId: ch.ids.gd, lines });
    expect(q.total).toBe(9_596);
    expect(q.gifts).toEqual([expect.objectContaining({ productId: giftId, quantity: 1, unitPrice: 0, net: 0, promotionId: giftPromotionId })]);
    const r = await submit('ownerGz', lines, 'promo-order-gz-0002');
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    const o = await ch.ok('ownerGz', 'order', { action: 'get', orderId: r.data.orderId });
    expect(o.lines).toHaveLength(2);
    expect(o.lines[1]).toMatchObject({ productId: giftId, quantity: 1, unitPrice: 0, net: 0 });
    expect((await stockOf(ch, 'ownerGd', ch.ids.gd, giftId)).reserved - reservedBefore).toBe(6);
    expect(promotionDoc(giftPromotionId).budgetLeft).toBe(0);
    // A retry with the same key answers the same order (its gift line is not one the buyer ordered).
    const again = await submit('ownerGz', lines, 'promo-order-gz-0002', 9_596);
    expect(again.data?.orderId).toBe(r.data.orderId);
    expect((await ch.ok('ownerGz', 'order', { action: 'quote', sellerOrgId: ch.ids.gd, lines })).gifts).toEqual([]);
  });

  it('racing submits for the last 10.00 of the 满减 budget: one gets it, the others QUOTE_CHANGED; never below zero', async () => {
    // 4 boxes + 1 gift-product box = 103.96: 满100减10, exactly what the budget has left.
    const lines = [{ productId: ch.productId, quantity: 4 }, { productId: giftId, quantity: 1 }];
    const quotes = await Promise.all(racers.map((s) => ch.ok(s.owner, 'order', { action: 'quote', sellerOrgId: ch.ids.gd, lines })));
    for (const q of quotes) expect(q.total).toBe(9_396);
    const replies = await Promise.all(racers.map((s, i) => ch.as(s.owner, 'order', { action: 'submit', sellerOrgId: ch.ids.gd, lines, tenders: [{ kind: 'deposit', amount: 9_396 }], expectedTotal: 9_396, requestId: `promo-race-${i}-0001` })));
    const won = replies.filter((r) => r.ok);
    const lost = replies.filter((r) => !r.ok);
    expect(won).toHaveLength(1);
    for (const r of lost) {
      expect(r.error).toMatchObject({ code: 'QUOTE_CHANGED', field: 'expectedTotal' });
      expect((r.error as unknown as { details: { quote: { total: number } } }).details.quote.total).toBe(10_396);
    }
    expect(promotionDoc(reductionId).budgetLeft).toBe(0);
    // Nothing of the losers was written: only the winner's order holds stock and money.
    expect(ch.cloud.db.all('orders').filter((o) => racers.some((s) => s.orgId === o.buyerOrgId))).toHaveLength(1);
    // The winner cancels: the budget comes back, once.
    await ch.ok(racers[replies.findIndex((r) => r.ok)]!.owner, 'order', { action: 'cancel', orderId: won[0]!.data.orderId });
    expect(promotionDoc(reductionId).budgetLeft).toBe(1_000);
    expectTradeLedgerBalanced(ch.cloud);
  });

  it('an ended promotion: a submit at the old total answers QUOTE_CHANGED with the new quote, writing nothing', async () => {
    const lines = [{ productId: ch.productId, quantity: 4 }, { productId: giftId, quantity: 1 }];
    const q = await ch.ok(racers[0]!.owner, 'order', { action: 'quote', sellerOrgId: ch.ids.gd, lines });
    expect(q.total).toBe(9_396);
    await ch.ok('ownerGd', 'trade', { action: 'setPromotionEnabled', promotionId: reductionId, enabled: false });
    const orders = ch.cloud.db.all('orders').length;
    const r = await ch.as(racers[0]!.owner, 'order', { action: 'submit', sellerOrgId: ch.ids.gd, lines, tenders: [{ kind: 'deposit', amount: 9_396 }], expectedTotal: 9_396, requestId: 'promo-ended-0001' });
    expect(r.error).toMatchObject({ code: 'QUOTE_CHANGED' });
    expect((r.error as unknown as { details: { quote: { total: number } } }).details.quote.total).toBe(10_396);
    expect(ch.cloud.db.all('orders')).toHaveLength(orders);
    await ch.ok('ownerGd', 'trade', { action: 'setPromotionEnabled', promotionId: reductionId, enabled: true });
  });
});

describe('a quarterly rebate statement for the dealer', () => {
  let programId = '';
  let periodKey = '';
  it('the dealer orders from the brand in the last quarter; the order completes there', async () => {
    clock(ORDER_DAYS_AGO);
    const lines = [{ productId: ch.productId, quantity: 8 }];
    const q = await ch.ok('ownerGd', 'order', { action: 'quote', sellerOrgId: 'brand', lines });
    expect(q.total).toBe(16_000);
    const r = await ch.ok('ownerGd', 'order', { action: 'submit', sellerOrgId: 'brand', lines, tenders: [{ kind: 'transfer', amount: 16_000, receiptFileId: 'cloud://test-env.bucket/receipts/q.jpg' }], expectedTotal: 16_000, requestId: 'rebate-order-gd-0001' });
    await ch.ok('admin', 'order', { action: 'confirmTransfer', paymentId: r.payments[0].paymentId });
    await ch.ok('admin', 'order', { action: 'approve', orderId: r.orderId });
    const codes = stock.brandCases.slice(0, 2).map((c) => c.code);
    await ch.ok('admin', 'scan', { action: 'ship', codes, toOrgId: ch.ids.gd, orderId: r.orderId });
    await ch.ok('clerkGd', 'scan', { action: 'receive', codes });
    clock(0);
    await ch.ok(null, 'order', { action: 'sweep' });
    expect((await ch.ok('ownerGd', 'order', { action: 'get', orderId: r.orderId })).status).toBe('completed');
    // The functions' clock moves at most 30 days: the completion is moved into the last quarter,
    // 10 days after it started, so that its statement is due whatever today's date.
    ch.cloud.db.store!.update('orders', { _id: r.orderId }, { completedAt: LAST_QUARTER.from_ms + 10 * DAY_MS }, { multi: false, merge: true, upsert: false });
  });

  it('the brand defines a quarterly program (2 %, finance then admin); the statement is computed once per buyer', async () => {
    programId = (
      await ch.ok('admin', 'trade', { action: 'saveRebateProgram', name: '经销商季度返利', period: 'quarter', mode: 'whole', tiers: [{ threshold: 0, rate_bp: 200 }], targeting: { kinds: ['dealer'] }, products: { scope: 'all' }, approvalChain: ['finance', 'admin'], from: 0, to: Date.now() + YEAR_MS, requestId: 'rebate-program-0001' })
    ).programId;
    const first = await ch.ok('financeBrand', 'trade', { action: 'computeRebates', programId });
    periodKey = first.periodKey;
    expect(first).toMatchObject({ final: true, buyers: 1, created: 1, unchanged: 0, rebate_fen: 320 });
    const again = await ch.ok('financeBrand', 'trade', { action: 'computeRebates', programId });
    expect(again).toMatchObject({ created: 0, unchanged: 1 });
    const { statements } = await ch.ok('ownerGd', 'trade', { action: 'listStatements', buyerOrgId: ch.ids.gd });
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({ periodKey, basis_fen: 16_000, rate_bp: 200, rebate_fen: 320, payable_fen: 320, status: 'pending_approval', chain: ['finance', 'admin'] });
  });

  it('two approvals, each recorded; the last posts 3.20 to the dealer’s rebate account, once', async () => {
    const [s] = (await ch.ok('admin', 'trade', { action: 'listStatements', sellerOrgId: 'brand', programId })).statements;
    // The admin's step is the second: the finance step comes first (an admin may take any step, the inspector none).
    expect((await ch.as('inspector', 'trade', { action: 'approveStatement', statementId: s.statementId })).error?.code).toBe('FORBIDDEN');
    const one = await ch.ok('financeBrand', 'trade', { action: 'approveStatement', statementId: s.statementId, version: s.version });
    expect(one).toMatchObject({ status: 'pending_approval', posted_fen: 0 });
    const stale = await ch.as('admin', 'trade', { action: 'approveStatement', statementId: s.statementId, version: s.version });
    expect(stale.error?.code).toBe('CONFLICT');
    const two = await ch.ok('admin', 'trade', { action: 'approveStatement', statementId: s.statementId, version: one.version });
    expect(two).toMatchObject({ status: 'posted', posted_fen: 320 });
    expect((await ch.as('admin', 'trade', { action: 'approveStatement', statementId: s.statementId })).error?.code).toBe('INVALID_STATE');
    const [posted] = (await ch.ok('ownerGd', 'trade', { action: 'listStatements', buyerOrgId: ch.ids.gd })).statements;
    expect(posted.approvals.map((a: { role: string; by: string }) => a.role)).toEqual(['finance', 'admin']);
    expect(posted.history.map((h: { event: string }) => h.event)).toEqual(['compute', 'approve', 'approve', 'post']);
    expect(ch.cloud.db.all('ledger').filter((l) => l._id === `rebate_statement:${s.statementId}`)).toHaveLength(1);
    // Computing again changes nothing: the statement is posted.
    expect(await ch.ok('financeBrand', 'trade', { action: 'computeRebates', programId, periodKey })).toMatchObject({ created: 0, unchanged: 1 });
    const b = await ch.ok('ownerGd', 'order', { action: 'balances', buyerOrgId: ch.ids.gd, sellerOrgId: 'brand' });
    expect(b.rebate).toBe(320);
    expectTradeLedgerBalanced(ch.cloud);
  });

  it('the rebate pays part of the dealer’s next order', async () => {
    const lines = [{ productId: ch.productId, quantity: 4 }];
    const r = await ch.ok('ownerGd', 'order', { action: 'submit', sellerOrgId: 'brand', lines, tenders: [{ kind: 'rebate', amount: 320 }, { kind: 'transfer', amount: 7_680, receiptFileId: 'cloud://test-env.bucket/receipts/q2.jpg' }], expectedTotal: 8_000, requestId: 'rebate-order-gd-0002' });
    expect(r.status).toBe('pending_payment');
    expect((await ch.ok('ownerGd', 'order', { action: 'balances', buyerOrgId: ch.ids.gd, sellerOrgId: 'brand' })).rebate).toBe(0);
    expectTradeLedgerBalanced(ch.cloud);
  });
});

describe('settlement documents', () => {
  it('the brand lists the last quarter’s documents and exports them as CSV; a dealer sees only its own', async () => {
    const from = LAST_QUARTER.from_ms;
    const to = Date.now();
    const list = await ch.ok('financeBrand', 'trade', { action: 'listSettlements', sellerOrgId: 'brand', from, to });
    expect(list.documents).toHaveLength(1);
    expect(list.documents[0]).toMatchObject({ sellerOrgId: 'brand', buyerOrgId: ch.ids.gd, goods_fen: 16_000 });
    expect(list.goods_fen).toBe(16_000);
    const csv = await ch.ok('admin', 'trade', { action: 'exportSettlements', from, to });
    expect(csv.rows).toBe(1);
    expect(csv.csv.split('\r\n').filter((l: string) => l.length > 0)).toHaveLength(2);
    expect((await ch.as('ownerGd', 'trade', { action: 'listSettlements', sellerOrgId: 'brand', from, to })).error?.code).toBe('FORBIDDEN');
  });
});

describe('a sell-through rebate sent to the rebate account', () => {
  it('a product so set credits the dealer’s rebate account with the brand, not its org wallet; the ledger holds', async () => {
    const productId = await ch.product(STD_PACKAGING, { ...STD_POLICY, dealerRebateTo: 'rebate_account' });
    const [c] = await ch.batch(1, productId);
    await ch.flow([c!.code], ['brand', 'gd', 'storeGz']);
    const before = (await ch.ok('ownerGd', 'order', { action: 'balances', buyerOrgId: ch.ids.gd, sellerOrgId: 'brand' })).rebate;
    const walletBefore = balanceOf(ch.cloud, `org:${ch.ids.gd}`);
    await ch.ok('consumer1', 'scan', { action: 'redeem', code: c!.boxes[0]!.items[0]!.hiddenCode });
    const after = (await ch.ok('ownerGd', 'order', { action: 'balances', buyerOrgId: ch.ids.gd, sellerOrgId: 'brand' })).rebate;
    expect(after - before).toBe(STD_POLICY.dealerRebate);
    expect(balanceOf(ch.cloud, `org:${ch.ids.gd}`)).toBe(walletBefore);
    // Both ledgers in one: balanced, every balance the sum of its postings, nothing internal below zero.
    const r = ledgerReport(ch.cloud);
    expect(r.sum).toBe(0);
    expect(r.mismatched).toEqual([]);
    expect(r.negative.filter((n) => !n.id.startsWith('credit:'))).toEqual([]);
  });
});
