/**
 * Promotions (促销, docs/promotions.md): the five kinds, their targeting and product scope, validity,
 * per-buyer limit and budget. Plain data only; money in fen, rates in bp, times in ms since the
 * epoch, validity half-open [from, to).
 */
import type { ChannelOrgKind } from '../model.js';

export const PROMOTION_TYPES = ['special', 'bundle', 'full_reduction', 'full_discount', 'full_gift'] as const;
export type PromotionType = (typeof PROMOTION_TYPES)[number];

/** Kinds measured against a threshold (layer 2 of the stacking); the others act per line (layer 1). */
export const THRESHOLD_TYPES = ['full_reduction', 'full_discount', 'full_gift'] as const;
export type ThresholdType = (typeof THRESHOLD_TYPES)[number];

export function isThresholdType(t: PromotionType): t is ThresholdType {
  return (THRESHOLD_TYPES as readonly string[]).includes(t);
}

// Limits on everything: a definition and a quote stay small enough to evaluate in well under a
// millisecond per promotion.
export const MAX_TIERS = 10;
export const MAX_SCOPE_PRODUCTS = 500;
export const MAX_TARGETS = 200;
export const MAX_BUNDLE_ITEMS = 20;
export const MAX_GIFTS_PER_TIER = 10;
export const MAX_GIFT_QUANTITY = 10_000;
/** Order units in one threshold or line: far above any real order. */
export const MAX_UNITS = 1_000_000;
export const MAX_PROMOTION_NAME_LENGTH = 64;

/**
 * Who a promotion is for. Every dimension given must match (they combine with AND); within one
 * dimension any entry matches (OR). An absent or empty dimension matches every buyer.
 * Regions contain their sub-regions (a province contains its cities and counties).
 */
export interface Targeting {
  kinds?: ChannelOrgKind[];
  levels?: string[];
  groupIds?: string[];
  regions?: string[];
  buyerIds?: string[];
}

/** Which products a threshold promotion counts and discounts. */
export type ProductScope = { scope: 'all' } | { scope: 'listed'; productIds: string[] } | { scope: 'except'; productIds: string[] };

/** `fen` for money promotions, `gift_units` for 满送 (the number of gift order units it may give). */
export interface Budget {
  kind: 'fen' | 'gift_units';
  amount: number;
}

/** A threshold is an amount (fen, on layer-1 amounts) or a number of order units. */
export type ThresholdBy = 'amount' | 'units';

export interface PromotionCommon {
  promotionId: string;
  sellerOrgId: string;
  name: string;
  targeting: Targeting;
  /** Validity, half-open [from, to), ms. */
  from: number;
  to: number;
  /** Orders per buyer that may use it; absent = unlimited. */
  perBuyerLimit?: number;
  budget?: Budget;
  /** Disabled promotions never run. Absent = enabled. */
  enabled?: boolean;
  /** Creation time: the earlier one wins ties when stacking. */
  createdAt: number;
}

/** 特价: a unit price for listed products, used only when below the buyer's resolved price. */
export interface SpecialPromotion extends PromotionCommon {
  type: 'special';
  items: Array<{ productId: string; price: number }>;
}

/** 套餐: fixed products × quantities at one price, ordered as one unit. */
export interface BundlePromotion extends PromotionCommon {
  type: 'bundle';
  items: Array<{ productId: string; quantity: number }>;
  price: number;
}

export interface ReductionTier {
  threshold: number;
  off: number;
}
export interface DiscountTier {
  threshold: number;
  /** The share paid, bp: 95折 = 9500. */
  rate_bp: number;
}
export interface GiftTier {
  threshold: number;
  gifts: Array<{ productId: string; quantity: number }>;
}

interface ThresholdCommon extends PromotionCommon {
  products: ProductScope;
  thresholdBy: ThresholdBy;
}

/**
 * 满减. With `repeat` (每满) there is one tier, given once per whole multiple of its threshold,
 * at most `cap` fen in all when a cap is set.
 */
export interface FullReductionPromotion extends ThresholdCommon {
  type: 'full_reduction';
  tiers: ReductionTier[];
  repeat?: boolean;
  cap?: number;
}

/** 满折: one discount for the whole of its lines, apportioned, never rounded per line. */
export interface FullDiscountPromotion extends ThresholdCommon {
  type: 'full_discount';
  tiers: DiscountTier[];
}

/** 满送: gift products × quantity, free, at the buyer's resolved prices when valued. */
export interface FullGiftPromotion extends ThresholdCommon {
  type: 'full_gift';
  tiers: GiftTier[];
}

export type ThresholdPromotion = FullReductionPromotion | FullDiscountPromotion | FullGiftPromotion;
export type Promotion = SpecialPromotion | BundlePromotion | ThresholdPromotion;

/** What the seller knows of a buyer, for targeting (its customer profile and registration). */
export interface BuyerProfile {
  orgId: string;
  kind: ChannelOrgKind;
  level?: string;
  groupIds?: string[];
  regionCode?: string;
}

/** What a promotion has used so far, read by the server before quoting. */
export interface PromotionUsage {
  /** Budget left (fen or gift units, as the budget's kind); absent = no budget. */
  budgetLeft?: number;
  /** Orders of this buyer that used it so far. */
  buyerUses?: number;
}
