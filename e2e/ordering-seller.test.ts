/**
 * Goal: the seller's side of ordering, through the dealer's and the brand admin's H5 apps in real
 * Chromium against one local cloud:
 *
 * 1. set-up through the API: the small channel (`setUpChannel`), the brand's list prices with a
 *    floor for stores, three cases at the Guangdong dealer, a credit line for its store, and the
 *    store's order of two cases (waiting for approval);
 * 2. the dealer opens 销售管理 (the badge counts the order), approves the order, ships one case
 *    of two by scanning (typed codes; a code beyond the order is refused on the spot), and closes
 *    the remainder: the backend holds the order shipped with 4 items sent; a second order is
 *    rejected with a reason (none given: refused on the phone);
 * 3. a price policy below the brand's floor is marked on its field before anything is sent;
 * 4. the brand admin imports a price-policy CSV with one row below the floor: refused by row and
 *    column, nothing changed; fixed, it imports, and the store's catalogue from the brand (a direct
 *    relation) shows the new price; disabled, the list price again;
 * 5. 转账确认 shows a store's deposit top-up by transfer with its receipt image (a signed link,
 *    decoded by the browser); rejecting it asks for a reason, then it leaves the list;
 * 6. every seller screen is photographed at 375 × 812, the admin's price list and reports also at
 *    1280 × 800 (a table).
 *
 * Screenshots: artifacts/screenshots/sell-<app>-<screen>.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../local-cloud/src/testing';
import type { CatalogRes, ListPricePoliciesRes, OrderView } from '@channel-router/shared/api';
import { appUrl, launchBrowser, loginThroughPicker, newPhonePage, screenshot } from './src/browser';
import { BUILD_TIMEOUT_MS, ensureBuilt } from './src/builds';
import { ITEMS_PER_CASE, PEOPLE, setUpChannel, type Channel } from './src/channel';
import { placeOrder, setUpSelling, STORE_FLOOR } from './src/ordering';

const STEP_TIMEOUT_MS = 240_000;

let cloud: TestCloud;
let browser: Browser;
let ch: Channel;
let cases: string[];
let orderId: string;
const pages: Page[] = [];

beforeAll(async () => {
  await ensureBuilt(['dealer', 'admin'], 'h5');
  cloud = await startTestCloud();
  browser = await launchBrowser();
  ch = await setUpChannel(cloud, 3);
  cases = (await setUpSelling(ch, 3)).dealerCases;
  orderId = (await placeOrder(ch, 2)).orderId;
  // The brand also supplies the Tianhe store directly (F2b): its price policies reach the store.
  await ch.call('admin', 'trade', { action: 'addRelation', buyerOrgId: ch.storeGz.id, sellerOrgId: 'brand' });
}, BUILD_TIMEOUT_MS);

afterAll(async () => {
  for (const p of pages) await p.context().close().catch(() => {});
  await browser?.close();
  await cloud?.close();
});

async function phone(app: 'dealer' | 'admin', openId: string): Promise<Page> {
  const { page } = await newPhonePage(browser);
  pages.push(page);
  await loginThroughPicker(page, cloud.url, app, openId);
  return page;
}

const tid = (page: Page, id: string) => page.locator(`[data-testid="${id}"]:visible`);
const tap = (page: Page, id: string) => tid(page, id).first().click();
const see = (page: Page, id: string) => tid(page, id).first().waitFor();
const text = async (page: Page, id: string) => {
  await see(page, id);
  return (await tid(page, id).first().innerText()).trim();
};
const fill = (page: Page, field: string, value: string) => page.locator(`.cr-field--${field} input:visible`).fill(value);
async function confirmModal(page: Page): Promise<void> {
  const ok = page.locator('.taro-modal__content .taro-model__confirm');
  await ok.waitFor({ state: 'visible' });
  await ok.click();
  await ok.waitFor({ state: 'hidden' });
}
/** A screenshot once Taro's page transition has settled (a sliding page widens the document). */
async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(600);
  await screenshot(page, name);
}
/** Opens a seller page directly (the h5 hash router), as a bookmarked desktop tab would. */
async function open(page: Page, app: 'dealer' | 'admin', name: string, testId: string, query = ''): Promise<void> {
  await page.goto(appUrl(cloud.url, app, `pages-sell/${name}/index${query}`));
  await see(page, testId);
}

describe('the seller side of ordering (dealer and brand admin, H5)', () => {
  it('the dealer approves the store’s order, ships one case of two by scanning, and closes the rest', async () => {
    const page = await phone('dealer', PEOPLE.dealerOwnerGd.openId);
    await see(page, 'sell-entry');
    await expect.poll(async () => (await tid(page, 'sell-badge').count()) > 0 ? await text(page, 'sell-badge') : '').toBe('1');
    await shot(page, 'sell-dealer-home');
    await tap(page, 'sell-entry');
    await see(page, 'sell-hub');
    await shot(page, 'sell-dealer-hub');

    await tap(page, 'sell-nav-orders');
    await see(page, `sell-orders-table-row-${orderId}`);
    await shot(page, 'sell-dealer-orders');
    await tap(page, `sell-orders-table-row-${orderId}`);
    await see(page, 'order-approve');
    expect(await text(page, 'order-status')).toBe('待审批');
    expect(await text(page, 'order-buyer')).toContain(ch.storeGz.name);
    await shot(page, 'sell-dealer-order');
    await tap(page, 'order-approve');
    await confirmModal(page);
    await expect.poll(() => text(page, 'order-status')).toBe('待发货');

    await tap(page, 'order-ship');
    await see(page, 'ship-progress');
    await fill(page, 'carrier', '顺丰');
    await fill(page, 'trackingNo', 'SF1234567');
    await fill(page, 'code', cases[0]!);
    await tap(page, 'manual-submit');
    await page.locator(`[data-testid="entry-${cases[0]}"][data-status="ready"]:visible`).waitFor();
    await expect.poll(() => text(page, 'ship-left')).toBe(`本次 ${ITEMS_PER_CASE} 件 · 发完后还差 ${ITEMS_PER_CASE} 件`);
    await shot(page, 'sell-dealer-ship');
    await tap(page, 'submit');
    await confirmModal(page);
    await see(page, 'submit-done');
    let order = await ch.call<OrderView>('dealerOwnerGd', 'order', { action: 'get', orderId });
    expect(order.status).toBe('partially_shipped');
    expect(order.shipments.map((s) => [s.carrier, s.trackingNo])).toEqual([['顺丰', 'SF1234567']]);

    await tap(page, 'ship-continue');
    await see(page, 'ship-close');
    // Two more cases are more than the one the order still needs: the second is refused on the spot.
    await fill(page, 'code', cases[1]!);
    await tap(page, 'manual-submit');
    await page.locator(`[data-testid="entry-${cases[1]}"][data-status="ready"]:visible`).waitFor();
    await fill(page, 'code', cases[2]!);
    await tap(page, 'manual-submit');
    await expect.poll(() => text(page, 'scan-echo')).toContain('超出订单');
    expect(await tid(page, `entry-${cases[2]}`).count()).toBe(0);
    await tap(page, `remove-${cases[1]}`);

    await tap(page, 'ship-close');
    await confirmModal(page);
    await see(page, 'ship-not-now');
    order = await ch.call<OrderView>('dealerOwnerGd', 'order', { action: 'get', orderId });
    expect(order.status).toBe('shipped');
    expect(order.lines[0]!.shippedItems).toBe(ITEMS_PER_CASE);

    // Another order is rejected: a reason is required, and the buyer sees it in the history.
    const second = await placeOrder(ch, 1);
    const office = await phone('dealer', PEOPLE.dealerOwnerGd.openId);
    await open(office, 'dealer', 'order', 'order-reject', `?id=${second.orderId}`);
    await tap(office, 'order-reject');
    await tap(office, 'reject-confirm');
    expect(await text(office, 'reject-reason-error')).toBe('请填写原因，买方会看到');
    await fill(office, 'reject-reason', '本周缺货');
    await tap(office, 'reject-confirm');
    await confirmModal(office);
    await expect.poll(() => text(office, 'order-status')).toBe('已取消');
    const rejected = await ch.call<OrderView>('clerkGz', 'order', { action: 'get', orderId: second.orderId });
    expect(rejected.status).toBe('cancelled');
    expect(rejected.history.at(-1)).toMatchObject({ to: 'cancelled', reason: '本周缺货' });
  }, STEP_TIMEOUT_MS);

  it('marks a dealer’s policy price below the brand’s floor on its field, before sending', async () => {
    const page = await phone('dealer', PEOPLE.dealerOwnerGd.openId);
    await open(page, 'dealer', 'policy', 'sell-policy');
    await fill(page, 'policy-item-0-product', ch.productId);
    await fill(page, 'policy-item-0-price', ((STORE_FLOOR - 100) / 100).toFixed(2));
    // The brand's prices and floors are on the phone (shown under the price) before saving.
    await page.locator('.cr-field--policy-item-0-price .cr-field__hint:visible', { hasText: '品牌价' }).waitFor();
    const before = (await ch.call<ListPricePoliciesRes>('dealerOwnerGd', 'trade', { action: 'listPricePolicies', sellerOrgId: ch.dealerGd.id })).policies.length;
    await tap(page, 'policy-save');
    expect(await text(page, 'policy-item-0-price-error')).toBe('低于品牌控价：门店不低于 ¥45.00');
    await shot(page, 'sell-dealer-policy');
    expect((await ch.call<ListPricePoliciesRes>('dealerOwnerGd', 'trade', { action: 'listPricePolicies', sellerOrgId: ch.dealerGd.id })).policies.length).toBe(before);

    for (const [name, testId] of [['customers', 'sell-customers'], ['credit', 'sell-credit'], ['transfers', 'sell-transfers'], ['receivables', 'sell-receivables'], ['stock', 'sell-stock'], ['returns', 'sell-returns'], ['reports', 'sell-reports'], ['policies', 'sell-policies']] as const) {
      await open(page, 'dealer', name, testId);
      await shot(page, `sell-dealer-${name}`);
    }
    await open(page, 'dealer', 'customer', 'sell-customer', `?id=${ch.storeGz.id}`);
    await fill(page, 'level', 'A');
    await fill(page, 'groups', 'vip');
    await tap(page, 'customer-save');
    await expect.poll(async () => (await ch.call<{ customers: Array<{ buyerOrgId: string; level: string | null }> }>('dealerOwnerGd', 'trade', { action: 'listCustomers', sellerOrgId: ch.dealerGd.id })).customers.find((c) => c.buyerOrgId === ch.storeGz.id)?.level).toBe('A');
    await shot(page, 'sell-dealer-customer');
  }, STEP_TIMEOUT_MS);

  it('转账确认 shows a store’s top-up by transfer with its receipt image; rejected with a reason, it leaves the list', async () => {
    // A valid 1 × 1 PNG: the browser must decode the image the signed link serves.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const up = await fetch(`${cloud.url}/api/storage/upload`, { method: 'POST', headers: { authorization: `Bearer ${await ch.token('clerkGz')}`, 'content-type': 'image/png' }, body: png });
    const { data } = (await up.json()) as { data: { fileID: string } };
    const { paymentId } = await ch.call<{ paymentId: string }>('clerkGz', 'order', { action: 'topUp', sellerOrgId: ch.dealerGd.id, amount: 12_300, method: 'transfer', receiptFileId: data.fileID, requestId: 'e2e-transfer-topup-0001' });

    const page = await phone('dealer', PEOPLE.dealerOwnerGd.openId);
    await open(page, 'dealer', 'transfers', `transfer-${paymentId}`);
    const card = await text(page, `transfer-${paymentId}`);
    expect(card).toContain('充值');
    expect(card).toContain('¥123.00');
    await see(page, `receipt-${paymentId}-image`);
    await expect.poll(() => tid(page, `receipt-${paymentId}-image`).locator('img').first().evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 20_000 }).toBe(1);
    await shot(page, 'sell-dealer-transfers-topup');

    await tap(page, `transfer-${paymentId}-reject`);
    await tap(page, `transfer-${paymentId}-reject-confirm`);
    expect(await text(page, `transfer-${paymentId}-reason-error`)).toBe('请填写原因，买方会看到');
    await fill(page, `transfer-${paymentId}-reason`, '金额不符');
    await tap(page, `transfer-${paymentId}-reject-confirm`);
    await expect.poll(async () => tid(page, `transfer-${paymentId}`).count(), { timeout: 20_000 }).toBe(0);
    const left = await ch.call<{ transfers: Array<{ paymentId: string }> }>('dealerOwnerGd', 'order', { action: 'transfers', orgId: ch.dealerGd.id });
    expect(left.transfers.map((t) => t.paymentId)).not.toContain(paymentId);
  }, STEP_TIMEOUT_MS);

  it('the brand admin imports a price-policy CSV: a bad row is refused by row and column, nothing changes; fixed, it imports and the store’s catalogue shows the price', async () => {
    const page = await phone('admin', PEOPLE.admin.openId);
    await open(page, 'admin', 'prices', 'sell-prices');
    await see(page, `prices-table-row-${ch.productId}`);
    await shot(page, 'sell-admin-prices');

    await open(page, 'admin', 'policies', 'sell-policies');
    const head = 'policy,scope,targets,productId,price,minQuantity,from,to,priority,enabled';
    const row = (price: string) => `spring,customer,${ch.storeGz.id},${ch.productId},${price},,2026-01-01,2030-01-01,10,是`;
    const bad = `${head}\n${row('44.00')}\n`;
    await page.locator('.cr-sell-csv textarea:visible').fill(bad);
    await tap(page, 'csv-import');
    await confirmModal(page);
    await see(page, 'csv-problems');
    expect(await text(page, 'csv-problem-2-price')).toBe('第 2 行 · 价格(price)：低于品牌控价');
    expect(await text(page, 'csv-summary')).toContain('没有导入任何价格政策');
    await shot(page, 'sell-admin-policies-import-refused');
    const none = await ch.call<ListPricePoliciesRes>('admin', 'trade', { action: 'listPricePolicies', sellerOrgId: 'brand' });
    expect(none.policies).toEqual([]);

    await page.locator('.cr-sell-csv textarea:visible').fill(`${head}\n${row('46.50')}\n`);
    await tap(page, 'csv-import');
    await confirmModal(page);
    await expect.poll(async () => (await ch.call<ListPricePoliciesRes>('admin', 'trade', { action: 'listPricePolicies', sellerOrgId: 'brand' })).policies.length).toBe(1);
    const imported = (await ch.call<ListPricePoliciesRes>('admin', 'trade', { action: 'listPricePolicies', sellerOrgId: 'brand' })).policies[0]!;
    expect(imported).toMatchObject({ scope: 'customer', targetIds: [ch.storeGz.id], items: [{ productId: ch.productId, price: 46_50 }], priority: 10, enabled: true });
    await see(page, `policy-${imported.policyId}`);
    const catalog = await ch.call<CatalogRes>('clerkGz', 'order', { action: 'catalog', sellerOrgId: 'brand' });
    expect(catalog.products.find((x) => x.productId === ch.productId)).toMatchObject({ unitPrice: 46_50, priceSource: { scope: 'customer' } });

    // Disabled, the store pays the list price again; enabled, the policy's.
    await tap(page, `policy-${imported.policyId}-toggle`);
    await expect.poll(async () => (await ch.call<CatalogRes>('clerkGz', 'order', { action: 'catalog', sellerOrgId: 'brand' })).products.find((x) => x.productId === ch.productId)?.unitPrice).toBe(48_00);
    await tap(page, `policy-${imported.policyId}-toggle`);
    await expect.poll(async () => (await ch.call<ListPricePoliciesRes>('admin', 'trade', { action: 'listPricePolicies', sellerOrgId: 'brand' })).policies[0]!.enabled).toBe(true);

    await tap(page, 'policies-export');
    await expect.poll(() => text(page, 'policies-csv')).toContain(`${ch.productId},46.50`);
    await shot(page, 'sell-admin-policies');

    for (const [name, testId] of [['hub', 'sell-hub'], ['orders', 'sell-orders'], ['credit', 'sell-credit'], ['reports', 'sell-reports']] as const) {
      await open(page, 'admin', name, testId);
      await shot(page, `sell-admin-${name}`);
    }

    // The office on a desktop browser: the price list and the reports as tables.
    await page.setViewportSize({ width: 1280, height: 800 });
    await open(page, 'admin', 'prices', 'sell-prices');
    expect(await page.locator('.cr-sell-table__row--head:visible').count()).toBe(1);
    await shot(page, 'sell-admin-prices-desktop');
    await open(page, 'admin', 'reports', 'sell-reports');
    await tap(page, 'report-sales_by_customer');
    // Across the channel: the dealer's sale to its store (the first step) is there.
    await expect.poll(() => text(page, 'report-table')).toContain(ch.storeGz.name);
    await shot(page, 'sell-admin-reports-desktop');
  }, STEP_TIMEOUT_MS);
});
