/**
 * Goal: the store's ordering subpackage, from the real weapp build, orders through the real local
 * cloud. The Guangdong dealer holds a case of the product at the brand's list price for stores; a
 * clerk of its Guangzhou store opens 订货 (packages/order/catalog), taps 「+」 on the product — the
 * cart is written to wx storage — then opens the cart page as a fresh page (what a restart shows),
 * which quotes the cart with the backend, proposes WeChat Pay for the whole (no deposit, rebate
 * or credit yet), and 「提交订单」 asks first and submits the order the backend then holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../../local-cloud/src/testing';
import type { CatalogRes, OrderView, QuoteRes, SubmitRes } from '@channel-router/shared/api';
import { BUILD_TIMEOUT_MS, ensureBuilt, outputDir } from '../src/builds';
import { setUpChannel, type Channel } from '../src/channel';
import { createWeappEnv, type WeappEnv } from './harness';

const CASE_PRICES = { dealer: 4_000, wholesaler: 4_400, store: 4_801 };

let cloud: TestCloud;
let ch: Channel;
let env: WeappEnv;

beforeAll(async () => {
  await ensureBuilt(['terminal'], 'weapp');
  cloud = await startTestCloud();
  ch = await setUpChannel(cloud, 1);
  const [c] = ch.cases;
  await ch.call('admin', 'scan', { action: 'stockIn', codes: [c!.code] });
  await ch.call('admin', 'trade', { action: 'setListPrices', productId: ch.productId, unit: 'case', listPrices: CASE_PRICES });
  await ch.call('admin', 'scan', { action: 'ship', codes: [c!.code], toOrgId: ch.dealerGd.id });
  await ch.call('dealerOwnerGd', 'scan', { action: 'receive', codes: [c!.code] });
  env = createWeappEnv({ distDir: outputDir('terminal', 'weapp'), gatewayUrl: cloud.url, token: await ch.token('clerkGz'), script: { modals: [true] } });
}, BUILD_TIMEOUT_MS);

afterAll(async () => {
  await env?.close();
  await cloud?.close();
});

describe('terminal weapp: ordering subpackage in miniprogram-simulate', () => {
  it('adds a case from the catalogue, keeps the cart, quotes it and submits the order to the backend', async () => {
    const catalog = await env.renderPage('packages/order/catalog/index');
    await catalog.waitForText(() => catalog.byTestId(`product-${ch.productId}`).length === 1, 20_000);
    const listed = env.calls.find((c) => c.name === 'order' && c.data['action'] === 'catalog');
    expect(listed?.data['sellerOrgId']).toBe(ch.dealerGd.id);
    expect((listed!.result as { data: CatalogRes }).data.products[0]).toMatchObject({ productId: ch.productId, unitPrice: CASE_PRICES.store, unit: 'case' });
    expect(catalog.textOf(`product-${ch.productId}`)).toContain('¥48.01');

    await catalog.tapTestId(`step-${ch.productId}-plus`);
    await catalog.waitForText(() => catalog.textOf('cart-count') === '已选 1 种，共 1 箱');

    const cart = await env.renderPage('packages/order/cart/index');
    await cart.waitForText(() => cart.byTestId('quote-total').length === 1 && cart.byTestId('tenders').length === 1, 20_000);
    const quoted = env.calls.filter((c) => c.name === 'order' && c.data['action'] === 'quote').at(-1);
    expect(quoted?.data).toMatchObject({ sellerOrgId: ch.dealerGd.id, lines: [{ productId: ch.productId, quantity: 1 }] });
    expect((quoted!.result as { data: QuoteRes }).data.total).toBe(CASE_PRICES.store);
    expect(cart.textOf('quote-total')).toBe('¥48.01');
    expect(cart.textOf(`quote-source-${ch.productId}`)).toContain('标准价 ¥48.01/箱');

    await cart.tapTestId('submit-order');
    await cart.waitForText(() => cart.byTestId('order-done').length === 1, 20_000);
    expect(env.modals.map((m) => m.title)).toEqual(['提交订单 ¥48.01？']);
    const submitted = env.calls.find((c) => c.name === 'order' && c.data['action'] === 'submit');
    expect(submitted?.data).toMatchObject({ sellerOrgId: ch.dealerGd.id, expectedTotal: CASE_PRICES.store, tenders: [{ kind: 'wechat_pay', amount: CASE_PRICES.store }] });
    const res = (submitted!.result as { ok: boolean; data: SubmitRes }).data;
    expect(cart.textOf('done-order-no')).toBe(`订单号 ${res.orderNo}`);
    const held = await ch.call<OrderView>('dealerOwnerGd', 'order', { action: 'get', orderId: res.orderId });
    expect(held).toMatchObject({ buyerOrgId: ch.storeGz.id, status: 'pending_payment', total: CASE_PRICES.store });
  });
});
