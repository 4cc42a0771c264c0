/**
 * Is a promotion running for this buyer at this moment, and which lines does it cover.
 */
import { isWithinTerritory } from '../channel/regions/index.js';
import type { BuyerProfile, ProductScope, Promotion, PromotionUsage, Targeting } from './types.js';

/** Enabled and `from ≤ at < to`. */
export function isRunning(p: Promotion, at_ms: number): boolean {
  return p.enabled !== false && p.from <= at_ms && at_ms < p.to;
}

function anyOf<T>(list: readonly T[] | undefined, match: (v: T) => boolean): boolean {
  return list === undefined || list.length === 0 || list.some(match);
}

/** Every dimension given must match; an empty one matches all (see Targeting). */
export function targetsBuyer(t: Targeting, buyer: BuyerProfile): boolean {
  const groups = buyer.groupIds ?? [];
  const region = buyer.regionCode;
  return (
    anyOf(t.kinds, (k) => k === buyer.kind) &&
    anyOf(t.levels, (l) => l === buyer.level) &&
    anyOf(t.groupIds, (g) => groups.includes(g)) &&
    // A region entry contains its sub-regions; a buyer without a region is in none.
    (t.regions === undefined || t.regions.length === 0 || (region !== undefined && isWithinTerritory(region, t.regions))) &&
    anyOf(t.buyerIds, (b) => b === buyer.orgId)
  );
}

/** A product scope (promotions and rebate programs): all, listed, or all but listed. */
export function scopeCovers(s: ProductScope, productId: string): boolean {
  if (s.scope === 'all') return true;
  if (s.scope === 'listed') return s.productIds.includes(productId);
  return !s.productIds.includes(productId);
}

/** Products a promotion counts and discounts. */
export function coversProduct(p: Promotion, productId: string): boolean {
  switch (p.type) {
    case 'special':
    case 'bundle':
      return p.items.some((i) => i.productId === productId);
    default:
      return scopeCovers(p.products, productId);
  }
}

/** Indexes of the lines whose product a promotion covers, ascending (one set lookup per line). */
export function coveredLines(p: Promotion, productIds: readonly string[]): number[] {
  const out: number[] = [];
  let test: (id: string) => boolean;
  if (p.type === 'special' || p.type === 'bundle') {
    const items = new Set(p.items.map((i) => i.productId));
    test = (id) => items.has(id);
  } else if (p.products.scope === 'all') {
    test = () => true;
  } else {
    const listed = new Set(p.products.productIds);
    test = p.products.scope === 'listed' ? (id) => listed.has(id) : (id) => !listed.has(id);
  }
  productIds.forEach((id, i) => {
    if (test(id)) out.push(i);
  });
  return out;
}

export type Unavailable = 'not_running' | 'not_targeted' | 'limit_reached' | 'budget_spent';

/**
 * Why a promotion cannot be used by this buyer now, or null when it can. The budget check here is
 * only "something is left"; whether what is left covers this order is decided when its worth is known.
 */
export function unavailableReason(p: Promotion, buyer: BuyerProfile, at_ms: number, usage: PromotionUsage | undefined): Unavailable | null {
  if (!isRunning(p, at_ms)) return 'not_running';
  if (!targetsBuyer(p.targeting, buyer)) return 'not_targeted';
  if (p.perBuyerLimit !== undefined && (usage?.buyerUses ?? 0) >= p.perBuyerLimit) return 'limit_reached';
  if (p.budget !== undefined && budgetLeft(p, usage) <= 0) return 'budget_spent';
  return null;
}

/** Budget left in the budget's unit; Infinity when the promotion has no budget. */
export function budgetLeft(p: Promotion, usage: PromotionUsage | undefined): number {
  if (p.budget === undefined) return Number.POSITIVE_INFINITY;
  return Math.max(0, usage?.budgetLeft ?? p.budget.amount);
}

/** The promotions the buyer may use now, in stacking order (earlier created first, then id). */
export function usablePromotions(
  promotions: readonly Promotion[],
  buyer: BuyerProfile,
  at_ms: number,
  usage: Readonly<Record<string, PromotionUsage>> = {},
): Promotion[] {
  return promotions.filter((p) => unavailableReason(p, buyer, at_ms, usage[p.promotionId]) === null).sort(byCreation);
}

export function byCreation(a: Promotion, b: Promotion): number {
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.promotionId < b.promotionId ? -1 : a.promotionId > b.promotionId ? 1 : 0;
}
