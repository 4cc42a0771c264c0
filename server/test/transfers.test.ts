/**
 * Goal: the seller's finance sees every bank transfer waiting for it — a deposit top-up or a
 * credit repayment as well as an order's payment — through `order.transfers`, newest first and
 * page by page, each with its buyer, its order number and a signed link that downloads the
 * receipt the buyer uploaded; for a
 * constant number of database requests whatever the page size (the links: one storage request,
 * server/src/storage/files.test.ts); nobody outside the seller sees them; a
 * confirmed transfer leaves the list.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SLOW_MACHINE_TIMEOUT_MS, startChannel, type Channel } from './fixtures.js';
import { expectSignedDownload, png, uploadImage, member, quoteTotal, stockAndPrice, withRequestCount } from './ordering-fixtures.js';

vi.setConfig({ testTimeout: SLOW_MACHINE_TIMEOUT_MS, hookTimeout: SLOW_MACHINE_TIMEOUT_MS });
let ch: Channel;

const TOP_UP_RECEIPT = png('top-up receipt');
const ORDER_RECEIPT = png('order receipt');
const REPAY_RECEIPT = png('repayment receipt');

const upload = (who: string, bytes: Buffer) => uploadImage(ch, who, bytes);

const list = (who: string, extra: Record<string, unknown> = {}) => ch.ok(who, 'order', { action: 'transfers', orgId: ch.ids.gd, ...extra });

beforeAll(async () => {
  ch = await startChannel();
  await stockAndPrice(ch, 2, 2);
  await member(ch, 'financeGd', 'dealer', ch.ids.gd, 'finance');
});
afterAll(async () => {
  await ch?.close();
});

describe('order.transfers', () => {
  let topUpId = '';
  let orderPaymentId = '';
  let orderId = '';
  let orderNo = '';
  let topUpFile = '';
  let orderFile = '';

  it('the store tops up by transfer and orders paying by transfer, each with a receipt', async () => {
    topUpFile = await upload('ownerGz', TOP_UP_RECEIPT);
    topUpId = (await ch.ok('ownerGz', 'order', { action: 'topUp', sellerOrgId: ch.ids.gd, amount: 30_000, method: 'transfer', receiptFileId: topUpFile, requestId: 'transfers-topup-0001' })).paymentId;
    orderFile = await upload('ownerGz', ORDER_RECEIPT);
    const lines = [{ productId: ch.productId, quantity: 2 }];
    const total = await quoteTotal(ch, 'ownerGz', ch.ids.gd, lines);
    const r = await ch.ok('ownerGz', 'order', { action: 'submit', sellerOrgId: ch.ids.gd, lines, tenders: [{ kind: 'transfer', amount: total, receiptFileId: orderFile }], expectedTotal: total, requestId: 'transfers-order-0001' });
    expect(r.status).toBe('pending_payment');
    orderId = r.orderId;
    orderNo = r.orderNo;
    orderPaymentId = r.payments[0].paymentId;
  });

  it("the dealer's finance lists both, the top-up included, newest first, with buyer and order number", async () => {
    const { transfers, nextCursor } = await list('financeGd');
    expect(nextCursor).toBeNull();
    expect(transfers.map((t: any) => t.paymentId)).toEqual([orderPaymentId, topUpId]);
    expect(transfers[0]).toMatchObject({ purpose: 'order', orderId, orderNo, buyerOrgId: ch.ids.storeGz, buyerName: '天河便利店', receiptFileId: orderFile });
    expect(transfers[1]).toMatchObject({ purpose: 'top_up', orderId: null, orderNo: null, buyerOrgId: ch.ids.storeGz, buyerName: '天河便利店', amount: 30_000, receiptFileId: topUpFile });
    expect(transfers[0].createdAt).toBeGreaterThanOrEqual(transfers[1].createdAt);
  });

  it('each receiptUrl downloads the bytes the buyer uploaded', async () => {
    const { transfers } = await list('financeGd');
    for (const [t, bytes] of [[transfers[0], ORDER_RECEIPT], [transfers[1], TOP_UP_RECEIPT]] as const) await expectSignedDownload(t.receiptUrl, bytes);
  });

  it('pages by cursor; a page costs the same database requests whatever its size', async () => {
    const { requests: one, reply: first } = await withRequestCount(ch, () => list('financeGd', { limit: 1 }));
    const second = await list('financeGd', { limit: 1, cursor: first.nextCursor });
    expect(first.transfers.map((t: any) => t.paymentId)).toEqual([orderPaymentId]);
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(second.transfers.map((t: any) => t.paymentId)).toEqual([topUpId]);
    expect(second.nextCursor).toBeNull();

    expect((await withRequestCount(ch, () => list('financeGd', { limit: 50 }))).requests).toBe(one);
    expect(one).toBeLessThanOrEqual(6);
  });

  it("another org's member and the seller's clerk are refused (FORBIDDEN)", async () => {
    for (const who of ['ownerBj', 'clerkGd', 'ownerGz']) {
      expect((await ch.as(who, 'order', { action: 'transfers', orgId: ch.ids.gd })).error, who).toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('a confirmed transfer leaves the list; a rejected one too', async () => {
    await ch.ok('financeGd', 'order', { action: 'confirmTransfer', paymentId: topUpId });
    expect((await list('financeGd')).transfers.map((t: any) => t.paymentId)).toEqual([orderPaymentId]);
    await ch.ok('financeGd', 'order', { action: 'confirmTransfer', paymentId: orderPaymentId });
    expect((await ch.ok('ownerGz', 'order', { action: 'get', orderId })).status).toBe('pending_approval');
    expect((await list('financeGd')).transfers).toEqual([]);
    const again = (await ch.ok('ownerGz', 'order', { action: 'topUp', sellerOrgId: ch.ids.gd, amount: 500, method: 'transfer', requestId: 'transfers-topup-0002' })).paymentId;
    const row = (await list('ownerGd')).transfers[0];
    expect(row).toMatchObject({ paymentId: again, receiptFileId: null, receiptUrl: null });
    await ch.ok('ownerGd', 'order', { action: 'rejectTransfer', paymentId: again, reason: '未到账' });
    expect((await list('ownerGd')).transfers).toEqual([]);
  });

  it('a credit repayment by transfer is listed too (还款), without an order; decided, it leaves the list', async () => {
    const file = await upload('ownerGz', REPAY_RECEIPT);
    const repayId = (await ch.ok('ownerGz', 'order', { action: 'repay', sellerOrgId: ch.ids.gd, amount: 1_200, method: 'transfer', receiptFileId: file, requestId: 'transfers-repay-0001' })).paymentId;
    const { transfers } = await list('financeGd');
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({ paymentId: repayId, purpose: 'repay', orderId: null, orderNo: null, buyerOrgId: ch.ids.storeGz, buyerName: '天河便利店', amount: 1_200, receiptFileId: file });
    const res = await fetch(transfers[0].receiptUrl);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(REPAY_RECEIPT);
    await ch.ok('financeGd', 'order', { action: 'rejectTransfer', paymentId: repayId, reason: '未到账' });
    expect((await list('financeGd')).transfers).toEqual([]);
  });
});
