/**
 * Goal: promotions and a rebate statement in real Chromium against one local cloud, where every
 * figure a page shows is the backend's (docs/promotions.md#promotions,
 * docs/promotions.md#rebate-programs):
 *
 * 0. set up through the API: the channel with a second product (the gift), the brand's list
 *    prices by the case, cases of both at the Guangdong dealer, a ¥200.00 deposit for the 天河
 *    store; the dealer's 满送 on the gift product (one case gives one more); the dealer's order
 *    from the brand placed 20 days ago, received, swept to completed and dated into the last quarter;
 * 1. the dealer fills its promotion editor: a 满减 on the first product for stores (满100减10,
 *    满200减30), saved and running as `trade.listPromotions` answers;
 * 2. the store's clerk puts three cases and one gift-product case in the cart: the quote screen
 *    shows the 满减 line, the free gift and the 再买 hint exactly as `order.quote` answers (a
 *    threshold promotion takes its lines alone, docs/promotions.md#stacking, hence two products);
 *    the clerk submits;
 * 3. the dealer approves and ships, the store receives (API); the clerk returns two of the three
 *    cases on the return screen and sees floor(net × 2 / 3) before and after the refund;
 * 4. the brand's quarterly program (2 %, approval chain finance → admin) computes the dealer's
 *    statement (API); the brand admin approves it twice on the admin app's statements screen; it
 *    is posted once and the dealer's rebate account holds it;
 * 5. the dealer's buying cart shows the rebate; the next order pays part with it (API submit).
 *
 * The dealer's 满减 is saved on its promotion editor screen; the 满送 through the API.
 * Screenshots at 375 × 812: artifacts/screenshots/promo-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFen } from '@channel-router/shared/money';
import { periodOf, previousPeriod } from '@channel-router/shared';
import type { ActionRes, BalancesRes, OrderView } from '@channel-router/shared/api';
import { startTestCloud, type TestCloud } from '../local-cloud/src/testing';
import { launchBrowser, loginThroughPicker, newPhonePage, PHONE, screenshot } from './src/browser';
import { BUILD_TIMEOUT_MS, ensureBuilt } from './src/builds';
import { PEOPLE, setUpChannel, type Channel } from './src/channel';

const STEP_TIMEOUT_MS = 240_000;
const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;
const CASE_PRICES = { dealer: 4_000, wholesaler: 4_400, store: 4_801 };
const GIFT_PRICES = { dealer: 500, wholesaler: 600, store: 800 };
const DEPOSIT = 20_000;
/** Cases 0..3 go to the dealer (three ordered, one gift); 4..5 the dealer's past order; 6 its next. */
const PRINTED = 7;
const STORE_CASES = 3;
const RETURNED = 2;
const REBATE_BP = 200;
const REDUCTION_NAME = '满100减10，满200减30';
const LAST_QUARTER = previousPeriod(periodOf('quarter', Date.now()));
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

type Quote = ActionRes<'order', 'quote'>;

let cloud: TestCloud;
let browser: Browser;
let ch: Channel;
let page: Page;
let errors: string[];
let reductionId = '';
let giftId = '';
let giftProductId = '';
let giftCodes: string[] = [];
let pastOrderTotal = 0;
let orderId = '';

const clock = (daysAgo: number) => cloud.cloud.runner.setClockOffset(-daysAgo * DAY_MS);
const codesOf = (from: number, to: number) => ch.cases.slice(from, to).map((c) => c.code);
const tid = (id: string) => page.locator(`[data-testid="${id}"]:visible`);
const tap = async (id: string) => tid(id).first().click();
const see = async (id: string) => tid(id).first().waitFor({ timeout: 60_000 });
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const shows = async (id: string, expected: string) => {
  await see(id);
  await expect.poll(async () => norm(await tid(id).first().innerText()), { timeout: 20_000 }).toBe(expected);
};
const showsPart = async (id: string, part: string) => {
  await see(id);
  await expect.poll(async () => norm(await tid(id).first().innerText()), { timeout: 20_000 }).toContain(part);
};
async function confirmModal(): Promise<string> {
  await page.locator('.taro-modal__content').waitFor({ state: 'visible' });
  const title = (await page.locator('.taro-modal__title').first().innerText().catch(() => '')).trim();
  const ok = page.locator('.taro-modal__content .taro-model__confirm');
  await ok.click();
  await ok.waitFor({ state: 'hidden' });
  return title;
}
async function shot(name: string): Promise<void> {
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { timeout: 10_000 }).toBeLessThanOrEqual(PHONE.width);
  await screenshot(page, name);
}

beforeAll(async () => {
  await ensureBuilt(['terminal', 'dealer', 'admin'], 'h5');
  cloud = await startTestCloud();
  browser = await launchBrowser();
  ch = await setUpChannel(cloud, PRINTED);
  // Goods reach the dealer before the order placed in the past (custody orders scans by time).
  giftProductId = (
    await ch.call<{ productId: string }>('admin', 'channel', {
      action: 'createProduct', sku: 'SIM-GIFT-250', name: '模拟赠品醋 250ml', packaging: { itemsPerBox: 2, boxesPerCase: 2 },
      policy: { consumerReward: 0, storeReward: 0, dealerRebate: 0, diversionPenalty: 0 },
    })
  ).productId;
  const { batchId } = await ch.call<{ batchId: string }>('admin', 'codes', { action: 'createBatch', productId: giftProductId, cases: 2 });
  giftCodes = (await ch.call<{ cases: Array<{ code: string }> }>('admin', 'codes', { action: 'exportBatch', batchId })).cases.map((c) => c.code);
  clock(25);
  await ch.call('admin', 'scan', { action: 'stockIn', codes: [...codesOf(0, PRINTED), ...giftCodes] });
  await ch.call('admin', 'trade', { action: 'setListPrices', productId: ch.productId, unit: 'case', listPrices: CASE_PRICES });
  await ch.call('admin', 'trade', { action: 'setListPrices', productId: giftProductId, unit: 'case', listPrices: GIFT_PRICES });
  await ch.call('admin', 'scan', { action: 'ship', codes: [...codesOf(0, 4), ...giftCodes], toOrgId: ch.dealerGd.id });
  await ch.call('dealerOwnerGd', 'scan', { action: 'receive', codes: [...codesOf(0, 4), ...giftCodes] });
  // The dealer's order from the brand, 20 days ago: past the return window, the sweep completes it.
  clock(20);
  const lines = [{ productId: ch.productId, quantity: 2 }];
  const q = await ch.call<Quote>('dealerOwnerGd', 'order', { action: 'quote', sellerOrgId: 'brand', lines });
  pastOrderTotal = q.total;
  const placed = await ch.call<{ orderId: string; payments: Array<{ paymentId: string }> }>('dealerOwnerGd', 'order', {
    action: 'submit', sellerOrgId: 'brand', lines, expectedTotal: q.total, requestId: 'e2e-promo-past-0001',
    tenders: [{ kind: 'transfer', amount: q.total, receiptFileId: 'cloud://local-dev.local-dev-local/uploads/dealer/sim-dealer-gd/20261115/q.jpg' }],
  });
  await ch.call('admin', 'order', { action: 'confirmTransfer', paymentId: placed.payments[0]!.paymentId });
  await ch.call('admin', 'order', { action: 'approve', orderId: placed.orderId });
  await ch.call('admin', 'scan', { action: 'ship', codes: codesOf(4, 6), toOrgId: ch.dealerGd.id, orderId: placed.orderId });
  await ch.call('dealerOwnerGd', 'scan', { action: 'receive', codes: codesOf(4, 6) });
  clock(0);
  const swept = await cloud.call('order', { action: 'sweep' });
  expect(swept.ok, JSON.stringify(swept)).toBe(true);
  expect((await ch.call<OrderView>('dealerOwnerGd', 'order', { action: 'get', orderId: placed.orderId })).status).toBe('completed');
  // The functions' clock moves at most 30 days: the completion is dated into the last quarter.
  cloud.db.store!.update('orders', { _id: placed.orderId }, { completedAt: LAST_QUARTER.from_ms + 10 * DAY_MS }, { multi: false, merge: true, upsert: false });

  // The store's deposit with the dealer.
  const { paymentId } = await ch.call<{ paymentId: string }>('clerkGz', 'order', {
    action: 'topUp', sellerOrgId: ch.dealerGd.id, amount: DEPOSIT, method: 'transfer', receiptFileId: 'cloud://local-dev.local-dev-local/uploads/terminal/sim-clerk-gz/20261205/topup.jpg', requestId: 'e2e-promo-topup-0001',
  });
  await ch.call('dealerOwnerGd', 'order', { action: 'confirmTransfer', paymentId });

  // The dealer's 满送 (API; its 满减 is saved on the editor screen in step 1).
  const now = Date.now();
  giftId = (
    await ch.call<{ promotionId: string }>('dealerOwnerGd', 'trade', {
      action: 'savePromotion', type: 'full_gift', name: '买1箱赠1箱', targeting: { kinds: ['store'] }, products: { scope: 'listed', productIds: [giftProductId] }, thresholdBy: 'units',
      tiers: [{ threshold: 1, gifts: [{ productId: giftProductId, quantity: 1 }] }], from: now - DAY_MS, to: now + YEAR_MS, perBuyerLimit: 1, requestId: 'e2e-promo-gift-0001',
    })
  ).promotionId;
  ({ page, errors } = await newPhonePage(browser));
  await loginThroughPicker(page, cloud.url, 'terminal', PEOPLE.clerkGz.openId);
}, BUILD_TIMEOUT_MS);

afterAll(async () => {
  cloud?.cloud.runner.setClockOffset(0);
  await page?.context().close().catch(() => {});
  await browser?.close();
  await cloud?.close();
});

describe('a store orders under a 满减 and a 满送, returns part and sees the exact refund', () => {
  it('1. the dealer creates the 满减 on its promotion editor screen', async () => {
    const dealer = await newPhonePage(browser);
    const main = page;
    page = dealer.page;
    try {
      await loginThroughPicker(page, cloud.url, 'dealer', PEOPLE.dealerOwnerGd.openId);
      await page.goto(`${cloud.url}/dealer/#/pages-promo/promotion/index?type=full_reduction`);
      await see('promotion-editor');
      const field = (name: string) => page.locator(`.cr-field--${name} input:visible`).first();
      await field('name').fill(REDUCTION_NAME);
      await field('tier-0-threshold').fill('100');
      await field('tier-0-off').fill('10');
      await tap('add-tier');
      await field('tier-1-threshold').fill('200');
      await field('tier-1-off').fill('30');
      await tap('target-kinds-store');
      await tap('scope-kind-listed');
      await tap(`scope-products-${ch.productId}`);
      await shot('promo-dealer-editor');
      await tap('save');
      const saved = async () =>
        (await ch.call<ActionRes<'trade', 'listPromotions'>>('dealerOwnerGd', 'trade', { action: 'listPromotions', sellerOrgId: ch.dealerGd.id })).promotions.find((x) => x.name === REDUCTION_NAME);
      await expect.poll(async () => (await saved()) !== undefined, { timeout: 30_000 }).toBe(true);
      const p = (await saved())!;
      expect(p).toMatchObject({
        type: 'full_reduction', running: true, targeting: { kinds: ['store'] }, products: { scope: 'listed', productIds: [ch.productId] }, thresholdBy: 'amount',
        tiers: [expect.objectContaining({ threshold: 10_000, off: 1_000 }), expect.objectContaining({ threshold: 20_000, off: 3_000 })],
      });
      reductionId = p.promotionId;
      expect(dealer.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    } finally {
      page = main;
      await dealer.page.context().close().catch(() => {});
    }
  }, STEP_TIMEOUT_MS);

  it('2. the cart shows the 满减 line, the gift and the 再买 hint as the quote answers; submits', async () => {
    const lines = [{ productId: ch.productId, quantity: STORE_CASES }, { productId: giftProductId, quantity: 1 }];
    expect(reductionId).not.toBe('');
    const q = await ch.call<Quote>('clerkGz', 'order', { action: 'quote', sellerOrgId: ch.dealerGd.id, lines });
    const line = q.lines[0]!;
    expect(line.discounts, JSON.stringify(q)).toEqual([expect.objectContaining({ promotionId: reductionId, amount: 1_000 })]);
    expect(q.gifts).toEqual([expect.objectContaining({ productId: giftProductId, quantity: 1, promotionId: giftId })]);
    expect(q.total).toBe(STORE_CASES * CASE_PRICES.store - 1_000 + GIFT_PRICES.store);
    // 144.03 reaches 满100 but not 满200: the hint names what is missing for the next tier.
    expect(q.missed).toEqual([expect.objectContaining({ promotionId: reductionId, missing: 20_000 - STORE_CASES * CASE_PRICES.store, reward: 3_000 })]);

    await tap('go-order');
    await see(`product-${ch.productId}`);
    for (let i = 0; i < STORE_CASES; i++) await tap(`step-${ch.productId}-plus`);
    await tap(`step-${giftProductId}-plus`);
    await shows('cart-count', `已选 2 种，共 ${STORE_CASES + 1} 箱`);
    await tap('go-cart');
    await shows('quote-total', formatFen(q.total));
    await shows(`discount-${ch.productId}-0`, `促销优惠 -${formatFen(1_000)}`);
    await showsPart(`gift-${giftProductId}`, '模拟赠品醋 250ml × 1箱');
    for (const [i, m] of q.missed.entries()) await shows(`missed-${i}`, `再买 ${formatFen(m.missing)} 可减 ${formatFen(m.reward)}`);
    await shot('promo-store-cart');

    await tap('submit-order');
    expect(await confirmModal()).toBe(`提交订单 ${formatFen(q.total)}？`);
    await see('order-done');
    await tap('done-view-order');
    await see('order-detail');
    orderId = decodeURIComponent(/orderId=([^&]+)/.exec(page.url())![1]!);
    const o = await ch.call<OrderView>('dealerOwnerGd', 'order', { action: 'get', orderId });
    expect(o).toMatchObject({ buyerOrgId: ch.storeGz.id, total: q.total });
    expect(o.lines.map((l) => [l.productId, l.quantity, l.net])).toEqual([
      [ch.productId, STORE_CASES, line.net],
      [giftProductId, 1, q.lines[1]!.net],
      [giftProductId, 1, 0],
    ]);
    await shot('promo-store-order');
  }, STEP_TIMEOUT_MS);

  it('3. returns two of the three cases and sees floor(net × 2 / 3) before and after the refund', async () => {
    expect(orderId).not.toBe('');
    await ch.call('dealerOwnerGd', 'order', { action: 'approve', orderId });
    const shipped = [...codesOf(0, STORE_CASES), ...giftCodes];
    await ch.call('dealerOwnerGd', 'scan', { action: 'ship', codes: shipped, toOrgId: ch.storeGz.id, orderId });
    await ch.call('clerkGz', 'scan', { action: 'receive', codes: shipped });
    const before = await ch.call<OrderView>('clerkGz', 'order', { action: 'get', orderId });
    expect(before.status).toBe('received');
    const line = before.lines[0]!;
    const refund = Math.floor((line.net * RETURNED) / STORE_CASES);

    await page.goto(`${cloud.url}/terminal/#/packages/order/detail/index?orderId=${encodeURIComponent(orderId)}`);
    await see('order-detail');
    await tap('return-order');
    await see('return-form');
    for (let i = 0; i < RETURNED; i++) await tap(`rstep-${line.lineId}-plus`);
    await shows('return-refund', formatFen(refund));
    await page.locator('.cr-field--reason input:visible').fill('外箱破损');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), tap('return-photos-add')]);
    await chooser.setFiles({ name: 'damage.png', mimeType: 'image/png', buffer: PNG });
    await see('return-photos-0');
    await shot('promo-store-return');
    await tap('submit-return');
    expect(await confirmModal()).toBe(`申请退货，预计退款 ${formatFen(refund)}？`);
    await see('return-done');

    const asked = await ch.call<OrderView>('clerkGz', 'order', { action: 'get', orderId });
    const r = asked.returns[0]!;
    expect(r).toMatchObject({ status: 'requested', lines: [{ lineId: line.lineId, quantity: RETURNED }] });
    await ch.call('dealerOwnerGd', 'order', { action: 'approveReturn', returnId: r.returnId });
    const goingBack = codesOf(0, RETURNED);
    await ch.call('clerkGz', 'scan', { action: 'ship', codes: goingBack, toOrgId: ch.dealerGd.id, returnId: r.returnId });
    await ch.call('dealerOwnerGd', 'scan', { action: 'receive', codes: goingBack, orgId: ch.dealerGd.id });
    const after = await ch.call<OrderView>('clerkGz', 'order', { action: 'get', orderId });
    expect(after.returns[0]).toMatchObject({ status: 'refunded', refund });

    await tap('return-view-order');
    await see(`dreturn-${r.returnId}`);
    await expect.poll(() => tid(`dreturn-${r.returnId}`).getAttribute('data-status'), { timeout: 20_000 }).toBe('refunded');
    await shows(`dreturn-refund-${r.returnId}`, formatFen(refund));
    await shot('promo-store-refunded');
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  }, STEP_TIMEOUT_MS);
});

describe("a dealer's quarterly rebate statement passes two approvals and pays part of its next order", () => {
  let statementId = '';
  let payable = 0;

  it('4. the brand admin approves the computed statement twice on the statements screen; it is posted once', async () => {
    const { programId } = await ch.call<{ programId: string }>('admin', 'trade', {
      action: 'saveRebateProgram', name: '经销商季度返利', period: 'quarter', mode: 'whole', tiers: [{ threshold: 0, rate_bp: REBATE_BP }], targeting: { kinds: ['dealer'] },
      products: { scope: 'all' }, approvalChain: ['finance', 'admin'], from: 0, to: Date.now() + YEAR_MS, requestId: 'e2e-promo-program-0001',
    });
    const computed = await ch.call<ActionRes<'trade', 'computeRebates'>>('admin', 'trade', { action: 'computeRebates', programId, periodKey: LAST_QUARTER.key });
    expect(computed).toMatchObject({ final: true, created: 1 });
    const listed = await ch.call<ActionRes<'trade', 'listStatements'>>('admin', 'trade', { action: 'listStatements', programId });
    const s = listed.statements.find((x) => x.buyerOrgId === ch.dealerGd.id)!;
    payable = Math.floor((pastOrderTotal * REBATE_BP) / 10_000);
    expect(s).toMatchObject({ basis_fen: pastOrderTotal, payable_fen: payable, status: 'pending_approval', chain: ['finance', 'admin'], step: 0 });
    statementId = s.statementId;

    const admin = await newPhonePage(browser);
    const main = page;
    page = admin.page;
    try {
      await loginThroughPicker(page, cloud.url, 'admin', PEOPLE.admin.openId);
      for (let step = 0; step < 2; step++) {
        await page.goto(`${cloud.url}/admin/#/pages-promo/statements/index`);
        await see(`statement-${statementId}`);
        await showsPart(`statement-${statementId}`, formatFen(payable));
        await shot(`promo-admin-statement-step${step + 1}`);
        await tap(`approve-${statementId}`);
        const title = await confirmModal();
        expect(title).toContain('的对账单？');
        await expect
          .poll(async () => (await ch.call<ActionRes<'trade', 'listStatements'>>('admin', 'trade', { action: 'listStatements', programId })).statements.find((x) => x.statementId === statementId)!.approvals.length, { timeout: 30_000 })
          .toBe(step + 1);
      }
      const done = (await ch.call<ActionRes<'trade', 'listStatements'>>('admin', 'trade', { action: 'listStatements', programId })).statements.find((x) => x.statementId === statementId)!;
      expect(done.status).toBe('posted');
      await page.goto(`${cloud.url}/admin/#/pages-promo/statements/index`);
      await tap('tab-posted');
      await shows(`statement-status-${statementId}`, '已入账');
      await shot('promo-admin-statement-posted');
      // Computing the period again changes nothing: posted once.
      expect(await ch.call('admin', 'trade', { action: 'computeRebates', programId, periodKey: LAST_QUARTER.key })).toMatchObject({ created: 0, unchanged: 1 });
      const b = await ch.call<BalancesRes>('dealerOwnerGd', 'order', { action: 'balances', buyerOrgId: ch.dealerGd.id, sellerOrgId: 'brand' });
      expect(b.rebate).toBe(payable);
      expect(admin.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    } finally {
      page = main;
      await admin.page.context().close().catch(() => {});
    }
  }, STEP_TIMEOUT_MS);

  it("5. the dealer's cart shows the rebate; the next order pays part with it", async () => {
    expect(payable).toBeGreaterThan(0);
    const dealer = await newPhonePage(browser);
    const main = page;
    page = dealer.page;
    try {
      await loginThroughPicker(page, cloud.url, 'dealer', PEOPLE.dealerOwnerGd.openId);
      await tap('flow-buy');
      await see(`product-${ch.productId}`);
      await tap(`step-${ch.productId}-plus`);
      await tap('go-cart');
      await shows('quote-total', formatFen(CASE_PRICES.dealer));
      await showsPart('tenders', `返利 ${formatFen(payable)}`);
      await shot('promo-dealer-cart-rebate');
    } finally {
      page = main;
      await dealer.page.context().close().catch(() => {});
    }
    const lines = [{ productId: ch.productId, quantity: 1 }];
    const total = CASE_PRICES.dealer;
    const r = await ch.call<{ orderId: string }>('dealerOwnerGd', 'order', {
      action: 'submit', sellerOrgId: 'brand', lines, expectedTotal: total, requestId: 'e2e-promo-next-0001',
      tenders: [{ kind: 'rebate', amount: payable }, { kind: 'transfer', amount: total - payable, receiptFileId: 'cloud://local-dev.local-dev-local/uploads/dealer/sim-dealer-gd/20261205/q2.jpg' }],
    });
    const o = await ch.call<OrderView>('dealerOwnerGd', 'order', { action: 'get', orderId: r.orderId });
    expect(o.tenders).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'rebate', amount: payable })]));
    const b = await ch.call<BalancesRes>('dealerOwnerGd', 'order', { action: 'balances', buyerOrgId: ch.dealerGd.id, sellerOrgId: 'brand' });
    expect(b.rebate).toBe(0);
  }, STEP_TIMEOUT_MS);
});
