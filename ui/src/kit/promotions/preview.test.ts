import { describe, expect, it } from 'vitest';
import type { PromotionDefinition } from '@channel-router/shared';
import { newPromotionForm, promotionRequest, type PromotionForm } from './form';
import { EMPTY_SAMPLE, previewPromotion, sampleLine, type SampleCart } from './preview';
import type { ListPriceRef, ProductRef } from './api';

const NOW = Date.UTC(2026, 11, 5, 4);
const PRODUCTS: ProductRef[] = [
  { id: 'p1', name: '生抽' },
  { id: 'p2', name: '老抽' },
  { id: 'p3', name: '蚝油' },
  { id: 'gift', name: '围裙' },
];
const PRICES: ListPriceRef[] = [
  { productId: 'p1', unit: 'case', listPrices: { dealer: 8_000, wholesaler: 9_000, store: 10_000 } },
  { productId: 'p2', unit: 'case', listPrices: { dealer: 8_000, wholesaler: 9_000, store: 10_000 } },
  { productId: 'p3', unit: 'case', listPrices: { dealer: 8_000, wholesaler: 9_000, store: 10_000 } },
  { productId: 'gift', unit: 'case', listPrices: { dealer: 1_000, wholesaler: 1_200, store: 1_500 } },
];

function def(over: Partial<PromotionForm>): PromotionDefinition {
  const f = { ...newPromotionForm('full_reduction', NOW), name: '样例', fromDate: '2026-12-01', toDate: '2026-12-31', ...over };
  const r = promotionRequest(f);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.req as PromotionDefinition;
}

function cart(lines: Array<[string, number]>, buyer: Partial<SampleCart['buyer']> = {}): SampleCart {
  const b = { ...EMPTY_SAMPLE.buyer, ...buyer };
  return { buyer: b, lines: lines.map(([id, q]) => sampleLine(PRICES, id, b.kind, q)) };
}

describe('preview of a promotion on a sample cart', () => {
  it('goal: 满300减100 on three lines of ¥100 apportions 33.34 / 33.33 / 33.33 (the remainder fen to the first line)', () => {
    const p = previewPromotion(def({ tiers: [{ threshold: '300', off: '100', zhe: '', gifts: [] }] }), cart([['p1', 1], ['p2', 1], ['p3', 1]]), PRODUCTS, PRICES, NOW);
    expect(p.status).toBe('ready');
    if (p.status !== 'ready') return;
    expect(p.lines.map((l) => l.discount)).toEqual([3_334, 3_333, 3_333]);
    expect(p.lines.map((l) => l.net)).toEqual([6_666, 6_667, 6_667]);
    expect([p.gross, p.discount, p.total]).toEqual([30_000, 10_000, 20_000]);
    expect(p.badge).toBe('满300减100');
    expect(p.hints).toEqual([]);
  });

  it('goal: below the next tier the preview says what is missing (再买 ¥x 可减 ¥y)', () => {
    const d = def({ tiers: [{ threshold: '300', off: '30', zhe: '', gifts: [] }, { threshold: '500', off: '80', zhe: '', gifts: [] }] });
    const p = previewPromotion(d, cart([['p1', 2], ['p2', 2]]), PRODUCTS, PRICES, NOW);
    if (p.status !== 'ready') throw new Error(p.status);
    expect(p.discount).toBe(3_000);
    expect(p.hints).toEqual(['再买 ¥100.00 可减 ¥80.00']);
    const below = previewPromotion(d, cart([['p1', 2]]), PRODUCTS, PRICES, NOW);
    expect(below.status === 'ready' && below.hints).toEqual(['再买 ¥100.00 可减 ¥30.00']);
    expect(below.status === 'ready' && below.discount).toBe(0);
  });

  it('goal: 每满300减30 with a cap of ¥50 stops at the cap and stops hinting', () => {
    const d = def({ repeat: true, cap: '50', tiers: [{ threshold: '300', off: '30', zhe: '', gifts: [] }] });
    const two = previewPromotion(d, cart([['p1', 7]]), PRODUCTS, PRICES, NOW); // ¥700: twice → 60, capped at 50
    expect(two.status === 'ready' && [two.discount, two.hints]).toEqual([5_000, []]);
    const once = previewPromotion(d, cart([['p1', 4]]), PRODUCTS, PRICES, NOW); // ¥400: once → 30; ¥200 more → 50
    expect(once.status === 'ready' && [once.discount, once.hints]).toEqual([3_000, ['再买 ¥200.00 可减 ¥50.00']]);
  });

  it('goal: 满折 is one rounded discount for the whole cart, apportioned; 满送 gives gifts at the buyer kind\'s price', () => {
    const d = def({ type: 'full_discount', tiers: [{ threshold: '200', off: '', zhe: '9.5', gifts: [] }] });
    const p = previewPromotion(d, cart([['p1', 1], ['p2', 1], ['p3', 1]]), PRODUCTS, PRICES, NOW);
    expect(p.status === 'ready' && [p.discount, p.total, p.badge]).toEqual([1_500, 28_500, '满200打9.5折']);
    const g = def({ type: 'full_gift', tiers: [{ threshold: '200', off: '', zhe: '', gifts: [{ productId: 'gift', quantity: '2' }] }] });
    const q = previewPromotion(g, cart([['p1', 3]], { kind: 'dealer' }), PRODUCTS, PRICES, NOW);
    expect(q.status === 'ready' && q.gifts).toEqual([{ productName: '围裙', quantity: 2, worth: 2_000 }]);
    expect(q.status === 'ready' && [q.total, q.hints]).toEqual([24_000, []]); // ¥80 × 3 at the dealer price; gifts are free
  });

  it('goal: a sample buyer outside the targeting, and a bad cart, are said plainly', () => {
    const d = def({ kinds: ['dealer'], tiers: [{ threshold: '300', off: '30', zhe: '', gifts: [] }] });
    expect(previewPromotion(d, cart([['p1', 3]], { kind: 'store' }), PRODUCTS, PRICES, NOW)).toEqual({ status: 'not_for_buyer', message: '样例客户不在这个促销的适用范围内' });
    expect(previewPromotion(d, { ...EMPTY_SAMPLE }, PRODUCTS, PRICES, NOW)).toEqual({ status: 'empty' });
    const bad = { buyer: EMPTY_SAMPLE.buyer, lines: [{ productId: 'p1', quantity: '0', unitPrice: '100' }] };
    expect(previewPromotion(d, bad, PRODUCTS, PRICES, NOW)).toEqual({ status: 'bad_cart', message: '样例第 1 行数量请填写正整数' });
  });

  it('goal: a promotion that starts next month is previewed as it will run', () => {
    const d = def({ fromDate: '2027-01-01', toDate: '2027-01-31', tiers: [{ threshold: '300', off: '30', zhe: '', gifts: [] }] });
    const p = previewPromotion(d, cart([['p1', 3]]), PRODUCTS, PRICES, NOW);
    expect(p.status === 'ready' && p.discount).toBe(3_000);
  });
});
