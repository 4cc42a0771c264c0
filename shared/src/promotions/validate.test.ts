import { describe, expect, it } from 'vitest';
import { validatePromotion } from './validate.js';

const FROM = Date.UTC(2026, 11, 1);
const TO = Date.UTC(2027, 0, 1);
const base = { name: '年终满减', targeting: { kinds: ['store'], regions: ['440000'] }, from: FROM, to: TO };

/** One valid definition per kind; each bad-input row below breaks one field of one of them. */
const VALID = {
  special: { ...base, type: 'special', items: [{ productId: 'prd_a', price: 800 }] },
  bundle: { ...base, type: 'bundle', items: [{ productId: 'prd_a', quantity: 2 }, { productId: 'prd_b', quantity: 1 }], price: 2_500 },
  full_reduction: { ...base, type: 'full_reduction', products: { scope: 'all' }, thresholdBy: 'amount', tiers: [{ threshold: 30_000, off: 3_000 }, { threshold: 50_000, off: 6_000 }], budget: { kind: 'fen', amount: 1_000_000 }, perBuyerLimit: 3 },
  repeat: { ...base, type: 'full_reduction', products: { scope: 'listed', productIds: ['prd_a'] }, thresholdBy: 'amount', tiers: [{ threshold: 30_000, off: 3_000 }], repeat: true, cap: 10_000 },
  full_discount: { ...base, type: 'full_discount', products: { scope: 'except', productIds: ['prd_b'] }, thresholdBy: 'units', tiers: [{ threshold: 10, rate_bp: 9_500 }, { threshold: 20, rate_bp: 9_000 }] },
  full_gift: { ...base, type: 'full_gift', products: { scope: 'all' }, thresholdBy: 'amount', tiers: [{ threshold: 20_000, gifts: [{ productId: 'prd_g', quantity: 1 }] }], budget: { kind: 'gift_units', amount: 500 } },
} as const;

type Row = [string, keyof typeof VALID, Record<string, unknown>, string];

const ROWS: Row[] = [
  ['unknown type', 'special', { type: 'coupon' }, 'type'],
  ['empty name', 'special', { name: '' }, 'name'],
  ['to not after from', 'special', { to: FROM }, 'to'],
  ['negative from', 'special', { from: -1 }, 'from'],
  ['unknown buyer kind', 'special', { targeting: { kinds: ['brand'] } }, 'targeting.kinds[0]'],
  ['unknown region', 'special', { targeting: { regions: ['440000', '999999'] } }, 'targeting.regions[1]'],
  ['special without items', 'special', { items: [] }, 'items'],
  ['special price negative', 'special', { items: [{ productId: 'prd_a', price: -1 }] }, 'items[0].price'],
  ['special repeats a product', 'special', { items: [{ productId: 'prd_a', price: 1 }, { productId: 'prd_a', price: 2 }] }, 'items[1].productId'],
  ['special with a gift budget', 'special', { budget: { kind: 'gift_units', amount: 5 } }, 'budget.kind'],
  ['bundle of one unit', 'bundle', { items: [{ productId: 'prd_a', quantity: 1 }] }, 'items'],
  ['bundle quantity 0', 'bundle', { items: [{ productId: 'prd_a', quantity: 0 }] }, 'items[0].quantity'],
  ['bundle without price', 'bundle', { price: undefined }, 'price'],
  ['tiers not ascending', 'full_reduction', { tiers: [{ threshold: 50_000, off: 3_000 }, { threshold: 30_000, off: 6_000 }] }, 'tiers[1].threshold'],
  ['higher tier gives less', 'full_reduction', { tiers: [{ threshold: 30_000, off: 3_000 }, { threshold: 50_000, off: 3_000 }] }, 'tiers[1].off'],
  ['off above its amount threshold', 'full_reduction', { tiers: [{ threshold: 1_000, off: 1_001 }] }, 'tiers[0].off'],
  ['threshold 0', 'full_reduction', { tiers: [{ threshold: 0, off: 0 }] }, 'tiers[0].threshold'],
  ['too many tiers', 'full_reduction', { tiers: Array.from({ length: 11 }, (_, i) => ({ threshold: (i + 1) * 1_000, off: i + 1 })) }, 'tiers'],
  ['repeat with two tiers', 'full_reduction', { repeat: true }, 'tiers'],
  ['cap without repeat', 'full_reduction', { cap: 10_000 }, 'cap'],
  ['cap below one tier', 'repeat', { cap: 2_999 }, 'cap'],
  ['listed scope without products', 'repeat', { products: { scope: 'listed', productIds: [] } }, 'products.productIds'],
  ['unknown scope', 'repeat', { products: { scope: 'some' } }, 'products.scope'],
  ['threshold by weight', 'full_discount', { thresholdBy: 'weight' }, 'thresholdBy'],
  ['rate 100 %', 'full_discount', { tiers: [{ threshold: 10, rate_bp: 10_000 }] }, 'tiers[0].rate_bp'],
  ['higher tier a higher rate', 'full_discount', { tiers: [{ threshold: 10, rate_bp: 9_000 }, { threshold: 20, rate_bp: 9_500 }] }, 'tiers[1].rate_bp'],
  ['units threshold above the limit', 'full_discount', { tiers: [{ threshold: 1_000_001, rate_bp: 9_000 }] }, 'tiers[0].threshold'],
  ['gift quantity 0', 'full_gift', { tiers: [{ threshold: 100, gifts: [{ productId: 'prd_g', quantity: 0 }] }] }, 'tiers[0].gifts[0].quantity'],
  ['gift repeated', 'full_gift', { tiers: [{ threshold: 100, gifts: [{ productId: 'prd_g', quantity: 1 }, { productId: 'prd_g', quantity: 1 }] }] }, 'tiers[0].gifts[1].productId'],
  ['gift promotion with a fen budget', 'full_gift', { budget: { kind: 'fen', amount: 100 } }, 'budget.kind'],
  ['budget 0', 'full_reduction', { budget: { kind: 'fen', amount: 0 } }, 'budget.amount'],
  ['per-buyer limit 0', 'full_reduction', { perBuyerLimit: 0 }, 'perBuyerLimit'],
];

describe('validatePromotion', () => {
  it('goal: a valid definition of every kind passes and keeps only declared fields', () => {
    for (const [kind, def] of Object.entries(VALID)) {
      const r = validatePromotion({ ...def, action: 'savePromotion', extra: 1 });
      expect(r.ok, kind).toBe(true);
      if (r.ok) {
        expect(r.data.type).toBe(def.type);
        expect(r.data).not.toHaveProperty('extra');
      }
    }
  });

  it('goal: each bad field is INVALID_ARGUMENT naming that field', () => {
    for (const [what, kind, change, field] of ROWS) {
      const r = validatePromotion({ ...VALID[kind], ...change });
      expect(r.ok, what).toBe(false);
      if (!r.ok) {
        expect(r.error.code, what).toBe('INVALID_ARGUMENT');
        expect(r.error.field, what).toBe(field);
      }
    }
  });

  it('goal: a non-object is refused as a whole', () => {
    expect(validatePromotion(null)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(validatePromotion([])).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});
