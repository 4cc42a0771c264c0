/**
 * Goal: the whole channel story, told through the four H5 apps in real Chromium against one
 * local cloud that starts with an empty database — so it begins where a brand begins, at
 * bootstrap, and every step is something a person does on a 375 × 812 phone:
 *
 * 1. the brand admin bootstraps the brand, creates a product with its reward policy, a Guangdong
 *    dealer (territory 广东 440000) with a store in 天河 (440106), a Beijing dealer with a store in
 *    朝阳 (for diversion), invite codes, funds the budget, creates a batch, reads its codes off
 *    the export screen and ships both cases to the Guangdong dealer;
 * 2. the Guangdong dealer joins by invite, receives both cases from the brand and ships one to its
 *    store;
 * 3. the store clerk joins and scans that case in;
 * 4. a consumer opens the app from an item's printed link (WeChat's scan entry: `?q=`), sees it
 *    verified, claims its reward with the hidden code and is paid; the dealer
 *    sees its rebate;
 * 5. the Beijing clerk scans the other (Guangdong) case in: a diversion alert, which the admin
 *    then finds on the alerts screen;
 * 6. the consumer asks to withdraw, the admin approves, the consumer sees it paid.
 *
 * Bad input is refused on the phone with a message naming the problem and nothing sent (the
 * product form, the withdraw form): requests to /api/fn are counted from the page's own traffic.
 *
 * The brand admin ships the two cases to the dealer on the admin app's shipping screen; the
 * dealer then receives them in the dealer app. Reads behind the UI (the export cross-check, the
 * alert's fields) are marked where they happen.
 *
 * Screenshots: artifacts/screenshots/<app>-<screen>.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../local-cloud/src/testing';
import { launchBrowser, loginThroughPicker, newPhonePage, screenshot } from './src/browser';
import { APPS, BUILD_TIMEOUT_MS, ensureBuilt, type App } from './src/builds';

/** A step drives several screens of a real app; on two cores some take seconds each. */
const STEP_TIMEOUT_MS = 180_000;

/** The people of the story: the demo picker's names (the database is empty; they start as nobody). */
const PEOPLE = {
  admin: 'demo-admin',
  dealerGd: 'demo-dealer-gd',
  clerkGz: 'demo-clerk-gz',
  clerkBj: 'demo-clerk-bj',
  consumer: 'demo-consumer-1',
} as const;

const BRAND = '好味道食品';
const PRODUCT = { sku: 'HWD-SOY-500', name: '特级生抽 500ml', itemsPerBox: 2, boxesPerCase: 2 } as const;
const ITEMS_PER_CASE = PRODUCT.itemsPerBox * PRODUCT.boxesPerCase;
const ORGS = {
  dealerGd: { name: '广东好味经销有限公司', region: '440100', territory: '440000' },
  storeGz: { name: '天河便利店', region: '440106' },
  dealerBj: { name: '北京好味商贸有限公司', region: '110105', territory: '110000' },
  storeBj: { name: '朝阳超市', region: '110105' },
} as const;

interface Phone {
  page: Page;
  errors: string[];
  /** `<function>.<action>` of every request the page sent to /api/fn, in order. */
  fnCalls: string[];
}

interface Story {
  admin: Phone;
  dealer: Phone;
  consumer: Phone;
  ids: { dealerGd: string; storeGz: string; dealerBj: string; storeBj: string };
  invites: { dealerGd: string; storeGz: string; storeBj: string };
  /** Case codes as read off the export screen (canonical, no spaces). */
  cases: string[];
  /** The first case's first box, as listed on the export screen. */
  items: Array<{ code: string; hiddenCode: string }>;
}

let cloud: TestCloud;
let browser: Browser;
const story: Partial<Story> = {};
const phones: Phone[] = [];

function need<K extends keyof Story>(key: K): Story[K] {
  const v = story[key];
  if (v === undefined) throw new Error(`an earlier step did not set ${key}`);
  return v as Story[K];
}

beforeAll(async () => {
  await ensureBuilt(APPS, 'h5');
  cloud = await startTestCloud(); // seed: none — an empty database
  browser = await launchBrowser();
}, BUILD_TIMEOUT_MS);

afterAll(async () => {
  for (const p of phones) await p.page.context().close().catch(() => {});
  await browser?.close();
  await cloud?.close();
});

// ---------------------------------------------------------------------------------------------
// Helpers: a phone per person, visible test ids (Taro's h5 router keeps earlier pages in the DOM,
// hidden), fields, Taro's confirmation dialog.

async function phone(app: App, openId: string): Promise<Phone> {
  const { page, errors } = await newPhonePage(browser);
  const fnCalls: string[] = [];
  page.on('request', (r) => {
    const { pathname } = new URL(r.url());
    if (!pathname.startsWith('/api/fn/')) return;
    let action = '?';
    try {
      action = String((r.postDataJSON() as { action?: unknown } | null)?.action ?? '?');
    } catch {
      // not JSON: counted all the same
    }
    fnCalls.push(`${pathname.slice('/api/fn/'.length)}.${action}`);
  });
  const p = { page, errors, fnCalls };
  phones.push(p);
  await loginThroughPicker(page, cloud.url, app, openId);
  return p;
}

function tid(page: Page, id: string) {
  return page.locator(`[data-testid="${id}"]:visible`);
}

async function tap(page: Page, id: string): Promise<void> {
  await tid(page, id).click();
}

async function see(page: Page, id: string): Promise<void> {
  await tid(page, id).first().waitFor();
}

/**
 * Waits until the visible element shows exactly `expected` (screens refresh after a reply, so
 * what is read first may be the value from before).
 */
async function shows(page: Page, id: string, expected: string): Promise<void> {
  await see(page, id);
  await expect.poll(async () => (await tid(page, id).first().innerText()).trim(), { timeout: 10_000 }).toBe(expected);
}

/** As `shows`, for a part of the element's text. */
async function showsPart(page: Page, id: string, part: string): Promise<void> {
  await see(page, id);
  await expect.poll(async () => await tid(page, id).first().innerText(), { timeout: 10_000 }).toContain(part);
}

async function textOf(page: Page, id: string): Promise<string> {
  await see(page, id);
  return (await tid(page, id).first().innerText()).trim();
}

function input(page: Page, field: string) {
  return page.locator(`.cr-field--${field} input:visible`);
}

async function fill(page: Page, field: string, value: string): Promise<void> {
  await input(page, field).fill(value);
}

/** Taro's h5 `showModal`: the confirm button of the dialog on top. */
async function confirmModal(page: Page): Promise<void> {
  const ok = page.locator('.taro-modal__content .taro-model__confirm');
  await ok.waitFor({ state: 'visible' });
  await ok.click();
  await ok.waitFor({ state: 'hidden' });
}

/** The h5 header's 「‹ 返回」 of the page on top. */
async function back(page: Page): Promise<void> {
  const button = await page.locator('.cr-header__back:visible').elementHandle();
  if (button === null) throw new Error('no back link on this screen');
  await button.click();
  // The page slides away; the next one is on top once this link is gone.
  await button.waitForElementState('hidden');
  await button.dispose();
}

/** Back to the admin's home screen and into one of its flows. */
async function adminFlow(page: Page, flow: string, screen: string): Promise<void> {
  while ((await tid(page, 'admin-home').count()) === 0) await back(page);
  await tap(page, `nav-${flow}`);
  await see(page, screen);
}

/** Codes are shown in groups of four; the apps accept them either way. */
function canonical(shown: string): string {
  return shown.replace(/\s+/g, '').toUpperCase();
}

/** The `id` query parameter of the page on top (Taro's hash router). */
function idParam(page: Page): string {
  const m = /[?&]id=([^&]+)/.exec(new URL(page.url()).hash);
  if (m === null) throw new Error(`no id in ${page.url()}`);
  return decodeURIComponent(m[1]!);
}

/** No request left the page while `action` ran (and a moment after, for a late one). */
async function sendsNothing(p: Phone, action: () => Promise<void>): Promise<void> {
  const before = p.fnCalls.length;
  await action();
  await p.page.waitForTimeout(500);
  expect(p.fnCalls.slice(before)).toEqual([]);
}

function noPageErrors(p: Phone): void {
  expect(p.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
}

// ---------------------------------------------------------------------------------------------

describe('the channel story across the four apps (h5, one local cloud, empty database)', () => {
  it('1. the admin bootstraps the brand, sets up product, dealers, stores, invites, budget and a batch', async () => {
    const admin = await phone('admin', PEOPLE.admin);
    story.admin = admin;
    const { page } = admin;

    // Bootstrap: the empty database offers the first-run card.
    await see(page, 'bootstrap');
    await fill(page, 'brandName', BRAND);
    await screenshot(page, 'admin-bootstrap');
    await tap(page, 'bootstrap-submit');
    await shows(page, 'role-tag', '管理员');
    await showsPart(page, 'me', BRAND);
    await see(page, 'home-stats');
    await screenshot(page, 'admin-staff-home');

    // Product: first bad input, refused on the phone with nothing sent.
    await adminFlow(page, 'products', 'products');
    await see(page, 'products-empty');
    await tap(page, 'product-new');
    await see(page, 'product-form');
    // A negative amount cannot even be typed: the amount field keeps digits and one dot.
    await fill(page, 'consumerReward', '-1.50');
    await expect(input(page, 'consumerReward').inputValue()).resolves.toBe('1.50');
    await fill(page, 'sku', PRODUCT.sku);
    await fill(page, 'name', PRODUCT.name);
    await fill(page, 'category', '调味品');
    await fill(page, 'itemsPerBox', '0');
    await fill(page, 'boxesPerCase', String(PRODUCT.boxesPerCase));
    await tap(page, 'reward-mode-random');
    await fill(page, 'rewardMin', '3.00');
    await fill(page, 'rewardMax', '1.00');
    await sendsNothing(admin, () => tap(page, 'product-submit'));
    await shows(page, 'rewardMax-error', '最高奖励不能低于最低金额');
    await shows(page, 'itemsPerBox-error', '每盒件数不能小于 1');
    await screenshot(page, 'admin-product-form-errors');

    // Corrected: a fixed ¥1.88 consumer reward, ¥0.50 store reward, ¥0.30 rebate, ¥1.00 penalty.
    await fill(page, 'itemsPerBox', String(PRODUCT.itemsPerBox));
    await tap(page, 'reward-mode-fixed');
    await fill(page, 'consumerReward', '1.88');
    await fill(page, 'storeReward', '0.50');
    await fill(page, 'dealerRebate', '0.30');
    await fill(page, 'diversionPenalty', '1.00');
    await tap(page, 'product-submit');
    await see(page, 'product-created');
    expect(admin.fnCalls).toContain('channel.createProduct');
    await page.locator('[data-testid="product-created"]:visible').getByText('完成').click();
    const card = await textOf(page, `product-${PRODUCT.sku}`);
    expect(card).toContain(PRODUCT.name);
    expect(card).toContain('¥1.88');
    expect(card).toContain('每盒 2 件 · 每箱 2 盒（4 件）');
    expect(card).toContain('调味品');
    // The category changed later on the card.
    await tap(page, `category-edit-${PRODUCT.sku}`);
    await see(page, 'category-form');
    await fill(page, 'categoryText', '调味品/酱油');
    await tap(page, 'category-save');
    await showsPart(page, `product-${PRODUCT.sku}`, '调味品/酱油');
    await screenshot(page, 'admin-products');

    // Orgs: each created, then its invite generated on its page.
    const createOrg = async (o: { kind: 'dealer' | 'store'; name: string; region: string; territory?: string; upstreamId?: string }) => {
      await adminFlow(page, 'orgs', 'orgs');
      await tap(page, 'org-new');
      await see(page, 'org-new');
      await tap(page, `kind-${o.kind}`);
      await fill(page, 'orgName', o.name);
      if (o.upstreamId !== undefined) await tap(page, `upstream-${o.upstreamId}`);
      await fill(page, 'regionCode', o.region);
      if (o.territory !== undefined) {
        await fill(page, 'territoryCode', o.territory);
        await tap(page, 'territory-add');
        await see(page, `territory-entry-${o.territory}`);
      }
      if (o.kind === 'dealer' && o.region === ORGS.dealerGd.region) await screenshot(page, 'admin-org-new-dealer');
      await tap(page, 'org-submit');
      await see(page, 'org-created');
      await tap(page, 'org-open');
      await see(page, 'org-info');
      await showsPart(page, 'org-info', o.name);
      return idParam(page);
    };
    const inviteFor = async (role: 'owner' | 'clerk') => {
      await tap(page, `role-${role}`);
      await tap(page, 'invite-generate');
      const code = await textOf(page, 'invite-code');
      expect(code).toMatch(/^[0-9A-Z]{6,32}$/);
      return code;
    };

    const dealerGd = await createOrg({ kind: 'dealer', ...ORGS.dealerGd });
    await showsPart(page, 'org-territory', '广东');
    const dealerGdInvite = await inviteFor('owner');
    await screenshot(page, 'admin-invite');
    const storeGz = await createOrg({ kind: 'store', ...ORGS.storeGz, upstreamId: dealerGd });
    const storeGzInvite = await inviteFor('clerk');
    const dealerBj = await createOrg({ kind: 'dealer', ...ORGS.dealerBj });
    const storeBj = await createOrg({ kind: 'store', ...ORGS.storeBj, upstreamId: dealerBj });
    const storeBjInvite = await inviteFor('clerk');
    story.ids = { dealerGd, storeGz, dealerBj, storeBj };
    story.invites = { dealerGd: dealerGdInvite, storeGz: storeGzInvite, storeBj: storeBjInvite };
    await adminFlow(page, 'orgs', 'orgs');
    await tap(page, 'tab-store');
    await see(page, `org-${storeGz}`);
    await showsPart(page, `org-${storeBj}`, ORGS.storeBj.name);
    await screenshot(page, 'admin-orgs');

    // Budget: ¥1,000.00 after a confirmation.
    await adminFlow(page, 'fund', 'fund');
    await shows(page, 'budget', '¥0.00');
    await fill(page, 'amount', '1000');
    await tap(page, 'fund-submit');
    await confirmModal(page);
    await showsPart(page, 'fund-done', '¥1,000.00');
    await shows(page, 'budget', '¥1,000.00');
    await screenshot(page, 'admin-fund');

    // A batch of two cases, and its codes off the export screen.
    await adminFlow(page, 'batches', 'batches');
    await tap(page, 'batch-new');
    await see(page, 'batch-form');
    await page.locator('[data-testid="batch-product"]:visible').getByText(PRODUCT.name).click();
    await fill(page, 'cases', '2');
    await showsPart(page, 'batch-preview', '2 箱 · 4 盒 · 8 件');
    await tap(page, 'batch-submit');
    await see(page, 'batch-created');
    await tap(page, 'batch-open');
    await see(page, 'codes-tree');
    const cases: string[] = [];
    for (const i of [0, 1]) {
      const title = await page.locator(`[data-testid="case-${i}"]:visible .batch__code-title`).innerText();
      cases.push(canonical(title.split('·')[1] ?? ''));
    }
    await tap(page, 'case-0');
    await tap(page, 'box-0');
    const rows = page.locator('[data-testid^="item-"]:visible');
    await rows.first().waitFor();
    const items: Array<{ code: string; hiddenCode: string }> = [];
    for (const row of await rows.all()) {
      const code = (await row.getAttribute('data-testid'))!.slice('item-'.length);
      const hidden = await row.locator('.batch__hidden').innerText();
      items.push({ code, hiddenCode: canonical(hidden.replace('领奖码', '')) });
    }
    expect(items).toHaveLength(PRODUCT.itemsPerBox);
    await screenshot(page, 'admin-batch-export');
    // Behind the UI, as the same admin: the screen showed the batch's real codes.
    const adminToken = await cloud.login('admin', PEOPLE.admin);
    const exported = await cloud.call<{ cases: Array<{ code: string; boxes: Array<{ items: Array<{ code: string; hiddenCode: string }> }> }> }>(
      'codes',
      { action: 'exportBatch', batchId: idParam(page) },
      adminToken,
    );
    expect(exported.ok).toBe(true);
    if (!exported.ok) return;
    expect(exported.data.cases.map((c) => c.code)).toEqual(cases);
    expect(exported.data.cases[0]!.boxes[0]!.items).toEqual(items);
    story.cases = cases;
    story.items = items;

    // The brand ships both cases to the Guangdong dealer on the shipping screen: pick the dealer,
    // type both case codes into the running list, confirm, one submit.
    await adminFlow(page, 'ship', 'ship');
    await tap(page, `dealer-${dealerGd}`);
    await shows(page, 'target-name', ORGS.dealerGd.name);
    for (const code of cases) {
      await fill(page, 'code', code);
      await tap(page, 'manual-submit');
      await page.locator(`[data-testid="entry-${code}"][data-status="ready"]:visible`).waitFor();
    }
    await showsPart(page, 'scan-summary', `${2 * ITEMS_PER_CASE} 件`);
    await screenshot(page, 'admin-ship-list');
    await tap(page, 'submit');
    await confirmModal(page);
    expect(await textOf(page, 'submit-done')).toContain(`已发货给 ${ORGS.dealerGd.name}`);
    await shows(page, 'done-items', `${2 * ITEMS_PER_CASE} 件`);
    await screenshot(page, 'admin-ship-done');
    expect(admin.fnCalls.filter((c) => c === 'scan.ship')).toHaveLength(1);
    noPageErrors(admin);
  }, STEP_TIMEOUT_MS);

  it('2. the dealer joins by invite, receives both cases from the brand and ships one to its store', async () => {
    const [caseGz, caseDiverted] = need('cases');
    const ids = need('ids');
    const dealer = await phone('dealer', PEOPLE.dealerGd);
    story.dealer = dealer;
    const { page } = dealer;

    await see(page, 'no-org');
    await tap(page, 'go-join');
    await fill(page, 'inviteCode', need('invites').dealerGd);
    await tap(page, 'join-submit');
    await showsPart(page, 'join-done-org', ORGS.dealerGd.name);
    await screenshot(page, 'dealer-join');
    await tap(page, 'join-start');
    await shows(page, 'current-org-name', ORGS.dealerGd.name);
    await screenshot(page, 'dealer-home-joined');

    // Receive: both cases typed into the running list, one submit.
    await tap(page, 'flow-receive');
    await see(page, 'receive-org');
    for (const code of [caseGz!, caseDiverted!]) {
      await fill(page, 'code', code);
      await tap(page, 'manual-submit');
      await page.locator(`[data-testid="entry-${code}"][data-status="ready"]:visible`).waitFor();
    }
    await showsPart(page, 'scan-summary', `${2 * ITEMS_PER_CASE} 件`);
    await screenshot(page, 'dealer-receive-list');
    await tap(page, 'submit');
    await shows(page, 'done-items', `${2 * ITEMS_PER_CASE} 件`);
    expect(await tid(page, 'done-alerts').count()).toBe(0);
    await screenshot(page, 'dealer-receive-done');

    // Ship one case to the 天河 store, after a confirmation.
    await back(page);
    await tap(page, 'flow-ship');
    await tap(page, `target-${ids.storeGz}`);
    await shows(page, 'target-name', ORGS.storeGz.name);
    await fill(page, 'code', caseGz!);
    await tap(page, 'manual-submit');
    await page.locator(`[data-testid="entry-${caseGz}"][data-status="ready"]:visible`).waitFor();
    await screenshot(page, 'dealer-ship-list');
    await tap(page, 'submit');
    await confirmModal(page);
    const done = await textOf(page, 'submit-done');
    expect(done).toContain(`已发货给 ${ORGS.storeGz.name}`);
    await shows(page, 'done-items', `${ITEMS_PER_CASE} 件`);
    await screenshot(page, 'dealer-ship-done');
    expect(dealer.fnCalls.filter((c) => c === 'scan.ship')).toHaveLength(1);
    noPageErrors(dealer);
  }, STEP_TIMEOUT_MS);

  it('3. the store clerk joins by invite and scans the case in', async () => {
    const [caseGz] = need('cases');
    const clerk = await phone('terminal', PEOPLE.clerkGz);
    const { page } = clerk;

    await see(page, 'no-store');
    await tap(page, 'go-join');
    await fill(page, 'inviteCode', need('invites').storeGz);
    await tap(page, 'join-submit');
    await showsPart(page, 'join-done', ORGS.storeGz.name);
    await screenshot(page, 'terminal-join');
    await tap(page, 'join-go-home');
    await shows(page, 'store-name', ORGS.storeGz.name);
    await shows(page, 'store-role', '店员');
    await screenshot(page, 'terminal-home-joined');

    await tap(page, 'go-receive');
    await fill(page, 'code', caseGz!);
    await tap(page, 'manual-submit');
    // Shipped to this store by its own dealer: expected, not foreign.
    await see(page, 'tag-expected');
    expect(await tid(page, 'foreign-warning').count()).toBe(0);
    await shows(page, 'receive-summary', `待入库 1 个码，共 ${ITEMS_PER_CASE} 件`);
    await screenshot(page, 'terminal-receive-list');
    await tap(page, 'submit-receive');
    await see(page, 'receive-done');
    await expect(tid(page, 'receive-done').getAttribute('data-status')).resolves.toBe('success');
    await showsPart(page, 'receive-done', `${ITEMS_PER_CASE} 件`);
    await screenshot(page, 'terminal-receive-done');
    expect(clerk.fnCalls.filter((c) => c === 'scan.receive')).toHaveLength(1);
    noPageErrors(clerk);
  }, STEP_TIMEOUT_MS);

  it('4. a consumer opens the app from an item’s printed link (?q=), sees it verified, claims its hidden code and is paid; the dealer sees its rebate', async () => {
    const [item] = need('items');
    const consumer = await phone('consumer', PEOPLE.consumer);
    story.consumer = consumer;
    const { page } = consumer;

    // The consumer scans the item's printed link with WeChat's own scanner, which opens the app
    // with the link in the launch query `q` (on h5: `/consumer/?q=…`); the app verifies it.
    const link = `https://brand.example/c/${item!.code}`;
    await page.goto(`${cloud.url}/consumer/?q=${encodeURIComponent(link)}`);
    await showsPart(page, 'verify-genuine', '正品');
    expect(consumer.fnCalls.filter((c) => c === 'scan.verify')).toHaveLength(1);
    await screenshot(page, 'consumer-claim-verified');
    await tap(page, 'go-redeem');
    await fill(page, 'code', item!.hiddenCode);
    await tap(page, 'manual-submit');
    await confirmModal(page);
    await see(page, 'redeem-paid');
    await shows(page, 'reward-amount', '¥1.88');
    await screenshot(page, 'consumer-claim-paid');

    // The sale pays the store's dealer its ¥0.30 rebate: the dealer owner's rebates screen.
    const { page: dealerPage } = need('dealer');
    while ((await tid(dealerPage, 'dealer-home').count()) === 0) await back(dealerPage);
    await tap(dealerPage, 'flow-wallet');
    await shows(dealerPage, 'balance', '¥0.30');
    await screenshot(dealerPage, 'dealer-rebates');
    noPageErrors(consumer);
  }, STEP_TIMEOUT_MS);

  it('5. the Beijing clerk scans in a Guangdong case: a diversion alert the admin sees', async () => {
    const [, caseDiverted] = need('cases');
    const ids = need('ids');
    const clerk = await phone('terminal', PEOPLE.clerkBj);
    const { page } = clerk;

    await tap(page, 'go-join');
    await fill(page, 'inviteCode', need('invites').storeBj);
    await tap(page, 'join-submit');
    await showsPart(page, 'join-done', ORGS.storeBj.name);
    await tap(page, 'join-go-home');
    await shows(page, 'store-name', ORGS.storeBj.name);

    await tap(page, 'go-receive');
    await fill(page, 'code', caseDiverted!);
    await tap(page, 'manual-submit');
    // The phone warns before anything is sent: these goods belong to another dealer.
    await see(page, 'tag-foreign');
    await showsPart(page, 'foreign-warning', `${ITEMS_PER_CASE} 件`);
    await screenshot(page, 'terminal-receive-foreign');
    await tap(page, 'submit-receive');
    await confirmModal(page);
    await see(page, 'receive-done');
    await expect(tid(page, 'receive-done').getAttribute('data-status')).resolves.toBe('warning');
    await showsPart(page, 'receive-alerts', `${ITEMS_PER_CASE} 件`);
    await screenshot(page, 'terminal-receive-diverted');
    noPageErrors(clerk);

    // The admin's alerts screen shows it: 窜货, the Guangdong dealer's goods, found in 朝阳.
    const { page: adminPage } = need('admin');
    await adminFlow(adminPage, 'alerts', 'alerts');
    await tap(adminPage, 'tab-diversion');
    const row = adminPage.locator('[data-testid="alert-row"]:visible');
    await row.first().waitFor();
    await expect(row.count()).resolves.toBe(1);
    const text = await row.innerText();
    expect(text).toContain(ORGS.dealerGd.name);
    expect(text).toContain(ORGS.storeBj.name);
    expect(text).toContain(`× ${ITEMS_PER_CASE}`);
    await expect(row.locator('[data-kind]').getAttribute('data-kind')).resolves.toBe('diversion');
    await screenshot(adminPage, 'admin-alerts');
    // The Guangdong dealer's owner sees the same alert about its own goods.
    const { page: dealerPage } = need('dealer');
    while ((await tid(dealerPage, 'dealer-home').count()) === 0) await back(dealerPage);
    await tap(dealerPage, 'flow-alerts');
    await shows(dealerPage, 'alerts-diverted', `窜货 ${ITEMS_PER_CASE} 件`);
    await showsPart(dealerPage, 'alerts-regions', '朝阳');
    await screenshot(dealerPage, 'dealer-alerts');

    // Behind the UI: the alert's recorded fields (docs/diversion.md#stock-in: evidence "receive").
    const adminToken = await cloud.login('admin', PEOPLE.admin);
    const alerts = await cloud.call<{ alerts: Array<Record<string, unknown>> }>('report', { action: 'alerts', kind: 'diversion' }, adminToken);
    expect(alerts).toMatchObject({
      ok: true,
      data: { alerts: [{ evidence: 'receive', quantity: ITEMS_PER_CASE, allocatedDealerId: ids.dealerGd, observedOrgId: ids.storeBj, regionCode: ORGS.storeBj.region }] },
    });
  }, STEP_TIMEOUT_MS);

  it('6. the consumer asks to withdraw (a too-small amount is refused first), the admin approves, the consumer sees it', async () => {
    const consumer = need('consumer');
    const { page } = consumer;

    await tap(page, 'wallet-link');
    await shows(page, 'balance', '¥1.88');
    await fill(page, 'amount', '0.05');
    await sendsNothing(consumer, () => tap(page, 'withdraw'));
    await shows(page, 'amount-error', '提现金额最少 ¥0.10');
    await screenshot(page, 'consumer-withdraw-too-small');

    await fill(page, 'amount', '1');
    await tap(page, 'withdraw');
    await confirmModal(page);
    await see(page, 'withdraw-done');
    await shows(page, 'balance', '¥0.88');
    await shows(page, 'reserved', '提现审核中 ¥1.00');
    const mine = page.locator('[data-testid^="withdrawal-"]:visible');
    await mine.first().waitFor();
    await expect(mine.count()).resolves.toBe(1);
    await expect(mine.getAttribute('data-status')).resolves.toBe('requested');
    await expect(mine.innerText()).resolves.toMatch(/¥1\.00[\s\S]*审核中/);
    await screenshot(page, 'consumer-withdraw-requested');

    const admin = need('admin');
    await adminFlow(admin.page, 'withdrawals', 'withdrawals');
    const card = admin.page.locator('[data-testid^="withdrawal-"]:visible');
    await card.first().waitFor();
    await expect(card.count()).resolves.toBe(1);
    await expect(card.innerText()).resolves.toContain('¥1.00');
    await screenshot(admin.page, 'admin-withdrawals-pending');
    await card.locator('[data-testid="approve"]').click();
    await confirmModal(admin.page);
    await showsPart(admin.page, 'decision-done', '已批准，打款成功');
    await screenshot(admin.page, 'admin-withdrawals-approved');
    noPageErrors(admin);

    // The consumer opens the wallet again: the withdrawal paid, nothing held any more.
    await page.reload();
    await see(page, 'balance');
    await shows(page, 'balance', '¥0.88');
    await page.locator('[data-testid^="withdrawal-"][data-status="paid"]:visible').waitFor();
    await expect(mine.innerText()).resolves.toMatch(/¥1\.00[\s\S]*已到账/);
    await expect(tid(page, 'reserved').count()).resolves.toBe(0);
    await showsPart(page, 'history', '扫码奖励');
    await screenshot(page, 'consumer-withdraw-paid');
    noPageErrors(consumer);
  }, STEP_TIMEOUT_MS);
});
