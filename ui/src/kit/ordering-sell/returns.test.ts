import { describe, expect, it } from 'vitest';
import type { ReturnToDecide } from '@channel-router/shared/api';
import { errReply, okReply, scriptedClient } from '../testing';
import { appendReturnsPage, createReturnsApi, decideReturn, loadMoreReturns, loadReturns, returnLines, returnRefundText, returnTitle } from './returns';

// Goal: the seller's 退货审核 reads every return request waiting for a decision with one call per
// page (no reading of orders one by one, so returns on older orders are not missed), names each
// line by product and unit, refuses to send a rejection without a reason, and says plainly when
// someone else decided first.

const row = (over: Partial<ReturnToDecide>): ReturnToDecide => ({
  returnId: 'ret_1',
  orderId: 'ord_1',
  orderNo: 'SO20260101-000001',
  buyerOrgId: 'store_th',
  buyerName: '天河便利店',
  lines: [{ lineId: 'L1', productId: 'p_soy', productName: '酱油', unit: 'box', quantity: 2 }],
  reason: '外箱破损',
  refundOnly: false,
  photos: ['cloud://env.bucket/uploads/terminal/o1/20260101/a.png'],
  photoUrls: ['http://127.0.0.1:8787/storage/env-local/uploads/terminal/o1/20260101/a.png?sign=x&t=1'],
  requestedAt: 1_767_225_600_000,
  refund: 4_798,
  ...over,
});
const claim = row({ returnId: 'ret_2', refundOnly: true, photos: [], photoUrls: [], refund: null, lines: [{ lineId: 'L2', productId: 'p_vin', productName: '香醋', unit: 'case', quantity: 1 }] });

describe('returns to decide', () => {
  it('reads the first page in one call and the next by its cursor', async () => {
    const { client, of, names } = scriptedClient({
      'order.returns': [okReply({ returns: [row({})], nextCursor: '1767225600000/ret_1' }), okReply({ returns: [row({}), claim], nextCursor: null })],
    });
    const api = createReturnsApi(client);
    const first = await loadReturns(api, 'dealer_gd');
    expect(first).toEqual({ ok: true, data: { rows: [row({})], nextCursor: '1767225600000/ret_1' } });
    const more = await loadMoreReturns(api, 'dealer_gd', first.ok ? first.data : { rows: [], nextCursor: null });
    // The row seen on both pages is shown once.
    expect(more.ok && more.data.rows.map((r) => r.returnId)).toEqual(['ret_1', 'ret_2']);
    expect(more.ok && more.data.nextCursor).toBeNull();
    expect(names()).toEqual(['order.returns', 'order.returns']);
    expect(of('order.returns')).toEqual([
      { action: 'returns', orgId: 'dealer_gd', limit: 20 },
      { action: 'returns', orgId: 'dealer_gd', limit: 20, cursor: '1767225600000/ret_1' },
    ]);
    // Nothing further to read: no call.
    expect(await loadMoreReturns(api, 'dealer_gd', { rows: [], nextCursor: null })).toEqual({ ok: true, data: { rows: [], nextCursor: null } });
  });

  it('passes a refusal on as the client error', async () => {
    const { client } = scriptedClient({ 'order.returns': [errReply('FORBIDDEN', 'no', 'orgId')] });
    const r = await loadReturns(createReturnsApi(client), 'dealer_gd');
    expect(r.ok === false && r.error.code).toBe('FORBIDDEN');
  });

  it('names lines by product and unit, a refund-only claim as such, the refund when known', () => {
    expect(returnLines(row({}))).toEqual(['酱油 × 2 盒']);
    expect(returnLines(claim)).toEqual(['香醋 × 1 箱']);
    expect(returnTitle(row({}))).toBe('退货申请');
    expect(returnTitle(claim)).toBe('仅退款申请');
    expect(returnRefundText(row({}))).toBe('退款 ¥47.98');
    expect(returnRefundText(claim)).toBeNull();
    expect(appendReturnsPage({ rows: [claim], nextCursor: 'x' }, { returns: [claim, row({})], nextCursor: null }).rows).toEqual([claim, row({})]);
  });

  it('approves; rejects only with a reason, sent trimmed', async () => {
    const { client, of } = scriptedClient({ 'order.approveReturn': [okReply({ status: 'approved' }), okReply({ status: 'refunded', refund: 2_399 })], 'order.rejectReturn': [okReply({ status: 'rejected' })] });
    const api = createReturnsApi(client);
    expect(await decideReturn(api, 'ret_1', { yes: true })).toEqual({ ok: true, done: '已同意' });
    expect(await decideReturn(api, 'ret_3', { yes: true })).toEqual({ ok: true, done: '已同意，已退款' });
    expect(await decideReturn(api, 'ret_2', { yes: false, reason: '  ' })).toEqual({ ok: false, text: '请填写原因，买方会看到', field: 'reason' });
    expect(of('order.rejectReturn')).toEqual([]);
    expect(await decideReturn(api, 'ret_2', { yes: false, reason: ' 不影响销售 ' })).toEqual({ ok: true, done: '已驳回' });
    expect(of('order.approveReturn')).toEqual([{ action: 'approveReturn', returnId: 'ret_1' }, { action: 'approveReturn', returnId: 'ret_3' }]);
    expect(of('order.rejectReturn')).toEqual([{ action: 'rejectReturn', returnId: 'ret_2', reason: '不影响销售' }]);
  });

  it('says so when the return was already decided by someone else', async () => {
    const { client } = scriptedClient({ 'order.approveReturn': [errReply('INVALID_STATE', 'the return is already approved')] });
    const r = await decideReturn(createReturnsApi(client), 'ret_1', { yes: true });
    expect(r).toMatchObject({ ok: false, text: '这次退货已经处理过了（可能别人刚处理过），已刷新' });
  });
});
