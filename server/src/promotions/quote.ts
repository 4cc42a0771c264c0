/**
 * The quote with the seller's promotions (docs/promotions.md#the-quote), for the order module's
 * quote, submit and catalog. The database requests are constant in the number of promotions: the
 * seller's running promotions (one indexed query), the buyer's use counts of those with a
 * per-buyer limit (one `in` read), the buyer's profile (its org, cached, and its customer
 * profile), and, only when a 满送 gives products not in the cart, their prices (priceLines).
 */
import {
  applyPromotions,
  asQuote,
  coveredLines,
  err,
  isRunning,
  MAX_QUOTE_PROMOTIONS,
  missedHint,
  ok,
  promotionLabel,
  usablePromotions,
  type BuyerProfile,
  type ChannelOrgKind,
  type PricedLineLike,
  type Promotion,
  type PromotionConsumption,
  type PromotionUsage,
  type Quote,
  type Result,
} from '@channel-router/shared';
import { orgsByIds } from '../channel/orgs.js';
import { C } from '../db/collections.js';
import type { Database } from '../runtime/cloud.js';
import { readCustomer } from '../trade/customers.js';
import { priceLines } from '../trade/pricing.js';
import { budgetOf } from './budgets.js';
import { useDocId, type PromotionDoc, type PromotionUseDoc } from './model.js';

/** At most this many promotions of one seller run at once (savePromotion refuses more), so one read loads them all. */
export const RUNNING_PER_SELLER_MAX = MAX_QUOTE_PROMOTIONS;

/** The seller's enabled promotions not ended at `at_ms` (those not started yet are filtered here): one query. */
export async function loadRunning(db: Database, sellerOrgId: string, at_ms: number): Promise<PromotionDoc[]> {
  const _ = db.command;
  const res = await db.collection(C.promotions).where({ sellerOrgId, enabled: true, to: _.gt(at_ms) }).limit(RUNNING_PER_SELLER_MAX).get();
  return (res.data as PromotionDoc[]).filter((p) => isRunning(p, at_ms));
}

/** The promotion as the pure rules take it (the stored extras dropped). */
export function asPromotion(d: PromotionDoc): Promotion {
  const { _id, budgetLeft, version, updatedAt, updatedBy, ...rest } = d;
  void budgetLeft;
  void version;
  void updatedAt;
  void updatedBy;
  return { ...rest, promotionId: _id } as Promotion;
}

export async function buyerProfile(db: Database, sellerOrgId: string, buyerOrgId: string): Promise<Result<BuyerProfile>> {
  const [orgs, profile] = await Promise.all([orgsByIds(db, [buyerOrgId]), readCustomer(db, sellerOrgId, buyerOrgId)]);
  const org = orgs.get(buyerOrgId);
  if (!org || org.kind === 'brand') return err('NOT_FOUND', 'buyer not found', 'buyerOrgId');
  return ok({
    orgId: buyerOrgId,
    kind: org.kind as ChannelOrgKind,
    ...(profile?.level ? { level: profile.level } : {}),
    groupIds: profile?.groupIds ?? [],
    ...(org.regionCode ? { regionCode: org.regionCode } : {}),
  });
}

async function usageOf(db: Database, buyerOrgId: string, docs: readonly PromotionDoc[]): Promise<Record<string, PromotionUsage>> {
  const usage: Record<string, PromotionUsage> = {};
  for (const d of docs) {
    const left = budgetOf(d);
    usage[d._id] = left === undefined ? {} : { budgetLeft: left };
  }
  const limited = docs.filter((d) => d.perBuyerLimit !== undefined).map((d) => useDocId(d._id, buyerOrgId));
  if (limited.length === 0) return usage;
  const res = await db.collection(C.promotionUses).where({ _id: db.command.in(limited) }).limit(limited.length).get();
  for (const u of res.data as PromotionUseDoc[]) usage[u.promotionId] = { ...usage[u.promotionId], buyerUses: u.uses };
  return usage;
}

/** What submit needs beyond the quote: what each applied promotion consumes, and their per-buyer limits. */
export interface PromotionPricing {
  quote: Quote;
  consumption: PromotionConsumption[];
  limits: Map<string, number>;
}

/** The gift products a buyer's running 满送 could give, not already priced in the cart. */
function giftProductIds(promotions: readonly Promotion[], priced: readonly PricedLineLike[]): string[] {
  const have = new Set(priced.map((l) => l.productId));
  const out = new Set<string>();
  for (const p of promotions) if (p.type === 'full_gift') for (const t of p.tiers) for (const g of t.gifts) if (!have.has(g.productId)) out.add(g.productId);
  return [...out];
}

/** What a quote needs of the seller's promotions for this buyer, loaded before (or while) the lines are priced. */
export interface PromotionContext {
  sellerOrgId: string;
  buyerOrgId: string;
  at_ms: number;
  buyer: BuyerProfile;
  usable: Promotion[];
  usage: Record<string, PromotionUsage>;
}

/** The seller's running promotions this buyer may use now, with their usage: 2 or 3 reads, whatever their number. */
export async function loadPromotionContext(db: Database, q: { sellerOrgId: string; buyerOrgId: string; at_ms: number }): Promise<Result<PromotionContext>> {
  const [running, buyer] = await Promise.all([loadRunning(db, q.sellerOrgId, q.at_ms), buyerProfile(db, q.sellerOrgId, q.buyerOrgId)]);
  if (!buyer.ok) return buyer;
  const usage = running.length === 0 ? {} : await usageOf(db, q.buyerOrgId, running);
  return ok({ ...q, buyer: buyer.data, usable: usablePromotions(running.map(asPromotion), buyer.data, q.at_ms, usage), usage });
}

/**
 * The priced lines with the seller's running promotions applied for this buyer. Promotions that
 * do not target the buyer, have run out, or reached the buyer's limit are ignored.
 */
export async function applySellerPromotions(db: Database, q: { sellerOrgId: string; buyerOrgId: string; priced: readonly PricedLineLike[]; at_ms: number }): Promise<Result<PromotionPricing>> {
  const c = await loadPromotionContext(db, q);
  return c.ok ? applyWithContext(db, c.data, q.priced) : c;
}

/** The quote with promotions from a loaded context (only a 满送 giving products not in the cart reads more: their prices). */
export async function applyWithContext(db: Database, c: PromotionContext, priced: readonly PricedLineLike[]): Promise<Result<PromotionPricing>> {
  const q = { ...c, priced };
  const { usable, usage } = c;
  if (usable.length === 0) return ok({ quote: asQuote(q.sellerOrgId, applyPromotions({ lines: priced, promotions: [], buyer: c.buyer, at_ms: c.at_ms })), consumption: [], limits: new Map() });
  const giftIds = giftProductIds(usable, q.priced);
  let giftPrices: PricedLineLike[] = [...q.priced];
  if (giftIds.length > 0) {
    // A gift the buyer cannot be priced for (not listed) is not given (docs/promotions.md#stacking).
    const priced = await priceLines(db, { sellerOrgId: q.sellerOrgId, buyerOrgId: q.buyerOrgId, lines: giftIds.map((productId) => ({ productId, quantity: 1 })), at_ms: q.at_ms });
    if (priced.ok) giftPrices = [...giftPrices, ...priced.data];
  }
  const applied = applyPromotions({ lines: q.priced, promotions: usable, buyer: c.buyer, at_ms: q.at_ms, usage, giftPrices });
  const names = new Map(giftPrices.map((g) => [g.productId, g.productName]));
  const unitWord = q.priced[0]?.unit === 'item' ? '件' : q.priced[0]?.unit === 'box' ? '盒' : '箱';
  const quote = asQuote(q.sellerOrgId, applied);
  quote.missed = applied.missed.map((m) => ({ ...m, hint: missedHint(m, (id) => names.get(id) ?? '赠品', unitWord) }));
  const limits = new Map(usable.flatMap((p) => (p.perBuyerLimit === undefined ? [] : [[p.promotionId, p.perBuyerLimit] as [string, number]])));
  return ok({ quote, consumption: applied.consumption, limits });
}

/** The running promotions for this buyer and, per product, which of them cover it (the catalogue's badges). */
export async function catalogPromotions(db: Database, q: { sellerOrgId: string; buyerOrgId: string; productIds: readonly string[]; at_ms: number }) {
  const [running, buyer] = await Promise.all([loadRunning(db, q.sellerOrgId, q.at_ms), buyerProfile(db, q.sellerOrgId, q.buyerOrgId)]);
  if (!buyer.ok) return buyer;
  // Use limits and budgets are left to the quote: a badge says the promotion runs for this buyer.
  const usable = usablePromotions(running.map(asPromotion), buyer.data, q.at_ms, Object.fromEntries(running.map((d) => [d._id, budgetOf(d) === undefined ? {} : { budgetLeft: budgetOf(d)! }])));
  const byProduct = new Map<string, string[]>(q.productIds.map((id) => [id, []]));
  for (const p of usable) for (const i of coveredLines(p, q.productIds)) byProduct.get(q.productIds[i]!)!.push(p.promotionId);
  return ok({
    promotions: usable.map((p) => ({ promotionId: p.promotionId, type: p.type, name: p.name, label: promotionLabel(p), from: p.from, to: p.to })),
    byProduct,
  });
}
