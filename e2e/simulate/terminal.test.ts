/**
 * Goal: the store app's real weapp build stocks goods in as WeChat would run it, warnings and all.
 * Through the real local cloud, the Guangdong dealer ships a case to its Guangzhou store, and a
 * Beijing dealer holds another case. A clerk of the Guangzhou store opens the receive page, rendered
 * from the built WXML by WeChat's own template compiler (`wcc`), and taps 「连续扫码入库」:
 * `wx.scanCode` (scripted) reads both cases, the backend identifies them — one expected from the
 * store's dealer, one not from it — and the page warns before the submit, asks for confirmation,
 * and shows the backend's count and its diversion alert. The stock page then shows what the backend
 * reports the store holds, and 「刷新」 asks it again.
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
  await ensureBuilt(['terminal'], 'weapp');
  cloud = await startTestCloud();
  ch = await setUpChannel(cloud, 2);
  const [own, foreign] = ch.cases;
  await ch.call('admin', 'scan', { action: 'ship', codes: [own!.code], toOrgId: ch.dealerGd.id });
  await ch.call('dealerOwnerGd', 'scan', { action: 'receive', codes: [own!.code] });
  await ch.call('dealerOwnerGd', 'scan', { action: 'ship', codes: [own!.code], toOrgId: ch.storeGz.id });
  await ch.call('admin', 'scan', { action: 'ship', codes: [foreign!.code], toOrgId: ch.dealerBj.id });
  await ch.call('dealerOwnerBj', 'scan', { action: 'receive', codes: [foreign!.code] });
  env = createWeappEnv({
    distDir: outputDir('terminal', 'weapp'),
    gatewayUrl: cloud.url,
    token: await ch.token('clerkGz'),
    script: { scans: [own!.code, foreign!.code, null], modals: [true] },
  });
}, BUILD_TIMEOUT_MS);

afterAll(async () => {
  await env?.close();
  await cloud?.close();
});

describe('terminal weapp build in miniprogram-simulate', () => {
  it('scans an expected case and a foreign one, warns, confirms, and shows the backend’s result', async () => {
    const [own, foreign] = ch.cases;
    const page = await env.renderPage('pages/receive/index');
    await page.waitForText(() => page.byTestId('receive-empty').length === 1);

    await page.tapTestId('scan-continuous');
    // Both identified (no entry still checking) and the camera closed (the button's spinner gone).
    await page.waitForText(() => page.byTestId(`entry-*`).length === 2 && page.byTestId('tag-checking').length === 0 && page.byClass('cr-button__spinner').length === 0, 20_000);
    expect(env.calls.filter((c) => c.name === 'scan' && c.data['action'] === 'identify').map((c) => c.data['code'])).toEqual([own!.code, foreign!.code]);
    expect(page.datasetOf(page.byTestId(`entry-${own!.code}`)[0]!)['state']).toBe('ok');
    expect(page.byTestId(`entry-${own!.code}`)[0]!.textContent).toContain('待收货');
    expect(page.byTestId(`entry-${foreign!.code}`)[0]!.textContent).toContain('非本店经销商货');
    expect(page.textOf('foreign-warning')).toContain(`有 1 个码（${ITEMS_PER_CASE} 件）不是本店经销商的货`);
    expect(page.textOf('receive-summary')).toBe(`待入库 2 个码，共 ${2 * ITEMS_PER_CASE} 件`);

    await page.tapTestId('submit-receive');
    await page.waitForText(() => page.byTestId('receive-done').length === 1);
    expect(env.modals.map((m) => m.title)).toEqual(['有非本店经销商的货']);
    const receive = env.calls.find((c) => c.name === 'scan' && c.data['action'] === 'receive');
    expect(receive?.data).toMatchObject({ codes: [own!.code, foreign!.code], orgId: ch.storeGz.id });
    const answered = (receive!.result as { ok: true; data: ReceiveRes }).data;
    expect(answered.items).toBe(2 * ITEMS_PER_CASE);
    expect(answered.alerts).toHaveLength(1);
    expect(answered.alerts[0]).toMatchObject({ kind: 'diversion', allocatedDealerId: ch.dealerBj.id, quantity: ITEMS_PER_CASE });
    expect(page.datasetOf(page.byTestId('receive-done')[0]!)['status']).toBe('warning');
    const done = page.textOf('receive-done');
    expect(done).toContain('入库完成，有窜货提醒');
    expect(done).toContain(`本次提交 2 个码，入库 ${answered.items} 件商品。`);
    expect(done).toContain(`其中 ${ITEMS_PER_CASE} 件来自其他经销商的销售区域，已记录为窜货证据（1 条提醒）。`);
    expect(page.byTestId('receive-alerts')).toHaveLength(1);

    await page.tapTestId('receive-go-stock');
    expect(env.navigations.at(-1)).toBe('/pages/stock/index');
  });

  it('shows the stock the backend reports and refreshes it', async () => {
    const page = await env.renderPage('pages/stock/index');
    await page.waitForText(() => page.byTestId('stock-total').length === 1);
    const stock = await ch.call<StockRes>('clerkGz', 'report', { action: 'stock', orgId: ch.storeGz.id });
    expect(stock.items).toBe(2 * ITEMS_PER_CASE);
    expect(page.textOf('stock-total')).toBe(String(stock.items));
    expect(page.textOf('stock-units')).toBe(String(stock.units.length));
    expect(page.textOf(`stock-product-${ch.productId}`)).toContain(`${ch.productName} · 共 ${stock.items} 件`);

    const stockCalls = () => env.calls.filter((c) => c.name === 'report' && c.data['action'] === 'stock');
    const before = stockCalls().length;
    await page.tapTestId('stock-refresh');
    await page.waitForText(() => stockCalls().length > before && page.byTestId('stock-total').length === 1);
    expect(stockCalls().at(-1)!.data).toMatchObject({ orgId: ch.storeGz.id });
    expect(stockCalls().at(-1)!.result).toMatchObject({ ok: true, data: { items: stock.items } });
    expect(page.textOf('stock-total')).toBe(String(stock.items));
  });
});
