import { describe, expect, it } from 'vitest';
import { coversProduct, targetsBuyer, unavailableReason, usablePromotions } from './eligibility.js';
import { STORE, T0, reduction, special } from './fixtures.test-helpers.js';
import type { Targeting } from './types.js';

describe('eligibility', () => {
  it('goal: targeting matches every given dimension (AND), any entry within one (OR); regions contain their sub-regions', () => {
    // STORE: a store of level A in group g_key, registered in 广州天河 440106.
    const table: Array<[Targeting, boolean]> = [
      [{}, true],
      [{ kinds: [] }, true],
      [{ kinds: ['store', 'wholesaler'] }, true],
      [{ kinds: ['dealer'] }, false],
      [{ levels: ['A'] }, true],
      [{ levels: ['B'] }, false],
      [{ groupIds: ['g_other', 'g_key'] }, true],
      [{ groupIds: ['g_other'] }, false],
      [{ regions: ['440000'] }, true],
      [{ regions: ['440100'] }, true],
      [{ regions: ['440106'] }, true],
      [{ regions: ['440103'] }, false],
      [{ regions: ['110000'] }, false],
      [{ buyerIds: ['store_1'] }, true],
      [{ buyerIds: ['store_2'] }, false],
      [{ kinds: ['store'], levels: ['A'], regions: ['440000'] }, true],
      [{ kinds: ['store'], levels: ['B'], regions: ['440000'] }, false],
    ];
    for (const [t, want] of table) expect(targetsBuyer(t, STORE), JSON.stringify(t)).toBe(want);
    expect(targetsBuyer({ regions: ['440000'] }, { ...STORE, regionCode: undefined })).toBe(false);
    expect(targetsBuyer({ levels: ['A'] }, { ...STORE, level: undefined })).toBe(false);
  });

  it('goal: product scope all, listed, all but listed; specials cover their items', () => {
    expect(coversProduct(reduction([{ threshold: 1, off: 1 }]), 'x')).toBe(true);
    expect(coversProduct(reduction([{ threshold: 1, off: 1 }], { products: { scope: 'listed', productIds: ['x'] } }), 'x')).toBe(true);
    expect(coversProduct(reduction([{ threshold: 1, off: 1 }], { products: { scope: 'listed', productIds: ['x'] } }), 'y')).toBe(false);
    expect(coversProduct(reduction([{ threshold: 1, off: 1 }], { products: { scope: 'except', productIds: ['x'] } }), 'x')).toBe(false);
    expect(coversProduct(reduction([{ threshold: 1, off: 1 }], { products: { scope: 'except', productIds: ['x'] } }), 'y')).toBe(true);
    expect(coversProduct(special([{ productId: 'x', price: 1 }]), 'y')).toBe(false);
  });

  it('goal: the reason a promotion is not usable is stated; usable ones come in creation order', () => {
    const p = reduction([{ threshold: 1, off: 1 }], { perBuyerLimit: 1, budget: { kind: 'fen', amount: 100 } });
    expect(unavailableReason(p, STORE, T0, undefined)).toBeNull();
    expect(unavailableReason(p, STORE, T0 - 1, undefined)).toBe('not_running');
    expect(unavailableReason({ ...p, enabled: false }, STORE, T0, undefined)).toBe('not_running');
    expect(unavailableReason(p, { ...STORE, kind: 'dealer' }, T0, undefined)).toBeNull();
    expect(unavailableReason({ ...p, targeting: { kinds: ['dealer'] } }, STORE, T0, undefined)).toBe('not_targeted');
    expect(unavailableReason(p, STORE, T0, { buyerUses: 1 })).toBe('limit_reached');
    expect(unavailableReason(p, STORE, T0, { budgetLeft: 0 })).toBe('budget_spent');
    const later = reduction([{ threshold: 1, off: 1 }]);
    const earlier = { ...reduction([{ threshold: 1, off: 1 }]), createdAt: later.createdAt - 5 };
    expect(usablePromotions([later, p, earlier], STORE, T0).map((x) => x.promotionId)).toEqual([earlier.promotionId, p.promotionId, later.promotionId]);
  });
});
