/**
 * The brand's list prices (docs/trade.md#prices): per product, its order unit, a
 * list price for each buyer kind, optional floors (控价) and a suggested retail price.
 */
import { BUYER_KINDS, err, ok, type ActionRes, type KindFloors, type Result, type SetListPricesReq } from '@channel-router/shared';
import { C } from '../db/collections.js';
import { transact, txGet } from '../db/transact.js';
import type { AuthedContext } from '../runtime/action.js';
import type { Database } from '../runtime/cloud.js';
import { actingSeller, brandAdmin, MEMBER, readDoc } from './access.js';
import type { ListPriceDoc } from './model.js';

/** A brand's catalogue for trade stays within one read. */
export const LIST_PRICES_MAX = 1000;

export function listPriceView(d: ListPriceDoc): ActionRes<'trade', 'setListPrices'> {
  return { productId: d._id, unit: d.unit, listPrices: d.listPrices, floors: d.floors, retailPrice: d.retailPrice, version: d.version };
}

export async function listPricesByIds(db: Database, productIds: readonly string[]): Promise<Map<string, ListPriceDoc>> {
  const ids = [...new Set(productIds)];
  if (ids.length === 0) return new Map();
  if (ids.length > LIST_PRICES_MAX) throw new Error(`too many products in one read: ${ids.length}`);
  const res = await db.collection(C.listPrices).where({ _id: db.command.in(ids) }).limit(ids.length).get();
  return new Map((res.data as ListPriceDoc[]).map((d) => [d._id, d]));
}

export async function allListPrices(db: Database): Promise<ListPriceDoc[]> {
  const res = await db.collection(C.listPrices).limit(LIST_PRICES_MAX).get();
  return res.data as ListPriceDoc[];
}

/** `trade.listListPrices`: what a seller's office needs to price within the brand's floors. */
export async function listListPrices(ctx: AuthedContext, _input: Record<never, never>): Promise<Result<ActionRes<'trade', 'listListPrices'>>> {
  const seller = await actingSeller(ctx, undefined, MEMBER, 'see list prices').then((r) => (r.ok || r.error.code !== 'INVALID_ARGUMENT' ? r : ok(null)));
  if (!seller.ok) return seller;
  const docs = await allListPrices(ctx.db);
  docs.sort((a, b) => a._id.localeCompare(b._id));
  return ok({ prices: docs.map(listPriceView) });
}

/** `trade.setListPrices`: brand admins. A list price below the floor set with it is refused. */
export async function setListPrices(ctx: AuthedContext, input: SetListPricesReq): Promise<Result<ActionRes<'trade', 'setListPrices'>>> {
  const admin = await brandAdmin(ctx);
  if (!admin.ok) return admin;
  const product = await readDoc<{ _id: string }>(ctx, C.products, input.productId);
  if (!product) return err('NOT_FOUND', 'no such product', 'productId');
  const floors: KindFloors = {};
  for (const k of BUYER_KINDS) {
    const f = input.floors?.[k];
    if (f === undefined) continue;
    if (input.listPrices[k] < f) return err('PRICE_BELOW_FLOOR', `the ${k} list price is below its floor of ${f} fen`, `listPrices.${k}`);
    floors[k] = f;
  }
  return transact(ctx.db, async (tx) => {
    const cur = await txGet<ListPriceDoc>(tx, C.listPrices, input.productId);
    const doc: ListPriceDoc = {
      _id: input.productId,
      unit: input.unit ?? 'case',
      listPrices: { dealer: input.listPrices.dealer, wholesaler: input.listPrices.wholesaler, store: input.listPrices.store },
      floors,
      retailPrice: input.retailPrice ?? null,
      version: (cur?.version ?? 0) + 1,
      updatedAt: ctx.now_ms,
      updatedBy: ctx.caller.unionId,
    };
    const { _id, ...rest } = doc;
    await tx.collection(C.listPrices).doc(input.productId).set(rest);
    return ok(listPriceView(doc));
  });
}
