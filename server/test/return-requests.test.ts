/**
 * Goal: the seller's finance sees every return request waiting for a decision through
 * `order.returns`, newest first and page by page, whatever the order's state or age, each with
 * its order number, its buyer, its lines by product name and unit, its reason and signed links
 * that download the photos the buyer uploaded; for a constant number of database requests
 * whatever the page size (the links: one storage request, server/src/storage/files.test.ts);
 * nobody outside the seller sees them; a decided return leaves the list.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SLOW_MACHINE_TIMEOUT_MS, startChannel, type Channel } from './fixtures.js';
import { BOX_PRICES, deposit, expectSignedDownload, png, uploadImage, member, quoteTotal, stockAndPrice, withRequestCount, type Stocked } from './ordering-fixtures.js';

vi.setConfig({ testTimeout: SLOW_MACHINE_TIMEOUT_MS, hookTimeout: SLOW_MACHINE_TIMEOUT_MS });
let ch: Channel;
let stock: Stocked;

const BROKEN = png('broken case');
const LEAKING = png('leaking bottle');

const upload = (who: string, bytes: Buffer) => uploadImage(ch, who, bytes);

const list = (who: string, extra: Record<string, unknown> = {}) => ch.ok(who, 'order', { action: 'returns', orgId: ch.ids.gd, ...extra });

beforeAll(async () => {
  ch = await startChannel();
  stock = await stockAndPrice(ch, 2, 2);
  await member(ch, 'financeGd', 'dealer', ch.ids.gd, 'finance');
  await deposit(ch, 'ownerGz', 'financeGd', ch.ids.gd, 100_000, 'returns-topup-0001');
});
afterAll(async () => {
  await ch?.close();
});

describe('order.returns', () => {
  let orderId = '';
  let orderNo = '';
  let first = '';
  let second = '';
  let photos: string[] = [];

  it('the store orders 8 boxes, the dealer ships both cases, the store receives them', async () => {
    const lines = [{ productId: ch.productId, quantity: 8 }];
    const total = await quoteTotal(ch, 'ownerGz', ch.ids.gd, lines);
    const r = await ch.ok('ownerGz', 'order', { action: 'submit', sellerOrgId: ch.ids.gd, lines, tenders: [{ kind: 'deposit', amount: total }], expectedTotal: total, requestId: 'returns-order-0001' });
    orderId = r.orderId;
    orderNo = r.orderNo;
    await ch.ok('ownerGd', 'order', { action: 'approve', orderId });
    const codes = stock.gdCases.map((c) => c.code);
    await ch.ok('ownerGd', 'scan', { action: 'ship', codes, toOrgId: ch.ids.storeGz, orderId });
    await ch.ok('clerkGz', 'scan', { action: 'receive', codes });
    expect((await ch.ok('ownerGz', 'order', { action: 'get', orderId })).status).toBe('received');
    expect((await list('financeGd')).returns).toEqual([]);
  });

  it('the store asks for two returns, the first with two photos', async () => {
    photos = [await upload('ownerGz', BROKEN), await upload('ownerGz', LEAKING)];
    first = (await ch.ok('ownerGz', 'order', { action: 'requestReturn', orderId, lines: [{ lineId: 'L1', quantity: 2 }], reason: '外箱破损', photos, requestId: 'returns-return-0001' })).returnId;
    second = (await ch.ok('clerkGz', 'order', { action: 'requestReturn', orderId, lines: [{ lineId: 'L1', quantity: 1 }], reason: '漏液', refundOnly: true, requestId: 'returns-return-0002' })).returnId;
  });

  it("the dealer's finance lists both, newest first, with order number, buyer, lines, reason and refund", async () => {
    const { returns, nextCursor } = await list('financeGd');
    expect(nextCursor).toBeNull();
    expect(returns.map((r: any) => r.returnId)).toEqual([second, first]);
    const line = { lineId: 'L1', productId: ch.productId, productName: expect.any(String), unit: 'box' };
    expect(returns[1]).toMatchObject({ orderId, orderNo, buyerOrgId: ch.ids.storeGz, buyerName: '天河便利店', lines: [{ ...line, quantity: 2 }], reason: '外箱破损', refundOnly: false, photos });
    expect(returns[0]).toMatchObject({ orderId, orderNo, lines: [{ ...line, quantity: 1 }], reason: '漏液', refundOnly: true, photos: [], photoUrls: [] });
    // 8 boxes at the store price, no discount: returning k of 8 refunds floor(net × k / 8).
    expect(returns[1].refund).toBe(Math.floor((8 * BOX_PRICES.store * 2) / 8));
    expect(returns[0].refund).toBe(BOX_PRICES.store);
    expect(returns[0].requestedAt).toBeGreaterThanOrEqual(returns[1].requestedAt);
  });

  it('each photo link downloads the bytes the buyer uploaded', async () => {
    const { returns } = await list('financeGd');
    const urls = returns[1].photoUrls as string[];
    expect(urls).toHaveLength(2);
    for (const [url, bytes] of [[urls[0]!, BROKEN], [urls[1]!, LEAKING]] as const) await expectSignedDownload(url, bytes);
  });

  it('pages by cursor; a page costs the same database requests whatever its size', async () => {
    const { requests: n, reply: one } = await withRequestCount(ch, () => list('financeGd', { limit: 1 }));
    const two = await list('financeGd', { limit: 1, cursor: one.nextCursor });
    expect(one.returns.map((r: any) => r.returnId)).toEqual([second]);
    expect(one.nextCursor).toEqual(expect.any(String));
    expect(two.returns.map((r: any) => r.returnId)).toEqual([first]);
    expect(two.nextCursor).toBeNull();

    expect((await withRequestCount(ch, () => list('financeGd', { limit: 50 }))).requests).toBe(n);
    expect(n).toBeLessThanOrEqual(6);
  });

  it("another org's member, the buyer and the seller's clerk are refused (FORBIDDEN)", async () => {
    for (const who of ['ownerBj', 'clerkGd', 'ownerGz']) {
      expect((await ch.as(who, 'order', { action: 'returns', orgId: ch.ids.gd })).error, who).toMatchObject({ code: 'FORBIDDEN', field: 'orgId' });
    }
  });

  it('an approved return leaves the list; a rejected one too', async () => {
    expect((await ch.ok('financeGd', 'order', { action: 'approveReturn', returnId: first })).status).toBe('approved');
    expect((await list('financeGd')).returns.map((r: any) => r.returnId)).toEqual([second]);
    await ch.ok('ownerGd', 'order', { action: 'rejectReturn', returnId: second, reason: '不影响销售' });
    expect((await list('financeGd')).returns).toEqual([]);
  });
});
