/**
 * What other modules use of promotions (docs/promotions.md#promotions): the quote with the seller's
 * promotions, and the budgets an order takes and gives back.
 */
export { applySellerPromotions, applyWithContext, catalogPromotions, loadPromotionContext, type PromotionPricing } from './quote.js';
export { reservePromotionBudgets, releasePromotionBudgets, releasePromotionBudgetsInTx } from './budgets.js';
export type { PromotionTaken } from './model.js';

/** A line a 满送 gave (price 0): the buyer did not order it, so a retry's lines do not list it. */
export function isGiftLine(l: object): boolean {
  return typeof (l as { promotionId?: unknown }).promotionId === 'string';
}
