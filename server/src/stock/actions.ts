/**
 * The stock actions of the `order` function: an org's stock per product (in items and order
 * units), its moves, and its safety stock.
 */
import {
  err,
  itemsPerUnit,
  lowStockStep,
  ok,
  toOrderUnits,
  type OrderStockReq,
  type OrderStockRes,
  type Result,
  type SetSafetyStockReq,
  type SetSafetyStockRes,
  type StockMoveView,
  type StockMovesReq,
  type StockMovesRes,
  type StockRow,
} from '@channel-router/shared';
import { hasBrandRole, membershipsOf } from '../channel/access.js';
import { BRAND_ORG_ID, type MembershipDoc, type ProductDoc } from '../channel/model.js';
import { C } from '../db/collections.js';
import type { AuthedContext } from '../runtime/action.js';
import type { Database } from '../runtime/cloud.js';
import { checkLowStock, readStock, type ProductStock } from './levels.js';
import { headId, type HeadDoc, type MoveDoc } from './model.js';

const PAGE_DEFAULT = 50;
const OFFSET_MAX = 10_000;
/** Roles that set an org's safety stock (warehouse: 仓管). */
const STOCK_KEEPERS: ReadonlySet<string> = new Set(['owner', 'warehouse', 'admin']);

/** Members of the org read its stock; brand admins and inspectors read any org's. */
export function mayReadStock(ms: readonly MembershipDoc[], orgId: string): boolean {
  return ms.some((m) => m.orgId === orgId) || hasBrandRole(ms, ['admin', 'inspector']);
}

export async function productsByIds(db: Database, ids: readonly string[]): Promise<Map<string, ProductDoc & { unit?: 'case' | 'box' | 'item' }>> {
  const out = new Map<string, ProductDoc & { unit?: 'case' | 'box' | 'item' }>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 100) {
    const chunk = unique.slice(i, i + 100);
    const res = await db.collection(C.products).where({ _id: db.command.in(chunk) }).limit(chunk.length).get();
    for (const p of res.data as Array<ProductDoc & { unit?: 'case' | 'box' | 'item' }>) out.set(p._id, p);
  }
  return out;
}

/** A product's order unit: the one the brand trades it in (`unit`), by default the case. */
export function orderUnitOf(p: (ProductDoc & { unit?: 'case' | 'box' | 'item' }) | undefined): { unit: 'case' | 'box' | 'item'; itemsPerUnit: number } {
  if (!p) return { unit: 'item', itemsPerUnit: 1 };
  const unit = p.unit ?? 'case';
  return { unit, itemsPerUnit: itemsPerUnit(unit, p.packaging) };
}

export function stockRow(s: ProductStock, p: (ProductDoc & { unit?: 'case' | 'box' | 'item' }) | undefined): StockRow {
  const { unit, itemsPerUnit: per } = orderUnitOf(p);
  return {
    productId: s.productId,
    productName: p?.name ?? s.productId,
    unit,
    itemsPerUnit: per,
    onHand: s.onHand,
    reserved: s.reserved,
    available: s.available,
    safetyStock: s.safetyStock,
    low: s.safetyStock !== null && s.available <= s.safetyStock,
    inUnits: {
      onHand: toOrderUnits(s.onHand, per),
      reserved: toOrderUnits(s.reserved, per),
      available: toOrderUnits(s.available, per),
      safetyStock: s.safetyStock === null ? null : toOrderUnits(s.safetyStock, per),
    },
  };
}

export async function stock(ctx: AuthedContext, input: OrderStockReq): Promise<Result<OrderStockRes>> {
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  if (!mayReadStock(ms, input.orgId)) return err('FORBIDDEN', 'you are not a member of this organisation', 'orgId');
  const levels = await readStock(ctx.db, input.orgId, input.productIds);
  const products = await productsByIds(ctx.db, [...levels.keys()]);
  const rows = [...levels.values()].map((s) => stockRow(s, products.get(s.productId)));
  rows.sort((a, b) => a.productName.localeCompare(b.productName) || a.productId.localeCompare(b.productId));
  return ok({ orgId: input.orgId, products: rows });
}

export async function stockMoves(ctx: AuthedContext, input: StockMovesReq): Promise<Result<StockMovesRes>> {
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  if (!mayReadStock(ms, input.orgId)) return err('FORBIDDEN', 'you are not a member of this organisation', 'orgId');
  const offset = input.cursor === undefined ? 0 : Number(input.cursor);
  if (!Number.isSafeInteger(offset) || offset < 0 || offset > OFFSET_MAX) return err('INVALID_ARGUMENT', 'cursor is not one this server gave', 'cursor');
  const limit = input.limit ?? PAGE_DEFAULT;
  const where: Record<string, unknown> = { orgId: input.orgId };
  if (input.productId !== undefined) where.productId = input.productId;
  const res = await ctx.db.collection(C.stockMoves).where(where).orderBy('at', 'desc').skip(offset).limit(limit + 1).get();
  const docs = res.data as MoveDoc[];
  const moves: StockMoveView[] = docs.slice(0, limit).map((m) => ({
    id: m._id,
    productId: m.productId,
    type: m.type,
    items: m.items,
    delta_onHand: m.delta_onHand,
    delta_reserved: m.delta_reserved,
    after: m.after,
    ref: m.ref,
    by: m.by,
    note: m.note,
    at: m.at,
  }));
  return ok({ moves, cursor: docs.length > limit ? String(offset + limit) : null });
}

export async function setSafetyStock(ctx: AuthedContext, input: SetSafetyStockReq): Promise<Result<SetSafetyStockRes>> {
  const given = [input.safetyStock, input.safetyUnits, input.clear].filter((x) => x !== undefined).length;
  if (given !== 1) return err('INVALID_ARGUMENT', 'give exactly one of safetyStock, safetyUnits and clear', 'safetyStock');
  if (input.clear === false) return err('INVALID_ARGUMENT', 'clear must be true when given', 'clear');
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  const mine = ms.some((m) => m.orgId === input.orgId && STOCK_KEEPERS.has(m.role));
  const brandAdmin = input.orgId === BRAND_ORG_ID && hasBrandRole(ms, ['admin']);
  if (!mine && !brandAdmin) return err('FORBIDDEN', "only the org's owner or warehouse sets its safety stock", 'orgId');
  const product = (await productsByIds(ctx.db, [input.productId])).get(input.productId);
  if (!product) return err('NOT_FOUND', 'product not found', 'productId');
  const safety = input.clear === true ? null : input.safetyStock ?? input.safetyUnits! * orderUnitOf(product).itemsPerUnit;
  const now = (await readStock(ctx.db, input.orgId, [input.productId])).get(input.productId)!;
  // The low state follows the new safety stock; a crossing now raises the alert (below).
  const head: Omit<HeadDoc, '_id'> = {
    kind: 'head',
    orgId: input.orgId,
    productId: input.productId,
    safetyStock: safety,
    low: now.low,
    crossings: now.crossings,
    updatedAt: ctx.now_ms,
  };
  const res = (await ctx.db.collection(C.stock).where({ _id: headId(input.orgId, input.productId) }).update({ safetyStock: safety, updatedAt: ctx.now_ms })) as { updated?: number };
  if ((res.updated ?? 0) === 0) await ctx.db.collection(C.stock).doc(headId(input.orgId, input.productId)).set(head);
  await checkLowStock(ctx.db, input.orgId, [input.productId], ctx.now_ms, new Map([[product._id, product.name]]));
  const after = lowStockStep(false, now.available, safety);
  return ok({ productId: input.productId, safetyStock: safety, low: after.low });
}
