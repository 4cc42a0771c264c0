import { describe, expect, it } from 'vitest';
import type { TransferToConfirm } from '@channel-router/shared/api';
import { errReply, okReply, scriptedClient } from '../testing';
import { appendPage, createTransfersApi, TRANSFER_PURPOSE_LABELS, decideTransfer, loadMoreTransfers, loadTransfers, transferLine, transferTitle } from './transfers';

// Goal: the seller's 转账确认 reads every pending transfer — top-ups too — with one call per page
// (no reading of orders one by one), labels a top-up 充值 and an order by its number, refuses to
// send a rejection without a reason, and says plainly when someone else decided first.

const row = (over: Partial<TransferToConfirm>): TransferToConfirm => ({
  paymentId: 'pay_1',
  purpose: 'order',
  orderId: 'ord_1',
  orderNo: 'SO20260101-000001',
  buyerOrgId: 'store_th',
  buyerName: '天河便利店',
  amount: 30_000,
  createdAt: 1_767_225_600_000,
  receiptFileId: 'cloud://env.bucket/uploads/terminal/o1/20260101/a.png',
  receiptUrl: 'http://127.0.0.1:8787/storage/env-local/uploads/terminal/o1/20260101/a.png?sign=x&t=1',
  ...over,
});
const topUp = row({ paymentId: 'pay_2', purpose: 'top_up', orderId: null, orderNo: null, amount: 100_000, receiptFileId: null, receiptUrl: null });

describe('transfers to confirm', () => {
  it('reads the first page in one call and the next by its cursor', async () => {
    const { client, of, names } = scriptedClient({
      'order.transfers': [okReply({ transfers: [row({})], nextCursor: '1767225600000/pay_1' }), okReply({ transfers: [row({}), topUp], nextCursor: null })],
    });
    const api = createTransfersApi(client);
    const first = await loadTransfers(api, 'dealer_gd');
    expect(first).toEqual({ ok: true, data: { rows: [row({})], nextCursor: '1767225600000/pay_1' } });
    const more = await loadMoreTransfers(api, 'dealer_gd', first.ok ? first.data : { rows: [], nextCursor: null });
    // The row seen on both pages is shown once.
    expect(more.ok && more.data.rows.map((r) => r.paymentId)).toEqual(['pay_1', 'pay_2']);
    expect(more.ok && more.data.nextCursor).toBeNull();
    expect(names()).toEqual(['order.transfers', 'order.transfers']);
    expect(of('order.transfers')).toEqual([
      { action: 'transfers', orgId: 'dealer_gd', limit: 20 },
      { action: 'transfers', orgId: 'dealer_gd', limit: 20, cursor: '1767225600000/pay_1' },
    ]);
    // Nothing further to read: no call.
    expect(await loadMoreTransfers(api, 'dealer_gd', { rows: [], nextCursor: null })).toEqual({ ok: true, data: { rows: [], nextCursor: null } });
  });

  it('passes a refusal on as the client error', async () => {
    const { client } = scriptedClient({ 'order.transfers': [errReply('FORBIDDEN', 'no', 'orgId')] });
    const r = await loadTransfers(createTransfersApi(client), 'dealer_gd');
    expect(r.ok === false && r.error.code).toBe('FORBIDDEN');
  });

  it('labels a top-up 充值 and an order by its number, with buyer and amount', () => {
    expect(transferTitle(topUp)).toBe('充值');
    expect(transferTitle(row({ purpose: 'repay', orderId: null, orderNo: null }))).toBe('还款');
    expect(TRANSFER_PURPOSE_LABELS).toEqual({ order: '订单货款', top_up: '预存款', repay: '还款' });
    expect(transferTitle(row({}))).toBe('订单 SO20260101-000001');
    expect(transferLine(topUp)).toBe('天河便利店 · ¥1,000.00');
    expect(appendPage({ rows: [topUp], nextCursor: 'x' }, { transfers: [topUp, row({})], nextCursor: null }).rows).toEqual([topUp, row({})]);
  });

  it('confirms; rejects only with a reason, sent trimmed', async () => {
    const { client, of } = scriptedClient({ 'order.confirmTransfer': [okReply({ status: 'confirmed' })], 'order.rejectTransfer': [okReply({ status: 'rejected' })] });
    const api = createTransfersApi(client);
    expect(await decideTransfer(api, 'pay_1', { yes: true })).toEqual({ ok: true, done: '已确认收款' });
    expect(await decideTransfer(api, 'pay_2', { yes: false, reason: '  ' })).toEqual({ ok: false, text: '请填写原因，买方会看到', field: 'reason' });
    expect(of('order.rejectTransfer')).toEqual([]);
    expect(await decideTransfer(api, 'pay_2', { yes: false, reason: ' 金额不符 ' })).toEqual({ ok: true, done: '已驳回' });
    expect(of('order.confirmTransfer')).toEqual([{ action: 'confirmTransfer', paymentId: 'pay_1' }]);
    expect(of('order.rejectTransfer')).toEqual([{ action: 'rejectTransfer', paymentId: 'pay_2', reason: '金额不符' }]);
  });

  it('says so when the transfer was already decided by someone else', async () => {
    const { client } = scriptedClient({ 'order.confirmTransfer': [errReply('INVALID_STATE', 'the transfer is already confirmed')] });
    const r = await decideTransfer(createTransfersApi(client), 'pay_1', { yes: true });
    expect(r).toMatchObject({ ok: false, text: '这笔转账已经处理过了（可能别人刚处理过），已刷新' });
  });
});
