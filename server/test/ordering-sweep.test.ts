/**
 * Goal: the system's transitions (docs/ordering-operations.md), run by the sweep a timer calls:
 * unpaid orders past their deadline are cancelled with everything released; orders shipped 10
 * days ago are received; received orders past their return window are completed and their hold
 * paid to the seller; a second sweep moves nothing. An overdue receivable blocks new credit.
 * The functions' clock is moved into the past to place the orders there, as the demo seed does.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SLOW_MACHINE_TIMEOUT_MS, startChannel, type Channel } from './fixtures.js';
import { DAY_MS, deposit, expectTradeLedgerBalanced, member, quoteTotal, setCreditLine, stockAndPrice, stockOf, type Stocked } from './ordering-fixtures.js';

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
    expect(await ch.ok(null, 'order', { action: 'sweep' })).toEqual({ timedOut: 1, received: 1, completed: 2 });
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
    expect(await ch.ok(null, 'order', { action: 'sweep' })).toEqual({ timedOut: 0, received: 0, completed: 0 });
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
    expect(r).toMatchObject({ ok: true, data: { timedOut: 0, received: 0, completed: 0 } });
  });

  it('the stock check lists no difference', async () => {
    for (const orgId of [ch.ids.gd, ch.ids.storeGz]) expect((await ch.ok('admin', 'report', { action: 'stockCheck', orgId })).differences, orgId).toEqual([]);
  });
});
