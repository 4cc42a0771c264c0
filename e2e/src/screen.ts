/**
 * Steps on a Taro H5 screen in Chromium, by the kit's `data-testid`s: find, tap, read, wait for a
 * text, fill a kit `Field`, answer Taro's modal, go back, open a page by its hash route, and a
 * screenshot once the screen has settled. Shared by the ordering story and the other H5 tests.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { appUrl, PHONE, screenshot } from './browser';

/** How long a screen may take to show a backend's answer on a loaded two-core machine. */
export const SETTLE_MS = 20_000;

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

export const tid = (page: Page, id: string) => page.locator(`[data-testid="${id}"]:visible`);
export const tap = (page: Page, id: string) => tid(page, id).first().click();
export const see = (page: Page, id: string) => tid(page, id).first().waitFor({ timeout: SETTLE_MS });
export async function textOf(page: Page, id: string): Promise<string> {
  await see(page, id);
  return norm(await tid(page, id).first().innerText());
}
/** Waits until the element's whole text (spaces collapsed) is `expected`. */
export async function shows(page: Page, id: string, expected: string): Promise<void> {
  await see(page, id);
  await expect.poll(async () => norm(await tid(page, id).first().innerText()), { timeout: SETTLE_MS }).toBe(expected);
}
/** Waits until the element's text (spaces collapsed) contains `part`. */
export async function showsPart(page: Page, id: string, part: string): Promise<void> {
  await see(page, id);
  await expect.poll(async () => norm(await tid(page, id).first().innerText()), { timeout: SETTLE_MS }).toContain(part);
}
/** Types into a kit `Field` by its name (`.cr-field--<name>`). */
export const fill = (page: Page, field: string, value: string) => page.locator(`.cr-field--${field} input:visible`).fill(value);

/** Answers Taro's modal with its confirm button; returns the modal's title. */
export async function confirmModal(page: Page): Promise<string> {
  const ok = page.locator('.taro-modal__content .taro-model__confirm');
  await ok.waitFor({ state: 'visible', timeout: SETTLE_MS });
  const title = norm(await page.locator('.taro-modal__title').first().innerText().catch(() => ''));
  await ok.click();
  await ok.waitFor({ state: 'hidden', timeout: SETTLE_MS });
  return title;
}

/** The header's back link (Taro's h5 router slides the page out). */
export async function back(page: Page): Promise<void> {
  const button = await page.locator('.cr-header__back:visible').elementHandle();
  if (button === null) throw new Error('no back link on this screen');
  await button.click();
  await button.waitForElementState('hidden');
  await button.dispose();
}

/** Opens a page of an app directly (the h5 hash router), as a bookmarked tab would. */
export async function open(page: Page, cloudUrl: string, app: string, pagePath: string, testId: string): Promise<void> {
  await page.goto(appUrl(cloudUrl, app, pagePath));
  await see(page, testId);
}

/**
 * A screenshot once the screen has settled: the page's slide-in is over, so nothing is wider than
 * the viewport (on a phone, a horizontal overflow fails here).
 */
export async function shot(page: Page, name: string): Promise<void> {
  const width = page.viewportSize()?.width ?? PHONE.width;
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { timeout: SETTLE_MS }).toBeLessThanOrEqual(width);
  await screenshot(page, name);
}
