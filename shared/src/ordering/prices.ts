/**
 * Price resolution (docs/ordering.md, "Catalogue and prices"): which unit price a seller charges a
 * buyer for a product at a quantity and a moment, and where that price came from.
 *
 * The first scope that has a price wins: customer → group → level → region (the buyer's registered
 * region, then the city, then the province above it) → all → the brand's list price for the
 * buyer's kind. Within one scope: the higher priority, then the largest minimum quantity not above
 * the quantity, then the latest `from` (then the smaller policy id, only so the answer never
 * depends on load order). In several groups, each group's winner competes and the lowest price
 * wins. Disabled policies and policies outside `[from, to)` are ignored.
 *
 * Pure: the caller loads the seller's policies aimed at this buyer (see `policyTargetKeys`).
 */
import { regionAncestors } from '../channel/regions/regions.js';
import type { ChannelOrgKind } from '../model.js';

export const PRICE_SCOPES = ['customer', 'group', 'level', 'region', 'all'] as const;
export type PriceScope = (typeof PRICE_SCOPES)[number];

/** The order unit a product is sold in; `case` unless the brand says otherwise. */
export const ORDER_UNITS = ['case', 'box', 'item'] as const;
export type OrderUnit = (typeof ORDER_UNITS)[number];

/** Buyer kinds a price can be set for (the brand never buys). */
export const BUYER_KINDS = ['dealer', 'wholesaler', 'store'] as const satisfies readonly ChannelOrgKind[];
export type BuyerKind = (typeof BUYER_KINDS)[number];

/** Most items one policy may carry; most targets one policy may aim at. */
export const MAX_POLICY_ITEMS = 500;
export const MAX_POLICY_TARGETS = 200;
/** Most order units on one line (keeps `unitPrice × quantity` a safe integer). */
export const MAX_LINE_QUANTITY = 1_000_000;
/** Most fen one unit may cost (10 million yuan). */
export const MAX_UNIT_PRICE_FEN = 1_000_000_000;

export interface PolicyItem {
  productId: string;
  /** Fen per order unit. */
  price: number;
  /** Order units; the price applies from this quantity up (1 when absent). */
  minQuantity?: number;
}

export interface PricePolicy {
  id: string;
  sellerOrgId: string;
  scope: PriceScope;
  /** Buyer org ids, group ids, level names or region codes; empty for `all`. */
  targetIds: readonly string[];
  items: readonly PolicyItem[];
  from: number;
  to: number;
  priority: number;
  enabled: boolean;
}

/** The buyer as the seller sees it: registered region, and the seller's customer profile. */
export interface BuyerProfile {
  orgId: string;
  kind: BuyerKind;
  regionCode: string;
  level: string | null;
  groupIds: readonly string[];
}

export type ListPrices = Readonly<Record<BuyerKind, number>>;

export interface PriceSource {
  scope: PriceScope | 'list';
  policyId?: string;
}

export interface ResolvedPrice {
  unitPrice: number;
  source: PriceSource;
}

/**
 * The keys a policy is filed under, so the seller's policies aimed at one buyer load by one
 * indexed query (`targetKey in buyerTargetKeys(buyer)`) whatever the number of policies.
 */
export function policyTargetKeys(p: Pick<PricePolicy, 'scope' | 'targetIds'>): string[] {
  if (p.scope === 'all') return ['all'];
  return p.targetIds.map((t) => `${p.scope}:${t}`);
}

/** The region codes to look at for a buyer, nearest first: county, city, province. */
export function buyerRegionChain(regionCode: string): string[] {
  if (regionCode === '') return [];
  return [regionCode, ...regionAncestors(regionCode)];
}

/** Every key under which a policy that can reach this buyer is filed. */
export function buyerTargetKeys(b: BuyerProfile): string[] {
  const keys = [`customer:${b.orgId}`];
  for (const g of b.groupIds) keys.push(`group:${g}`);
  if (b.level !== null) keys.push(`level:${b.level}`);
  for (const r of buyerRegionChain(b.regionCode)) keys.push(`region:${r}`);
  keys.push('all');
  return keys;
}

interface Candidate {
  policy: PricePolicy;
  price: number;
  minQuantity: number;
}

/** The candidate the within-scope rule prefers: negative when `a` wins. */
function compareCandidates(a: Candidate, b: Candidate): number {
  if (a.policy.priority !== b.policy.priority) return b.policy.priority - a.policy.priority;
  if (a.minQuantity !== b.minQuantity) return b.minQuantity - a.minQuantity;
  if (a.policy.from !== b.policy.from) return b.policy.from - a.policy.from;
  if (a.policy.id !== b.policy.id) return a.policy.id < b.policy.id ? -1 : 1;
  return a.price - b.price;
}

function isLive(p: PricePolicy, at_ms: number): boolean {
  return p.enabled && p.from <= at_ms && at_ms < p.to;
}

/** The within-scope winner among the live policies filed under `key`, or null. */
function bestFor(
  policies: readonly PricePolicy[],
  scope: PriceScope,
  target: string | null,
  productId: string,
  quantity: number,
  at_ms: number,
): Candidate | null {
  let best: Candidate | null = null;
  for (const p of policies) {
    if (p.scope !== scope || !isLive(p, at_ms)) continue;
    if (target !== null && !p.targetIds.includes(target)) continue;
    for (const it of p.items) {
      if (it.productId !== productId) continue;
      const minQuantity = it.minQuantity ?? 1;
      if (minQuantity > quantity) continue;
      const c: Candidate = { policy: p, price: it.price, minQuantity };
      if (best === null || compareCandidates(c, best) < 0) best = c;
    }
  }
  return best;
}

function fromCandidate(c: Candidate): ResolvedPrice {
  return { unitPrice: c.price, source: { scope: c.policy.scope, policyId: c.policy.id } };
}

/**
 * The price of `quantity` order units of `productId` for `buyer` at `at_ms`, or null when no
 * policy and no list price gives one (the caller answers NOT_ORDERABLE).
 * `policies` may hold policies of other sellers or aimed at others: they are filtered here.
 */
export function resolvePrice(args: {
  sellerOrgId: string;
  buyer: BuyerProfile;
  productId: string;
  quantity: number;
  at_ms: number;
  policies: readonly PricePolicy[];
  /** The brand's list prices for the product, or null when it is not published for trade. */
  listPrices: ListPrices | null;
}): ResolvedPrice | null {
  const { buyer, productId, quantity, at_ms } = args;
  if (!Number.isInteger(quantity) || quantity < 1) throw new Error(`resolvePrice: quantity ${quantity} must be a positive integer`);
  const mine = args.policies.filter((p) => p.sellerOrgId === args.sellerOrgId);

  const customer = bestFor(mine, 'customer', buyer.orgId, productId, quantity, at_ms);
  if (customer !== null) return fromCandidate(customer);

  let group: Candidate | null = null;
  for (const g of buyer.groupIds) {
    const c = bestFor(mine, 'group', g, productId, quantity, at_ms);
    if (c !== null && (group === null || c.price < group.price || (c.price === group.price && c.policy.id < group.policy.id))) group = c;
  }
  if (group !== null) return fromCandidate(group);

  if (buyer.level !== null) {
    const level = bestFor(mine, 'level', buyer.level, productId, quantity, at_ms);
    if (level !== null) return fromCandidate(level);
  }

  for (const r of buyerRegionChain(buyer.regionCode)) {
    const region = bestFor(mine, 'region', r, productId, quantity, at_ms);
    if (region !== null) return fromCandidate(region);
  }

  const all = bestFor(mine, 'all', null, productId, quantity, at_ms);
  if (all !== null) return fromCandidate(all);

  if (args.listPrices === null) return null;
  const list = args.listPrices[buyer.kind];
  if (!Number.isInteger(list) || list <= 0) return null;
  return { unitPrice: list, source: { scope: 'list' } };
}
