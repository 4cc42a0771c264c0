/**
 * Goal: ordering end to end through the gateway, as the apps drive it (docs/ordering.md).
 *
 * A store orders from its dealer paying with deposit and credit; the dealer approves, ships part
 * of it by scanning, closes the rest (refunded as a return of those units); the store receives
 * and returns two units, refunded exactly, to the tenders that paid. The dealer orders from the
 * brand paying partly with rebate and by bank transfer with a receipt image. A WeChat Pay notice
 * delivered twice posts once. Every step ends with the trade ledger checked from the database.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ShipReq } from '@channel-router/shared';
import { loadLocalSecrets } from '../../local-cloud/src/secrets.js';
import { shipForOrder } from '../src/orders/ship.js';
import type { Database } from '../src/runtime/cloud.js';
import { SLOW_MACHINE_TIMEOUT_MS, startChannel, type Channel } from './fixtures.js';
import { BOX_PRICES, deposit, setCreditLine, stockOf, expectTradeLedgerBalanced, member, quoteTotal, stockAndPrice, wechatNotice, type Stocked } from './ordering-fixtures.js';

vi.setConfig({ testTimeout: SLOW_MACHINE_TIMEOUT_MS, hookTimeout: SLOW_MACHINE_TIMEOUT_MS });
let ch: Channel;
let stock: Stocked;

beforeAll(async () => {
  ch = await startChannel();
  stock = await stockAndPrice(ch, 6, 3);
  await member(ch, 'financeGd', 'dealer', ch.ids.gd, 'finance');
  await member(ch, 'warehouseGd', 'dealer', ch.ids.gd, 'warehouse');
});
afterAll(async () => {
  await ch?.close();
});

const bal = (who: string, buyerOrgId: string, sellerOrgId: string) => ch.ok(who, 'order', { action: 'balances', buyerOrgId, sellerOrgId });

describe('a store orders from its dealer with deposit and credit', () => {
  let orderId = '';

  it('the store tops up its deposit by transfer, the dealer gives it a credit line', async () => {
    await deposit(ch, 'ownerGz', 'financeGd', ch.ids.gd, 50_000, 'topup-gz-0001');
    await setCreditLine(ch, 'ownerGd', ch.ids.gd, ch.ids.storeGz, 20_000, 30);
    const b = await bal('ownerGz', ch.ids.storeGz, ch.ids.gd);
    expect(b.deposit).toBe(50_000);
    expect(b.credit).toMatchObject({ limit: 20_000, used: 0, available: 20_000, overdue: 0 });
  });

  it('quote and submit: 10 boxes at the store price, 15,000 from deposit and 8,990 on credit; held at once', async () => {
    const lines = [{ productId: ch.productId, quantity: 10 }];
    const q = await ch.ok('ownerGz', 'order', { action: 'quote', sellerOrgId: ch.ids.gd, lines });
    expect(q.lines[0]).toMatchObject({ unit: 'box', itemsPerUnit: 6, unitPrice: BOX_PRICES.store, discounts: [], net: 23_990 });
    expect(q.total).toBe(23_990);
    const r = await ch.ok('ownerGz', 'order', {
      action: 'submit',
      sellerOrgId: ch.ids.gd,
      lines,
      tenders: [{ kind: 'deposit', amount: 15_000 }, { kind: 'credit', amount: 8_990 }],
      expectedTotal: q.total,
      requestId: 'gz-order-0001',
    });
    expect(r.status).toBe('pending_approval');
    expect(r.orderNo).toMatch(/^SO\d{8}-\d{6}$/);
    orderId = r.orderId;
    const b = await bal('ownerGz', ch.ids.storeGz, ch.ids.gd);
    expect(b.deposit).toBe(35_000);
    expect(b.credit).toMatchObject({ used: 8_990, available: 11_010 });
    expect((await stockOf(ch, 'ownerGd', ch.ids.gd, ch.productId)).reserved).toBe(60);
    expectTradeLedgerBalanced(ch.cloud);
  });

  it('the dealer approves; a second approval is INVALID_STATE', async () => {
    expect((await ch.ok('ownerGd', 'order', { action: 'approve', orderId })).status).toBe('approved');
    expect((await ch.as('ownerGd', 'order', { action: 'approve', orderId })).error?.code).toBe('INVALID_STATE');
  });

  it('ships part by scanning (2 cases = 8 boxes), with a carrier; a shipping notice reaches the store', async () => {
    const codes = stock.gdCases.slice(0, 2).map((c) => c.code);
    const r = await ch.ok('warehouseGd', 'scan', { action: 'ship', codes, toOrgId: ch.ids.storeGz, orderId, carrier: '顺丰', trackingNo: 'SF1234567890' });
    expect(r).toMatchObject({ items: 48, status: 'partially_shipped' });
    const n = await ch.ok('clerkGz', 'order', { action: 'notices' });
    expect(n.notices).toHaveLength(1);
    expect(n.notices[0]).toMatchObject({ orderId, read: false });
    expect((await ch.ok('clerkGz', 'order', { action: 'markNoticesRead', noticeIds: [n.notices[0].noticeId] })).marked).toBe(1);
    expect((await ch.ok('clerkGz', 'order', { action: 'notices', unreadOnly: true })).notices).toHaveLength(0);
    // The third case would be 4 boxes more than the 2 left: refused whole, nothing shipped.
    const over = await ch.as('warehouseGd', 'scan', { action: 'ship', codes: [stock.gdCases[2]!.code], toOrgId: ch.ids.storeGz, orderId });
    expect(over.error).toMatchObject({ code: 'OVER_SHIPMENT', field: 'codes' });
  });

  it('closes the rest: 2 boxes refunded as a return of those units, split over deposit and credit', async () => {
    expect((await ch.ok('ownerGd', 'order', { action: 'closeRemainder', orderId })).status).toBe('shipped');
    const o = await ch.ok('ownerGz', 'order', { action: 'get', orderId });
    // floor(23,990 × 2 / 10) = 4,798: deposit 4,798 × 15,000 / 23,990 = 3,000.04 → 3,000;
    // credit 1,797.95 → 1,797, and the leftover fen to the larger remainder: 1,798.
    expect(o.lines[0]).toMatchObject({ returned: 2, refunded: 4_798, shippedItems: 48 });
    expect(o.tenders).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'deposit', refunded: 3_000 }), expect.objectContaining({ kind: 'credit', refunded: 1_798 })]));
    const b = await bal('ownerGz', ch.ids.storeGz, ch.ids.gd);
    expect(b.deposit).toBe(38_000);
    expect(b.credit.used).toBe(7_192);
    expectTradeLedgerBalanced(ch.cloud);
  });

  it('the store receives both cases: the order is received and its receivable starts', async () => {
    await ch.ok('clerkGz', 'scan', { action: 'receive', codes: stock.gdCases.slice(0, 2).map((c) => c.code) });
    const o = await ch.ok('ownerGz', 'order', { action: 'get', orderId });
    expect(o.status).toBe('received');
    expect(o.shipments).toHaveLength(1);
    expect(o.shipments[0]).toMatchObject({ status: 'received', carrier: '顺丰' });
    const b = await bal('ownerGd', ch.ids.storeGz, ch.ids.gd);
    expect(b.credit).toMatchObject({ used: 7_192, overdue: 0 });
    expect(b.credit.ageing.not_due).toBe(7_192);
  });

  it('returns two boxes: shipped back by scan (no diversion alert), refunded exactly on receipt', async () => {
    const alertsBefore = ch.cloud.db.all('alerts').length;
    const { returnId, status } = await ch.ok('ownerGz', 'order', { action: 'requestReturn', orderId, lines: [{ lineId: 'L1', quantity: 2 }], reason: '破损', requestId: 'gz-return-0001' });
    expect(status).toBe('requested');
    // More than received − returned − requested is refused naming the line.
    const tooMany = await ch.as('ownerGz', 'order', { action: 'requestReturn', orderId, lines: [{ lineId: 'L1', quantity: 7 }], requestId: 'gz-return-0002' });
    expect(tooMany.error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'lines[0].quantity' });
    expect((await ch.ok('ownerGd', 'order', { action: 'approveReturn', returnId })).status).toBe('approved');
    const boxes = stock.gdCases[0]!.boxes.slice(0, 2).map((b) => b.code);
    const shipped = await ch.ok('ownerGz', 'scan', { action: 'ship', codes: boxes, toOrgId: ch.ids.gd, returnId });
    expect(shipped.items).toBe(12);
    await ch.ok('warehouseGd', 'scan', { action: 'receive', codes: boxes, orgId: ch.ids.gd });
    expect(ch.cloud.db.all('alerts')).toHaveLength(alertsBefore);
    const o = await ch.ok('ownerGz', 'order', { action: 'get', orderId });
    // 2 of the 8 remaining units: floor(19,192 × 2 / 8) = 4,798, over deposit 12,000 : credit 7,192.
    expect(o.returns[0]).toMatchObject({ returnId, status: 'refunded', refund: 4_798 });
    expect(o.lines[0]).toMatchObject({ returned: 4, refunded: 9_596 });
    const b = await bal('ownerGz', ch.ids.storeGz, ch.ids.gd);
    expect(b.deposit).toBe(41_000);
    expect(b.credit.used).toBe(5_394);
    expectTradeLedgerBalanced(ch.cloud);
  });
});

describe('a return whose ship fails part way', () => {
  it('leaves no stock move at the store: the ship posts its move in the same transaction as the return\'s step', async () => {
    const [orderId] = ch.cloud.db.all('orders').filter((o) => o.buyerOrgId === ch.ids.storeGz).map((o) => String(o._id));
    const { returnId } = await ch.ok('ownerGz', 'order', { action: 'requestReturn', orderId, lines: [{ lineId: 'L1', quantity: 1 }], reason: '包装破损', requestId: 'gz-return-fail-0001' });
    await ch.ok('ownerGd', 'order', { action: 'approveReturn', returnId });
    const box = [stock.gdCases[0]!.boxes[2]!.code];
    const before = await stockOf(ch, 'ownerGz', ch.ids.storeGz, ch.productId);
    const movesBefore = ch.cloud.db.all('stock_moves').filter((m) => m.orgId === ch.ids.storeGz).length;
    // The ship runs in this process against the same database, and dies when it writes the
    // shipment (after the store's stock step): an outage or a killed instance.
    const ctx = { db: dyingAtShipment(sdkDb()), caller: { unionId: 'u-ownerGz', openId: 'o-ownerGz', app: 'terminal' as const, clientIp: '127.0.0.1' }, now_ms: Date.now(), env: {} };
    await expect(shipForOrder(ctx, { action: 'ship', codes: box, toOrgId: ch.ids.gd, returnId, requestId: 'gz-return-ship-0001' } as ShipReq)).rejects.toThrow('stopped');
    expect(await stockOf(ch, 'ownerGz', ch.ids.storeGz, ch.productId)).toEqual(before);
    expect(ch.cloud.db.all('stock_moves').filter((m) => m.orgId === ch.ids.storeGz)).toHaveLength(movesBefore);
    expect((await ch.ok('admin', 'report', { action: 'stockCheck', orgId: ch.ids.storeGz })).differences).toEqual([]);
    // The retry ships it: one move, the store's stock down by the box.
    const shipped = await ch.ok('ownerGz', 'scan', { action: 'ship', codes: box, toOrgId: ch.ids.gd, returnId, requestId: 'gz-return-ship-0001' });
    expect(shipped.items).toBe(6);
    expect((await stockOf(ch, 'ownerGz', ch.ids.storeGz, ch.productId)).onHand).toBe(before.onHand - 6);
    expect(ch.cloud.db.all('stock_moves').filter((m) => m.orgId === ch.ids.storeGz)).toHaveLength(movesBefore + 1);
    await ch.ok('warehouseGd', 'scan', { action: 'receive', codes: box, orgId: ch.ids.gd });
    expect((await ch.ok('ownerGz', 'order', { action: 'get', orderId })).returns.find((r: any) => r.returnId === returnId).status).toBe('refunded');
    expectTradeLedgerBalanced(ch.cloud);
  });
});

/** This process's own SDK client of the test cloud's database. */
function sdkDb(): Database {
  const { credentials } = loadLocalSecrets(ch.cloud.dataDir);
  process.env.TENCENTCLOUD = 'true';
  process.env.SILENCE = 'true';
  // The code keys this process verifies scanned codes with: the test cloud's.
  process.env.DATA_DIR = ch.cloud.dataDir;
  const tcb = createRequire(import.meta.url)('@cloudbase/node-sdk');
  return tcb.init({ env: 'test', serviceUrl: `${ch.cloud.url}/tcb`, secretId: credentials.secretId, secretKey: credentials.secretKey }).database();
}

/** The database, except that a transaction's write of a shipment throws (the instance stops there). */
function dyingAtShipment(db: Database): Database {
  const bind = (o: any, p: PropertyKey) => (typeof o[p] === 'function' ? o[p].bind(o) : o[p]);
  return new Proxy(db as any, {
    get(target, prop) {
      if (prop !== 'startTransaction') return bind(target, prop);
      return async () => {
        const tx = await target.startTransaction();
        return new Proxy(tx, {
          get(t, p) {
            if (p !== 'collection') return bind(t, p);
            return (name: string) => {
              const c = t.collection(name);
              if (name !== 'shipments') return c;
              return {
                add: (d: object) => c.add(d),
                doc: (id: string) => {
                  const d = c.doc(id);
                  return { get: () => d.get(), update: (x: object) => d.update(x), remove: () => d.remove(), set: async () => { throw new Error('the function instance was stopped'); } };
                },
              };
            };
          },
        });
      };
    },
  }) as Database;
}

describe('the dealer orders from the brand with rebate and a transfer', () => {
  it('rebate at most 20 % of the total; the transfer with its receipt image is confirmed by the brand, then approved', async () => {
    expect((await ch.ok('admin', 'trade', { action: 'adjustRebate', sellerOrgId: 'brand', buyerOrgId: ch.ids.gd, amount: 5_000, reason: '季度返利', requestId: 'rebate-gd-0001' })).rebate).toBe(5_000);
    const lines = [{ productId: ch.productId, quantity: 8 }];
    const total = await quoteTotal(ch, 'ownerGd', 'brand', lines);
    expect(total).toBe(16_000);
    const tooMuch = await ch.as('ownerGd', 'order', { action: 'submit', sellerOrgId: 'brand', lines, tenders: [{ kind: 'rebate', amount: 3_201 }, { kind: 'transfer', amount: 12_799 }], expectedTotal: total, requestId: 'gd-order-0001' });
    expect(tooMuch.error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'tenders[0].amount' });
    const receipt = 'cloud://test-env.bucket/receipts/gd-0001.jpg';
    const r = await ch.ok('ownerGd', 'order', { action: 'submit', sellerOrgId: 'brand', lines, tenders: [{ kind: 'rebate', amount: 3_200 }, { kind: 'transfer', amount: 12_800, receiptFileId: receipt }], expectedTotal: total, requestId: 'gd-order-0001' });
    expect(r.status).toBe('pending_payment');
    expect(r.payments).toEqual([expect.objectContaining({ method: 'transfer', amount: 12_800 })]);
    expect(ch.cloud.db.all('payments').find((p) => p._id === r.payments[0].paymentId)).toMatchObject({ receiptFileId: receipt, status: 'pending' });
    // The seller's finance sees the receipt image on the order, with the transfer to confirm.
    const seen = await ch.ok('admin', 'order', { action: 'get', orderId: r.orderId });
    expect(seen.tenders.find((t: { kind: string }) => t.kind === 'transfer')).toMatchObject({ paymentId: r.payments[0].paymentId, receiptFileId: receipt, paid: 0 });
    expect((await ch.ok('admin', 'order', { action: 'confirmTransfer', paymentId: r.payments[0].paymentId })).status).toBe('confirmed');
    expect((await ch.ok('ownerGd', 'order', { action: 'get', orderId: r.orderId })).status).toBe('pending_approval');
    expect((await ch.ok('admin', 'order', { action: 'approve', orderId: r.orderId })).status).toBe('approved');
    const b = await bal('ownerGd', ch.ids.gd, 'brand');
    expect(b.rebate).toBe(1_800);
    const report = expectTradeLedgerBalanced(ch.cloud);
    expect(report.balances.get(`hold:order:${r.orderId}`)).toBe(16_000);
  });
});

describe('WeChat Pay', () => {
  it('a notice delivered twice posts once; a forged one is refused', async () => {
    const lines = [{ productId: ch.productId, quantity: 1 }];
    const total = await quoteTotal(ch, 'ownerGz', ch.ids.gd, lines);
    const r = await ch.ok('ownerGz', 'order', { action: 'submit', sellerOrgId: ch.ids.gd, lines, tenders: [{ kind: 'wechat_pay', amount: total }], expectedTotal: total, requestId: 'gz-wx-0001' });
    expect(r.status).toBe('pending_payment');
    const pay = r.payments[0];
    expect(pay.jsapi).toBeDefined();
    const notice = wechatNotice(pay.paymentId, total, 'ownerGz');
    // A body changed after signing (its resource is encrypted: any byte) does not verify.
    const tampered = { ...notice, body: String(notice.body).replace('"TRANSACTION.SUCCESS"', '"TRANSACTION.SUCCESS" ') };
    expect(tampered.body).not.toBe(notice.body);
    expect((await ch.as(null, 'order', tampered)).error?.code).toBe('FORBIDDEN');
    // Delivered twice at once, then once more (a redelivery signed anew): posted once.
    const [a, b] = await Promise.all([ch.as(null, 'order', notice), ch.as(null, 'order', notice)]);
    expect([a.data?.posted, b.data?.posted].sort()).toEqual([false, true]);
    expect((await ch.ok(null, 'order', wechatNotice(pay.paymentId, total, 'ownerGz', Date.now() + 1_000))).posted).toBe(false);
    expect(ch.cloud.db.all('ledger').filter((p) => p._id === `payment:${pay.paymentId}`)).toHaveLength(1);
    expect((await ch.ok('ownerGz', 'order', { action: 'get', orderId: r.orderId })).status).toBe('pending_approval');
    expectTradeLedgerBalanced(ch.cloud);
  });
});

describe('after the story', () => {
  it('the stock check lists no difference at the brand, the dealer and the store; the ledger holds', async () => {
    for (const orgId of ['brand', ch.ids.gd, ch.ids.storeGz]) {
      expect((await ch.ok('admin', 'report', { action: 'stockCheck', orgId })).differences, orgId).toEqual([]);
    }
    expectTradeLedgerBalanced(ch.cloud);
  });
});
