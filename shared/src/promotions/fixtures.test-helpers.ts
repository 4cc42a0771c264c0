/**
 * Builders for promotion tests: priced lines, a buyer, and each kind of promotion with defaults a
 * test overrides where it matters.
 */
import type { PricedLineLike } from '../ordering/quote.js';
import type {
  BundlePromotion,
  BuyerProfile,
  FullDiscountPromotion,
  FullGiftPromotion,
  FullReductionPromotion,
  PromotionCommon,
  SpecialPromotion,
} from './types.js';

export const T0 = Date.UTC(2026, 11, 1);
export const DAY_MS = 24 * 3600_000;

export function priced(productId: string, quantity: number, unitPrice: number, more: Partial<PricedLineLike> = {}): PricedLineLike {
  return {
    productId,
    productName: `name of ${productId}`,
    unit: 'case',
    itemsPerUnit: 6,
    quantity,
    listPrice: unitPrice,
    unitPrice,
    priceSource: { scope: 'list' },
    ...more,
  };
}

export const STORE: BuyerProfile = { orgId: 'store_1', kind: 'store', level: 'A', groupIds: ['g_key'], regionCode: '440106' };

let seq = 0;
function common(more: Partial<PromotionCommon>): PromotionCommon {
  seq += 1;
  return {
    promotionId: `pr_${seq}`,
    sellerOrgId: 'dealer_1',
    name: `promotion ${seq}`,
    targeting: {},
    from: T0,
    to: T0 + 30 * DAY_MS,
    createdAt: T0 - 1000 + seq,
    ...more,
  };
}

export function special(items: SpecialPromotion['items'], more: Partial<SpecialPromotion> = {}): SpecialPromotion {
  return { ...common(more), type: 'special', items, ...more };
}

export function bundle(items: BundlePromotion['items'], price: number, more: Partial<BundlePromotion> = {}): BundlePromotion {
  return { ...common(more), type: 'bundle', items, price, ...more };
}

export function reduction(tiers: FullReductionPromotion['tiers'], more: Partial<FullReductionPromotion> = {}): FullReductionPromotion {
  return { ...common(more), type: 'full_reduction', products: { scope: 'all' }, thresholdBy: 'amount', tiers, ...more };
}

export function discount(tiers: FullDiscountPromotion['tiers'], more: Partial<FullDiscountPromotion> = {}): FullDiscountPromotion {
  return { ...common(more), type: 'full_discount', products: { scope: 'all' }, thresholdBy: 'amount', tiers, ...more };
}

export function gift(tiers: FullGiftPromotion['tiers'], more: Partial<FullGiftPromotion> = {}): FullGiftPromotion {
  return { ...common(more), type: 'full_gift', products: { scope: 'all' }, thresholdBy: 'amount', tiers, ...more };
}
