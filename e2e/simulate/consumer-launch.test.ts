/**
 * Goal: the consumer app opens from WeChat's own scanner. With 扫普通链接二维码打开小程序 set up
 * (README), scanning a code's printed link opens the app with that link, URL-encoded, in the
 * launch query `q`: the real weapp build reads it on launch and verifies that code through the
 * real local gateway; coming back from the background does not verify it again, but a new scan
 * of a link while the app is in the background (a hot start, App onShow) does.
 * (Its own file: the weapp bundle runs once per process, and this test launches it with a query.)
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

describe('consumer weapp build opened by WeChat’s own scanner', () => {
  it('verifies the code whose link WeChat passed in q, at launch and again on a hot start', async () => {
    const token = await cloud.login('consumer', 'sim-consumer-2');
    // The host is not checked (the code itself is authenticated), as in the printed link.
    const link = `https://brand.example/c/${item.visibleCode}`;
    env = createWeappEnv({
      distDir: outputDir('consumer', 'weapp'),
      gatewayUrl: cloud.url,
      token,
      launch: { query: { q: encodeURIComponent(link), scancode_time: '1700000000' }, scene: 1011 },
    });
    const page = await env.renderPage('pages/index/index');
    const verified = await page.waitForText((t) => t.includes('验证通过'));
    expect(verified).toContain('正品 · 验证通过');
    expect(env.calls.map((c) => `${c.name}.${String(c.data['action'])}`)).toEqual(['scan.verify']);
    expect(env.calls[0]!.data['code']).toBe(item.visibleCode);
    expect(env.calls[0]!.result).toMatchObject({ ok: true, data: { genuine: true, verifications: 1 } });

    // Back from the background with the same query: nothing new to open.
    env.show({ query: { q: encodeURIComponent(link) }, scene: 1089 });
    await new Promise((r) => setTimeout(r, 200));
    expect(env.calls).toHaveLength(1);

    // The person scans the link again with WeChat while the app is in the background.
    await page.tapText('继续扫码');
    env.show({ query: { q: encodeURIComponent(link) }, scene: 1011 });
    await page.waitForText((t) => t.includes('此码已被查询 2 次'));
    expect(env.calls.map((c) => c.data['code'])).toEqual([item.visibleCode, item.visibleCode]);
  });
});
