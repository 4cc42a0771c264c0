/**
 * PROVISIONAL, replaced when the trade and stock modules land (server/src/trade/, server/src/stock/):
 * the order module's seams with their planned signatures, backed by the least data that lets the
 * order rules run — a product's `tradePrices` field, `meta` documents for credit lines and stock.
 * The order module imports only `./seams.js`, which switches to the real modules on merge.
 */
import { err, ok, type CreditLineTerms, type OrderUnit, type PriceSource, type Result } from '@channel-router/shared';
import { orgsByIds } from '../channel/orgs.js';
import { C } from '../db/collections.js';
import { txGet, type Tx } from '../db/transact.js';
import type { Database } from '../runtime/cloud.js';

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

interface ProductWithPrices {
  _id: string;
  name: string;
  packaging: { itemsPerBox: number; boxesPerCase: number };
  tradeUnit?: OrderUnit;
  tradePrices?: { dealer: number; wholesaler: number; store: number };
}

function itemsPer(unit: OrderUnit, p: ProductWithPrices): number {
  if (unit === 'item') return 1;
  if (unit === 'box') return p.packaging.itemsPerBox;
  return p.packaging.itemsPerBox * p.packaging.boxesPerCase;
}

export async function priceLines(db: Database, q: { sellerOrgId: string; buyerOrgId: string; lines: ReadonlyArray<{ productId: string; quantity: number }>; at_ms: number }): Promise<Result<PricedLine[]>> {
  const buyer = (await orgsByIds(db, [q.buyerOrgId])).get(q.buyerOrgId);
  if (!buyer || buyer.kind === 'brand') return err('NOT_FOUND', 'buyer not found', 'buyerOrgId');
  const ids = [...new Set(q.lines.map((l) => l.productId))];
  const res = await db.collection(C.products).where({ _id: db.command.in(ids) }).limit(ids.length).get();
  const byId = new Map((res.data as ProductWithPrices[]).map((p) => [p._id, p]));
  const out: PricedLine[] = [];
  for (let i = 0; i < q.lines.length; i++) {
    const l = q.lines[i]!;
    const p = byId.get(l.productId);
    const price = p?.tradePrices?.[buyer.kind];
    if (!p || price === undefined) return err('NOT_ORDERABLE', 'this product has no price for you', `lines[${i}].productId`);
    const unit = p.tradeUnit ?? 'case';
    out.push({ productId: p._id, productName: p.name, unit, itemsPerUnit: itemsPer(unit, p), quantity: l.quantity, listPrice: price, unitPrice: price, priceSource: { scope: 'list' } });
  }
  return ok(out);
}

export async function catalogFor(db: Database, q: { sellerOrgId: string; buyerOrgId: string; at_ms: number }): Promise<Result<Array<PricedLine & { available?: boolean }>>> {
  const res = await db.collection(C.products).limit(1000).get();
  const ids = (res.data as ProductWithPrices[]).filter((p) => p.tradePrices !== undefined).map((p) => ({ productId: p._id, quantity: 1 }));
  if (ids.length === 0) return ok([]);
  return priceLines(db, { ...q, lines: ids });
}

export async function canTrade(db: Database, buyerOrgId: string, sellerOrgId: string): Promise<boolean> {
  const buyer = (await orgsByIds(db, [buyerOrgId])).get(buyerOrgId);
  return buyer?.upstreamId === sellerOrgId;
}

export async function readTerms(_db: Database, _sellerOrgId: string): Promise<null> {
  return null;
}

export async function readCreditLine(db: Database, sellerOrgId: string, buyerOrgId: string, _at_ms: number): Promise<CreditLineTerms | null> {
  const res = await db.collection(C.meta).doc(`creditline:${sellerOrgId}:${buyerOrgId}`).get();
  const d = (Array.isArray(res.data) ? res.data[0] : res.data) as CreditLineTerms | undefined;
  return d ?? null;
}

interface StockDoc {
  onHand: number;
  reserved: number;
}
type StockOp = { orgId: string; ref: string; key: string; lines: ReadonlyArray<{ productId: string; items: number }>; at_ms: number };

const stockId = (orgId: string, productId: string) => `stock:${orgId}:${productId}`;

async function apply(tx: Tx, op: StockOp, f: (s: StockDoc, items: number, i: number) => Result<StockDoc>): Promise<Result<true>> {
  const byProduct = new Map<string, { items: number; first: number }>();
  op.lines.forEach((l, i) => {
    const cur = byProduct.get(l.productId);
    byProduct.set(l.productId, { items: (cur?.items ?? 0) + l.items, first: cur?.first ?? i });
  });
  const writes: Array<[string, StockDoc]> = [];
  for (const [productId, { items, first }] of byProduct) {
    const id = stockId(op.orgId, productId);
    const s = (await txGet<StockDoc>(tx, C.meta, id)) ?? { onHand: 0, reserved: 0 };
    const next = f({ onHand: s.onHand, reserved: s.reserved }, items, first);
    if (!next.ok) return next;
    writes.push([id, next.data]);
  }
  for (const [id, s] of writes) await tx.collection(C.meta).doc(id).set({ ...s, updatedAt: op.at_ms });
  return ok(true);
}

export function reserveInTx(tx: Tx, op: StockOp): Promise<Result<true>> {
  return apply(tx, op, (s, items, i) => (s.onHand - s.reserved < items ? err('OUT_OF_STOCK', `only ${s.onHand - s.reserved} items available`, `lines[${i}]`) : ok({ ...s, reserved: s.reserved + items })));
}

export function releaseInTx(tx: Tx, op: StockOp): Promise<Result<true>> {
  return apply(tx, op, (s, items) => ok({ ...s, reserved: s.reserved - items }));
}

export function consumeReservationInTx(tx: Tx, op: StockOp): Promise<Result<true>> {
  return apply(tx, op, (s, items) => ok({ onHand: s.onHand - items, reserved: s.reserved - items }));
}
