import { describe, expect, it } from 'vitest';
import { checkPolicyForm, emptyPolicyForm, policyFormOf, policySaveError, type PolicyForm } from './policy-form';

// Goal: the price-policy form says every problem on its own field before saving — targets for
// the scope, prices in yuan, duplicate items, dates, priority — and marks a price below the
// brand's floor for any buyer kind the seller reaches (PRICE_BELOW_FLOOR on the field); a good
// form becomes the exact request (fen, Shanghai midnight ms); a server refusal lands on its field.

const NOW = Date.UTC(2026, 11, 4, 2); // 2026-12-04 10:00 Shanghai
const floors = { floorsOf: (p: string) => (p === 'soy' ? { store: 11_00, wholesaler: 10_00 } : null), kinds: ['wholesaler', 'store'] };
const form = (patch: Partial<PolicyForm>): PolicyForm => ({ ...emptyPolicyForm(NOW), ...patch });

describe('policy form', () => {
  it('turns a good form into the request', () => {
    const r = checkPolicyForm(form({ scope: 'level', targets: 'A, B', items: [{ productId: 'soy', price: '12.5', minQuantity: '5' }], from: '2026-12-04', to: '2027-01-01', priority: '20', name: '冬季' }), floors);
    expect(r).toEqual({ ok: true, request: { scope: 'level', targetIds: ['A', 'B'], items: [{ productId: 'soy', price: 1250, minQuantity: 5 }], from: Date.UTC(2026, 11, 3, 16), to: Date.UTC(2026, 11, 31, 16), priority: 20, enabled: true, name: '冬季' } });
  });

  it('marks a price below the floor of a kind the seller sells to', () => {
    const r = checkPolicyForm(form({ items: [{ productId: 'soy', price: '10.50', minQuantity: '' }] }), floors);
    expect(r.ok ? null : r.errors).toEqual({ 'items[0].price': '低于品牌控价：门店不低于 ¥11.00' });
    // A dealer selling only to stores above the floor passes; a product without floors is free.
    expect(checkPolicyForm(form({ items: [{ productId: 'vin', price: '0.01', minQuantity: '' }] }), floors).ok).toBe(true);
  });

  it('says every problem at once, by field', () => {
    const r = checkPolicyForm(form({ scope: 'customer', targets: '', items: [{ productId: '', price: 'abc', minQuantity: '0' }, { productId: 'soy', price: '20', minQuantity: '' }, { productId: 'soy', price: '21', minQuantity: '' }], from: '2026-13-01', to: '2026-01-01', priority: '5000' }), floors);
    expect(r.ok ? null : Object.keys(r.errors).sort()).toEqual(['from', 'items[0].minQuantity', 'items[0].price', 'items[0].productId', 'items[2].productId', 'priority', 'targets'].sort());
  });

  it('refuses targets for all customers and a window that ends before it starts', () => {
    const r = checkPolicyForm(form({ scope: 'all', targets: 'x', items: [{ productId: 'soy', price: '20', minQuantity: '' }], from: '2027-01-01', to: '2026-01-01' }), floors);
    expect(r.ok ? null : r.errors).toEqual({ targets: '全部客户时不填对象', to: '结束日期应晚于开始日期' });
  });

  it('edits an existing policy with its version', () => {
    const f = policyFormOf({ policyId: 'pp1', sellerOrgId: 's', name: null, scope: 'all', targetIds: [], items: [{ productId: 'soy', price: 1200 }], from: Date.UTC(2026, 0, 1, -8), to: Date.UTC(2027, 0, 1, -8), priority: 0, enabled: false, version: 3, updatedAt: 0 });
    expect([f.items[0]!.price, f.from, f.to, f.enabled]).toEqual(['12.00', '2026-01-01', '2027-01-01', false]);
    const r = checkPolicyForm(f, floors);
    expect(r.ok ? [r.request.policyId, r.request.version] : null).toEqual(['pp1', 3]);
  });

  it('puts a server refusal on its field', () => {
    expect(policySaveError({ code: 'PRICE_BELOW_FLOOR', message: '', field: 'items[1].price', userMessage: '' })).toEqual({ field: 'items[1].price', text: '低于品牌控价，请提高价格' });
    expect(policySaveError({ code: 'NOT_FOUND', message: '', field: 'targetIds[0]', userMessage: '' }).field).toBe('targets');
  });
});
