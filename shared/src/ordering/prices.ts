/**
 * Price resolution (docs/trade.md#prices): which unit price a buyer pays a seller
 * for a product at a quantity and a moment. The first scope that has a price wins:
 * customer → group (the lowest over the buyer's groups) → level → region of the buyer's
 * registered region code (county, then city, then province) → all → the brand's list price for
 * the buyer's kind. Within one scope: the higher priority, then the largest minimum quantity not
 * above the quantity, then the latest `from`. Expired and disabled policies are ignored.
 * Pure: the caller loads the policies that may apply (by seller and target) and the list prices.
 */
import { regionAncestors } from '../channel/regions/regions.js';
import type { ChannelOrgKind } from '../model.js';
import { err, ok, type Result } from '../result.js';
import type { OrderUnit, PriceSource } from './quote.js';

export const POLICY_SCOPES = ['customer', 'group', 'level', 'region', 'all'] as const;
export type PolicyScope = (typeof POLICY_SCOPES)[number];
export const ORDER_UNITS = ['case', 'box', 'item'] as const satisfies readonly OrderUnit[];
export const BUYER_KINDS = ['dealer', 'wholesaler', 'store'] as const satisfies readonly ChannelOrgKind[];

/** Limits: a policy lists at most this many products and targets. */
export const MAX_POLICY_ITEMS = 500;
export const MAX_POLICY_TARGETS = 200;

export type KindPrices = Record<ChannelOrgKind, number>;

export interface PolicyItem {
  productId: string;
  /** Unit price in fen, per order unit of the product. */
  price: number;
  /** Applies from this many order units on (1 when not given). */
  minQuantity?: number;
}

export interface PricePolicy {
  policyId: string;
  scope: PolicyScope;
  /** Buyers, groups, levels or region codes; empty for `all`. */
  targetIds: readonly string[];
  items: readonly PolicyItem[];
  from_ms: number;
  to_ms: number;
  priority: number;
  enabled: boolean;
}

/** What resolution needs to know of the buyer, as its seller sees it. */
export interface BuyerForPricing {
  buyerOrgId: string;
  kind: ChannelOrgKind;
  level: string | null;
  groupIds: readonly string[];
  regionCode: string | null;
}

export interface ResolvedPrice {
  unitPrice: number;
  source: PriceSource;
}

/**
 * The keys a policy is stored under (`scope:target`, or `all`), and the keys that can reach a
 * buyer: the store loads exactly the policies whose keys meet the buyer's.
 */
export function policyKeys(scope: PolicyScope, targetIds: readonly string[]): string[] {
  return scope === 'all' ? ['all'] : targetIds.map((t) => `${scope}:${t}`);
}

export function regionChain(regionCode: string | null): string[] {
  if (regionCode === null) return [];
  return [regionCode, ...regionAncestors(regionCode)];
}

export function buyerKeys(b: BuyerForPricing): string[] {
  return [
    `customer:${b.buyerOrgId}`,
    ...b.groupIds.map((g) => `group:${g}`),
    ...(b.level !== null ? [`level:${b.level}`] : []),
    ...regionChain(b.regionCode).map((r) => `region:${r}`),
    'all',
  ];
}

interface Candidate {
  policy: PricePolicy;
  item: PolicyItem;
}

function live(p: PricePolicy, at_ms: number): boolean {
  return p.enabled && p.from_ms <= at_ms && at_ms < p.to_ms;
}

/** Within one scope: higher priority, larger minimum quantity, later `from`; then lower price, then id (a stable answer). */
function better(a: Candidate, b: Candidate): boolean {
  if (a.policy.priority !== b.policy.priority) return a.policy.priority > b.policy.priority;
  const am = a.item.minQuantity ?? 1;
  const bm = b.item.minQuantity ?? 1;
  if (am !== bm) return am > bm;
  if (a.policy.from_ms !== b.policy.from_ms) return a.policy.from_ms > b.policy.from_ms;
  if (a.item.price !== b.item.price) return a.item.price < b.item.price;
  return a.policy.policyId < b.policy.policyId;
}

function bestOf(policies: readonly PricePolicy[], match: (p: PricePolicy) => boolean, productId: string, quantity: number, at_ms: number): Candidate | null {
  let best: Candidate | null = null;
  for (const policy of policies) {
    if (!live(policy, at_ms) || !match(policy)) continue;
    for (const item of policy.items) {
      if (item.productId !== productId || (item.minQuantity ?? 1) > quantity) continue;
      const c = { policy, item };
      if (best === null || better(c, best)) best = c;
    }
  }
  return best;
}

const found = (c: Candidate): ResolvedPrice => ({ unitPrice: c.item.price, source: { scope: c.policy.scope, policyId: c.policy.policyId } });

/** The buyer's price of one product, or null when neither a policy nor a list price gives one. */
export function resolvePrice(
  policies: readonly PricePolicy[],
  buyer: BuyerForPricing,
  productId: string,
  quantity: number,
  at_ms: number,
  listPrice: number | null,
): ResolvedPrice | null {
  if (!(Number.isSafeInteger(quantity) && quantity >= 1)) throw new Error(`resolvePrice: bad quantity ${quantity}`);
  const targeted = (scope: PolicyScope, target: string) => (p: PricePolicy) => p.scope === scope && p.targetIds.includes(target);

  const customer = bestOf(policies, targeted('customer', buyer.buyerOrgId), productId, quantity, at_ms);
  if (customer) return found(customer);

  // In several groups: each group's own winner, then the lowest of them.
  let group: Candidate | null = null;
  for (const g of buyer.groupIds) {
    const c = bestOf(policies, targeted('group', g), productId, quantity, at_ms);
    if (c && (group === null || c.item.price < group.item.price || (c.item.price === group.item.price && c.policy.policyId < group.policy.policyId))) group = c;
  }
  if (group) return found(group);

  if (buyer.level !== null) {
    const level = bestOf(policies, targeted('level', buyer.level), productId, quantity, at_ms);
    if (level) return found(level);
  }

  for (const r of regionChain(buyer.regionCode)) {
    const region = bestOf(policies, targeted('region', r), productId, quantity, at_ms);
    if (region) return found(region);
  }

  const all = bestOf(policies, (p) => p.scope === 'all', productId, quantity, at_ms);
  if (all) return found(all);

  return listPrice === null ? null : { unitPrice: listPrice, source: { scope: 'list' } };
}

export interface LineToPrice {
  productId: string;
  quantity: number;
}

/**
 * Prices every line, or NOT_ORDERABLE naming `lines[i].productId` for the first line without a
 * price (no policy and no list price for the buyer's kind).
 */
export function resolveLines(
  policies: readonly PricePolicy[],
  buyer: BuyerForPricing,
  lines: readonly LineToPrice[],
  listPriceOf: (productId: string) => number | null,
  at_ms: number,
): Result<ResolvedPrice[]> {
  const out: ResolvedPrice[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const r = resolvePrice(policies, buyer, l.productId, l.quantity, at_ms, listPriceOf(l.productId));
    if (r === null) return err('NOT_ORDERABLE', 'this product has no price for you', `lines[${i}].productId`);
    out.push(r);
  }
  return ok(out);
}
