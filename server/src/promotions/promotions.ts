/**
 * A seller's promotions (docs/promotions.md#promotions): save (create or edit), list, enable or
 * disable. The definition is checked by the pure validator in the request schema; here what needs
 * the database: the products named exist, a 特价 or 套餐 price is not below the brand's floors for
 * the buyer kinds it can reach, a buyer named is the seller's customer, and at most
 * RUNNING_PER_SELLER_MAX promotions are live at once (so a quote loads them in one read).
 */
import {
  BUYER_KINDS,
  checkFloors,
  err,
  isRunning,
  kindsSoldTo,
  ok,
  promotionLabel,
  type ActionRes,
  type ChannelOrgKind,
  type KindFloors,
  type ListPromotionsReq,
  type Promotion,
  type PromotionDefinition,
  type Result,
  type SavePromotionReq,
  type SetPromotionEnabledReq,
} from '@channel-router/shared';
import { membershipsOf } from '../channel/access.js';
import { derivedId, newId } from '../channel/ids.js';
import { C } from '../db/collections.js';
import { transact, txGet } from '../db/transact.js';
import type { AuthedContext } from '../runtime/action.js';
import type { Database } from '../runtime/cloud.js';
import { actingSeller, MEMBER, OWNER, type Acting } from '../trade/access.js';
import { listPricesByIds } from '../trade/list-prices.js';
import { canTrade } from '../trade/relations.js';
import type { PromotionDoc } from './model.js';
import { RUNNING_PER_SELLER_MAX } from './quote.js';

/** A seller's promotions listed in one read (live and ended). */
export const PROMOTIONS_PER_LIST_MAX = 500;

type Problem = { field: string; code: 'INVALID_ARGUMENT' | 'NOT_FOUND' | 'PRICE_BELOW_FLOOR'; message: string };

/** Every product a definition names, with the field naming it. */
function namedProducts(d: PromotionDefinition): Array<[string, string]> {
  switch (d.type) {
    case 'special':
    case 'bundle':
      return d.items.map((it, i) => [it.productId, `items[${i}].productId`]);
    default: {
      const out: Array<[string, string]> = d.products.scope === 'all' ? [] : d.products.productIds.map((id, i) => [id, `products.productIds[${i}]`]);
      if (d.type === 'full_gift') d.tiers.forEach((t, i) => t.gifts.forEach((g, k) => out.push([g.productId, `tiers[${i}].gifts[${k}].productId`])));
      return out;
    }
  }
}

/** The buyer kinds a promotion can reach: those the seller sells to, narrowed by its targeting. */
function kindsReached(seller: Acting, d: PromotionDefinition): ChannelOrgKind[] {
  const sold = kindsSoldTo(seller.kind);
  const wanted = d.targeting.kinds;
  return wanted === undefined || wanted.length === 0 ? sold : sold.filter((k) => wanted.includes(k));
}

/** What needs the database (see the file's comment); fields relative to the request. */
async function checkDefinition(db: Database, seller: Acting, d: PromotionDefinition): Promise<Problem | null> {
  const named = namedProducts(d);
  const ids = [...new Set(named.map(([id]) => id))];
  const [products, lists] = await Promise.all([
    ids.length === 0 ? Promise.resolve({ data: [] }) : db.collection(C.products).where({ _id: db.command.in(ids) }).limit(ids.length).get(),
    d.type === 'special' || d.type === 'bundle' ? listPricesByIds(db, ids) : Promise.resolve(new Map()),
  ]);
  const known = new Set((products.data as Array<{ _id: string }>).map((p) => p._id));
  const missing = named.find(([id]) => !known.has(id));
  if (missing) return { field: missing[1], code: 'NOT_FOUND', message: 'no such product' };
  const buyers = d.targeting.buyerIds ?? [];
  if (buyers.length > 0) {
    const trades = await Promise.all(buyers.map((b) => canTrade(db, b, seller.orgId)));
    const bad = trades.findIndex((t) => !t);
    if (bad >= 0) return { field: `targeting.buyerIds[${bad}]`, code: 'NOT_FOUND', message: 'this organisation is not your customer' };
  }
  const kinds = kindsReached(seller, d);
  const floorsOf = (id: string): KindFloors | null => (lists.get(id) as { floors?: KindFloors } | undefined)?.floors ?? null;
  if (d.type === 'special') {
    // A special price is a price a buyer pays: the brand's floors hold for it (docs/trade.md#prices).
    const r = checkFloors(d.items, kinds, floorsOf);
    if (!r.ok) return { field: r.error.field ?? 'items', code: 'PRICE_BELOW_FLOOR', message: r.error.message };
  }
  if (d.type === 'bundle') {
    // A set is sold at one price: it may not be below the floors of what it holds.
    for (const k of kinds.length > 0 ? kinds : BUYER_KINDS) {
      const floor = d.items.reduce((s, it) => s + (floorsOf(it.productId)?.[k] ?? 0) * it.quantity, 0);
      if (d.price < floor) return { field: 'price', code: 'PRICE_BELOW_FLOOR', message: `the set's price is below the brand's floor for a ${k} (${floor} fen)` };
    }
  }
  return null;
}

function definitionOf(input: SavePromotionReq): PromotionDefinition {
  const { promotionId, sellerOrgId, version, requestId, ...d } = input;
  void promotionId;
  void sellerOrgId;
  void version;
  void requestId;
  return d as PromotionDefinition;
}

function strip(d: PromotionDoc): Omit<PromotionDoc, '_id'> {
  const { _id, ...rest } = d;
  void _id;
  return rest;
}

/** `trade.savePromotion`: creates (`requestId` makes a retry answer the same one) or edits (`promotionId`, compare-and-set on `version`). */
export async function savePromotion(ctx: AuthedContext, input: SavePromotionReq): Promise<Result<ActionRes<'trade', 'savePromotion'>>> {
  const seller = await actingSeller(ctx, input.sellerOrgId, OWNER, 'set promotions');
  if (!seller.ok) return seller;
  const sellerOrgId = seller.data.orgId;
  const def = definitionOf(input);
  const problem = await checkDefinition(ctx.db, seller.data, def);
  if (problem) return err(problem.code, problem.message, problem.field);
  const editing = input.promotionId !== undefined;
  const id = input.promotionId ?? (input.requestId ? derivedId('prm', `savePromotion:${sellerOrgId}`, input.requestId) : newId('prm'));
  const enabled = def.enabled ?? true;
  const live = enabled && def.to > ctx.now_ms;
  const liveCount = live ? (await ctx.db.collection(C.promotions).where({ sellerOrgId, enabled: true, to: ctx.db.command.gt(ctx.now_ms) }).count()).total : 0;
  return transact(ctx.db, async (tx) => {
    const cur = await txGet<PromotionDoc>(tx, C.promotions, id);
    if (editing) {
      if (!cur || cur.sellerOrgId !== sellerOrgId) return err('NOT_FOUND', 'no such promotion', 'promotionId');
      if (input.version !== undefined && cur.version !== input.version) return err('CONFLICT', `the promotion changed meanwhile (version ${cur.version})`, 'version');
      if (cur.type !== def.type) return err('INVALID_ARGUMENT', `a ${cur.type} promotion stays a ${cur.type}: create another one`, 'type');
    } else if (cur) {
      // A retried creation: the promotion the first attempt made, unchanged.
      return ok({ promotionId: id, version: cur.version });
    }
    const wasLive = cur !== null && cur.enabled !== false && cur.to > ctx.now_ms;
    if (live && !wasLive && liveCount >= RUNNING_PER_SELLER_MAX) return err('INVALID_ARGUMENT', `at most ${RUNNING_PER_SELLER_MAX} promotions may be live at once: end one first`, 'enabled');
    // What was already used of the budget stays used: the budget left moves by the change of the budget.
    let budgetLeft: number | null = def.budget?.amount ?? null;
    if (cur && def.budget !== undefined && cur.budget !== undefined && cur.budgetLeft !== null) {
      budgetLeft = cur.budgetLeft + (def.budget.amount - cur.budget.amount);
      if (budgetLeft < 0) return err('INVALID_ARGUMENT', `the budget is below what was already used (${cur.budget.amount - cur.budgetLeft})`, 'budget.amount');
    }
    const doc = {
      ...def,
      _id: id,
      promotionId: id,
      sellerOrgId,
      enabled,
      createdAt: cur?.createdAt ?? ctx.now_ms,
      budgetLeft,
      version: (cur?.version ?? 0) + 1,
      updatedAt: ctx.now_ms,
      updatedBy: ctx.caller.unionId,
    } as PromotionDoc;
    await tx.collection(C.promotions).doc(id).set(strip(doc));
    return ok({ promotionId: id, version: doc.version });
  });
}

function view(d: PromotionDoc, at_ms: number): ActionRes<'trade', 'listPromotions'>['promotions'][number] {
  const { _id, updatedBy, ...rest } = d;
  void updatedBy;
  const p = { ...rest, promotionId: _id } as Promotion & { budgetLeft: number | null; version: number; updatedAt: number };
  return { ...p, running: isRunning(p, at_ms), label: promotionLabel(p) };
}

/** `trade.listPromotions`: the seller's promotions, newest change first. */
export async function listPromotions(ctx: AuthedContext, input: ListPromotionsReq): Promise<Result<ActionRes<'trade', 'listPromotions'>>> {
  const seller = await actingSeller(ctx, input.sellerOrgId, MEMBER, 'see promotions');
  if (!seller.ok) return seller;
  const res = await ctx.db.collection(C.promotions).where({ sellerOrgId: seller.data.orgId }).orderBy('updatedAt', 'desc').limit(PROMOTIONS_PER_LIST_MAX).get();
  const all = (res.data as PromotionDoc[]).map((d) => view(d, ctx.now_ms));
  return ok({ promotions: input.running === undefined ? all : all.filter((p) => p.running === input.running) });
}

/** `trade.setPromotionEnabled`: ends (or resumes) a promotion; compare-and-set on the version when given. */
export async function setPromotionEnabled(ctx: AuthedContext, input: SetPromotionEnabledReq): Promise<Result<ActionRes<'trade', 'setPromotionEnabled'>>> {
  const before = await ctx.db.collection(C.promotions).doc(input.promotionId).get();
  const found = (Array.isArray(before.data) ? before.data[0] : before.data) as PromotionDoc | undefined;
  if (!found) return err('NOT_FOUND', 'no such promotion', 'promotionId');
  // Another seller's promotion is not there at all for this caller.
  if (!(await membershipsOf(ctx.db, ctx.caller.unionId)).some((m) => m.orgId === found.sellerOrgId)) return err('NOT_FOUND', 'no such promotion', 'promotionId');
  const seller = await actingSeller(ctx, found.sellerOrgId, OWNER, 'change promotions');
  if (!seller.ok) return seller;
  const liveCount = input.enabled ? (await ctx.db.collection(C.promotions).where({ sellerOrgId: found.sellerOrgId, enabled: true, to: ctx.db.command.gt(ctx.now_ms) }).count()).total : 0;
  return transact(ctx.db, async (tx) => {
    const cur = await txGet<PromotionDoc>(tx, C.promotions, input.promotionId);
    if (!cur) return err('NOT_FOUND', 'no such promotion', 'promotionId');
    if (input.version !== undefined && cur.version !== input.version) return err('CONFLICT', `the promotion changed meanwhile (version ${cur.version})`, 'version');
    if (cur.enabled === input.enabled) return ok({ promotionId: input.promotionId, version: cur.version, enabled: cur.enabled });
    if (input.enabled && cur.to > ctx.now_ms && liveCount >= RUNNING_PER_SELLER_MAX) return err('INVALID_ARGUMENT', `at most ${RUNNING_PER_SELLER_MAX} promotions may be live at once: end one first`, 'enabled');
    const version = cur.version + 1;
    await tx.collection(C.promotions).doc(input.promotionId).update({ enabled: input.enabled, version, updatedAt: ctx.now_ms, updatedBy: ctx.caller.unionId });
    return ok({ promotionId: input.promotionId, version, enabled: input.enabled });
  });
}
