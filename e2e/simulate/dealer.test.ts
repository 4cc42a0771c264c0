/**
 * Goal: the dealer app's real weapp build receives goods from the brand as WeChat would run it.
 * The brand allocates two cases to a Guangdong dealer through the real local cloud. Its owner's
 * home page, rendered from the built WXML by WeChat's own template compiler (`wcc`), names the
 * dealer and offers receiving; on the receive page a tap on 「连续扫码」 reads both cases through
 * `wx.scanCode` (scripted; the third scan is the person closing the camera), each is identified by
 * the backend, and one submit stocks them in: the page shows the items the backend counted, and the
 * dealer's stock as the backend reports it holds them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../../local-cloud/src/testing';
import type { ReceiveRes, StockRes } from '@channel-router/shared/api';
import { BUILD_TIMEOUT_MS, ensureBuilt, outputDir } from '../src/builds';
import { ITEMS_PER_CASE, setUpChannel, type Channel } from '../src/channel';
import { createWeappEnv, type WeappEnv } from './harness';

let cloud: TestCloud;
let ch: Channel;
let env: WeappEnv;

beforeAll(async () => {
  await ensureBuilt(['dealer'], 'weapp');
  cloud = await startTestCloud();
  ch = await setUpChannel(cloud, 2);
  await ch.call('admin', 'scan', { action: 'ship', codes: ch.cases.map((c) => c.code), toOrgId: ch.dealerGd.id });
  env = createWeappEnv({
    distDir: outputDir('dealer', 'weapp'),
    gatewayUrl: cloud.url,
    token: await ch.token('dealerOwnerGd'),
    script: { scans: [...ch.cases.map((c) => c.code), null] },
  });
}, BUILD_TIMEOUT_MS);

afterAll(async () => {
  await env?.close();
  await cloud?.close();
});

const actions = () => env.calls.map((c) => `${c.name}.${String(c.data['action'])}`);

describe('dealer weapp build in miniprogram-simulate', () => {
  it('shows the owner’s dealer on the home page and offers its flows', async () => {
    const page = await env.renderPage('pages/index/index');
    await page.waitForText(() => page.byTestId('current-org-name').length === 1);
    expect(page.textOf('current-org-name')).toBe(ch.dealerGd.name);
    expect(page.textOf('current-org-role')).toBe('经销商 · 老板');
    // A first-tier dealer's owner: every flow, alerts and penalties included.
    for (const flow of ['receive', 'ship', 'stock', 'wallet', 'alerts', 'penalties', 'invite']) expect(page.byTestId(`flow-${flow}`)).toHaveLength(1);
    // The way into selling, with the count of orders to approve and to ship (none yet: no badge).
    await page.waitForText(() => env.calls.filter((c) => c.data['action'] === 'list').length === 3);
    expect(page.byTestId('sell-entry')).toHaveLength(1);
    expect(page.byTestId('sell-badge')).toHaveLength(0);
    expect(actions()).toEqual(['channel.me', 'order.list', 'order.list', 'order.list']);

    await page.tapTestId('flow-receive');
    expect(env.navigations.at(-1)).toBe('/pages/receive/index');
  });

  it('scans both allocated cases, submits once, and shows what the backend stocked in', async () => {
    const page = await env.renderPage('pages/receive/index');
    await page.waitForText(() => page.byTestId('scan-continuous').length === 1);
    expect(page.textOf('receive-org')).toBe(`为 ${ch.dealerGd.name} 收货`);

    await page.tapTestId('scan-continuous');
    const items = ch.cases.length * ITEMS_PER_CASE;
    // Both codes identified by the backend (entries with product and items), and the camera
    // closed (the button's spinner gone): the loop asked for a third scan and was cancelled.
    await page.waitForText(
      () => page.textOf('scan-summary').startsWith(`扫码清单 · ${ch.cases.length} 个码 · ${items} 件`) && page.byClass('cr-button__spinner').length === 0,
      20_000,
    );
    expect(env.toasts).toHaveLength(ch.cases.length); // one verdict announced per scanned code
    expect(actions().filter((a) => a === 'scan.identify')).toHaveLength(ch.cases.length);
    for (const c of ch.cases) {
      const entry = page.byTestId(`entry-${c.code}`);
      expect(entry).toHaveLength(1);
      expect(page.datasetOf(entry[0]!)['status']).toBe('ready');
      expect(entry[0]!.textContent).toContain(ch.productName);
    }
    expect(page.textOf('scan-echo')).toBe(`已添加：箱 · ${ch.productName} · ${ITEMS_PER_CASE} 件`);

    await page.tapTestId('submit');
    await page.waitForText(() => page.byTestId('submit-done').length === 1);
    const receive = env.calls.find((c) => c.name === 'scan' && c.data['action'] === 'receive');
    expect(receive?.data).toMatchObject({ codes: ch.cases.map((c) => c.code), orgId: ch.dealerGd.id });
    expect(receive?.result).toMatchObject({ ok: true, data: { items } });
    const answered = (receive!.result as { data: ReceiveRes }).data;
    expect(page.textOf('submit-done')).toContain('收货完成');
    expect(page.textOf('done-items')).toBe(`${answered.items} 件`);
    expect(page.datasetOf(page.byTestId('submit-done')[0]!)['status']).toBe('success');

    // The backend now holds both cases at the dealer.
    const stock = await ch.call<StockRes>('dealerOwnerGd', 'report', { action: 'stock', orgId: ch.dealerGd.id });
    expect(stock.items).toBe(items);
    expect(stock.units.map((u) => u.code).sort()).toEqual(ch.cases.map((c) => c.code).sort());
  });
});
