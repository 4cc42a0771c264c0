import { describe, expect, it } from 'vitest';
import { checkCustomerForm, customerFormOf, filterCustomers, nextAddressId } from './customer-form';
import { checkCreditForm, creditFormOf, creditLineState } from './credit-form';
import { checkListPriceForm, listPriceFormOf, priceCell } from './list-prices';
import { badgeCounts, checkReason, pendingReturns, pendingTransfers, sellerActions } from './orders';
import { cellText, reportGrid } from './report';
import { dateOf, dayStart_ms } from '../shanghai-dates';


// Goal: the seller's smaller forms and views check every field before sending and send exactly
// what was typed (customers, credit lines, list prices and floors), the order screen offers only
// the steps the order's state allows, and report cells read as money and words.

const customer = { sellerOrgId: 's', buyerOrgId: 'b', buyerName: '好运便利店', buyerKind: 'store' as const, regionCode: '310101', level: 'A', groupIds: ['vip'], tags: ['夜宵'], contact: '王', phone: null, addresses: [{ addressId: 'a1', regionCode: '310101', street: '南京路 1 号' }], licenceNo: null, version: 1 };

describe('customer form', () => {
  it('round-trips a profile and adds an address with a free id', () => {
    const f = customerFormOf(customer);
    const r = checkCustomerForm({ ...f, tags: '夜宵, 新店', addresses: [...f.addresses, { addressId: nextAddressId(f.addresses), regionCode: '310104', street: '漕溪路 2 号' }] }, 's');
    expect(r).toEqual({ ok: true, request: { buyerOrgId: 'b', sellerOrgId: 's', level: 'A', groupIds: ['vip'], tags: ['夜宵', '新店'], contact: '王', addresses: [customer.addresses[0], { addressId: 'a2', regionCode: '310104', street: '漕溪路 2 号' }] } });
  });

  it('names each bad field', () => {
    const r = checkCustomerForm({ ...customerFormOf(customer), phone: 'abc', addresses: [{ addressId: 'a1', regionCode: '31', street: '' }] }, 's');
    expect(r.ok ? null : Object.keys(r.errors).sort()).toEqual(['addresses[0].regionCode', 'addresses[0].street', 'phone']);
  });

  it('filters by name, level, group or tag', () => {
    expect(filterCustomers([customer], 'VIP').length).toBe(1);
    expect(filterCustomers([customer], '批发').length).toBe(0);
  });
});

describe('credit line form', () => {
  const NOW = Date.UTC(2026, 11, 4);
  it('sends fen, Shanghai dates and the term', () => {
    const r = checkCreditForm({ ...creditFormOf('b', null, NOW), limit: '5000', termDays: '45' }, 's');
    expect(r.ok ? [r.request.limit, r.request.termDays, dateOf(r.request.from)] : null).toEqual([500000, 45, '2026-12-04']);
  });
  it('refuses a bad limit, a reversed window and a term over a year', () => {
    const r = checkCreditForm({ buyerOrgId: 'b', limit: '-1', from: '2027-01-01', to: '2026-01-01', termDays: '400' }, 's');
    expect(r.ok ? null : Object.keys(r.errors).sort()).toEqual(['limit', 'termDays', 'to']);
  });
  it('says whether a line is in force', () => {
    expect(creditLineState({ from: 10, to: 20 }, 15).text).toBe('有效');
    expect(creditLineState({ from: 10, to: 20 }, 20).text).toBe('已过期');
    expect(creditLineState({ from: 10, to: 20 }, 5).text).toBe('未生效');
  });
  it('parses only real dates', () => {
    expect(dayStart_ms('2026-02-30')).toBeNull();
    expect(dayStart_ms('2026-02-28')).toBe(Date.UTC(2026, 1, 27, 16));
  });
});

describe('list prices and floors', () => {
  it('sends prices and floors in fen; a list price below its floor is marked', () => {
    const f = { ...listPriceFormOf('soy', null), list: { dealer: '10', wholesaler: '11', store: '12' }, floors: { dealer: '', wholesaler: '', store: '12.50' } };
    const r = checkListPriceForm(f);
    expect(r.ok ? null : r.errors).toEqual({ 'list.store': '低于门店控价 ¥12.50' });
    const ok = checkListPriceForm({ ...f, floors: { dealer: '', wholesaler: '10.5', store: '' }, retail: '15' });
    expect(ok.ok ? ok.request : null).toEqual({ productId: 'soy', unit: 'case', listPrices: { dealer: 1000, wholesaler: 1100, store: 1200 }, floors: { wholesaler: 1050 }, retailPrice: 1500 });
  });
  it('shows a price with its floor', () => {
    expect(priceCell({ productId: 'soy', unit: 'case', listPrices: { dealer: 1000, wholesaler: 1100, store: 1200 }, floors: { store: 1100 }, retailPrice: null, version: 1 }, 'store')).toBe('¥12.00 / 控 ¥11.00');
    expect(priceCell(null, 'store')).toBe('未定价');
  });
});

describe('orders for the seller', () => {
  const order = (status: string, shipments: unknown[] = [], extra: Record<string, unknown> = {}) => ({ orderId: 'o', orderNo: 'SO1', buyerOrgId: 'b', status, shipments, lines: [{ lineId: 'l1', productName: '酱油', unit: 'case' }], tenders: [], returns: [], ...extra }) as never;
  it('offers only what the state allows', () => {
    expect(sellerActions(order('pending_approval'))).toEqual(['approve', 'reject']);
    expect(sellerActions(order('approved'))).toEqual(['ship', 'cancel']);
    expect(sellerActions(order('approved', [{}]))).toEqual(['ship', 'closeRemainder']);
    expect(sellerActions(order('partially_shipped', [{}]))).toEqual(['ship', 'closeRemainder']);
    expect(sellerActions(order('shipped', [{}]))).toEqual([]);
  });
  it('finds transfers to confirm and returns to decide', () => {
    const o = order('pending_payment', [], { tenders: [{ kind: 'transfer', amount: 500, paid: 0, refunded: 0, paymentId: 'p1', receiptFileId: 'cloud://r.jpg' }, { kind: 'credit', amount: 100, paid: 100, refunded: 0 }], returns: [{ returnId: 'r1', status: 'requested', lines: [{ lineId: 'l1', quantity: 2 }], requestedAt: 1 }, { returnId: 'r2', status: 'refunded', lines: [], requestedAt: 1 }] });
    expect(pendingTransfers(o)).toEqual([{ orderId: 'o', orderNo: 'SO1', buyerOrgId: 'b', paymentId: 'p1', amount: 500, receiptFileId: 'cloud://r.jpg' }]);
    expect(pendingReturns(o).map((r) => [r.returnId, r.lines])).toEqual([['r1', ['酱油 × 2 箱']]]);
  });
  it('counts the badge and caps its text', () => {
    const rows = (n: number) => Array.from({ length: n }, () => ({}) as never);
    expect(badgeCounts(rows(2), rows(3)).text).toBe('5');
    expect(badgeCounts(rows(60), rows(50)).text).toBe('99+');
    expect(badgeCounts([], []).text).toBe('');
  });
  it('asks for a reason to reject', () => {
    expect(checkReason(' ')).toBe('请填写原因，买方会看到');
    expect(checkReason('缺货')).toBeNull();
  });
});

describe('report cells', () => {
  it('reads fen as yuan, counts grouped, states in words, and keeps the totals row', () => {
    const g = reportGrid({ columns: [{ key: 'status', title: '状态', kind: 'text' }, { key: 'orders', title: '订单数', kind: 'int' }, { key: 'amount', title: '金额(元)', kind: 'fen' }], rows: [{ status: 'pending_approval', orders: 1200, amount: 123456 }], totals: { status: '合计', orders: 1200, amount: 123456 } });
    expect(g).toEqual({ head: ['状态', '订单数', '金额(元)'], rows: [['待审批', '1,200', '1,234.56']], totals: ['合计', '1,200', '1,234.56'], numeric: [false, true, true] });
    expect(cellText({ key: 'b', title: '', kind: 'text' }, 'over_60')).toBe('逾期 60 天以上');
  });
});
