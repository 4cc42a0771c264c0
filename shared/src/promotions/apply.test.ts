import { describe, expect, it } from 'vitest';
import { applyPromotions, asQuote, quoteFingerprint, type ApplyPromotionsInput } from './apply.js';
import { STORE, T0, bundle, discount, gift, priced, reduction, special } from './fixtures.test-helpers.js';

const AT = T0 + 1000;

function quote(lines: ApplyPromotionsInput['lines'], promotions: ApplyPromotionsInput['promotions'], more: Partial<ApplyPromotionsInput> = {}) {
  return applyPromotions({ lines, promotions, buyer: STORE, at_ms: AT, ...more });
}

function amountsOf(q: ReturnType<typeof quote>, promotionId: string): number[] {
  return q.lines.map((l) => l.discounts.find((d) => d.promotionId === promotionId)?.amount ?? 0);
}

describe('applyPromotions: apportioning by largest remainder', () => {
  it('goal: 满300减100 on three lines of 100.00 gives 33.34 / 33.33 / 33.33', () => {
    const r = reduction([{ threshold: 30_000, off: 10_000 }]);
    const q = quote([priced('a', 1, 10_000), priced('b', 1, 10_000), priced('c', 1, 10_000)], [r]);
    expect(amountsOf(q, r.promotionId)).toEqual([3_334, 3_333, 3_333]);
    expect(q.lines.map((l) => l.net)).toEqual([6_666, 6_667, 6_667]);
    expect(q.total).toBe(20_000);
  });

  it('goal: the leftover fen goes to the largest remainder (10 fen over 33.33 / 33.33 / 33.34)', () => {
    const r = reduction([{ threshold: 10_000, off: 10 }]);
    const q = quote([priced('a', 1, 3_333), priced('b', 1, 3_333), priced('c', 1, 3_334)], [r]);
    expect(amountsOf(q, r.promotionId)).toEqual([3, 3, 4]);
  });

  it('goal: on equal remainders and equal bases the earlier lines get the leftover fen (满折 on 3 × 33.33)', () => {
    const d = discount([{ threshold: 100, rate_bp: 9500 }]);
    const q = quote([priced('a', 1, 3_333), priced('b', 1, 3_333), priced('c', 1, 3_333)], [d]);
    // One D for the whole: round_half_up(9999 × 500 / 10000) = 500, not 3 × round(166.65) = 501.
    expect(q.applied[0]!.discount_fen).toBe(500);
    expect(amountsOf(q, d.promotionId)).toEqual([167, 167, 166]);
  });

  it('goal: a 1-fen line; on an equal remainder the larger base wins the fen', () => {
    const r = reduction([{ threshold: 10_000, off: 5_000 }]);
    const q = quote([priced('a', 1, 1), priced('b', 1, 9_999)], [r]);
    // 5000 × 1 / 10000 = 0.5 and 5000 × 9999 / 10000 = 4999.5: the tie goes to the larger base.
    expect(amountsOf(q, r.promotionId)).toEqual([0, 5_000]);
    expect(q.lines.map((l) => l.net)).toEqual([1, 4_999]);
  });

  it('goal: a 1-fen line alone under a units threshold loses its whole fen and no more', () => {
    const r = reduction([{ threshold: 1, off: 500 }], { thresholdBy: 'units' });
    const q = quote([priced('a', 1, 1)], [r]);
    expect(amountsOf(q, r.promotionId)).toEqual([1]);
    expect(q.total).toBe(0);
  });
});

describe('applyPromotions: never below zero', () => {
  it('goal: a 100 % 满折 (rate 0) takes every line to exactly 0', () => {
    const d = discount([{ threshold: 1_000, rate_bp: 0 }]);
    const q = quote([priced('a', 2, 3_000), priced('b', 1, 1_001)], [d]);
    expect(q.lines.map((l) => l.net)).toEqual([0, 0]);
    expect(q.total).toBe(0);
    expect(q.applied[0]!.discount_fen).toBe(7_001);
  });

  it('goal: a special at price 0 is a 100 % discount of its line', () => {
    const s = special([{ productId: 'a', price: 0 }]);
    const q = quote([priced('a', 3, 1_234), priced('b', 1, 100)], [s]);
    expect(amountsOf(q, s.promotionId)).toEqual([3_702, 0]);
    expect(q.lines.map((l) => l.net)).toEqual([0, 100]);
  });

  it('goal: 满2件减5元 on two lines worth 2.50 stops at 2.50 (the lines would go negative)', () => {
    const r = reduction([{ threshold: 2, off: 500 }], { thresholdBy: 'units' });
    const q = quote([priced('a', 1, 100), priced('b', 1, 150)], [r]);
    expect(amountsOf(q, r.promotionId)).toEqual([100, 150]);
    expect(q.lines.map((l) => l.net)).toEqual([0, 0]);
    expect(q.applied[0]!.discount_fen).toBe(250);
    expect(q.consumption).toEqual([{ promotionId: r.promotionId, budget: 0, budgetKind: null, uses: 1 }]);
  });

  it('goal: after a special, a 满减 is measured on the lowered amounts and cannot take a line below 0', () => {
    const s = special([{ productId: 'a', price: 100 }]);
    const r = reduction([{ threshold: 2, off: 10_000 }], { thresholdBy: 'units' });
    const q = quote([priced('a', 1, 5_000), priced('b', 1, 200)], [s, r]);
    expect(amountsOf(q, s.promotionId)).toEqual([4_900, 0]);
    expect(amountsOf(q, r.promotionId)).toEqual([100, 200]);
    expect(q.total).toBe(0);
  });
});

describe('applyPromotions: 满减 tiers, 每满 and cap', () => {
  it('goal: the highest tier reached applies, and the next tier is shown as missed', () => {
    const r = reduction([
      { threshold: 30_000, off: 3_000 },
      { threshold: 50_000, off: 6_000 },
    ]);
    const q = quote([priced('a', 7, 5_000)], [r]);
    expect(q.applied[0]).toMatchObject({ promotionId: r.promotionId, discount_fen: 3_000, tier: 0 });
    expect(q.missed).toEqual([{ promotionId: r.promotionId, type: 'full_reduction', thresholdBy: 'amount', missing: 15_000, reward: 6_000 }]);
  });

  it('goal: 每满300减30 with a cap of 100 gives 90 on 950, and the cap on 1500; no hint once capped', () => {
    const r = reduction([{ threshold: 30_000, off: 3_000 }], { repeat: true, cap: 10_000 });
    const q1 = quote([priced('a', 1, 95_000)], [r]);
    expect(q1.applied[0]!.discount_fen).toBe(9_000);
    // 50 yuan more reaches 1200 = 4 × 300: 120 off, capped at 100.
    expect(q1.missed).toEqual([{ promotionId: r.promotionId, type: 'full_reduction', thresholdBy: 'amount', missing: 25_000, reward: 10_000 }]);
    const q2 = quote([priced('a', 1, 150_000)], [r]);
    expect(q2.applied[0]!.discount_fen).toBe(10_000);
    expect(q2.missed).toEqual([]);
  });

  it('goal: 每满 without a cap repeats on every whole multiple', () => {
    const r = reduction([{ threshold: 10_000, off: 1_000 }], { repeat: true });
    const q = quote([priced('a', 1, 55_000)], [r]);
    expect(q.applied[0]!.discount_fen).toBe(5_000);
    expect(q.missed[0]).toMatchObject({ missing: 5_000, reward: 6_000 });
  });

  it('goal: below the first tier nothing is taken and the first tier is missed', () => {
    const r = reduction([{ threshold: 30_000, off: 5_000 }]);
    const s = special([{ productId: 'a', price: 9_000 }]);
    // 3 × 100.00 is 300, but after the special 3 × 90.00 = 270 is what counts.
    const q = quote([priced('a', 3, 10_000)], [s, r]);
    expect(q.applied.map((a) => a.promotionId)).toEqual([s.promotionId]);
    expect(q.missed).toEqual([{ promotionId: r.promotionId, type: 'full_reduction', thresholdBy: 'amount', missing: 3_000, reward: 5_000 }]);
  });
});

describe('applyPromotions: layer 2 picks the most valuable, one threshold promotion per line', () => {
  it('goal: 95折 worth 15.00 beats 满减 worth 10.00 and takes every line; the 满减 gets none', () => {
    const r = reduction([{ threshold: 10_000, off: 1_000 }]);
    const d = discount([{ threshold: 10_000, rate_bp: 9500 }]);
    const q = quote([priced('a', 1, 20_000), priced('b', 1, 10_000)], [r, d]);
    expect(q.applied.map((a) => [a.promotionId, a.discount_fen])).toEqual([[d.promotionId, 1_500]]);
    for (const l of q.lines) expect(l.discounts.map((x) => x.promotionId)).toEqual([d.promotionId]);
  });

  it('goal: on equal worth the earlier created takes its lines; the other is measured again on what is left', () => {
    const early = reduction([{ threshold: 10_000, off: 1_000 }], { products: { scope: 'listed', productIds: ['a'] } });
    const late = reduction([{ threshold: 10_000, off: 1_000 }]);
    const q = quote([priced('a', 1, 10_000), priced('b', 1, 10_000)], [late, early]);
    expect(amountsOf(q, early.promotionId)).toEqual([1_000, 0]);
    expect(amountsOf(q, late.promotionId)).toEqual([0, 1_000]);
    expect(q.total).toBe(18_000);
  });

  it('goal: the same tie with the creation order reversed: the all-products one takes both lines', () => {
    const early = reduction([{ threshold: 10_000, off: 1_000 }]);
    const late = reduction([{ threshold: 10_000, off: 1_000 }], { products: { scope: 'listed', productIds: ['a'] } });
    const q = quote([priced('a', 1, 10_000), priced('b', 1, 10_000)], [early, late]);
    expect(amountsOf(q, early.promotionId)).toEqual([500, 500]);
    expect(amountsOf(q, late.promotionId)).toEqual([0, 0]);
    expect(q.total).toBe(19_000);
  });

  it('goal: product scope "all but listed" leaves the listed products out of the measure and the discount', () => {
    const r = reduction([{ threshold: 10_000, off: 1_000 }], { products: { scope: 'except', productIds: ['b'] } });
    const q = quote([priced('a', 1, 6_000), priced('b', 1, 60_000)], [r]);
    expect(q.applied).toEqual([]);
    expect(q.missed[0]).toMatchObject({ missing: 4_000 });
  });
});

describe('applyPromotions: 满送', () => {
  const giftPrices = [priced('g', 1, 5_000, { productName: '赠品' })];

  it('goal: the gift line is free, carries its worth, and never counts toward a threshold', () => {
    const g = gift([{ threshold: 20_000, gifts: [{ productId: 'g', quantity: 1 }] }], { products: { scope: 'listed', productIds: ['a'] } });
    // 满250减20 over every product: a (200.00) plus the gift's 50.00 would reach it, if gifts counted.
    const r = reduction([{ threshold: 25_000, off: 2_000 }]);
    const q = quote([priced('a', 1, 20_000)], [g, r], { giftPrices });
    expect(q.gifts).toEqual([
      expect.objectContaining({ productId: 'g', productName: '赠品', quantity: 1, unitPrice: 0, net: 0, discounts: [], promotionId: g.promotionId, worth_fen: 5_000 }),
    ]);
    expect(q.applied.map((a) => a.promotionId)).toEqual([g.promotionId]);
    expect(q.total).toBe(20_000);
    expect(q.missed.find((m) => m.promotionId === r.promotionId)).toMatchObject({ missing: 25_000 });
  });

  it('goal: a 满送 worth more than a 满减 takes the lines; its worth is the gifts at the buyer\'s price', () => {
    const g = gift([{ threshold: 10_000, gifts: [{ productId: 'g', quantity: 2 }] }]);
    const r = reduction([{ threshold: 10_000, off: 9_999 }]);
    const q = quote([priced('a', 1, 10_000)], [r, g], { giftPrices });
    expect(q.applied).toEqual([expect.objectContaining({ promotionId: g.promotionId, giftUnits: 2, discount_fen: 0 })]);
    expect(q.consumption).toEqual([{ promotionId: g.promotionId, budget: 0, budgetKind: null, uses: 1 }]);
  });

  it('goal: a gift that cannot be priced for the buyer is not given', () => {
    const g = gift([{ threshold: 100, gifts: [{ productId: 'nope', quantity: 1 }] }]);
    const q = quote([priced('a', 1, 10_000)], [g], { giftPrices });
    expect(q.gifts).toEqual([]);
    expect(q.applied).toEqual([]);
  });

  it('goal: the gift budget counts gift units and is never overspent', () => {
    const g = gift([{ threshold: 100, gifts: [{ productId: 'g', quantity: 3 }] }], { budget: { kind: 'gift_units', amount: 100 } });
    const enough = quote([priced('a', 1, 10_000)], [g], { giftPrices, usage: { [g.promotionId]: { budgetLeft: 3 } } });
    expect(enough.consumption).toEqual([{ promotionId: g.promotionId, budget: 3, budgetKind: 'gift_units', uses: 1 }]);
    const short = quote([priced('a', 1, 10_000)], [g], { giftPrices, usage: { [g.promotionId]: { budgetLeft: 2 } } });
    expect(short.gifts).toEqual([]);
    expect(short.missed).toEqual([]);
  });
});

describe('applyPromotions: layer 1, special or bundle', () => {
  it('goal: a bundle giving more than the specials takes whole sets; units left over keep the special', () => {
    const s = special([{ productId: 'a', price: 800 }]);
    const b = bundle([{ productId: 'a', quantity: 2 }, { productId: 'b', quantity: 1 }], 2_500);
    const q = quote([priced('a', 3, 1_000), priced('b', 1, 1_000)], [s, b]);
    // One set: 3000 − 2500 = 500 over bases 2000 / 1000 → 333 / 167; the third unit of a: 200 off.
    expect(amountsOf(q, b.promotionId)).toEqual([333, 167]);
    expect(amountsOf(q, s.promotionId)).toEqual([200, 0]);
    expect(q.total).toBe(4_000 - 700);
  });

  it('goal: when the specials give more on the same units, the bundle is not taken', () => {
    const s = special([{ productId: 'a', price: 600 }]);
    const b = bundle([{ productId: 'a', quantity: 2 }, { productId: 'b', quantity: 1 }], 2_500);
    const q = quote([priced('a', 3, 1_000), priced('b', 1, 1_000)], [s, b]);
    expect(amountsOf(q, b.promotionId)).toEqual([0, 0]);
    expect(amountsOf(q, s.promotionId)).toEqual([1_200, 0]);
  });

  it('goal: a special above the resolved price is ignored; of two specials the lower price wins', () => {
    const high = special([{ productId: 'a', price: 1_200 }]);
    const low = special([{ productId: 'a', price: 700 }]);
    const mid = special([{ productId: 'a', price: 900 }]);
    const q = quote([priced('a', 2, 1_000)], [high, mid, low]);
    expect(q.lines[0]!.discounts).toEqual([{ promotionId: low.promotionId, amount: 600 }]);
    expect(q.lines[0]!.unitPrice).toBe(1_000);
  });

  it('goal: the same product on two lines fills bundle sets from the earlier line first', () => {
    const b = bundle([{ productId: 'a', quantity: 3 }], 2_400);
    const q = quote([priced('a', 2, 1_000), priced('a', 2, 1_000)], [b]);
    // One set of 3: two units from line 1, one from line 2; 600 off over 2000 / 1000.
    expect(amountsOf(q, b.promotionId)).toEqual([400, 200]);
  });

  it('goal: a special whose budget cannot cover this order is not applied', () => {
    const s = special([{ productId: 'a', price: 500 }], { budget: { kind: 'fen', amount: 100_000 } });
    const q = quote([priced('a', 3, 1_000)], [s], { usage: { [s.promotionId]: { budgetLeft: 1_499 } } });
    expect(q.total).toBe(3_000);
    const q2 = quote([priced('a', 3, 1_000)], [s], { usage: { [s.promotionId]: { budgetLeft: 1_500 } } });
    expect(q2.total).toBe(1_500);
    expect(q2.consumption).toEqual([{ promotionId: s.promotionId, budget: 1_500, budgetKind: 'fen', uses: 1 }]);
  });
});

describe('applyPromotions: who and when', () => {
  it('goal: validity is half-open, disabled never runs, the per-buyer limit and targeting are honoured', () => {
    const r = reduction([{ threshold: 100, off: 10 }]);
    const lines = [priced('a', 1, 1_000)];
    expect(quote(lines, [r], { at_ms: r.from }).total).toBe(990);
    expect(quote(lines, [r], { at_ms: r.from - 1 }).total).toBe(1_000);
    expect(quote(lines, [r], { at_ms: r.to }).total).toBe(1_000);
    expect(quote(lines, [{ ...r, enabled: false }]).total).toBe(1_000);
    const limited = { ...r, perBuyerLimit: 2 };
    expect(quote(lines, [limited], { usage: { [r.promotionId]: { buyerUses: 1 } } }).total).toBe(990);
    expect(quote(lines, [limited], { usage: { [r.promotionId]: { buyerUses: 2 } } }).total).toBe(1_000);
    expect(quote(lines, [{ ...r, targeting: { regions: ['440000'], kinds: ['store'] } }]).total).toBe(990);
    expect(quote(lines, [{ ...r, targeting: { regions: ['110000'] } }]).total).toBe(1_000);
    expect(quote(lines, [{ ...r, targeting: { kinds: ['dealer'] } }]).total).toBe(1_000);
  });

  it('goal: a 满减 larger than its budget left is not applied and not hinted', () => {
    const r = reduction([{ threshold: 100, off: 50 }], { budget: { kind: 'fen', amount: 1_000 } });
    const q = quote([priced('a', 1, 1_000)], [r], { usage: { [r.promotionId]: { budgetLeft: 49 } } });
    expect(q.applied).toEqual([]);
    expect(q.missed).toEqual([]);
  });
});

describe('the quote as the order module takes it', () => {
  it('goal: the order quote keeps lines, gifts, total and missed; the fingerprint notices a lost gift the total does not show', () => {
    const g = gift([{ threshold: 100, gifts: [{ productId: 'g', quantity: 1 }] }], { budget: { kind: 'gift_units', amount: 10 } });
    const lines = [priced('a', 1, 10_000)];
    const giftPrices = [priced('g', 1, 500)];
    const before = quote(lines, [g], { giftPrices, usage: { [g.promotionId]: { budgetLeft: 1 } } });
    const after = quote(lines, [g], { giftPrices, usage: { [g.promotionId]: { budgetLeft: 0 } } });
    expect(after.total).toBe(before.total);
    expect(quoteFingerprint(after)).not.toBe(quoteFingerprint(before));
    expect(quoteFingerprint(quote(lines, [g], { giftPrices, usage: { [g.promotionId]: { budgetLeft: 5 } } }))).toBe(quoteFingerprint(before));
    expect(asQuote('dealer_1', before)).toEqual({ sellerOrgId: 'dealer_1', lines: before.lines, gifts: before.gifts, total: 10_000, missed: [] });
  });
});
