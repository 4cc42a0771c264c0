/**
 * Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core: no browser download.
 * Pages open at a phone's size (375 × 812, 2× pixels, touch), in Chinese.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from './builds';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const PHONE = { width: 375, height: 812 } as const;
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'artifacts', 'screenshots');

export async function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs], headless: true, timeout: 60_000 });
}

/** A fresh phone-sized page; console errors and failed requests are collected for assertions. */
export async function newPhonePage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return { page, errors };
}

/** Saves `artifacts/screenshots/<name>.png` (full page) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  if (!/^[a-z0-9-]{1,80}$/.test(name)) throw new Error(`screenshot name must be kebab-case: ${name}`);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The app's URL under the local cloud, at a page of its hash router. */
export function appUrl(cloudUrl: string, app: string, pagePath = 'pages/index/index'): string {
  return `${cloudUrl}/${app}/#/${pagePath}`;
}

/** h5 demo login through the app's own person picker. */
export async function loginThroughPicker(page: Page, cloudUrl: string, app: string, openId: string): Promise<void> {
  await page.goto(appUrl(cloudUrl, app, 'pages/login/index'));
  await page.locator('[data-testid="login"]').waitFor();
  const listed = page.locator(`[data-testid="person-${openId}"]`);
  if ((await listed.count()) > 0) {
    await listed.click();
  } else {
    // Not one of the listed demo people: the picker's free-form openId field.
    await page.locator('.cr-field--openId input').fill(openId);
    await page.locator('[data-testid="login-custom"]').click();
  }
  await page.locator(`[data-testid="${app}-home"]`).waitFor();
}
