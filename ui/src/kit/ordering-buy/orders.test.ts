import { describe, expect, it, vi } from 'vitest';
import type { OrderView } from '@channel-router/shared/api';
import { errReply, LOST, okReply, scriptedClient } from '../testing';
import {
  buyerMayCancel,
  checkReturn,
  createBalances,
  createExpected,
  createNotices,
  createOrderDetail,
  createOrderList,
  createReturnForm,
  expectedRefund,
  expectedRows,
  orderListKey,
  returnableUnits,
} from './orders';
import { historyText, packText } from './words';
import { BUYER_ORDER_STATE_LABELS as ORDER_STATE_LABELS } from '../ordering-words';
import { shortTimeText } from '../shanghai-dates';

// Goal: after submit the buyer sees its orders by state, cancels only where allowed, asks back at
// most what it received with the exact refund shown first, and sees what shipments still expect.

const line = (lineId: string, over: Partial<OrderView['lines'][number]> = {}): OrderView['lines'][number] => ({
  lineId, productId: `p_${lineId}`, productName: `品${lineId}`, unit: 'case', itemsPerUnit: 12, quantity: 10, listPrice: 1000, unitPrice: 1000,
  priceSource: { scope: 'list' }, discounts: [], net: 10_000, shippedItems: 120, returned: 0, refunded: 0, ...over,
});
const order = (over: Partial<OrderView> = {}): OrderView => ({
  orderId: 'o1', orderNo: 'SO20261205-000001', sellerOrgId: 'd1', buyerOrgId: 's1', status: 'received', version: 3,
  lines: [line('a'), line('b', { quantity: 3, net: 1000, shippedItems: 36 })], total: 11_000,
  tenders: [{ kind: 'credit', amount: 6000, paid: 6000, refunded: 0 }, { kind: 'deposit', amount: 5000, paid: 5000, refunded: 0 }],
  approval: { chain: [], step: 0, approvedBy: [] } as never, createdAt: 0, updatedAt: 0, history: [], shipments: [], returns: [], ...over,
});

describe('orders (buyer)', () => {
  it('lists by tab: the state filter and the buying side are sent; cancel only before approval', async () => {
    const { client, of } = scriptedClient({ 'order.list': [okReply({ orders: [{ orderId: 'o1' }], cursor: null })] });
    const list = createOrderList(client);
    await list.getState().load(orderListKey('s1', 'shipped'));
    expect(of('order.list')[0]).toMatchObject({ side: 'buy', orgId: 's1', status: 'shipped' });
    expect(list.getState().items).toHaveLength(1);
    expect(buyerMayCancel({ status: 'pending_approval' })).toBe(true);
    expect(buyerMayCancel({ status: 'approved' })).toBe(false);
  });

  it('cancels after a confirmation and reloads; a declined confirmation sends nothing', async () => {
    const { client, of } = scriptedClient({
      'order.get': [okReply(order({ status: 'pending_approval' })), okReply(order({ status: 'pending_approval' })), okReply(order({ status: 'cancelled' }))],
      'order.cancel': [okReply({ status: 'cancelled' })],
    });
    const answers = [false, true];
    const d = createOrderDetail({ client, confirmCancel: async () => answers.shift() ?? false });
    await d.getState().load('o1');
    await d.getState().cancel();
    expect(of('order.cancel')).toEqual([]);
    await d.getState().load('o1');
    await d.getState().cancel();
    expect(of('order.cancel')).toEqual([expect.objectContaining({ orderId: 'o1' })]);
    expect(d.getState().order).toMatchObject({ status: 'ready', value: { status: 'cancelled' } });
  });

  it('returns: at most received − returned − requested; exact refund floor(net × k / m), all of it at k = m', () => {
    const o = order({ returns: [{ returnId: 'r1', status: 'requested', lines: [{ lineId: 'a', quantity: 4 }], requestedAt: 0 }] });
    expect(returnableUnits(o, 'a')).toBe(6);
    expect(returnableUnits(order({ status: 'shipped' }), 'a')).toBe(0);
    expect(checkReturn(o, { quantities: { a: 7 }, reason: '破损', photos: [] })).toEqual({ ok: false, problem: '「品a」最多可退 6' });
    expect(checkReturn(o, { quantities: { a: 2 }, reason: ' ', photos: [] })).toEqual({ ok: false, problem: '请填写退货原因' });
    expect(checkReturn(o, { quantities: {}, reason: 'x', photos: [] })).toEqual({ ok: false, problem: '请选择要退的商品和数量' });
    expect(checkReturn(o, { quantities: { a: 2 }, reason: '破损', photos: [] })).toEqual({ ok: true, lines: [{ lineId: 'a', quantity: 2 }] });
    // 3 units for ¥10.00: one back refunds floor(1000/3) = 333; all three refund all 1000.
    const b = { net: 1000, refunded: 0, quantity: 3, returned: 0 };
    expect(expectedRefund(b, 1)).toBe(333);
    expect(expectedRefund(b, 3)).toBe(1000);
    expect(expectedRefund({ net: 1000, refunded: 333, quantity: 3, returned: 1 }, 2)).toBe(667);
  });

  it('asks a return once per confirmed draft (a lost reply is retried with the same key) and shows the refund first', async () => {
    const { client, of } = scriptedClient({ 'order.requestReturn': [LOST, okReply({ returnId: 'r9', status: 'requested' })] });
    const confirmReturn = vi.fn(async (_o: OrderView, _refund: number) => true);
    const f = createReturnForm({ client, confirmReturn });
    f.getState().setQuantity('a', 2);
    f.getState().setReason('破损');
    f.getState().addPhoto('cloud://e.b/uploads/terminal/u/1.jpg');
    await f.getState().submit(order());
    expect(f.getState().phase.status).toBe('failed');
    await f.getState().submit(order());
    expect(confirmReturn).toHaveBeenCalledTimes(1);
    expect(confirmReturn.mock.calls[0]![1]).toBe(2000); // floor(10000 × 2 / 10)
    const sent = of('order.requestReturn');
    expect(sent[0]!['requestId']).toBe(sent[1]!['requestId']);
    expect(sent[1]).toMatchObject({ orderId: 'o1', lines: [{ lineId: 'a', quantity: 2 }], reason: '破损', photos: ['cloud://e.b/uploads/terminal/u/1.jpg'] });
    expect(f.getState().phase).toMatchObject({ status: 'done', result: { returnId: 'r9' } });
  });

  it('shows what open shipments still expect, counting scanned items against the oldest shipment first', async () => {
    const o1 = order({ orderId: 'o1', status: 'partially_shipped', shipments: [
      { shipmentId: 'sh2', at: 20, lines: [{ productId: 'p_a', items: 24 }], status: 'in_transit' },
      { shipmentId: 'sh1', at: 10, lines: [{ productId: 'p_a', items: 12 }, { productId: 'p_b', items: 12 }], status: 'in_transit' },
      { shipmentId: 'sh0', at: 5, lines: [{ productId: 'p_a', items: 12 }], status: 'received' },
    ] });
    const entries = [
      { code: 'A', status: 'ready' as const, productId: 'p_a', items: 12 },
      { code: 'B', status: 'ready' as const, productId: 'p_a', items: 12 },
      { code: 'C', status: 'checking' as const },
    ];
    expect(expectedRows([o1], entries).map((r) => [r.shipmentId, r.productId, r.items, r.scanned])).toEqual([
      ['sh1', 'p_a', 12, 12],
      ['sh1', 'p_b', 12, 0],
      ['sh2', 'p_a', 24, 12],
    ]);
    const { client, of } = scriptedClient({
      'order.list': [okReply({ orders: [{ orderId: 'o1' }], cursor: null }), okReply({ orders: [], cursor: null })],
      'order.get': [okReply(o1)],
    });
    const ex = createExpected(client);
    await ex.getState().load('s1');
    expect(of('order.list').map((e) => e['status'])).toEqual(['partially_shipped', 'shipped']);
    expect(ex.getState().orders).toMatchObject({ status: 'ready', value: [{ orderId: 'o1' }] });
  });

  it('notices: the unread count, and marking read lowers it', async () => {
    const n = (id: string, read: boolean) => ({ noticeId: id, kind: 'shipped', orderId: 'o1', orderNo: 'SO1', shipmentId: 'sh', title: '已发货', at: 0, read });
    const { client, of } = scriptedClient({ 'order.notices': [okReply({ notices: [n('a', false), n('b', true), n('c', false)] })], 'order.markNoticesRead': [okReply({ marked: 2 })] });
    const s = createNotices(client);
    await s.getState().load('s1');
    expect(s.getState().unread).toBe(2);
    await s.getState().markRead();
    expect(of('order.markNoticesRead')[0]!['noticeIds']).toEqual(['a', 'c']);
    expect(s.getState().unread).toBe(0);
  });

  it('balances and a top-up by transfer: needs the receipt, asks once, reloads', async () => {
    const b = { deposit: 100, rebate: 0, credit: { limit: 0, used: 0, available: 0, overdue: 0, termDays: null, ageing: { not_due: 0, d1_30: 0, d31_60: 0, over_60: 0 } } };
    const { client, of } = scriptedClient({
      'order.balances': [okReply(b), okReply(b)],
      'order.topUp': [okReply({ paymentId: 'pay1' })],
    });
    const confirmTopUp = vi.fn(async () => true);
    const s = createBalances({ client, confirmTopUp });
    await s.getState().load('s1', 'd1');
    await s.getState().requestTopUp('500', 'transfer', null);
    expect(s.getState().topUp.error?.userMessage).toBe('请先上传转账凭证');
    await s.getState().requestTopUp('abc', 'wechat_pay', null);
    expect(s.getState().topUp.error?.userMessage).toBe('请填写充值金额，例如 500 或 500.50');
    await s.getState().requestTopUp('500.5', 'transfer', 'cloud://e.b/r.jpg');
    expect(of('order.topUp')[0]).toMatchObject({ sellerOrgId: 'd1', buyerOrgId: 's1', amount: 50_050, method: 'transfer', receiptFileId: 'cloud://e.b/r.jpg' });
    expect(s.getState().topUp.status).toBe('done');
    expect(confirmTopUp).toHaveBeenCalledTimes(1);
  });

  it('a failed load is an error state, not an empty list', async () => {
    const { client } = scriptedClient({ 'order.notices': [errReply('NOT_FOUND')] });
    const s = createNotices(client);
    await s.getState().load('s1');
    expect(s.getState().notices.status).toBe('error');
  });

  it('words: states, packs, history, Shanghai time', () => {
    expect(ORDER_STATE_LABELS.partially_shipped).toBe('部分发货');
    expect(packText('case', 12)).toBe('12 件/箱');
    expect(historyText({ at: 0, by: 'u', event: 'reject', from: 'pending_approval', to: 'cancelled', reason: '缺货' })).toBe('审核拒绝 · 已取消（缺货）');
    expect(shortTimeText(Date.UTC(2026, 11, 5, 16, 30))).toBe('12-06 00:30');
  });
});
