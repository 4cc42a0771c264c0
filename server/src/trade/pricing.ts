/**
 * Prices for the order module (docs/trade.md#prices): `priceLines` prices an
 * order's lines for a buyer at a moment, `catalogFor` every product the brand lists. The database
 * requests are constant in the number of the seller's customers and policies: the buyer's org
 * (cached), its profile with this seller, the products and their list prices (one `in` read
 * each), and the policies that can reach this buyer (one indexed query on seller, enabled and the
 * buyer's keys).
 */
import { buyerKeys, err, ok, resolveLines, type BuyerForPricing, type ChannelOrgKind, type OrderUnit, type PriceSource, type PricePolicy, type Result } from '@channel-router/shared';
import { orgsByIds } from '../channel/orgs.js';
import type { OrgDoc, ProductDoc } from '../channel/model.js';
import { C } from '../db/collections.js';
import type { Database } from '../runtime/cloud.js';
import { readCustomer } from './customers.js';
import { allListPrices, listPricesByIds } from './list-prices.js';
import type { CustomerDoc, ListPriceDoc, PricePolicyDoc } from './model.js';
import { loadPolicies } from './policies.js';

export interface PricedLine {
  productId: string;
  productName: string;
  unit: OrderUnit;
  itemsPerUnit: number;
  quantity: number;
  listPrice: number;
  unitPrice: number;
  priceSource: PriceSource;
}

function itemsPer(unit: OrderUnit, p: Pick<ProductDoc, 'packaging'>): number {
  if (unit === 'item') return 1;
  if (unit === 'box') return p.packaging.itemsPerBox;
  return p.packaging.itemsPerBox * p.packaging.boxesPerCase;
}

function asPolicy(d: PricePolicyDoc): PricePolicy {
  return { policyId: d._id, scope: d.scope, targetIds: d.targetIds, items: d.items, from_ms: d.from_ms, to_ms: d.to_ms, priority: d.priority, enabled: d.enabled };
}

/** The buyer as pricing sees it, from its org and the seller's profile of it. */
export function buyerFrom(buyerOrgId: string, buyer: OrgDoc | undefined, profile: CustomerDoc | null): Result<BuyerForPricing> {
  if (!buyer || buyer.kind === 'brand') return err('NOT_FOUND', 'buyer not found', 'buyerOrgId');
  return ok({ buyerOrgId, kind: buyer.kind as ChannelOrgKind, level: profile?.level ?? null, groupIds: profile?.groupIds ?? [], regionCode: buyer.regionCode ?? null });
}

async function buyerFor(db: Database, sellerOrgId: string, buyerOrgId: string): Promise<Result<BuyerForPricing>> {
  const [orgs, profile] = await Promise.all([orgsByIds(db, [buyerOrgId]), readCustomer(db, sellerOrgId, buyerOrgId)]);
  return buyerFrom(buyerOrgId, orgs.get(buyerOrgId), profile);
}

async function productsByIds(db: Database, ids: readonly string[]): Promise<Map<string, ProductDoc>> {
  if (ids.length === 0) return new Map();
  const res = await db.collection(C.products).where({ _id: db.command.in([...ids]) }).limit(ids.length).get();
  return new Map((res.data as ProductDoc[]).map((p) => [p._id, p]));
}

function price(
  buyer: BuyerForPricing,
  policies: readonly PricePolicy[],
  lines: ReadonlyArray<{ productId: string; quantity: number }>,
  products: ReadonlyMap<string, ProductDoc>,
  lists: ReadonlyMap<string, ListPriceDoc>,
  at_ms: number,
): Result<PricedLine[]> {
  // A product the brand never listed, or that no longer exists, has no price for anyone.
  const listPriceOf = (id: string) => (products.has(id) ? (lists.get(id)?.listPrices[buyer.kind] ?? null) : null);
  const resolved = resolveLines(policies, buyer, lines, listPriceOf, at_ms);
  if (!resolved.ok) return resolved;
  const out: PricedLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const p = products.get(l.productId);
    const list = lists.get(l.productId);
    if (!p || !list) return err('NOT_ORDERABLE', 'this product is not listed for trade', `lines[${i}].productId`);
    const r = resolved.data[i]!;
    out.push({ productId: p._id, productName: p.name, unit: list.unit, itemsPerUnit: itemsPer(list.unit, p), quantity: l.quantity, listPrice: list.listPrices[buyer.kind], unitPrice: r.unitPrice, priceSource: r.source });
  }
  return ok(out);
}

export async function priceLines(db: Database, q: { sellerOrgId: string; buyerOrgId: string; lines: ReadonlyArray<{ productId: string; quantity: number }>; at_ms: number }): Promise<Result<PricedLine[]>> {
  const ids = [...new Set(q.lines.map((l) => l.productId))];
  const [buyer, products, lists] = await Promise.all([buyerFor(db, q.sellerOrgId, q.buyerOrgId), productsByIds(db, ids), listPricesByIds(db, ids)]);
  if (!buyer.ok) return buyer;
  return pricePolicies(db, q.sellerOrgId, buyer.data, q.lines, products, lists, q.at_ms);
}

/**
 * Prices lines from products and list prices already read (a submit reads them with its other
 * inputs in one request): loads the policies that can reach the buyer (one query) and resolves.
 */
export async function pricePolicies(
  db: Database,
  sellerOrgId: string,
  buyer: BuyerForPricing,
  lines: ReadonlyArray<{ productId: string; quantity: number }>,
  products: ReadonlyMap<string, ProductDoc>,
  lists: ReadonlyMap<string, ListPriceDoc>,
  at_ms: number,
): Promise<Result<PricedLine[]>> {
  const policies = (await loadPolicies(db, sellerOrgId, buyerKeys(buyer), at_ms)).map(asPolicy);
  return price(buyer, policies, lines, products, lists, at_ms);
}

/** Every listed product with the buyer's price for one unit (a policy's minimum quantity applies when ordering). */
export async function catalogFor(db: Database, q: { sellerOrgId: string; buyerOrgId: string; at_ms: number }): Promise<Result<Array<PricedLine & { category?: string }>>> {
  const [buyer, listed] = await Promise.all([buyerFor(db, q.sellerOrgId, q.buyerOrgId), allListPrices(db)]);
  if (!buyer.ok) return buyer;
  if (listed.length === 0) return ok([]);
  const lists = new Map(listed.map((d) => [d._id, d]));
  const [products, policyDocs] = await Promise.all([productsByIds(db, [...lists.keys()]), loadPolicies(db, q.sellerOrgId, buyerKeys(buyer.data), q.at_ms)]);
  const lines = [...lists.keys()].filter((id) => products.has(id)).sort((a, b) => products.get(a)!.name.localeCompare(products.get(b)!.name) || a.localeCompare(b)).map((productId) => ({ productId, quantity: 1 }));
  const priced = price(buyer.data, policyDocs.map(asPolicy), lines, products, lists, q.at_ms);
  if (!priced.ok) return priced;
  // The category rides along for the catalogue only (a quote's lines do not carry it).
  return ok(priced.data.map((l) => {
    const category = products.get(l.productId)?.category;
    return typeof category === 'string' ? { ...l, category } : l;
  }));
}
