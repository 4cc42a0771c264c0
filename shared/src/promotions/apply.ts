/**
 * The quote with promotions (docs/promotions.md): what the order module calls with the priced lines.
 *
 * Layer 1 per line: the better of special and bundle (./layer1.ts). Layer 2: at most one threshold
 * promotion per line. Each is measured on the layer-1 amounts of its eligible lines still free and
 * gets the highest tier reached; its worth is its discount (满送: the gifts at the buyer's resolved
 * prices). The most valuable takes its lines (ties: the earlier created), the next is measured again
 * on the lines still free, and so on. A discount is apportioned over the lines it was measured on
 * by largest remainder. Gift lines are free (price 0) and never count toward a threshold.
 *
 * A promotion whose budget left cannot cover what it would give this order is not applied (a budget
 * is never overspent); `consumption` says what each applied promotion takes, for the server to
 * decrement conditionally at submit.
 */
import { lineNet, type LineDiscount, type PricedLineLike, type Quote, type QuoteLine } from '../ordering/quote.js';
import { apportion } from './apportion.js';
import { budgetLeft, coveredLines, usablePromotions } from './eligibility.js';
import { layer1 } from './layer1.js';
import { nextStep, rewardOf, type GiftPrice, type Measure, type MissedPromotion, type Reward } from './tiers.js';
import { isThresholdType, type BuyerProfile, type BundlePromotion, type Promotion, type PromotionUsage, type SpecialPromotion, type ThresholdPromotion } from './types.js';

/** Most lines and promotions one quote evaluates. */
export const MAX_QUOTE_LINES = 200;
export const MAX_QUOTE_PROMOTIONS = 100;

export interface ApplyPromotionsInput {
  /** The priced lines, as price resolution gives them (order-module `PricedLineLike`). */
  lines: readonly PricedLineLike[];
  /** The seller's promotions; those not running or not for this buyer are ignored. */
  promotions: readonly Promotion[];
  buyer: BuyerProfile;
  at_ms: number;
  /** Per promotion id: budget left and this buyer's uses so far. Absent = nothing used. */
  usage?: Readonly<Record<string, PromotionUsage>>;
  /** The buyer's resolved prices of gift products (quantity ignored): 满送 needs them for worth and for the gift lines. */
  giftPrices?: readonly PricedLineLike[];
}

/** A free line given by a 满送. */
export interface GiftLine extends QuoteLine {
  promotionId: string;
  /** The gifts at the buyer's resolved price (fen): what the promotion was worth. */
  worth_fen: number;
}

/** What an applied promotion takes from its budget and per-buyer limit. */
export interface PromotionConsumption {
  promotionId: string;
  /** In the budget's unit (fen or gift units); 0 when the promotion has no budget. */
  budget: number;
  budgetKind: 'fen' | 'gift_units' | null;
  /** One use of the per-buyer limit (counted whether or not a limit is set). */
  uses: 1;
}

export interface AppliedPromotion {
  promotionId: string;
  type: Promotion['type'];
  /** Money off, in all (0 for 满送). */
  discount_fen: number;
  /** Gift units given (满送). */
  giftUnits: number;
  /** Index of the tier reached (threshold promotions). */
  tier?: number;
  /** The lines it discounted or was measured on. */
  lineIndexes: number[];
}

export interface PromotionQuote {
  lines: QuoteLine[];
  gifts: GiftLine[];
  total: number;
  missed: MissedPromotion[];
  applied: AppliedPromotion[];
  consumption: PromotionConsumption[];
}

function assertInput(input: ApplyPromotionsInput): void {
  if (input.lines.length > MAX_QUOTE_LINES) throw new Error(`applyPromotions: ${input.lines.length} lines, at most ${MAX_QUOTE_LINES}`);
  if (input.promotions.length > MAX_QUOTE_PROMOTIONS) throw new Error(`applyPromotions: ${input.promotions.length} promotions, at most ${MAX_QUOTE_PROMOTIONS}`);
  if (!Number.isSafeInteger(input.at_ms)) throw new Error('applyPromotions: bad at_ms');
  for (const l of input.lines) {
    if (!Number.isSafeInteger(l.quantity) || l.quantity <= 0) throw new Error(`applyPromotions: bad quantity ${l.quantity}`);
    if (!Number.isSafeInteger(l.unitPrice) || l.unitPrice < 0) throw new Error(`applyPromotions: bad unit price ${l.unitPrice}`);
    if (!Number.isSafeInteger(l.unitPrice * l.quantity)) throw new Error('applyPromotions: line amount out of range');
  }
}

/** Layer 1 with every special and bundle whose budget covers what it would take; others are dropped and layer 1 redone. */
function layer1WithinBudgets(input: ApplyPromotionsInput, specials: SpecialPromotion[], bundles: BundlePromotion[]) {
  const dropped = new Set<string>();
  // Each round drops at least one promotion, so at most (specials + bundles + 1) rounds.
  for (let round = 0; round <= specials.length + bundles.length; round++) {
    const r = layer1(
      input.lines,
      specials.filter((p) => !dropped.has(p.promotionId)),
      bundles.filter((p) => !dropped.has(p.promotionId)),
    );
    let over = false;
    for (const p of [...specials, ...bundles]) {
      const spent = r.spent.get(p.promotionId) ?? 0;
      if (spent > budgetLeft(p, input.usage?.[p.promotionId])) {
        dropped.add(p.promotionId);
        over = true;
      }
    }
    if (!over) return r;
  }
  throw new Error('layer1WithinBudgets: did not settle');
}

interface Taken {
  promotion: ThresholdPromotion;
  lines: number[];
  reward: Reward;
}

/** The budget an applied reward takes, in the budget's unit. */
function budgetSpend(reward: Reward): number {
  return reward.kind === 'gifts' ? reward.units : reward.discount_fen;
}

export function applyPromotions(input: ApplyPromotionsInput): PromotionQuote {
  assertInput(input);
  const usable = usablePromotions(input.promotions, input.buyer, input.at_ms, input.usage ?? {});
  const specials = usable.filter((p): p is SpecialPromotion => p.type === 'special');
  const bundles = usable.filter((p): p is BundlePromotion => p.type === 'bundle');
  const thresholds = usable.filter((p): p is ThresholdPromotion => isThresholdType(p.type));

  // Layer 1.
  const l1 = layer1WithinBudgets(input, specials, bundles);
  const discounts: LineDiscount[][] = l1.discounts.map((d) => d.map((x) => ({ ...x })));
  const amounts = input.lines.map((l, i) => l.unitPrice * l.quantity - discounts[i]!.reduce((s, d) => s + d.amount, 0));
  if (amounts.some((a) => a < 0)) throw new Error('applyPromotions: layer 1 took a line below 0');

  const giftByProduct = new Map<string, PricedLineLike>();
  for (const g of input.giftPrices ?? []) if (!giftByProduct.has(g.productId)) giftByProduct.set(g.productId, g);
  const giftPrice: GiftPrice = (productId) => giftByProduct.get(productId)?.unitPrice;

  // Layer 2: the most valuable threshold promotion takes its free lines, round after round.
  const free = input.lines.map(() => true);
  const productIds = input.lines.map((l) => l.productId);
  // What each promotion covers does not change between rounds; only which lines are still free.
  const covered = new Map(thresholds.map((p) => [p.promotionId, coveredLines(p, productIds)]));
  const linesOf = (p: ThresholdPromotion): number[] => covered.get(p.promotionId)!.filter((i) => free[i]);
  const measure = (lines: readonly number[]): Measure => ({
    amount_fen: lines.reduce((s, i) => s + amounts[i]!, 0),
    units: lines.reduce((s, i) => s + input.lines[i]!.quantity, 0),
  });
  const taken: Taken[] = [];
  const candidates = [...thresholds];
  const budgetShort = new Set<string>();
  while (candidates.length > 0) {
    let best: Taken | null = null;
    for (const p of candidates) {
      const lines = linesOf(p);
      const reward = rewardOf(p, measure(lines), giftPrice);
      if (reward === null) continue;
      if (budgetSpend(reward) > budgetLeft(p, input.usage?.[p.promotionId])) {
        budgetShort.add(p.promotionId);
        continue;
      }
      // Candidates are in creation order: a tie keeps the earlier one.
      if (best === null || reward.worth_fen > best.reward.worth_fen) best = { promotion: p, lines, reward };
    }
    if (best === null) break;
    candidates.splice(candidates.indexOf(best.promotion), 1);
    budgetShort.delete(best.promotion.promotionId);
    for (const i of best.lines) free[i] = false;
    taken.push(best);
  }

  const applied: AppliedPromotion[] = [];
  const consumption: PromotionConsumption[] = [];
  const consume = (p: Promotion, spend: number): void => {
    consumption.push({ promotionId: p.promotionId, budget: p.budget === undefined ? 0 : spend, budgetKind: p.budget?.kind ?? null, uses: 1 });
  };
  for (const p of [...specials, ...bundles]) {
    const spent = l1.spent.get(p.promotionId) ?? 0;
    if (spent === 0) continue;
    const lineIndexes = discounts.flatMap((d, i) => (d.some((x) => x.promotionId === p.promotionId) ? [i] : []));
    applied.push({ promotionId: p.promotionId, type: p.type, discount_fen: spent, giftUnits: 0, lineIndexes });
    consume(p, spent);
  }

  const gifts: GiftLine[] = [];
  for (const t of taken) {
    const p = t.promotion;
    if (t.reward.kind === 'discount') {
      const parts = apportion(t.reward.discount_fen, t.lines.map((i) => amounts[i]!));
      t.lines.forEach((i, k) => {
        if (parts[k]! > 0) discounts[i]!.push({ promotionId: p.promotionId, amount: parts[k]! });
      });
      applied.push({ promotionId: p.promotionId, type: p.type, discount_fen: t.reward.discount_fen, giftUnits: 0, tier: t.reward.tier, lineIndexes: t.lines });
    } else {
      for (const g of t.reward.gifts) {
        const priced = giftByProduct.get(g.productId)!;
        gifts.push({
          productId: priced.productId,
          productName: priced.productName,
          unit: priced.unit,
          itemsPerUnit: priced.itemsPerUnit,
          quantity: g.quantity,
          listPrice: priced.listPrice,
          unitPrice: 0,
          priceSource: priced.priceSource,
          discounts: [],
          net: 0,
          promotionId: p.promotionId,
          worth_fen: priced.unitPrice * g.quantity,
        });
      }
      applied.push({ promotionId: p.promotionId, type: p.type, discount_fen: 0, giftUnits: t.reward.units, tier: t.reward.tier, lineIndexes: t.lines });
    }
    consume(p, budgetSpend(t.reward));
  }

  const lines: QuoteLine[] = input.lines.map((l, i) => ({
    productId: l.productId,
    productName: l.productName,
    unit: l.unit,
    itemsPerUnit: l.itemsPerUnit,
    quantity: l.quantity,
    listPrice: l.listPrice,
    unitPrice: l.unitPrice,
    priceSource: l.priceSource,
    discounts: discounts[i]!,
    net: lineNet(l.unitPrice, l.quantity, discounts[i]!),
  }));
  const total = lines.reduce((s, l) => s + l.net, 0);

  // "再买 ¥x 可减 ¥y": every threshold promotion not at its top, measured where it stands now —
  // on its own lines when applied, else on its eligible lines still free.
  const missed: MissedPromotion[] = [];
  for (const p of thresholds) {
    if (budgetShort.has(p.promotionId)) continue;
    const t = taken.find((x) => x.promotion === p);
    const step = nextStep(p, measure(t ? t.lines : linesOf(p)), giftPrice);
    if (step !== null) missed.push(step);
  }

  // Postconditions: no line below 0; the total is the gross less every discount applied.
  const gross = input.lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
  const off = applied.reduce((s, a) => s + a.discount_fen, 0);
  if (lines.some((l) => l.net < 0)) throw new Error('applyPromotions: a line below 0');
  if (total !== gross - off) throw new Error(`applyPromotions: total ${total} is not ${gross} − ${off}`);
  return { lines, gifts, total, missed, applied, consumption };
}

/** The order module's quote (`order.quote`'s reply) from a quote with promotions. */
export function asQuote(sellerOrgId: string, q: PromotionQuote): Quote {
  return { sellerOrgId, lines: q.lines, gifts: q.gifts, total: q.total, missed: q.missed };
}

/**
 * A short fingerprint of what a quote gives: the total, every line's discounts and every gift. Two
 * quotes with the same total can still differ (a 满送 whose gift budget ran out changes no amount),
 * so submit compares this, not only the total, to answer QUOTE_CHANGED.
 */
export function quoteFingerprint(q: Pick<PromotionQuote, 'lines' | 'gifts' | 'total'>): string {
  const parts: string[] = [String(q.total)];
  for (const l of q.lines) parts.push(`${l.productId}*${l.quantity}@${l.unitPrice}:${l.discounts.map((d) => `${d.promotionId}=${d.amount}`).join(',')}`);
  for (const g of q.gifts) parts.push(`gift:${g.promotionId}:${g.productId}*${g.quantity}`);
  // FNV-1a, 32 bits: it only has to notice a change.
  let h = 0x811c9dc5;
  const text = parts.join('|');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${q.total}-${(h >>> 0).toString(36)}`;
}
