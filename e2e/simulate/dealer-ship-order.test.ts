/**
 * Goal: the dealer app's real weapp build ships a store's order by scanning, from its ordering
 * subpackage (pages-sell/ship). Through the real local cloud the brand prices and stocks the
 * product and the Guangdong dealer receives three cases; the dealer's store orders two cases on
 * credit and the dealer approves. The ship page (WeChat's own template compiler renders it) shows
 * the order's line with nothing shipped; 「连续扫码」 reads three cases (scripted `wx.scanCode`):
 * two are taken, the third is refused on the spot as more than the order needs, and one submit
 * ships the order (`scan.ship` with `orderId`): the backend says shipped, with 8 items.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../../local-cloud/src/testing';
import type { OrderView } from '@channel-router/shared/api';
import { BUILD_TIMEOUT_MS, ensureBuilt, outputDir } from '../src/builds';
import { ITEMS_PER_CASE, setUpChannel, type Channel } from '../src/channel';
import { placeOrder, setUpSelling } from '../src/ordering';
import { createWeappEnv, type WeappEnv } from './harness';

let cloud: TestCloud;
let ch: Channel;
let env: WeappEnv;
let orderId: string;
let cases: string[];

beforeAll(async () => {
  await ensureBuilt(['dealer'], 'weapp');
  cloud = await startTestCloud();
  ch = await setUpChannel(cloud, 3);
  cases = (await setUpSelling(ch, 3)).dealerCases;
  orderId = (await placeOrder(ch, 2)).orderId;
  await ch.call('dealerOwnerGd', 'order', { action: 'approve', orderId });
  env = createWeappEnv({
    distDir: outputDir('dealer', 'weapp'),
    gatewayUrl: cloud.url,
    token: await ch.token('dealerOwnerGd'),
    script: { scans: [...cases, null], modals: [true] },
  });
}, BUILD_TIMEOUT_MS);

afterAll(async () => {
  await env?.close();
  await cloud?.close();
});

describe('dealer weapp: ship an order by scanning (subpackage pages-sell)', () => {
  it('shows per-line progress, refuses the over-shipping case on the spot, and ships the order', async () => {
    const page = await env.renderPage('pages-sell/ship/index', { id: orderId });
    await page.waitForText(() => page.byTestId('ship-progress').length === 1 && page.byTestId('scan-continuous').length === 1, 20_000);
    const order = await ch.call<OrderView>('dealerOwnerGd', 'order', { action: 'get', orderId });
    const line = order.lines[0]!;
    expect(page.datasetOf(page.byTestId(`ship-line-${line.lineId}`)[0]!)['left']).toBe(String(2 * ITEMS_PER_CASE));

    await page.tapTestId('scan-continuous');
    await page.waitForText(() => page.byClass('cr-button__spinner').length === 0 && env.calls.filter((c) => c.data['action'] === 'identify').length === 3 && page.textOf('ship-left').includes('还差 0 件'), 20_000);
    // Two cases on the list; the third refused as more than the order needs.
    expect(page.byTestId(`entry-${cases[0]}`)).toHaveLength(1);
    expect(page.byTestId(`entry-${cases[1]}`)).toHaveLength(1);
    expect(page.byTestId(`entry-${cases[2]}`)).toHaveLength(0);
    expect(env.toasts.some((t) => t.startsWith('超出订单'))).toBe(true);
    expect(page.datasetOf(page.byTestId(`ship-line-${line.lineId}`)[0]!)['left']).toBe('0');

    await page.tapTestId('submit');
    await page.waitForText(() => page.byTestId('submit-done').length === 1, 20_000);
    const ship = env.calls.find((c) => c.name === 'scan' && c.data['action'] === 'ship');
    expect(ship?.data).toMatchObject({ codes: [cases[0], cases[1]], toOrgId: ch.storeGz.id, fromOrgId: ch.dealerGd.id, orderId });
    expect(ship?.result).toMatchObject({ ok: true, data: { items: 2 * ITEMS_PER_CASE, status: 'shipped' } });
    expect(env.modals.at(-1)?.title).toContain('发货');
    const after = await ch.call<OrderView>('dealerOwnerGd', 'order', { action: 'get', orderId });
    expect(after.status).toBe('shipped');
    expect(after.lines[0]!.shippedItems).toBe(2 * ITEMS_PER_CASE);
  });
});
