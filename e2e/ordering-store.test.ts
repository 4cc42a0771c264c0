/**
 * Goal: a store orders from its dealer on the terminal H5 app in real Chromium, against one local
 * cloud, and every figure it sees is the backend's:
 *
 * 1. set up through the API (the dealer's and the brand's side, which other screens own): the
 *    channel, the brand's list price for stores (¥48.01 a case), three cases at the Guangdong
 *    dealer, a credit line of ¥100.00 for the 天河 store and a ¥50.00 deposit top-up confirmed
 *    by the dealer;
 * 2. the store's clerk opens 订货, puts three cases in the cart, sees the quote and the tenders
 *    proposed (deposit ¥50.00, credit for the rest), confirms and submits;
 * 3. the dealer approves and ships part (two cases), then the third (API): two shipping notices,
 *    shown with an unread badge;
 * 4. the clerk receives by scanning on the receive screen, which shows what the shipments still
 *    expect; the order is received;
 * 5. the clerk asks to return two cases with a reason and a photo, sees the refund first
 *    (floor(net × 2 / 3)); the dealer approves, the goods go back and are received (API), and the
 *    clerk sees the exact refund on the order, split over deposit and credit, and the balances.
 *
 * 6. the Guangdong dealer opens the same screens in the dealer app and quotes a case from the brand
 *    at the dealer price.
 *
 * Screenshots at 375 × 812: artifacts/screenshots/terminal-order-*.png, dealer-buy-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { largestRemainder } from '@channel-router/shared/ordering/tenders';
import { formatFen } from '@channel-router/shared/money';
import type { BalancesRes, OrderView } from '@channel-router/shared/api';
import { startTestCloud, type TestCloud } from '../local-cloud/src/testing';
import { launchBrowser, loginThroughPicker, newPhonePage, PHONE, screenshot } from './src/browser';
import { BUILD_TIMEOUT_MS, ensureBuilt } from './src/builds';
import { PEOPLE, setUpChannel, type Channel } from './src/channel';

const STEP_TIMEOUT_MS = 180_000;
const CASE_PRICES = { dealer: 4_000, wholesaler: 4_400, store: 4_801 };
const CREDIT_LIMIT = 10_000;
const DEPOSIT = 5_000;
const CASES = 3;
const TOTAL = CASES * CASE_PRICES.store;
const DAY_MS = 86_400_000;
/** A 1 × 1 PNG: the return's photo. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let cloud: TestCloud;
let browser: Browser;
let ch: Channel;
let page: Page;
let errors: string[];
let orderId = '';
const fnCalls: string[] = [];
/** The cases the store orders (the last printed case stays at the brand). */
const storeCases = () => ch.cases.slice(0, CASES);
/** Addresses that answered 404 (the console's "Failed to load resource" does not name them). */
const notFound: string[] = [];

const tid = (id: string) => page.locator(`[data-testid="${id}"]:visible`);
const tap = async (id: string) => tid(id).first().click();
const see = async (id: string) => tid(id).first().waitFor();
const textOf = async (id: string) => {
  await see(id);
  return (await tid(id).first().innerText()).replace(/\s+/g, ' ').trim();
};
const shows = async (id: string, expected: string) => {
  await see(id);
  await expect.poll(async () => (await tid(id).first().innerText()).replace(/\s+/g, ' ').trim(), { timeout: 15_000 }).toBe(expected);
};
const showsPart = async (id: string, part: string) => {
  await see(id);
  await expect.poll(async () => (await tid(id).first().innerText()).replace(/\s+/g, ' '), { timeout: 15_000 }).toContain(part);
};
async function confirmModal(): Promise<string> {
  const box = page.locator('.taro-modal__content');
  await box.waitFor({ state: 'visible' });
  const title = (await page.locator('.taro-modal__title').first().innerText().catch(() => '')).trim();
  const ok = page.locator('.taro-modal__content .taro-model__confirm');
  await ok.click();
  await ok.waitFor({ state: 'hidden' });
  return title;
}
/**
 * A screenshot once the screen has settled: the page's slide-in is over and nothing is wider than
 * the phone (a horizontal overflow fails here).
 */
async function shot(name: string): Promise<void> {
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { timeout: 10_000 }).toBeLessThanOrEqual(PHONE.width);
  await screenshot(page, name);
}
async function back(): Promise<void> {
  const button = await page.locator('.cr-header__back:visible').elementHandle();
  if (button === null) throw new Error('no back link on this screen');
  await button.click();
  await button.waitForElementState('hidden');
  await button.dispose();
}

beforeAll(async () => {
  await ensureBuilt(['terminal', 'dealer'], 'h5');
  cloud = await startTestCloud();
  browser = await launchBrowser();
  // One case more than the store orders: it stays at the brand, for the dealer's own order (6).
  ch = await setUpChannel(cloud, CASES + 1);
  await ch.call('admin', 'scan', { action: 'stockIn', codes: ch.cases.map((c) => c.code) });
  const codes = storeCases().map((c) => c.code);
  await ch.call('admin', 'trade', { action: 'setListPrices', productId: ch.productId, unit: 'case', listPrices: CASE_PRICES });
  await ch.call('admin', 'scan', { action: 'ship', codes, toOrgId: ch.dealerGd.id });
  await ch.call('dealerOwnerGd', 'scan', { action: 'receive', codes });
  await ch.call('dealerOwnerGd', 'trade', { action: 'setCreditLine', buyerOrgId: ch.storeGz.id, limit: CREDIT_LIMIT, from: Date.now() - DAY_MS, to: Date.now() + 90 * DAY_MS, termDays: 30 });
  const { paymentId } = await ch.call<{ paymentId: string }>('clerkGz', 'order', {
    action: 'topUp', sellerOrgId: ch.dealerGd.id, amount: DEPOSIT, method: 'transfer', receiptFileId: 'cloud://local-dev.local-dev-local/uploads/terminal/sim-clerk-gz/20261205/topup.jpg', requestId: 'e2e-topup-0001',
  });
  await ch.call('dealerOwnerGd', 'order', { action: 'confirmTransfer', paymentId });
  ({ page, errors } = await newPhonePage(browser));
  page.on('response', (r) => {
    if (r.status() === 404) notFound.push(new URL(r.url()).pathname);
  });
  page.on('request', (r) => {
    const { pathname } = new URL(r.url());
    if (pathname.startsWith('/api/fn/')) fnCalls.push(`${pathname.slice(8)}.${String((r.postDataJSON() as { action?: unknown } | null)?.action ?? '?')}`);
  });
  await loginThroughPicker(page, cloud.url, 'terminal', PEOPLE.clerkGz.openId);
}, BUILD_TIMEOUT_MS);

afterAll(async () => {
  await page?.context().close().catch(() => {});
  await browser?.close();
  await cloud?.close();
});

describe('the store orders under credit and deposit, receives, returns two cases and sees the exact refund', () => {
  it('2. orders three cases: quote, tenders deposit + credit, confirm, submit', async () => {
    await tap('go-order');
    await see(`product-${ch.productId}`);
    await showsPart(`product-${ch.productId}`, formatFen(CASE_PRICES.store));
    for (let i = 0; i < CASES; i++) await tap(`step-${ch.productId}-plus`);
    await shows('cart-count', `已选 1 种，共 ${CASES} 箱`);
    await shot('terminal-order-catalog');

    await tap('go-cart');
    await shows('quote-total', formatFen(TOTAL));
    await showsPart(`quote-source-${ch.productId}`, `标准价 ${formatFen(CASE_PRICES.store)}/箱`);
    await see('tender-deposit');
    await expect.poll(() => page.locator('.cr-field--tender-deposit input:visible').inputValue()).toBe(formatFen(DEPOSIT, { symbol: false }));
    await expect.poll(() => page.locator('.cr-field--tender-credit input:visible').inputValue()).toBe(formatFen(TOTAL - DEPOSIT, { symbol: false }));
    await shot('terminal-order-cart');

    await tap('submit-order');
    expect(await confirmModal()).toBe(`提交订单 ${formatFen(TOTAL)}？`);
    await see('order-done');
    await shot('terminal-order-submitted');
    await tap('done-view-order');
    await see('order-detail');
    orderId = decodeURIComponent(/orderId=([^&]+)/.exec(page.url())![1]!);
    const o = await ch.call<OrderView>('dealerOwnerGd', 'order', { action: 'get', orderId });
    expect(o).toMatchObject({ buyerOrgId: ch.storeGz.id, status: 'pending_approval', total: TOTAL });
    expect(o.tenders).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'deposit', amount: DEPOSIT }), expect.objectContaining({ kind: 'credit', amount: TOTAL - DEPOSIT })]));
    await shows('order-status', '待审批');
    await shot('terminal-order-detail');
    expect(fnCalls.filter((c) => c === 'order.submit')).toHaveLength(1);
  }, STEP_TIMEOUT_MS);

  it('3. the dealer approves and ships two cases, then the third: notices with an unread badge', async () => {
    expect(orderId).not.toBe('');
    await ch.call('dealerOwnerGd', 'order', { action: 'approve', orderId });
    const codes = storeCases().map((c) => c.code);
    await ch.call('dealerOwnerGd', 'scan', { action: 'ship', codes: codes.slice(0, 2), toOrgId: ch.storeGz.id, orderId, carrier: '顺丰', trackingNo: 'SF0000000001' });
    await ch.call('dealerOwnerGd', 'scan', { action: 'ship', codes: codes.slice(2), toOrgId: ch.storeGz.id, orderId });
    await back();
    await back();
    await page.reload();
    await see('catalog');
    await shows('notices-badge', '2');
    await tap('go-notices');
    await see('notices');
    expect(await page.locator('[data-testid^="notice-"][data-read="no"]:visible').count()).toBe(2);
    await shot('terminal-order-notices');
    await tap('notices-read-all');
    await expect.poll(() => page.locator('[data-testid^="notice-"][data-read="no"]:visible').count()).toBe(0);
  }, STEP_TIMEOUT_MS);

  it('4. receives by scanning, with what the shipments still expect', async () => {
    await back();
    await tap('go-receive');
    await see('expected');
    const rows = page.locator('[data-testid^="expected-row-"]:visible');
    await expect.poll(() => rows.count()).toBe(2);
    await shot('terminal-order-receive-expected');
    for (const c of storeCases()) {
      await page.locator('.cr-field--code input:visible').fill(c.code);
      await tap('manual-submit');
      await see(`entry-${c.code}`);
    }
    await expect.poll(async () => (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-left')))).join(','), { timeout: 15_000 }).toBe('0,0');
    await shot('terminal-order-receive-scanned');
    await tap('submit');
    await see('submit-done');
    const o = await ch.call<OrderView>('dealerOwnerGd', 'order', { action: 'get', orderId });
    expect(o.status).toBe('received');
  }, STEP_TIMEOUT_MS);

  it('5. returns two cases with a reason and a photo; sees the exact refund on the order and the balances', async () => {
    await page.goto(`${cloud.url}/terminal/#/packages/order/detail/index?orderId=${encodeURIComponent(orderId)}`);
    await shows('order-status', '已收货');
    const before = await ch.call<OrderView>('clerkGz', 'order', { action: 'get', orderId });
    const line = before.lines[0]!;
    await tap('return-order');
    await see('return-form');
    await tap(`rstep-${line.lineId}-plus`);
    await tap(`rstep-${line.lineId}-plus`);
    // floor(net × k / m): the refund the backend will pay for 2 of the 3 cases.
    const refund = Math.floor((line.net * 2) / CASES);
    await shows('return-refund', formatFen(refund));
    await page.locator('.cr-field--reason input:visible').fill('外箱破损');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), tap('return-photos-add')]);
    await chooser.setFiles({ name: 'damage.png', mimeType: 'image/png', buffer: PNG });
    await see('return-photos-0');
    await shot('terminal-order-return');
    await tap('submit-return');
    expect(await confirmModal()).toBe(`申请退货，预计退款 ${formatFen(refund)}？`);
    await see('return-done');
    await shot('terminal-order-return-done');

    const asked = await ch.call<OrderView>('clerkGz', 'order', { action: 'get', orderId });
    const r = asked.returns[0]!;
    expect(r).toMatchObject({ status: 'requested', reason: '外箱破损', lines: [{ lineId: line.lineId, quantity: 2 }] });
    expect(r.photos).toHaveLength(1);
    await ch.call('dealerOwnerGd', 'order', { action: 'approveReturn', returnId: r.returnId });
    const back2 = storeCases().slice(0, 2).map((c) => c.code);
    await ch.call('clerkGz', 'scan', { action: 'ship', codes: back2, toOrgId: ch.dealerGd.id, returnId: r.returnId });
    await ch.call('dealerOwnerGd', 'scan', { action: 'receive', codes: back2, orgId: ch.dealerGd.id });

    await tap('return-view-order');
    await see(`dreturn-${r.returnId}`);
    await expect.poll(() => tid(`dreturn-${r.returnId}`).getAttribute('data-status'), { timeout: 15_000 }).toBe('refunded');
    await shows(`dreturn-refund-${r.returnId}`, formatFen(refund));
    // The refund goes back over the tenders by largest remainder (docs/ordering.md#returns).
    const [toDeposit, toCredit] = largestRemainder(refund, [DEPOSIT, TOTAL - DEPOSIT]);
    await showsPart('dtender-deposit', `已退 ${formatFen(toDeposit!)}`);
    await showsPart('dtender-credit', `已退 ${formatFen(toCredit!)}`);
    await shot('terminal-order-refunded');

    await page.goto(`${cloud.url}/terminal/#/packages/order/balances/index`);
    const b = await ch.call<BalancesRes>('clerkGz', 'order', { action: 'balances', buyerOrgId: ch.storeGz.id, sellerOrgId: ch.dealerGd.id });
    expect(b.deposit).toBe(toDeposit);
    expect(b.credit.used).toBe(TOTAL - DEPOSIT - toCredit!);
    await shows('bal-deposit', formatFen(b.deposit));
    await shows('bal-credit-used', formatFen(b.credit.used));
    await shows('bal-credit-available', formatFen(CREDIT_LIMIT - b.credit.used));
    await shot('terminal-order-balances');
    await page.goto(`${cloud.url}/terminal/#/packages/order/orders/index`);
    await see(`order-${orderId}`);
    await shot('terminal-order-list');
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    expect(notFound.filter((p) => !p.endsWith('/favicon.ico'))).toEqual([]);
  }, STEP_TIMEOUT_MS);

  it('6. the dealer buys from the brand on the same screens, at the dealer price', async () => {
    const dealer = await newPhonePage(browser);
    const main = page;
    page = dealer.page;
    try {
      await loginThroughPicker(page, cloud.url, 'dealer', PEOPLE.dealerOwnerGd.openId);
      await tap('flow-buy');
      await showsPart(`product-${ch.productId}`, formatFen(CASE_PRICES.dealer));
      await tap(`step-${ch.productId}-plus`);
      await shows('cart-count', '已选 1 种，共 1 箱');
      await shot('dealer-buy-catalog');
      await tap('go-cart');
      await shows('quote-total', formatFen(CASE_PRICES.dealer));
      // No deposit, rebate or credit with the brand: WeChat Pay for the whole.
      await showsPart('tenders', `其余 ${formatFen(CASE_PRICES.dealer)} 用`);
      await shot('dealer-buy-cart');
      expect(dealer.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    } finally {
      page = main;
      await dealer.page.context().close().catch(() => {});
    }
  }, STEP_TIMEOUT_MS);
});
