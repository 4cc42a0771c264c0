import { describe, expect, it } from 'vitest';
import { bundle, discount, gift, reduction, special } from './fixtures.test-helpers.js';
import { discountText, missedHint, promotionLabel, shortYuan } from './labels.js';

describe('labels', () => {
  it('goal: badges read as sellers write them', () => {
    const names = (id: string) => (id === 'g' ? '定制酒杯' : id);
    expect(shortYuan(30_000)).toBe('300');
    expect(shortYuan(1_250)).toBe('12.5');
    expect(shortYuan(1_234)).toBe('12.34');
    expect(discountText(9_500)).toBe('9.5折');
    expect(discountText(9_000)).toBe('9折');
    expect(discountText(8_850)).toBe('8.85折');
    expect(discountText(0)).toBe('免单');
    expect(promotionLabel(special([{ productId: 'a', price: 1 }]))).toBe('特价');
    expect(promotionLabel(bundle([{ productId: 'a', quantity: 2 }], 2_500))).toBe('套餐 ¥25');
    expect(promotionLabel(reduction([{ threshold: 30_000, off: 3_000 }, { threshold: 50_000, off: 6_000 }]))).toBe('满300减30，满500减60');
    expect(promotionLabel(reduction([{ threshold: 30_000, off: 3_000 }], { repeat: true, cap: 10_000 }))).toBe('每满300减30，最高减100');
    expect(promotionLabel(reduction([{ threshold: 10, off: 5_000 }], { thresholdBy: 'units' }), undefined, '箱')).toBe('满10箱减50');
    expect(promotionLabel(discount([{ threshold: 50_000, rate_bp: 9_500 }]))).toBe('满500打9.5折');
    expect(promotionLabel(gift([{ threshold: 20_000, gifts: [{ productId: 'g', quantity: 1 }] }]), names)).toBe('满200送定制酒杯×1');
  });

  it('goal: the quote hint says how much more and what it gives', () => {
    expect(missedHint({ promotionId: 'p', type: 'full_reduction', thresholdBy: 'amount', missing: 1_200, reward: 3_000 })).toBe('再买 ¥12.00 可减 ¥30.00');
    expect(missedHint({ promotionId: 'p', type: 'full_reduction', thresholdBy: 'units', missing: 2, reward: 3_000 }, undefined, '箱')).toBe('再买 2 箱 可减 ¥30.00');
    expect(missedHint({ promotionId: 'p', type: 'full_discount', thresholdBy: 'amount', missing: 500, reward: 2_500, rate_bp: 9_500 })).toBe('再买 ¥5.00 可享9.5折，减 ¥25.00');
    expect(missedHint({ promotionId: 'p', type: 'full_gift', thresholdBy: 'amount', missing: 500, reward: 3_000, gifts: [{ productId: 'g', quantity: 2 }] }, () => '定制酒杯')).toBe('再买 ¥5.00 可得定制酒杯×2');
  });
});
