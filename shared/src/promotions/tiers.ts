/**
 * Threshold promotions measured on a set of lines: the tier reached, what it is worth, and what is
 * missing for the next tier ("再买 ¥12.00 可减 ¥30.00").
 */
import { fullDiscount_fen } from './apportion.js';
import type { FullGiftPromotion, FullReductionPromotion, ThresholdBy, ThresholdPromotion } from './types.js';

/** A promotion's lines measured: the sum of their layer-1 amounts (fen) and their order units. */
export interface Measure {
  amount_fen: number;
  units: number;
}

export function measured(p: ThresholdPromotion, m: Measure): number {
  return p.thresholdBy === 'amount' ? m.amount_fen : m.units;
}

/** Index of the highest tier reached, or -1. */
export function reachedTier(p: ThresholdPromotion, m: Measure): number {
  const v = measured(p, m);
  let reached = -1;
  p.tiers.forEach((t, i) => {
    if (v >= t.threshold) reached = i;
  });
  return reached;
}

/** 满减's amount off for a measure, before it is capped at the lines' amount. */
export function reductionOff_fen(p: FullReductionPromotion, m: Measure): number {
  const i = reachedTier(p, m);
  if (i < 0) return 0;
  const tier = p.tiers[i]!;
  if (p.repeat !== true) return tier.off;
  const times = Math.floor(measured(p, m) / tier.threshold);
  const off = tier.off * times;
  return p.cap === undefined ? off : Math.min(off, p.cap);
}

/** A gift product's unit price for this buyer, or undefined when it cannot be priced (then it cannot be given). */
export type GiftPrice = (productId: string) => number | undefined;

/** Gifts of a 满送 tier at the buyer's resolved prices; undefined when a gift cannot be priced. */
export function giftsWorth_fen(gifts: FullGiftPromotion['tiers'][number]['gifts'], price: GiftPrice): number | undefined {
  let sum = 0;
  for (const g of gifts) {
    const unit = price(g.productId);
    if (unit === undefined) return undefined;
    sum += unit * g.quantity;
  }
  return sum;
}

/**
 * What a threshold promotion gives on a measure: `discount_fen` (money off its lines, at most their
 * amount) or the gifts of the tier reached and their worth. Null when no tier is reached, nothing
 * would be given, or a gift cannot be priced.
 */
export type Reward =
  | { kind: 'discount'; tier: number; discount_fen: number; worth_fen: number }
  | { kind: 'gifts'; tier: number; gifts: Array<{ productId: string; quantity: number }>; units: number; worth_fen: number };

export function rewardOf(p: ThresholdPromotion, m: Measure, price: GiftPrice): Reward | null {
  const tier = reachedTier(p, m);
  if (tier < 0) return null;
  switch (p.type) {
    case 'full_reduction': {
      // Never more than the goods it is taken from: a line never goes below 0.
      const d = Math.min(reductionOff_fen(p, m), m.amount_fen);
      return d > 0 ? { kind: 'discount', tier, discount_fen: d, worth_fen: d } : null;
    }
    case 'full_discount': {
      const d = fullDiscount_fen(m.amount_fen, p.tiers[tier]!.rate_bp);
      return d > 0 ? { kind: 'discount', tier, discount_fen: d, worth_fen: d } : null;
    }
    case 'full_gift': {
      const gifts = p.tiers[tier]!.gifts;
      const worth = giftsWorth_fen(gifts, price);
      if (worth === undefined) return null;
      return { kind: 'gifts', tier, gifts: gifts.map((g) => ({ ...g })), units: gifts.reduce((s, g) => s + g.quantity, 0), worth_fen: worth };
    }
  }
}

/** A promotion not at its top: how much more to buy and what the next step would give. */
export interface MissedPromotion {
  promotionId: string;
  type: ThresholdPromotion['type'];
  thresholdBy: ThresholdBy;
  /** Fen or order units still missing, as `thresholdBy`. */
  missing: number;
  /** What the next step gives in all (fen off, or the gifts' worth). */
  reward: number;
  /** 满折: the share paid at the next tier. */
  rate_bp?: number;
  /** 满送: the gifts at the next tier. */
  gifts?: Array<{ productId: string; quantity: number }>;
}

/**
 * The next step of a threshold promotion from a measure, or null at its top (or at its cap). For a
 * 满折 measured in units the reward is stated on today's amount: what the buyer adds is unknown.
 */
export function nextStep(p: ThresholdPromotion, m: Measure, price: GiftPrice): MissedPromotion | null {
  const v = measured(p, m);
  const base = { promotionId: p.promotionId, type: p.type, thresholdBy: p.thresholdBy };
  if (p.type === 'full_reduction' && p.repeat === true) {
    const tier = p.tiers[0]!;
    const times = Math.floor(v / tier.threshold);
    const now = reductionOff_fen(p, m);
    if (p.cap !== undefined && now >= p.cap) return null;
    const then = p.cap === undefined ? tier.off * (times + 1) : Math.min(tier.off * (times + 1), p.cap);
    return { ...base, missing: (times + 1) * tier.threshold - v, reward: then };
  }
  const next = reachedTier(p, m) + 1;
  if (next >= p.tiers.length) return null;
  const missing = p.tiers[next]!.threshold - v;
  switch (p.type) {
    case 'full_reduction':
      return { ...base, missing, reward: p.tiers[next]!.off };
    case 'full_discount': {
      const rate_bp = p.tiers[next]!.rate_bp;
      const amount = p.thresholdBy === 'amount' ? m.amount_fen + missing : m.amount_fen;
      return { ...base, missing, reward: fullDiscount_fen(amount, rate_bp), rate_bp };
    }
    case 'full_gift': {
      const gifts = p.tiers[next]!.gifts;
      const worth = giftsWorth_fen(gifts, price);
      if (worth === undefined) return null;
      return { ...base, missing, reward: worth, gifts: gifts.map((g) => ({ ...g })) };
    }
  }
}
