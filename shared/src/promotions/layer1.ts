/**
 * Layer 1 of the stacking, per line: the better of 特价 (special) and 套餐 (bundle) for the buyer.
 *
 * A special lowers a product's unit price when its price is below the resolved one; the line keeps
 * its resolved `unitPrice` and (resolved − special) × units is its discount. A bundle is ordered as
 * one unit: a set is its products × quantities, and a cart holding k whole sets gets k × (the sets'
 * value at resolved prices − the bundle price), apportioned over the units the sets take. A bundle
 * is taken only when it gives the buyer more than the specials would on the same units; units it
 * does not take keep their special. Among bundles the one giving the most goes first (ties: earlier
 * created), then the next on the units still free.
 */
import { apportion } from './apportion.js';
import type { BundlePromotion, SpecialPromotion } from './types.js';

export interface Layer1Line {
  productId: string;
  quantity: number;
  unitPrice: number;
}

export interface Layer1Result {
  /** Per line, the discounts of layer 1 (one entry per promotion, amount > 0). */
  discounts: Array<Array<{ promotionId: string; amount: number }>>;
  /** Per promotion, what it takes in all (fen). */
  spent: Map<string, number>;
}

interface BundleTake {
  promotion: BundlePromotion;
  sets: number;
  /** Units taken from each line. */
  units: Array<{ line: number; units: number }>;
  discount_fen: number;
  advantage_fen: number;
}

/** The best special per unit for each line: the largest (resolved − special), earlier created on ties. */
function bestSpecials(lines: readonly Layer1Line[], specials: readonly SpecialPromotion[]): Array<{ promotionId: string; perUnit: number } | null> {
  return lines.map((l) => {
    let best: { promotionId: string; perUnit: number } | null = null;
    for (const s of specials) {
      const item = s.items.find((i) => i.productId === l.productId);
      if (item === undefined || item.price >= l.unitPrice) continue;
      const perUnit = l.unitPrice - item.price;
      if (best === null || perUnit > best.perUnit) best = { promotionId: s.promotionId, perUnit };
    }
    return best;
  });
}

/** A bundle's whole sets on the units still free, or null when it fits no set or gives nothing over the specials. */
function takeBundle(b: BundlePromotion, lines: readonly Layer1Line[], free: readonly number[], special: ReturnType<typeof bestSpecials>): BundleTake | null {
  let sets = Number.POSITIVE_INFINITY;
  for (const item of b.items) {
    let have = 0;
    lines.forEach((l, i) => {
      if (l.productId === item.productId) have += free[i]!;
    });
    sets = Math.min(sets, Math.floor(have / item.quantity));
  }
  if (!(sets >= 1)) return null;
  const units: BundleTake['units'] = [];
  let value = 0;
  let specialValue = 0;
  for (const item of b.items) {
    let need = sets * item.quantity;
    // The same product on two lines: its units are taken from the earlier line first.
    for (let i = 0; i < lines.length && need > 0; i++) {
      if (lines[i]!.productId !== item.productId || free[i]! === 0) continue;
      const u = Math.min(need, free[i]!);
      units.push({ line: i, units: u });
      value += u * lines[i]!.unitPrice;
      specialValue += u * (special[i]?.perUnit ?? 0);
      need -= u;
    }
    if (need !== 0) throw new Error('takeBundle: counted sets it could not take');
  }
  const discount_fen = value - sets * b.price;
  const advantage_fen = discount_fen - specialValue;
  if (discount_fen <= 0 || advantage_fen <= 0) return null;
  return { promotion: b, sets, units, discount_fen, advantage_fen };
}

/** Layer 1 for the given (usable, creation-ordered) specials and bundles. */
export function layer1(lines: readonly Layer1Line[], specials: readonly SpecialPromotion[], bundles: readonly BundlePromotion[]): Layer1Result {
  const special = bestSpecials(lines, specials);
  const free = lines.map((l) => l.quantity);
  const perLine = lines.map(() => new Map<string, number>());
  const spent = new Map<string, number>();
  const add = (line: number, promotionId: string, amount: number): void => {
    if (amount === 0) return;
    perLine[line]!.set(promotionId, (perLine[line]!.get(promotionId) ?? 0) + amount);
    spent.set(promotionId, (spent.get(promotionId) ?? 0) + amount);
  };

  const left = [...bundles];
  // Each round takes one bundle; at most as many rounds as bundles.
  while (left.length > 0) {
    let best: BundleTake | null = null;
    for (const b of left) {
      const t = takeBundle(b, lines, free, special);
      if (t !== null && (best === null || t.advantage_fen > best.advantage_fen)) best = t;
    }
    if (best === null) break;
    left.splice(left.indexOf(best.promotion), 1);
    const parts = apportion(
      best.discount_fen,
      best.units.map((u) => u.units * lines[u.line]!.unitPrice),
    );
    best.units.forEach((u, k) => {
      free[u.line]! -= u.units;
      add(u.line, best.promotion.promotionId, parts[k]!);
    });
  }
  lines.forEach((_, i) => {
    const s = special[i];
    if (s) add(i, s.promotionId, s.perUnit * free[i]!);
  });
  return { discounts: perLine.map((m) => [...m].map(([promotionId, amount]) => ({ promotionId, amount }))), spent };
}
