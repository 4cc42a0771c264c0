/**
 * Prices for a buyer (docs/ordering.md, "Catalogue and prices"): loads what the pure resolution
 * needs with a constant number of requests, whatever the number of the seller's customers and
 * policies — the buyer org, the seller's profile of it, the products and their list prices by id,
 * and the seller's policies by the multikey index on `targetKeys` (only those aimed at this buyer).
 */
import {
  BUYER_KINDS,
  buyerTargetKeys,
  err,
  ok,
  resolvePrice,
  type BuyerKind,
  type BuyerProfile,
  type OrderUnit,
  type PricePolicy,
  type PriceSource,
  type Result,
} from '@channel-router/shared';
import type { OrgDoc, ProductDoc } from '../channel/model.js';
import { C } from '../db/collections.js';
import { getById } from '../db/ops.js';
import type { Database } from '../runtime/cloud.js';
import { pairId, type CustomerDoc, type PricePolicyDoc, type TradePriceDoc } from './model.js';

/** Most lines one request may price. */
export const PRICE_LINES_MAX = 200;
/** Most products the brand publishes for trade (one catalogue page). */
export const CATALOG_PRODUCTS_MAX = 1000;
/** Most live policies one buyer can be aimed at by one seller (a page of the indexed load). */
export const POLICIES_PER_BUYER_MAX = 1000;

export interface PricedLine {
  productId: string;
  productName: string;
  unit: OrderUnit;
  itemsPerUnit: number;
  quantity: number;
  /** Fen per unit: the brand's list price for the buyer's kind (0 when the brand lists none). */
  listPrice: number;
  /** Fen per unit. */
  unitPrice: number;
  priceSource: PriceSource;
}

export interface CatalogEntry {
  productId: string;
  productName: string;
  sku: string;
  unit: OrderUnit;
  itemsPerUnit: number;
  listPrice: number;
  /** Price of one unit for this buyer (quantity-break policies may lower it for larger orders). */
  unitPrice: number;
  priceSource: PriceSource;
  retailPrice: number | null;
}

export function itemsPerUnit(unit: OrderUnit, packaging: ProductDoc['packaging']): number {
  if (unit === 'item') return 1;
  if (unit === 'box') return packaging.itemsPerBox;
  return packaging.itemsPerBox * packaging.boxesPerCase;
}

interface PricingContext {
  buyer: BuyerProfile;
  policies: PricePolicy[];
}

function isBuyerKind(k: string): k is BuyerKind {
  return (BUYER_KINDS as readonly string[]).includes(k);
}

/** The buyer as this seller sees it, and the seller's live policies aimed at it. Three requests. */
async function loadPricingContext(db: Database, sellerOrgId: string, buyerOrgId: string, at_ms: number): Promise<Result<PricingContext>> {
  const [org, customer] = await Promise.all([
    getById<OrgDoc>(db, C.orgs, buyerOrgId),
    getById<CustomerDoc>(db, C.customers, pairId(sellerOrgId, buyerOrgId)),
  ]);
  if (org === null || !isBuyerKind(org.kind)) return err('NOT_FOUND', 'no such buyer organisation', 'buyerOrgId');
  const buyer: BuyerProfile = {
    orgId: org._id,
    kind: org.kind,
    regionCode: org.regionCode,
    level: customer?.level ?? null,
    groupIds: customer?.groupIds ?? [],
  };
  const _ = db.command;
  const res = await db
    .collection(C.pricePolicies)
    .where({ sellerOrgId, targetKeys: _.in(buyerTargetKeys(buyer)), enabled: true, to: _.gt(at_ms) })
    .limit(POLICIES_PER_BUYER_MAX)
    .get();
  const docs = res.data as PricePolicyDoc[];
  // A full page could hide a policy that should win: refuse loudly rather than misprice.
  if (docs.length >= POLICIES_PER_BUYER_MAX) throw new Error(`pricing: more than ${POLICIES_PER_BUYER_MAX} live policies of ${sellerOrgId} aim at ${buyerOrgId}`);
  const policies: PricePolicy[] = docs.map((d) => ({
    id: d._id,
    sellerOrgId: d.sellerOrgId,
    scope: d.scope,
    targetIds: d.targetIds,
    items: d.items,
    from: d.from,
    to: d.to,
    priority: d.priority,
    enabled: d.enabled,
  }));
  return ok({ buyer, policies });
}

async function byIds<T>(db: Database, collection: string, ids: readonly string[]): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  if (ids.length === 0) return out;
  const res = await db.collection(collection).where({ _id: db.command.in([...ids]) }).limit(ids.length).get();
  for (const d of res.data as Array<T & { _id: string }>) out.set(d._id, d);
  return out;
}

/**
 * Prices order lines for `buyerOrgId` buying from `sellerOrgId` at `at_ms`. Does not check that the
 * two may trade (see canTrade). A line with no price answers NOT_ORDERABLE naming
 * `lines[i].productId`. Five requests whatever the number of lines, customers or policies.
 */
export async function priceLines(
  db: Database,
  args: { sellerOrgId: string; buyerOrgId: string; lines: ReadonlyArray<{ productId: string; quantity: number }>; at_ms: number },
): Promise<Result<PricedLine[]>> {
  if (args.lines.length > PRICE_LINES_MAX) return err('INVALID_ARGUMENT', `at most ${PRICE_LINES_MAX} lines`, 'lines');
  for (let i = 0; i < args.lines.length; i++) {
    const q = args.lines[i]!.quantity;
    if (!Number.isInteger(q) || q < 1) return err('INVALID_ARGUMENT', 'quantity must be a positive whole number', `lines[${i}].quantity`);
  }
  const ids = [...new Set(args.lines.map((l) => l.productId))];
  const [context, products, prices] = await Promise.all([
    loadPricingContext(db, args.sellerOrgId, args.buyerOrgId, args.at_ms),
    byIds<ProductDoc>(db, C.products, ids),
    byIds<TradePriceDoc>(db, C.tradePrices, ids),
  ]);
  if (!context.ok) return context;
  const { buyer, policies } = context.data;
  const out: PricedLine[] = [];
  for (let i = 0; i < args.lines.length; i++) {
    const line = args.lines[i]!;
    const product = products.get(line.productId);
    const trade = prices.get(line.productId);
    // Only what the brand published for trade is orderable, whoever sells it.
    if (product === undefined || trade === undefined) return err('NOT_ORDERABLE', `product ${line.productId} is not for sale`, `lines[${i}].productId`);
    const r = resolvePrice({ sellerOrgId: args.sellerOrgId, buyer, productId: line.productId, quantity: line.quantity, at_ms: args.at_ms, policies, listPrices: trade.listPrices });
    if (r === null) return err('NOT_ORDERABLE', `product ${line.productId} has no price for you`, `lines[${i}].productId`);
    out.push({
      productId: line.productId,
      productName: product.name,
      unit: trade.unit,
      itemsPerUnit: itemsPerUnit(trade.unit, product.packaging),
      quantity: line.quantity,
      listPrice: trade.listPrices[buyer.kind] ?? 0,
      unitPrice: r.unitPrice,
      priceSource: r.source,
    });
  }
  return ok(out);
}

/** Every product published for trade with this buyer's price for one unit; unpriced ones left out. */
export async function catalogFor(db: Database, args: { sellerOrgId: string; buyerOrgId: string; at_ms: number }): Promise<Result<CatalogEntry[]>> {
  const [context, tradeRes] = await Promise.all([
    loadPricingContext(db, args.sellerOrgId, args.buyerOrgId, args.at_ms),
    db.collection(C.tradePrices).where({}).limit(CATALOG_PRODUCTS_MAX).get(),
  ]);
  if (!context.ok) return context;
  const trades = tradeRes.data as TradePriceDoc[];
  const products = await byIds<ProductDoc>(db, C.products, trades.map((t) => t._id));
  const { buyer, policies } = context.data;
  const out: CatalogEntry[] = [];
  for (const t of trades) {
    const p = products.get(t._id);
    if (p === undefined) continue;
    const r = resolvePrice({ sellerOrgId: args.sellerOrgId, buyer, productId: t._id, quantity: 1, at_ms: args.at_ms, policies, listPrices: t.listPrices });
    if (r === null) continue;
    out.push({
      productId: t._id,
      productName: p.name,
      sku: p.sku,
      unit: t.unit,
      itemsPerUnit: itemsPerUnit(t.unit, p.packaging),
      listPrice: t.listPrices[buyer.kind] ?? 0,
      unitPrice: r.unitPrice,
      priceSource: r.source,
      retailPrice: t.retailPrice,
    });
  }
  out.sort((a, b) => (a.productName < b.productName ? -1 : a.productName > b.productName ? 1 : 0));
  return ok(out);
}
