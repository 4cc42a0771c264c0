/**
 * Goal: the consumer app's real weapp build works as WeChat would run it. Its home page is
 * rendered from the built WXML by WeChat's own template compiler (`wcc`, compiler: 'official'),
 * a tap on 「扫码验真」 goes through `wx.scanCode` and `wx.cloud.callFunction` — here routed to
 * the real local gateway — and the rendered page shows the verdict; then the reward is claimed
 * after the confirmation dialog and the amount is shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../../local-cloud/src/testing';
import { BUILD_TIMEOUT_MS, ensureBuilt, outputDir } from '../src/builds';
import { setUpScannableItem, type ScannableItem } from '../src/brand';
import { createWeappEnv, type WeappEnv } from './harness';

let cloud: TestCloud;
let item: ScannableItem;
let env: WeappEnv | undefined;

beforeAll(async () => {
  await ensureBuilt(['consumer'], 'weapp');
  cloud = await startTestCloud();
  item = await setUpScannableItem(cloud);
}, BUILD_TIMEOUT_MS);

afterAll(async () => {
  await env?.close();
  await cloud?.close();
});

describe('consumer weapp build in miniprogram-simulate', () => {
  it('renders the home page from the built WXML, verifies a scanned code and claims its reward', async () => {
    const token = await cloud.login('consumer', 'sim-consumer-1');
    env = createWeappEnv({
      distDir: outputDir('consumer', 'weapp'),
      gatewayUrl: cloud.url,
      token,
      script: { scans: [item.visibleCode, item.hiddenCode], modals: [true] },
    });
    const page = await env.renderPage('pages/index/index');
    const home = await page.waitForText((t) => t.includes('扫码验真 · 领奖') && t.includes('扫码验真'));
    expect(home).toContain('扫描包装外的二维码，查看是否为正品');
    expect(page.byClass('cr-button--large')).toHaveLength(1);

    await page.tap('cr-button--large');
    const verified = await page.waitForText((t) => t.includes('验证通过'));
    expect(verified).toContain('正品 · 验证通过');
    expect(env.calls.map((c) => `${c.name}.${String(c.data['action'])}`)).toEqual(['scan.verify']);
    expect(env.calls[0]!.data['code']).toBe(item.visibleCode);

    await page.tapText('去领奖（扫瓶盖码）');
    await page.waitForText((t) => t.includes('扫描瓶盖内'));
    await page.tap('cr-button--large');
    const redeemed = await page.waitForText((t) => t.includes('领取成功'));
    expect(env.modals.map((m) => m.title)).toEqual(['确认领取奖励？']);
    expect(redeemed).toContain('¥1.88');
    const redeem = env.calls.find((c) => c.data['action'] === 'redeem');
    expect(redeem?.data['code']).toBe(item.hiddenCode);
    expect(redeem?.result).toMatchObject({ ok: true, data: { reward: item.consumerReward_fen } });
  });
});
