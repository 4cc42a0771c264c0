/**
 * Goal: each of the four H5 builds, served by the real local cloud, opens in real Chromium at a
 * phone's size, sends a visitor to the demo person picker, logs in through /api/dev/login and
 * shows its home screen — with screenshots in artifacts/screenshots/ for a person to look at.
 * Then the consumer app's whole flow: verify a code, claim the reward (with confirmation),
 * see the wallet and withdraw (with confirmation).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../local-cloud/src/testing';
import { appUrl, launchBrowser, loginThroughPicker, newPhonePage, screenshot } from './src/browser';
import { BUILD_TIMEOUT_MS, ensureBuilt, APPS } from './src/builds';
import { setUpScannableItem, type ScannableItem } from './src/brand';
import { fakeCameraArgs, writeQrVideo } from './src/fake-camera';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PEOPLE = { admin: 'demo-admin', dealer: 'demo-dealer-gd', terminal: 'demo-clerk-gz', consumer: 'demo-consumer-1' } as const;

let cloud: TestCloud;
let browser: Browser;

beforeAll(async () => {
  await ensureBuilt(APPS, 'h5');
  cloud = await startTestCloud();
  browser = await launchBrowser();
}, BUILD_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await cloud?.close();
});

describe.each(APPS)('%s app (h5)', (app) => {
  it('sends a visitor to the person picker, logs in and shows the home screen at 375 px', async () => {
    const { page, errors } = await newPhonePage(browser);
    await page.goto(appUrl(cloud.url, app));
    await page.locator('[data-testid="login"]').waitFor();
    await expect(page.locator(`[data-testid="person-${PEOPLE[app]}"]`).count()).resolves.toBe(1);
    await screenshot(page, `${app}-login`);

    await page.locator(`[data-testid="person-${PEOPLE[app]}"]`).click();
    await page.locator(`[data-testid="${app}-home"]`).waitFor();
    const token = await page.evaluate((key) => window.localStorage.getItem(key), `cr.${app}.token`);
    expect(token).toMatch(/\S{10,}/);
    // The layout fits a 375-px phone: nothing scrolls sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.waitForTimeout(300);
    await screenshot(page, `${app}-home`);
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    await page.context().close();
  });
});

describe('consumer flow (h5)', () => {
  let item: ScannableItem;

  beforeAll(async () => {
    item = await setUpScannableItem(cloud);
  });

  async function typeCode(page: Page, code: string) {
    await page.locator('.cr-field--code input').fill(code);
    await page.locator('[data-testid="manual-submit"]').click();
  }

  /** Taro's h5 `showModal`: a fixed dialog whose confirm button is `.taro-model__confirm`. */
  async function confirmModal(page: Page) {
    const confirmButton = page.locator('.taro-modal__content .taro-model__confirm');
    await confirmButton.waitFor({ state: 'visible' });
    await confirmButton.click();
    await confirmButton.waitFor({ state: 'hidden' });
  }

  it('says plainly when a typed code is not a code, without a round trip', async () => {
    const { page } = await newPhonePage(browser);
    await loginThroughPicker(page, cloud.url, 'consumer', 'demo-consumer-2');
    await typeCode(page, 'hello');
    await page.locator('[data-testid="verify-failed"]').waitFor();
    await expect(page.locator('[data-testid="verify-failed"]').innerText()).resolves.toContain('这不是有效的码，请确认是否为正品');
    await screenshot(page, 'consumer-invalid-code');
    await page.context().close();
  });

  it('verifies a genuine code, claims its reward after confirming, and withdraws part of it', async () => {
    const { page } = await newPhonePage(browser);
    await loginThroughPicker(page, cloud.url, 'consumer', 'demo-consumer-1');

    await typeCode(page, item.visibleCode);
    await page.locator('[data-testid="verify-genuine"]').waitFor();
    await screenshot(page, 'consumer-verified');

    await page.locator('[data-testid="go-redeem"]').click();
    await typeCode(page, item.hiddenCode);
    await confirmModal(page);
    await page.locator('[data-testid="redeem-paid"]').waitFor();
    await expect(page.locator('[data-testid="reward-amount"]').innerText()).resolves.toBe('¥1.88');
    await screenshot(page, 'consumer-redeemed');

    // The same hidden code again: already claimed, said plainly.
    await page.locator('[data-testid="again"]').click();
    await typeCode(page, item.hiddenCode);
    await confirmModal(page);
    await page.locator('[data-testid="redeem-failed"]').waitFor();
    await expect(page.locator('[data-testid="redeem-failed"]').innerText()).resolves.toContain('已经领取过了');

    await page.locator('[data-testid="wallet-link"]').click();
    await page.locator('[data-testid="balance"]').waitFor();
    await expect(page.locator('[data-testid="balance"]').innerText()).resolves.toBe('¥1.88');
    await page.locator('.cr-field--amount input').fill('1');
    await page.locator('[data-testid="withdraw"]').click();
    await confirmModal(page);
    await page.locator('[data-testid="withdraw-done"]').waitFor();
    // The balance is read again after the reply: wait for the new figure.
    await expect.poll(() => page.locator('[data-testid="balance"]').innerText(), { timeout: 10_000 }).toBe('¥0.88');
    await screenshot(page, 'consumer-withdrawn');
    await page.context().close();
  });

  it('scans a printed QR code through the phone camera (lazy-loaded decoder) and verifies it', async () => {
    // The printed QR content is the code URL (docs/codes.md#qr-url); the camera films it.
    const dir = mkdtempSync(path.join(tmpdir(), 'cr-camera-'));
    const video = path.join(dir, 'qr.y4m');
    writeQrVideo(`https://brand.example/c/${item.visibleCode}`, video);
    const cameraBrowser = await launchBrowser(fakeCameraArgs(video));
    try {
      const { page } = await newPhonePage(cameraBrowser);
      const decoderChunks: string[] = [];
      page.on('request', (r) => {
        if (/\/consumer\/js\/.+\.js$/.test(r.url())) decoderChunks.push(r.url());
      });
      await loginThroughPicker(page, cloud.url, 'consumer', 'demo-consumer-3');
      const loadedBeforeScan = decoderChunks.length;
      await page.locator('[data-testid="scan-button"]').click();
      await page.locator('[data-testid="verify-genuine"]').waitFor({ timeout: 30_000 });
      // The decoder arrived only when the camera was opened.
      expect(decoderChunks.length).toBeGreaterThan(loadedBeforeScan);
      await expect(page.locator('.cr-camera').count()).resolves.toBe(0);
      await screenshot(page, 'consumer-camera-verified');
      await page.context().close();
    } finally {
      await cameraBrowser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
