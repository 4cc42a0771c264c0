import { describe, expect, it } from 'vitest';
import type { FullDiscountPromotion, FullGiftPromotion, FullReductionPromotion } from '@channel-router/shared';
import { bpToZhe, formOfPromotion, newPromotionForm, percentToBp, promotionRequest, zheToBp, type PromotionForm } from './form';
import { dayStart_ms } from '../shanghai-dates';
import type { PromotionView } from './api';

const NOW = Date.UTC(2026, 11, 5, 4); // 2026-12-05 12:00 Shanghai

function form(over: Partial<PromotionForm>): PromotionForm {
  const base = newPromotionForm('full_reduction', NOW);
  return { ...base, name: '冬季满减', fromDate: '2026-12-01', toDate: '2026-12-31', tiers: [{ threshold: '300', off: '30', zhe: '', gifts: [] }], ...over };
}

describe('promotion form → savePromotion request', () => {
  it('goal: yuan typed becomes fen, dates become the half-open Shanghai window, an empty budget is none', () => {
    const r = promotionRequest(form({ tiers: [{ threshold: '300', off: '30', zhe: '', gifts: [] }, { threshold: '500.5', off: '80.05', zhe: '', gifts: [] }] }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const req = r.req as FullReductionPromotion;
    expect(req.tiers).toEqual([{ threshold: 30_000, off: 3_000 }, { threshold: 50_050, off: 8_005 }]);
    expect(req.from).toBe(Date.UTC(2026, 10, 30, 16)); // 12-01 00:00 in Shanghai
    expect(req.to).toBe(Date.UTC(2026, 11, 31, 16)); // 2027-01-01 00:00 in Shanghai: the 31st is included
    expect(req.budget).toBeUndefined();
    expect(req.products).toEqual({ scope: 'all' });
    expect(req.targeting).toEqual({});
  });

  it('goal: 每满 keeps one tier and its cap; budget in yuan is fen; targeting and scope are carried', () => {
    const r = promotionRequest(
      form({
        repeat: true,
        cap: '100',
        budget: '5000',
        perBuyerLimit: '3',
        tiers: [{ threshold: '300', off: '30', zhe: '', gifts: [] }],
        kinds: ['store'],
        levels: ['A'],
        regionsText: '440000，110105',
        productScope: 'except',
        productIds: ['p-gift'],
      }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.req).toMatchObject({ repeat: true, cap: 10_000, budget: { kind: 'fen', amount: 500_000 }, perBuyerLimit: 3, targeting: { kinds: ['store'], levels: ['A'], regions: ['440000', '110105'] }, products: { scope: 'except', productIds: ['p-gift'] } });
  });

  it('goal: 折 typed is the share paid in bp (9.5折 = 9500), and back', () => {
    expect(zheToBp('9.5')).toBe(9_500);
    expect(zheToBp('8.85折')).toBe(8_850);
    expect(zheToBp('0')).toBe(0);
    expect(zheToBp('10')).toBeNull();
    expect(zheToBp('9.5.1')).toBeNull();
    expect(bpToZhe(9_500)).toBe('9.5');
    expect(bpToZhe(8_850)).toBe('8.85');
    expect(percentToBp('1.5')).toBe(150);
    expect(percentToBp('101')).toBeNull();
    const r = promotionRequest(form({ type: 'full_discount', tiers: [{ threshold: '500', off: '', zhe: '9.5', gifts: [] }, { threshold: '1000', off: '', zhe: '9', gifts: [] }] }));
    expect(r.ok && (r.req as FullDiscountPromotion).tiers).toEqual([{ threshold: 50_000, rate_bp: 9_500 }, { threshold: 100_000, rate_bp: 9_000 }]);
  });

  it('goal: a 满送 counts gift units for its budget and measures units when asked', () => {
    const r = promotionRequest(form({ type: 'full_gift', thresholdBy: 'units', budget: '200', tiers: [{ threshold: '10', off: '', zhe: '', gifts: [{ productId: 'p-gift', quantity: '2' }] }] }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const req = r.req as FullGiftPromotion;
    expect(req.budget).toEqual({ kind: 'gift_units', amount: 200 });
    expect(req.tiers).toEqual([{ threshold: 10, gifts: [{ productId: 'p-gift', quantity: 2 }] }]);
    expect(req.thresholdBy).toBe('units');
  });

  it('goal: special and bundle map their items; an edit keeps its id and version', () => {
    const s = promotionRequest(form({ type: 'special', promotionId: 'pr-1', version: 4, items: [{ productId: 'p1', price: '88.8', quantity: '1' }] }));
    expect(s.ok && s.req).toMatchObject({ type: 'special', items: [{ productId: 'p1', price: 8_880 }], promotionId: 'pr-1', version: 4 });
    const b = promotionRequest(form({ type: 'bundle', bundlePrice: '199', items: [{ productId: 'p1', price: '', quantity: '2' }, { productId: 'p2', price: '', quantity: '1' }] }));
    expect(b.ok && b.req).toMatchObject({ type: 'bundle', price: 19_900, items: [{ productId: 'p1', quantity: 2 }, { productId: 'p2', quantity: 1 }] });
  });

  it('goal: a stored promotion opens in the form as it was typed, and saves back to the same definition', () => {
    const r = promotionRequest(form({ repeat: true, cap: '100', budget: '50.5', tiers: [{ threshold: '300', off: '30', zhe: '', gifts: [] }] }));
    if (!r.ok) throw new Error('form should be valid');
    const view = { ...r.req, promotionId: 'pr-9', sellerOrgId: 'brand', createdAt: 1, budgetLeft: 100, version: 2 } as PromotionView;
    const again = formOfPromotion(view);
    expect(again).toMatchObject({ fromDate: '2026-12-01', toDate: '2026-12-31', cap: '100', budget: '50.5', repeat: true, promotionId: 'pr-9', version: 2 });
    const r2 = promotionRequest(again);
    expect(r2.ok && { ...r2.req, promotionId: undefined, version: undefined }).toEqual({ ...r.req, promotionId: undefined, version: undefined });
  });
});

describe('promotion form: problems named on their fields in Chinese', () => {
  it('goal: typing problems of several fields are shown together', () => {
    const r = promotionRequest(form({ name: '', tiers: [{ threshold: '', off: 'abc', zhe: '', gifts: [] }], perBuyerLimit: '1.5', fromDate: '2026-02-30' }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      'tiers[0].threshold': '请填写第 1 档门槛',
      'tiers[0].off': '第 1 档减免金额请填写金额',
      perBuyerLimit: '每个客户限用次数请填写整数',
      from: '请选择开始日期',
    });
  });

  it("goal: the validator's rules come back on the field they concern", () => {
    const cases: Array<[Partial<PromotionForm>, string, string]> = [
      [{ name: '' }, 'name', '请填写促销名称'],
      [{ tiers: [{ threshold: '300', off: '30', zhe: '', gifts: [] }, { threshold: '200', off: '50', zhe: '', gifts: [] }] }, 'tiers[1].threshold', '第 2 档门槛须高于上一档门槛'],
      [{ tiers: [{ threshold: '300', off: '30', zhe: '', gifts: [] }, { threshold: '500', off: '20', zhe: '', gifts: [] }] }, 'tiers[1].off', '第 2 档减免金额须比上一档优惠更多'],
      [{ tiers: [{ threshold: '30', off: '50', zhe: '', gifts: [] }] }, 'tiers[0].off', '第 1 档减免金额不能超过门槛'],
      [{ fromDate: '2026-12-31', toDate: '2026-12-01' }, 'to', '结束日期不能早于开始日期'],
      [{ repeat: true, cap: '10', tiers: [{ threshold: '300', off: '30', zhe: '', gifts: [] }] }, 'cap', '封顶金额不能少于每满减免的金额'],
      [{ type: 'special', items: [{ productId: '', price: '10', quantity: '1' }] }, 'items[0].productId', '请选择第 1 个商品'],
      [{ type: 'bundle', bundlePrice: '10', items: [{ productId: 'p1', price: '', quantity: '1' }] }, 'items', '套餐至少包含两件商品（单个商品请用特价）'],
      [{ regionsText: '44' }, 'targeting.regions[0]', '适用地区第 1 项应为 6 位数字的地区码'],
    ];
    for (const [over, field, message] of cases) {
      const r = promotionRequest(form(over));
      expect(r.ok, field).toBe(false);
      if (!r.ok) expect(r.errors, field).toEqual({ [field]: message });
    }
  });

  it('goal: a 折 that is not one is refused on its tier', () => {
    const r = promotionRequest(form({ type: 'full_discount', tiers: [{ threshold: '500', off: '', zhe: '10', gifts: [] }] }));
    expect(!r.ok && r.errors).toEqual({ 'tiers[0].rate_bp': '第 1 档折扣应为 0 到 9.99 之间，例如 9.5 表示 95 折' });
  });

  it('goal: dates are real Shanghai dates', () => {
    expect(dayStart_ms('2026-12-05')).toBe(Date.UTC(2026, 11, 4, 16));
    expect(dayStart_ms('2026-02-29')).toBeNull();
    expect(dayStart_ms('2026/12/05')).toBeNull();
  });
});
