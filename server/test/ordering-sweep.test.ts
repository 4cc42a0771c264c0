/**
 * Goal: the system's transitions (docs/ordering-operations.md), run by the sweep a timer calls:
 * unpaid orders past their deadline are cancelled with everything released; orders shipped 10
 * days ago are received; received orders past their return window are completed and their hold
 * paid to the seller; a second sweep moves nothing. An overdue receivable blocks new credit.
 * The functions' clock is moved into the past to place the orders there, as the demo seed does.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadLocalSecrets } from '../../local-cloud/src/secrets.js';
import { sweep } from '../src/orders/sweep.js';
import { localSimulatedPaymentProvider } from '../src/payments/index.js';
import type { Database } from '../src/runtime/cloud.js';
import { SLOW_MACHINE_TIMEOUT_MS, startChannel, type Channel } from './fixtures.js';
import { DAY_MS, deposit, expectTradeLedgerBalanced, member, quoteTotal, setCreditLine, stockAndPrice, stockOf, wechatNotice, type Stocked } from './ordering-fixtures.js';

vi.setConfig({ testTimeout: SLOW_MACHINE_TIMEOUT_MS, hookTimeout: SLOW_MACHINE_TIMEOUT_MS });
let ch: Channel;
let stock: Stocked;
const clock = (daysAgo: number) => ch.cloud.cloud.runner.setClockOffset(-daysAgo * DAY_MS);

beforeAll(async () => {
  ch = await startChannel();
  // Custody orders scans by time: the goods reach the dealer before the orders placed in the past.
  clock(30);
  stock = await stockAndPrice(ch, 6, 4);
  await member(ch, 'financeGd', 'dealer', ch.ids.gd, 'finance');
  await deposit(ch, 'ownerGz', 'financeGd', ch.ids.gd, 100_000, 'sweep-topup-0001');
  await setCreditLine(ch, 'ownerGd', ch.ids.gd, ch.ids.storeGz, 50_000, 10, Date.now() - 60 * DAY_MS);
  clock(0);
});
afterAll(async () => {
  ch?.cloud.cloud.runner.setClockOffset(0);
  await ch?.close();
});

const ids: Record<string, string> = {};
const box = (c: number, b: number) => stock.gdCases[c]!.boxes[b]!.code;
async function order(name: string, quantity: number, tender: 'deposit' | 'credit' | 'transfer' | 'wechat_pay'): Promise<string> {
  const lines = [{ productId: ch.productId, quantity }];
  const total = await quoteTotal(ch, 'ownerGz', ch.ids.gd, lines);
  ids[name] = (await ch.ok('ownerGz', 'order', { action: 'submit', sellerOrgId: ch.ids.gd, lines, tenders: [{ kind: tender, amount: total }], expectedTotal: total, requestId: `sweep-${name}-0001` })).orderId;
  return ids[name]!;
}
/** This process's own SDK client of the test cloud's database. */
function sdkDb(): Database {
  const { credentials } = loadLocalSecrets(ch.cloud.dataDir);
  process.env.TENCENTCLOUD = 'true';
  process.env.SILENCE = 'true';
  const tcb = createRequire(import.meta.url)('@cloudbase/node-sdk');
  return tcb.init({ env: 'test', serviceUrl: `${ch.cloud.url}/tcb`, secretId: credentials.secretId, secretKey: credentials.secretKey }).database();
}
const status = async (name: string) => (await ch.ok('ownerGz', 'order', { action: 'get', orderId: ids[name] })).status;

describe('the sweep', () => {
  it('places orders in the past: on credit received 25 days ago (10-day term); received, shipped 15 days ago; unpaid ones', async () => {
    clock(25);
    await order('credit', 1, 'credit');
    await ch.ok('ownerGd', 'order', { action: 'approve', orderId: ids.credit });
    await ch.ok('ownerGd', 'scan', { action: 'ship', codes: [box(0, 0)], toOrgId: ch.ids.storeGz, orderId: ids.credit });
    await ch.ok('clerkGz', 'scan', { action: 'receive', codes: [box(0, 0)] });
    clock(15);
    await order('received', 1, 'deposit');
    await ch.ok('ownerGd', 'order', { action: 'approve', orderId: ids.received });
    await ch.ok('ownerGd', 'scan', { action: 'ship', codes: [box(1, 0)], toOrgId: ch.ids.storeGz, orderId: ids.received });
    await ch.ok('clerkGz', 'scan', { action: 'receive', codes: [box(1, 0)] });
    await order('shipped', 1, 'deposit');
    await ch.ok('ownerGd', 'order', { action: 'approve', orderId: ids.shipped });
    await ch.ok('ownerGd', 'scan', { action: 'ship', codes: [box(2, 0)], toOrgId: ch.ids.storeGz, orderId: ids.shipped });
    clock(4);
    await order('transfer', 2, 'transfer');
    clock(0);
    await order('wechat', 1, 'wechat_pay');
    expect(await status('credit')).toBe('received');
    expect(await status('transfer')).toBe('pending_payment');
  });

  it('an overdue receivable blocks new credit', async () => {
    const b = await ch.ok('ownerGz', 'order', { action: 'balances', buyerOrgId: ch.ids.storeGz, sellerOrgId: ch.ids.gd });
    expect(b.credit.overdue).toBe(2_399);
    expect(b.credit.ageing.d1_30).toBe(2_399);
    const lines = [{ productId: ch.productId, quantity: 1 }];
    const r = await ch.as('ownerGz', 'order', { action: 'submit', sellerOrgId: ch.ids.gd, lines, tenders: [{ kind: 'credit', amount: 2_399 }], expectedTotal: 2_399, requestId: 'sweep-blocked-0001' });
    expect(r.error).toMatchObject({ code: 'CREDIT_OVERDUE', field: 'tenders' });
  });

  it('moves what is due, once: the transfer past 72 h cancelled, the 15-day shipment received, the 15-day receipt completed', async () => {
    const reservedBefore = (await stockOf(ch, 'ownerGd', ch.ids.gd, ch.productId)).reserved;
    // The WeChat Pay order is 0 minutes old: not due. The credit order (received 25 days ago) and
    // the received one (15 days ago) are past the 7-day return window.
    expect(await ch.ok(null, 'order', { action: 'sweep' })).toEqual({ timedOut: 1, received: 1, completed: 2, paidLate: 0 });
    expect(await status('transfer')).toBe('cancelled');
    expect(await status('wechat')).toBe('pending_payment');
    expect(await status('shipped')).toBe('received');
    expect(await status('received')).toBe('completed');
    expect(await status('credit')).toBe('completed');
    // The transfer's 2 boxes (12 items) are released.
    expect((await stockOf(ch, 'ownerGd', ch.ids.gd, ch.productId)).reserved).toBe(reservedBefore - 12);
    const report = expectTradeLedgerBalanced(ch.cloud);
    expect(report.balances.get(`sales:${ch.ids.gd}`)).toBe(2 * 2_399);
    // A second sweep finds nothing due.
    expect(await ch.ok(null, 'order', { action: 'sweep' })).toEqual({ timedOut: 0, received: 0, completed: 0, paidLate: 0 });
    // The receivable of the completed credit order is still owed: completion pays the seller, not the debt.
    const b = await ch.ok('ownerGz', 'order', { action: 'balances', buyerOrgId: ch.ids.storeGz, sellerOrgId: ch.ids.gd });
    expect(b.credit.used).toBe(2_399);
  });

  it('repaying from the deposit pays the overdue receivable down: credit is open again', async () => {
    const r = await ch.ok('ownerGz', 'order', { action: 'repay', sellerOrgId: ch.ids.gd, amount: 2_399, method: 'deposit', requestId: 'sweep-repay-0001' });
    expect(r.status).toBe('confirmed');
    const again = await ch.ok('ownerGz', 'order', { action: 'repay', sellerOrgId: ch.ids.gd, amount: 2_399, method: 'deposit', requestId: 'sweep-repay-0001' });
    expect(again.paymentId).toBe(r.paymentId);
    const tooMuch = await ch.as('ownerGz', 'order', { action: 'repay', sellerOrgId: ch.ids.gd, amount: 1, method: 'deposit', requestId: 'sweep-repay-0002' });
    expect(tooMuch.error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'amount' });
    const b = await ch.ok('ownerGz', 'order', { action: 'balances', buyerOrgId: ch.ids.storeGz, sellerOrgId: ch.ids.gd });
    expect(b.credit).toMatchObject({ used: 0, overdue: 0 });
    const lines = [{ productId: ch.productId, quantity: 1 }];
    const ok = await ch.ok('ownerGz', 'order', { action: 'submit', sellerOrgId: ch.ids.gd, lines, tenders: [{ kind: 'credit', amount: 2_399 }], expectedTotal: 2_399, requestId: 'sweep-credit-again-0001' });
    expect(ok.status).toBe('pending_approval');
    expectTradeLedgerBalanced(ch.cloud);
  });

  it('the timer event runs the sweep', async () => {
    const r = await ch.cloud.call('order', { Type: 'Timer', TriggerName: 'order-sweep', Time: new Date().toISOString() });
    expect(r).toMatchObject({ ok: true, data: { timedOut: 0, received: 0, completed: 0, paidLate: 0 } });
  });

  it('asks WeChat Pay before cancelling: a trade paid whose notice was lost is posted as paid; an unpaid one is closed, then cancelled', async () => {
    await order('wxPaid', 1, 'wechat_pay');
    await order('wxUnpaid', 1, 'wechat_pay');
    const payment = async (name: string) => (await ch.ok('ownerGz', 'order', { action: 'get', orderId: ids[name] })).tenders.find((t: any) => t.kind === 'wechat_pay');
    const paid = await payment('wxPaid');
    const unpaid = await payment('wxUnpaid');
    const reservedBefore = (await stockOf(ch, 'ownerGd', ch.ids.gd, ch.productId)).reserved;
    // The sweep runs in this process (its WeChat Pay is this process's simulated one, which the
    // functions' worker does not share): the two trades prepaid here as the submits did there.
    const wx = localSimulatedPaymentProvider();
    for (const t of [paid, unpaid]) {
      const r = await wx.prepay({ outTradeNo: t.paymentId, amount_fen: t.amount, payerOpenId: 'o-ownerGz', description: '订单', expiresAt_ms: Date.now() + 30 * 60_000 });
      expect(r.ok).toBe(true);
    }
    // One is paid; its notice never arrives.
    expect(wx.simulatePayment(paid.paymentId).ok).toBe(true);
    const ctx = { db: sdkDb(), caller: null, now_ms: Date.now() + 31 * 60_000, env: { WXPAY_SIMULATED: '1' } };
    // Also due: the first WeChat Pay order, whose trade this process never saw (WeChat Pay knows no such trade: cancelled).
    expect(await sweep(ctx)).toEqual({ ok: true, data: { timedOut: 2, received: 0, completed: 0, paidLate: 1 } });
    expect(await status('wxPaid')).toBe('pending_approval');
    expect(await status('wxUnpaid')).toBe('cancelled');
    expect(await status('wechat')).toBe('cancelled');
    const closed = await wx.query(unpaid.paymentId);
    expect(closed.ok && closed.data.tradeState).toBe('CLOSED');
    const posted = ch.cloud.db.all('payments').find((p) => p._id === paid.paymentId)!;
    expect(posted).toMatchObject({ status: 'confirmed', transactionId: expect.stringMatching(/^\d+$/) });
    // The cancelled ones released their box each; the paid one keeps its box reserved.
    expect((await stockOf(ch, 'ownerGd', ch.ids.gd, ch.productId)).reserved).toBe(reservedBefore - 12);
    // The notice arriving late now posts nothing; a second sweep moves nothing.
    expect((await ch.ok(null, 'order', wechatNotice(paid.paymentId, paid.amount, 'ownerGz'))).posted).toBe(false);
    expect(await sweep({ ...ctx, now_ms: ctx.now_ms + 1_000 })).toEqual({ ok: true, data: { timedOut: 0, received: 0, completed: 0, paidLate: 0 } });
    expectTradeLedgerBalanced(ch.cloud);
  });

  it('the stock check lists no difference', async () => {
    for (const orgId of [ch.ids.gd, ch.ids.storeGz]) expect((await ch.ok('admin', 'report', { action: 'stockCheck', orgId })).differences, orgId).toEqual([]);
  });
});
