/**
 * Goal: ordering as one continuous story through the terminal, dealer and admin H5 apps in real
 * Chromium against one local cloud that starts empty, every step on the apps' screens and every
 * figure on screen the backend's own:
 *
 * 0. set-up through the API (the parts other tests own): the small channel (`setUpChannel`), the
 *    brand's list prices by the case with a floor for stores, four cases at the Guangdong dealer
 *    and one left at the brand, the dealer's credit line for its 天河 store, a ¥50.00 deposit
 *    top-up the dealer confirmed, and the brand supplying the store directly too (F2b);
 * 1. the store's clerk opens 订货, picks the product's category chip, puts three cases in the cart, sees the quote and the tenders
 *    proposed (deposit ¥50.00, credit for the rest), confirms and submits (terminal);
 * 2. the dealer sees the badge, approves, ships two cases by scanning (part), then the third —
 *    a fourth case beyond the order refused on the spot (dealer);
 * 3. the clerk sees two shipping notices with an unread badge and receives the three cases by
 *    scanning, the receive screen showing what the shipments still expect (terminal);
 * 4. the clerk asks to return two cases with a reason and a photo, seeing the refund first
 *    (floor(net × 2 / 3)) (terminal);
 * 5. the dealer approves the return on its returns screen; the store sends the two cases back
 *    by scanning on the order's 扫码退回 (terminal); the dealer receives them on its receive
 *    screen (dealer);
 * 6. the clerk sees the exact refund on the order, split over deposit and credit by largest
 *    remainder, and the balances (terminal);
 * 7. the dealer's office: a policy price below the brand's floor marked before sending, a second
 *    order rejected (a reason is required), a customer's level saved, every seller screen; and the
 *    dealer quotes a case from the brand on the buyer's screens at the dealer price (dealer);
 * 8. the brand admin imports a price-policy CSV with a row below the floor: refused by row and
 *    column, nothing changed; fixed, it imports; the store's catalogue from the brand shows the new
 *    price (read through the API: the terminal's 订货 shows its first seller, the dealer, and has no
 *    seller picker yet); disabled, the list price again; the price list and reports at 1280 × 800.
 *
 * Screenshots (375 × 812 unless named -desktop): artifacts/screenshots/story-order-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { largestRemainder } from '@channel-router/shared/ordering/tenders';
import { formatFen } from '@channel-router/shared/money';
import type { BalancesRes, CatalogRes, ListPricePoliciesRes, OrderView } from '@channel-router/shared/api';
import { startTestCloud, type TestCloud } from '../local-cloud/src/testing';
import { launchBrowser, loginThroughPicker, newPhonePage } from './src/browser';
import { BUILD_TIMEOUT_MS, ensureBuilt } from './src/builds';
import { ITEMS_PER_CASE, PEOPLE, PRODUCT_CATEGORY, setUpChannel, type Channel } from './src/channel';
import { LIST_PRICES, placeOrder, setUpSelling, STORE_FLOOR, STORE_CREDIT_LIMIT, topUpDeposit } from './src/ordering';
import { back, confirmModal, fill, open, see, shot, shows, showsPart, tap, textOf, tid } from './src/screen';

/** A step drives up to three screens and a dozen backend calls on a loaded two-core machine. */
const STEP_TIMEOUT_MS = 240_000;
const CASES = 3;
const TOTAL = CASES * LIST_PRICES.store;
const DEPOSIT = 50_00;
/** A 1 × 1 PNG: the return's photo. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let cloud: TestCloud;
let browser: Browser;
let ch: Channel;
/** The four cases at the dealer: the store orders the first three, the fourth is one too many. */
let cases: string[];
let store: Page;
let dealer: Page;
let storeErrors: string[];
let orderId = '';
let returnId = '';
const fnCalls: string[] = [];
const notFound: string[] = [];
const pages: Page[] = [];

async function phone(app: 'terminal' | 'dealer' | 'admin', openId: string): Promise<{ page: Page; errors: string[] }> {
  const p = await newPhonePage(browser);
  pages.push(p.page);
  await loginThroughPicker(p.page, cloud.url, app, openId);
  return p;
}
const order = (orderIdToGet: string) => ch.call<OrderView>('dealerOwnerGd', 'order', { action: 'get', orderId: orderIdToGet });

beforeAll(async () => {
  await ensureBuilt(['terminal', 'dealer', 'admin'], 'h5');
  cloud = await startTestCloud();
  browser = await launchBrowser();
  // Five printed cases: four go to the dealer, one stays at the brand for the dealer's own quote.
  ch = await setUpChannel(cloud, 5);
  cases = (await setUpSelling(ch, 4)).dealerCases;
  await topUpDeposit(ch, DEPOSIT);
  await ch.call('admin', 'trade', { action: 'addRelation', buyerOrgId: ch.storeGz.id, sellerOrgId: 'brand' });
  const s = await newPhonePage(browser);
  pages.push(s.page);
  store = s.page;
  storeErrors = s.errors;
  store.on('response', (r) => {
    if (r.status() === 404) notFound.push(new URL(r.url()).pathname);
  });
  store.on('request', (r) => {
    const { pathname } = new URL(r.url());
    if (pathname.startsWith('/api/fn/')) fnCalls.push(`${pathname.slice(8)}.${String((r.postDataJSON() as { action?: unknown } | null)?.action ?? '?')}`);
  });
  await loginThroughPicker(store, cloud.url, 'terminal', PEOPLE.clerkGz.openId);
  dealer = (await phone('dealer', PEOPLE.dealerOwnerGd.openId)).page;
}, BUILD_TIMEOUT_MS);

afterAll(async () => {
  for (const p of pages) await p.context().close().catch(() => {});
  await browser?.close();
  await cloud?.close();
});

describe('ordering, one story: store orders, dealer ships, store receives and returns, refund; brand prices', () => {
  it('1. the store orders three cases: quote, tenders deposit + credit, confirm, submit (terminal)', async () => {
    const page = store;
    await tap(page, 'go-order');
    await showsPart(page, `product-${ch.productId}`, formatFen(LIST_PRICES.store));
    // The catalogue by category: 全部 and the product's own category, which keeps it in the list.
    await showsPart(page, 'categories', '全部');
    await showsPart(page, 'categories', PRODUCT_CATEGORY);
    await tap(page, `category-${PRODUCT_CATEGORY}`);
    await showsPart(page, `product-${ch.productId}`, PRODUCT_CATEGORY);
    for (let i = 0; i < CASES; i++) await tap(page, `step-${ch.productId}-plus`);
    await shows(page, 'cart-count', `已选 1 种，共 ${CASES} 箱`);
    await shot(page, 'story-order-terminal-catalog');

    await tap(page, 'go-cart');
    await shows(page, 'quote-total', formatFen(TOTAL));
    await showsPart(page, `quote-source-${ch.productId}`, `标准价 ${formatFen(LIST_PRICES.store)}/箱`);
    await see(page, 'tender-deposit');
    await expect.poll(() => page.locator('.cr-field--tender-deposit input:visible').inputValue(), { timeout: 20_000 }).toBe(formatFen(DEPOSIT, { symbol: false }));
    await expect.poll(() => page.locator('.cr-field--tender-credit input:visible').inputValue(), { timeout: 20_000 }).toBe(formatFen(TOTAL - DEPOSIT, { symbol: false }));
    await shot(page, 'story-order-terminal-cart');

    await tap(page, 'submit-order');
    expect(await confirmModal(page)).toBe(`提交订单 ${formatFen(TOTAL)}？`);
    await see(page, 'order-done');
    await shot(page, 'story-order-terminal-submitted');
    await tap(page, 'done-view-order');
    await see(page, 'order-detail');
    orderId = decodeURIComponent(/orderId=([^&]+)/.exec(page.url())![1]!);
    const o = await order(orderId);
    expect(o).toMatchObject({ buyerOrgId: ch.storeGz.id, status: 'pending_approval', total: TOTAL });
    expect(o.tenders).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'deposit', amount: DEPOSIT }), expect.objectContaining({ kind: 'credit', amount: TOTAL - DEPOSIT })]));
    await shows(page, 'order-status', '待审批');
    await shot(page, 'story-order-terminal-detail');
    expect(fnCalls.filter((c) => c === 'order.submit')).toHaveLength(1);
  }, STEP_TIMEOUT_MS);

  it('2. the dealer approves, ships two cases by scanning, then the third; a fourth is refused on the spot (dealer)', async () => {
    expect(orderId).not.toBe('');
    const page = dealer;
    await page.reload();
    await see(page, 'sell-entry');
    await expect.poll(async () => ((await tid(page, 'sell-badge').count()) > 0 ? await textOf(page, 'sell-badge') : ''), { timeout: 20_000 }).toBe('1');
    await shot(page, 'story-order-dealer-home');
    await tap(page, 'sell-entry');
    await see(page, 'sell-hub');
    await shot(page, 'story-order-dealer-hub');
    await tap(page, 'sell-nav-orders');
    await see(page, `sell-orders-table-row-${orderId}`);
    await shot(page, 'story-order-dealer-orders');
    await tap(page, `sell-orders-table-row-${orderId}`);
    await see(page, 'order-approve');
    await shows(page, 'order-status', '待审批');
    await showsPart(page, 'order-buyer', ch.storeGz.name);
    await shot(page, 'story-order-dealer-order');
    await tap(page, 'order-approve');
    await confirmModal(page);
    await shows(page, 'order-status', '待发货');

    // Part: two cases of three, with the carrier and tracking number.
    await tap(page, 'order-ship');
    await see(page, 'ship-progress');
    await fill(page, 'carrier', '顺丰');
    await fill(page, 'trackingNo', 'SF1234567');
    for (const code of cases.slice(0, 2)) {
      await fill(page, 'code', code);
      await tap(page, 'manual-submit');
      await page.locator(`[data-testid="entry-${code}"][data-status="ready"]:visible`).waitFor({ timeout: 20_000 });
    }
    await shows(page, 'ship-left', `本次 ${2 * ITEMS_PER_CASE} 件 · 发完后还差 ${ITEMS_PER_CASE} 件`);
    await shot(page, 'story-order-dealer-ship');
    await tap(page, 'submit');
    await confirmModal(page);
    await see(page, 'submit-done');
    let o = await order(orderId);
    expect(o.status).toBe('partially_shipped');
    expect(o.shipments.map((s) => [s.carrier, s.trackingNo])).toEqual([['顺丰', 'SF1234567']]);

    // The rest: the third case; the fourth is more than the order still needs, refused on the spot.
    await tap(page, 'ship-continue');
    await see(page, 'ship-close');
    await fill(page, 'code', cases[2]!);
    await tap(page, 'manual-submit');
    await page.locator(`[data-testid="entry-${cases[2]}"][data-status="ready"]:visible`).waitFor({ timeout: 20_000 });
    await fill(page, 'code', cases[3]!);
    await tap(page, 'manual-submit');
    await showsPart(page, 'scan-echo', '超出订单');
    expect(await tid(page, `entry-${cases[3]}`).count()).toBe(0);
    await shot(page, 'story-order-dealer-ship-over');
    await tap(page, 'submit');
    await confirmModal(page);
    await expect.poll(async () => (await order(orderId)).status, { timeout: 20_000 }).toBe('shipped');
    o = await order(orderId);
    expect(o.lines[0]!.shippedItems).toBe(CASES * ITEMS_PER_CASE);
    expect(o.shipments).toHaveLength(2);
  }, STEP_TIMEOUT_MS);

  it('3. the store sees two notices and receives the three cases by scanning (terminal)', async () => {
    const page = store;
    await back(page);
    await back(page);
    await page.reload();
    await see(page, 'catalog');
    await shows(page, 'notices-badge', '2');
    await tap(page, 'go-notices');
    await see(page, 'notices');
    await expect.poll(() => page.locator('[data-testid^="notice-"][data-read="no"]:visible').count(), { timeout: 20_000 }).toBe(2);
    await shot(page, 'story-order-terminal-notices');
    await tap(page, 'notices-read-all');
    await expect.poll(() => page.locator('[data-testid^="notice-"][data-read="no"]:visible').count(), { timeout: 20_000 }).toBe(0);

    await back(page);
    await tap(page, 'go-receive');
    await see(page, 'expected');
    const rows = page.locator('[data-testid^="expected-row-"]:visible');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(2);
    await shot(page, 'story-order-terminal-receive-expected');
    for (const code of cases.slice(0, CASES)) {
      await fill(page, 'code', code);
      await tap(page, 'manual-submit');
      await see(page, `entry-${code}`);
    }
    await expect.poll(async () => (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-left')))).join(','), { timeout: 20_000 }).toBe('0,0');
    await shot(page, 'story-order-terminal-receive-scanned');
    await tap(page, 'submit');
    await see(page, 'submit-done');
    await expect.poll(async () => (await order(orderId)).status, { timeout: 20_000 }).toBe('received');
  }, STEP_TIMEOUT_MS);

  it('4. the store asks to return two cases with a reason and a photo, seeing the refund first (terminal)', async () => {
    const page = store;
    await page.goto(`${cloud.url}/terminal/#/packages/order/detail/index?orderId=${encodeURIComponent(orderId)}`);
    await shows(page, 'order-status', '已收货');
    const line = (await order(orderId)).lines[0]!;
    await tap(page, 'return-order');
    await see(page, 'return-form');
    await tap(page, `rstep-${line.lineId}-plus`);
    await tap(page, `rstep-${line.lineId}-plus`);
    // floor(net × k / m): what the backend pays back for 2 of the 3 cases (docs/ordering.md#returns).
    await shows(page, 'return-refund', formatFen(Math.floor((line.net * 2) / CASES)));
    await fill(page, 'reason', '外箱破损');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), tap(page, 'return-photos-add')]);
    await chooser.setFiles({ name: 'damage.png', mimeType: 'image/png', buffer: PNG });
    await see(page, 'return-photos-0');
    await shot(page, 'story-order-terminal-return');
    await tap(page, 'submit-return');
    expect(await confirmModal(page)).toBe(`申请退货，预计退款 ${formatFen(Math.floor((line.net * 2) / CASES))}？`);
    await see(page, 'return-done');
    await shot(page, 'story-order-terminal-return-done');
    const r = (await order(orderId)).returns[0]!;
    expect(r).toMatchObject({ status: 'requested', reason: '外箱破损', lines: [{ lineId: line.lineId, quantity: 2 }] });
    expect(r.photos).toHaveLength(1);
    returnId = r.returnId;
  }, STEP_TIMEOUT_MS);

  it('5. the dealer approves the return; the two cases come back and the dealer receives them by scanning (dealer)', async () => {
    expect(returnId).not.toBe('');
    const page = dealer;
    await open(page, cloud.url, 'dealer', 'pages-sell/returns/index', 'sell-returns');
    await see(page, `return-${returnId}`);
    // From order.returns: the order, the lines and the photo the store sent (a signed link the browser decodes).
    await showsPart(page, `return-${returnId}-order`, (await order(orderId)).orderNo);
    await showsPart(page, `return-${returnId}-lines`, '× 2 箱');
    await see(page, `return-${returnId}-photo-0`);
    await expect.poll(() => tid(page, `return-${returnId}-photo-0`).locator('img').first().evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 20_000 }).toBeGreaterThan(0);
    await shot(page, 'story-order-dealer-returns');
    await tap(page, `return-${returnId}-approve`);
    expect(await confirmModal(page)).toBe('同意这次退货？');
    await expect.poll(async () => (await order(orderId)).returns[0]!.status, { timeout: 20_000 }).toBe('approved');

    // The store sends the two cases back on its order's 扫码退回 (`scan.ship` with `returnId`,
    // docs/ordering.md#returns): scanned against what the return names, then confirmed.
    const goingBack = cases.slice(0, 2);
    const sp = store;
    await sp.goto(`${cloud.url}/terminal/#/packages/order/detail/index?orderId=${encodeURIComponent(orderId)}`);
    // A fresh detail page (the one of step 4 is still in the page stack, with the order before the return).
    await sp.reload();
    await tap(sp, `dreturn-ship-${returnId}`);
    await see(sp, 'return-ship');
    const left = () => tid(sp, `rship-row-${ch.productId}`).first().getAttribute('data-left');
    await expect.poll(left, { timeout: 20_000 }).toBe(String(2 * ITEMS_PER_CASE));
    for (const code of goingBack) {
      await fill(sp, 'code', code);
      await tap(sp, 'manual-submit');
      await sp.locator(`[data-testid="entry-${code}"][data-status="ready"]:visible`).waitFor({ timeout: 20_000 });
    }
    await expect.poll(left, { timeout: 20_000 }).toBe('0');
    await shot(sp, 'story-order-terminal-return-ship');
    await tap(sp, 'submit');
    expect(await confirmModal(sp)).toBe(`退回 2 个码（共 ${2 * ITEMS_PER_CASE} 件）？`);
    await shows(sp, 'done-items', `${2 * ITEMS_PER_CASE} 件`);
    await expect.poll(async () => (await order(orderId)).returns[0]!.status, { timeout: 20_000 }).toBe('in_transit');

    // The dealer receives them on its ordinary receive screen, by (typed) scans.
    await page.goto(`${cloud.url}/dealer/#/pages/index/index`);
    await tap(page, 'flow-receive');
    await see(page, 'receive-org');
    for (const code of goingBack) {
      await fill(page, 'code', code);
      await tap(page, 'manual-submit');
      await page.locator(`[data-testid="entry-${code}"][data-status="ready"]:visible`).waitFor({ timeout: 20_000 });
    }
    await showsPart(page, 'scan-summary', `${2 * ITEMS_PER_CASE} 件`);
    await shot(page, 'story-order-dealer-return-receive');
    await tap(page, 'submit');
    await shows(page, 'done-items', `${2 * ITEMS_PER_CASE} 件`);
    await shot(page, 'story-order-dealer-return-received');
  }, STEP_TIMEOUT_MS);

  it('6. the store sees the exact refund, split over deposit and credit, and its balances (terminal)', async () => {
    const page = store;
    // The goods are back at the dealer: the refund follows at once (docs/ordering.md#returns).
    await expect.poll(async () => (await order(orderId)).returns[0]!.status, { timeout: 20_000 }).toBe('refunded');
    // From the 扫码退回 done screen to the order, as the clerk would (a fresh detail page).
    await tap(page, 'rship-view-order');
    await see(page, `dreturn-${returnId}`);
    await expect.poll(() => tid(page, `dreturn-${returnId}`).getAttribute('data-status'), { timeout: 20_000 }).toBe('refunded');
    const line = (await order(orderId)).lines[0]!;
    const refund = Math.floor((line.net * 2) / CASES);
    await shows(page, `dreturn-refund-${returnId}`, formatFen(refund));
    // The refund goes back over the tenders by largest remainder (docs/ordering.md#returns).
    const [toDeposit, toCredit] = largestRemainder(refund, [DEPOSIT, TOTAL - DEPOSIT]);
    await showsPart(page, 'dtender-deposit', `已退 ${formatFen(toDeposit!)}`);
    await showsPart(page, 'dtender-credit', `已退 ${formatFen(toCredit!)}`);
    await shot(page, 'story-order-terminal-refunded');

    await page.goto(`${cloud.url}/terminal/#/packages/order/balances/index`);
    const b = await ch.call<BalancesRes>('clerkGz', 'order', { action: 'balances', buyerOrgId: ch.storeGz.id, sellerOrgId: ch.dealerGd.id });
    expect(b.deposit).toBe(toDeposit);
    expect(b.credit.used).toBe(TOTAL - DEPOSIT - toCredit!);
    await shows(page, 'bal-deposit', formatFen(b.deposit));
    await shows(page, 'bal-credit-used', formatFen(b.credit.used));
    await shows(page, 'bal-credit-available', formatFen(STORE_CREDIT_LIMIT - b.credit.used, { grouping: true }));
    await shot(page, 'story-order-terminal-balances');
    await page.goto(`${cloud.url}/terminal/#/packages/order/orders/index`);
    await see(page, `order-${orderId}`);
    await shot(page, 'story-order-terminal-list');
    expect(storeErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    expect(notFound.filter((p) => !p.endsWith('/favicon.ico'))).toEqual([]);
  }, STEP_TIMEOUT_MS);

  it('7. the dealer’s office: floor marked before sending, a rejection needs a reason, a customer, every screen; buying from the brand (dealer)', async () => {
    const page = dealer;
    await open(page, cloud.url, 'dealer', 'pages-sell/policy/index', 'sell-policy');
    await fill(page, 'policy-item-0-product', ch.productId);
    await fill(page, 'policy-item-0-price', ((STORE_FLOOR - 100) / 100).toFixed(2));
    await page.locator('.cr-field--policy-item-0-price .cr-field__hint:visible', { hasText: '品牌价' }).waitFor({ timeout: 20_000 });
    const policies = async () => (await ch.call<ListPricePoliciesRes>('dealerOwnerGd', 'trade', { action: 'listPricePolicies', sellerOrgId: ch.dealerGd.id })).policies.length;
    const before = await policies();
    await tap(page, 'policy-save');
    await shows(page, 'policy-item-0-price-error', `低于品牌控价：门店不低于 ${formatFen(STORE_FLOOR)}`);
    await shot(page, 'story-order-dealer-policy');
    expect(await policies()).toBe(before);

    // Another order (placed through the API) is rejected: a reason is required, and the buyer sees it.
    const second = await placeOrder(ch, 1);
    await open(page, cloud.url, 'dealer', `pages-sell/order/index?id=${second.orderId}`, 'order-reject');
    await tap(page, 'order-reject');
    await tap(page, 'reject-confirm');
    await shows(page, 'reject-reason-error', '请填写原因，买方会看到');
    await fill(page, 'reject-reason', '本周缺货');
    await tap(page, 'reject-confirm');
    await confirmModal(page);
    await shows(page, 'order-status', '已取消');
    const rejected = await ch.call<OrderView>('clerkGz', 'order', { action: 'get', orderId: second.orderId });
    expect(rejected.status).toBe('cancelled');
    expect(rejected.history.at(-1)).toMatchObject({ to: 'cancelled', reason: '本周缺货' });

    for (const [name, testId] of [['customers', 'sell-customers'], ['credit', 'sell-credit'], ['transfers', 'sell-transfers'], ['receivables', 'sell-receivables'], ['stock', 'sell-stock'], ['reports', 'sell-reports'], ['policies', 'sell-policies']] as const) {
      await open(page, cloud.url, 'dealer', `pages-sell/${name}/index`, testId);
      await shot(page, `story-order-dealer-${name}`);
    }
    await open(page, cloud.url, 'dealer', `pages-sell/customer/index?id=${ch.storeGz.id}`, 'sell-customer');
    await fill(page, 'level', 'A');
    await fill(page, 'groups', 'vip');
    await tap(page, 'customer-save');
    const levelOf = async () => (await ch.call<{ customers: Array<{ buyerOrgId: string; level: string | null }> }>('dealerOwnerGd', 'trade', { action: 'listCustomers', sellerOrgId: ch.dealerGd.id })).customers.find((c) => c.buyerOrgId === ch.storeGz.id)?.level;
    await expect.poll(levelOf, { timeout: 20_000 }).toBe('A');
    await shot(page, 'story-order-dealer-customer');

    // The dealer buys from the brand on the buyer's screens, at the dealer price; nothing with the
    // brand (deposit, rebate, credit): WeChat Pay for the whole.
    await page.goto(`${cloud.url}/dealer/#/pages/index/index`);
    await tap(page, 'flow-buy');
    await showsPart(page, `product-${ch.productId}`, formatFen(LIST_PRICES.dealer));
    await tap(page, `step-${ch.productId}-plus`);
    await shows(page, 'cart-count', '已选 1 种，共 1 箱');
    await shot(page, 'story-order-dealer-buy-catalog');
    await tap(page, 'go-cart');
    await shows(page, 'quote-total', formatFen(LIST_PRICES.dealer));
    await showsPart(page, 'tenders', `其余 ${formatFen(LIST_PRICES.dealer)} 用`);
    await shot(page, 'story-order-dealer-buy-cart');
  }, STEP_TIMEOUT_MS);

  it('8. the brand admin imports a price-policy CSV: a bad row refused, nothing changed; fixed, imported; the store’s catalogue shows it (admin)', async () => {
    const { page } = await phone('admin', PEOPLE.admin.openId);
    await open(page, cloud.url, 'admin', 'pages-sell/prices/index', 'sell-prices');
    await see(page, `prices-table-row-${ch.productId}`);
    await shot(page, 'story-order-admin-prices');

    await open(page, cloud.url, 'admin', 'pages-sell/policies/index', 'sell-policies');
    const head = 'policy,scope,targets,productId,price,minQuantity,from,to,priority,enabled';
    const row = (price: string) => `spring,customer,${ch.storeGz.id},${ch.productId},${price},,2026-01-01,2030-01-01,10,是`;
    const brandPolicies = async () => (await ch.call<ListPricePoliciesRes>('admin', 'trade', { action: 'listPricePolicies', sellerOrgId: 'brand' })).policies;
    const storePrice = async () => (await ch.call<CatalogRes>('clerkGz', 'order', { action: 'catalog', sellerOrgId: 'brand' })).products.find((x) => x.productId === ch.productId);
    const priceBefore = (await storePrice())?.unitPrice;
    expect(priceBefore).toBe(LIST_PRICES.store);

    await page.locator('.cr-sell-csv textarea:visible').fill(`${head}\n${row(((STORE_FLOOR - 100) / 100).toFixed(2))}\n`);
    await tap(page, 'csv-import');
    await confirmModal(page);
    await see(page, 'csv-problems');
    await shows(page, 'csv-problem-2-price', '第 2 行 · 价格(price)：低于品牌控价');
    await showsPart(page, 'csv-summary', '没有导入任何价格政策');
    await shot(page, 'story-order-admin-policies-import-refused');
    expect(await brandPolicies()).toEqual([]);
    expect((await storePrice())?.unitPrice).toBe(priceBefore);

    const NEW_PRICE = 46_50;
    await page.locator('.cr-sell-csv textarea:visible').fill(`${head}\n${row((NEW_PRICE / 100).toFixed(2))}\n`);
    await tap(page, 'csv-import');
    await confirmModal(page);
    await expect.poll(async () => (await brandPolicies()).length, { timeout: 20_000 }).toBe(1);
    const imported = (await brandPolicies())[0]!;
    expect(imported).toMatchObject({ scope: 'customer', targetIds: [ch.storeGz.id], items: [{ productId: ch.productId, price: NEW_PRICE }], priority: 10, enabled: true });
    await see(page, `policy-${imported.policyId}`);
    // The store's catalogue from the brand, read through the API: the terminal's 订货 opens its
    // first seller (the dealer) and has no seller picker yet.
    expect(await storePrice()).toMatchObject({ unitPrice: NEW_PRICE, priceSource: { scope: 'customer' } });

    // Disabled, the store pays the list price again; enabled, the policy's.
    await tap(page, `policy-${imported.policyId}-toggle`);
    await expect.poll(async () => (await storePrice())?.unitPrice, { timeout: 20_000 }).toBe(LIST_PRICES.store);
    await tap(page, `policy-${imported.policyId}-toggle`);
    await expect.poll(async () => (await storePrice())?.unitPrice, { timeout: 20_000 }).toBe(NEW_PRICE);
    await tap(page, 'policies-export');
    await showsPart(page, 'policies-csv', `${ch.productId},${(NEW_PRICE / 100).toFixed(2)}`);
    await shot(page, 'story-order-admin-policies');

    for (const [name, testId] of [['hub', 'sell-hub'], ['orders', 'sell-orders'], ['credit', 'sell-credit'], ['reports', 'sell-reports']] as const) {
      await open(page, cloud.url, 'admin', `pages-sell/${name}/index`, testId);
      await shot(page, `story-order-admin-${name}`);
    }

    // The office on a desktop browser: the price list and the reports as tables.
    await page.setViewportSize({ width: 1280, height: 800 });
    await open(page, cloud.url, 'admin', 'pages-sell/prices/index', 'sell-prices');
    expect(await page.locator('.cr-sell-table__row--head:visible').count()).toBe(1);
    await shot(page, 'story-order-admin-prices-desktop');
    await open(page, cloud.url, 'admin', 'pages-sell/reports/index', 'sell-reports');
    await tap(page, 'report-sales_by_customer');
    // Across the channel: the dealer's sale to its store (the story's order) is there.
    await showsPart(page, 'report-table', ch.storeGz.name);
    await shot(page, 'story-order-admin-reports-desktop');
  }, STEP_TIMEOUT_MS);
});
