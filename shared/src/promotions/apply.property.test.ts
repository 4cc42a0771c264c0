import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPromotions } from './apply.js';
import { STORE, T0, bundle, discount, gift, priced, reduction, special } from './fixtures.test-helpers.js';
import type { Promotion } from './types.js';

const PRODUCTS = ['a', 'b', 'c', 'd', 'e'];
const product = fc.constantFrom(...PRODUCTS);
const scope = fc.oneof(
  fc.constant({ scope: 'all' as const }),
  fc.uniqueArray(product, { minLength: 1, maxLength: 3 }).map((productIds) => ({ scope: 'listed' as const, productIds })),
  fc.uniqueArray(product, { minLength: 1, maxLength: 3 }).map((productIds) => ({ scope: 'except' as const, productIds })),
);
const thresholdBy = fc.constantFrom('amount' as const, 'units' as const);
/** Ascending thresholds with growing rewards, as the definition check demands. */
const ladder = fc.uniqueArray(fc.integer({ min: 1, max: 200_000 }), { minLength: 1, maxLength: 3 }).map((t) => [...t].sort((x, y) => x - y));
const budgetLeft = fc.option(fc.integer({ min: 0, max: 50_000 }), { nil: undefined });

const promotionArb: fc.Arbitrary<{ p: Promotion; left: number | undefined }> = fc.oneof(
  fc.record({ items: fc.uniqueArray(fc.record({ productId: product, price: fc.integer({ min: 0, max: 20_000 }) }), { minLength: 1, maxLength: 3, selector: (i) => i.productId }), left: budgetLeft }).map(({ items, left }) => ({
    p: special(items, left === undefined ? {} : { budget: { kind: 'fen', amount: 100_000 } }),
    left,
  })),
  fc.record({ items: fc.uniqueArray(fc.record({ productId: product, quantity: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 3, selector: (i) => i.productId }), price: fc.integer({ min: 0, max: 40_000 }) }).map(({ items, price }) => ({
    p: bundle(items, price),
    left: undefined,
  })),
  fc.record({ tiers: ladder, offs: fc.array(fc.integer({ min: 1, max: 30_000 }), { minLength: 3, maxLength: 3 }), products: scope, by: thresholdBy, repeat: fc.boolean(), cap: fc.option(fc.integer({ min: 30_000, max: 90_000 }), { nil: undefined }), left: budgetLeft }).map(({ tiers, offs, products, by, repeat, cap, left }) => {
    let off = 0;
    const ts = tiers.map((threshold, i) => ({ threshold, off: (off += offs[i]!) }));
    const rep = repeat ? { repeat: true, tiers: ts.slice(0, 1), ...(cap === undefined ? {} : { cap }) } : {};
    return { p: reduction(ts, { products, thresholdBy: by, ...rep, ...(left === undefined ? {} : { budget: { kind: 'fen' as const, amount: 100_000 } }) }), left };
  }),
  fc.record({ tiers: ladder, rates: fc.uniqueArray(fc.integer({ min: 0, max: 9_999 }), { minLength: 3, maxLength: 3 }), products: scope, by: thresholdBy }).map(({ tiers, rates, products, by }) => {
    const desc = [...rates].sort((x, y) => y - x);
    return { p: discount(tiers.map((threshold, i) => ({ threshold, rate_bp: desc[i]! })), { products, thresholdBy: by }), left: undefined };
  }),
  fc.record({ tiers: ladder, products: scope, by: thresholdBy, left: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }) }).map(({ tiers, products, by, left }) => ({
    p: gift(tiers.map((threshold, i) => ({ threshold, gifts: [{ productId: 'g', quantity: i + 1 }] })), { products, thresholdBy: by, ...(left === undefined ? {} : { budget: { kind: 'gift_units' as const, amount: 10 } }) }),
    left,
  })),
);

const caseArb = fc.record({
  lines: fc.array(fc.record({ productId: product, quantity: fc.integer({ min: 1, max: 20 }), unitPrice: fc.oneof(fc.constant(1), fc.integer({ min: 0, max: 50_000 })) }), { minLength: 1, maxLength: 8 }),
  promotions: fc.array(promotionArb, { maxLength: 6 }),
});

describe('applyPromotions: properties', () => {
  it('goal: no line below 0, nets add up to the total, each discount apportioned exactly, one threshold promotion per line, budgets never overspent, order of the promotion list irrelevant', () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(caseArb, ({ lines: raw, promotions }) => {
        const lines = raw.map((l) => priced(l.productId, l.quantity, l.unitPrice));
        const usage = Object.fromEntries(promotions.filter((x) => x.left !== undefined).map((x) => [x.p.promotionId, { budgetLeft: x.left }]));
        const input = { lines, promotions: promotions.map((x) => x.p), buyer: STORE, at_ms: T0 + 1, usage, giftPrices: [priced('g', 1, 3_000)] };
        const q = applyPromotions(input);
        const byId = new Map(promotions.map((x) => [x.p.promotionId, x]));

        let total = 0;
        q.lines.forEach((l, i) => {
          const gross = lines[i]!.unitPrice * lines[i]!.quantity;
          const off = l.discounts.reduce((s, d) => s + d.amount, 0);
          expect(l.net).toBe(gross - off);
          expect(l.net).toBeGreaterThanOrEqual(0);
          for (const d of l.discounts) expect(d.amount).toBeGreaterThan(0);
          const thresholdOnes = l.discounts.filter((d) => ['full_reduction', 'full_discount'].includes(byId.get(d.promotionId)!.p.type));
          expect(thresholdOnes.length).toBeLessThanOrEqual(1);
          total += l.net;
        });
        expect(q.total).toBe(total);

        const lineSets = new Map<number, string>();
        for (const a of q.applied) {
          const sum = q.lines.reduce((s, l) => s + (l.discounts.find((d) => d.promotionId === a.promotionId)?.amount ?? 0), 0);
          expect(sum).toBe(a.discount_fen);
          if (a.type === 'full_reduction' || a.type === 'full_discount' || a.type === 'full_gift') {
            for (const i of a.lineIndexes) {
              expect(lineSets.has(i)).toBe(false);
              lineSets.set(i, a.promotionId);
            }
          }
        }
        for (const c of q.consumption) {
          const left = byId.get(c.promotionId)!.left;
          if (left !== undefined) expect(c.budget).toBeLessThanOrEqual(left);
        }
        for (const g of q.gifts) {
          expect(g.net).toBe(0);
          expect(g.unitPrice).toBe(0);
        }

        for (const a of q.applied) seen.set(a.type, (seen.get(a.type) ?? 0) + 1);
        if (q.applied.filter((a) => a.lineIndexes.length > 0 && a.type.startsWith('full')).length >= 2) seen.set('two_threshold', (seen.get('two_threshold') ?? 0) + 1);
        if (q.lines.some((l) => l.discounts.length >= 2)) seen.set('stacked_line', (seen.get('stacked_line') ?? 0) + 1);
        if (q.lines.some((l) => l.net === 0)) seen.set('zero_line', (seen.get('zero_line') ?? 0) + 1);
        const reversed = applyPromotions({ ...input, promotions: [...input.promotions].reverse() });
        expect(reversed).toEqual(q);
      }),
      { seed: 20261204, numRuns: 300 },
    );
    // The cases reached every kind and the interesting paths, so the checks above were exercised.
    for (const path of ['special', 'bundle', 'full_reduction', 'full_discount', 'full_gift', 'two_threshold', 'stacked_line', 'zero_line']) {
      expect(seen.get(path) ?? 0, path).toBeGreaterThanOrEqual(5);
    }
  });
});
