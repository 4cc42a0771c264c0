/**
 * A seller's price policies (docs/trade.md#prices): save (checked against the
 * brand's floors for every buyer kind the price can reach), list, enable or disable, and CSV
 * import and export. Each policy is stored with `keys` (`scope:target`, or `all`) so that price
 * resolution loads only the policies that can reach one buyer, by one indexed query.
 */
import {
  checkFloors,
  err,
  errWith,
  formatPolicyCsv,
  invalid,
  isKnownRegion,
  kindsSoldTo,
  ok,
  parsePolicyCsv,
  policyKeys,
  shanghaiDate,
  type ActionRes,
  type ChannelOrgKind,
  type CsvError,
  type ImportPricePoliciesReq,
  type PolicyItem,
  type PolicyScope,
  type Result,
  type SavePricePolicyReq,
} from '@channel-router/shared';
import { membershipsOf } from '../channel/access.js';
import { derivedId, newId } from '../channel/ids.js';
import { orgsByIds } from '../channel/orgs.js';
import { C } from '../db/collections.js';
import { transact, txGet } from '../db/transact.js';
import type { AuthedContext } from '../runtime/action.js';
import type { Database } from '../runtime/cloud.js';
import { actingSeller, MEMBER, OWNER, type Acting } from './access.js';
import { listPricesByIds } from './list-prices.js';
import type { PricePolicyDoc } from './model.js';
import { canTrade } from './relations.js';

/** A seller's policies stay within one read (resolution reads only those reaching one buyer). */
export const POLICIES_PER_SELLER_MAX = 1000;
/** Policies in one imported file (written in one transaction: all or nothing). */
export const POLICIES_PER_IMPORT_MAX = 100;

export interface PolicyDraft {
  name: string | null;
  scope: PolicyScope;
  targetIds: string[];
  items: PolicyItem[];
  from_ms: number;
  to_ms: number;
  priority: number;
  enabled: boolean;
}

/** The live, enabled policies of a seller that can reach a buyer with these keys (one query). */
export async function loadPolicies(db: Database, sellerOrgId: string, keys: readonly string[], at_ms: number): Promise<PricePolicyDoc[]> {
  const _ = db.command;
  const res = await db
    .collection(C.pricePolicies)
    .where({ sellerOrgId, enabled: true, keys: _.in([...keys]), to_ms: _.gt(at_ms) })
    .limit(POLICIES_PER_SELLER_MAX)
    .get();
  return res.data as PricePolicyDoc[];
}

type Problem = { field: string; code: 'INVALID_ARGUMENT' | 'NOT_FOUND' | 'PRICE_BELOW_FLOOR'; message: string };

/**
 * What needs the database: targets that exist (customers that trade with the seller, known region
 * codes), products that exist, and prices not below the floors they can reach. Fields are named
 * relative to the policy (`targetIds[i]`, `items[i].price`).
 */
async function checkDraft(db: Database, seller: Acting, d: PolicyDraft): Promise<Problem | null> {
  if (d.scope === 'all' && d.targetIds.length > 0) return { field: 'targetIds', code: 'INVALID_ARGUMENT', message: 'a policy for all buyers names no targets' };
  if (d.scope !== 'all' && d.targetIds.length === 0) return { field: 'targetIds', code: 'INVALID_ARGUMENT', message: `a ${d.scope} policy names at least one target` };
  const seen = new Set<string>();
  for (const [i, it] of d.items.entries()) {
    const k = `${it.productId}|${it.minQuantity ?? 1}`;
    if (seen.has(k)) return { field: `items[${i}].productId`, code: 'INVALID_ARGUMENT', message: 'this product and minimum quantity are already in the policy' };
    seen.add(k);
  }
  let kinds: ChannelOrgKind[] = kindsSoldTo(seller.kind);
  if (d.scope === 'region') {
    const bad = d.targetIds.findIndex((t) => !isKnownRegion(t));
    if (bad >= 0) return { field: `targetIds[${bad}]`, code: 'INVALID_ARGUMENT', message: 'not a known region code' };
  }
  if (d.scope === 'customer') {
    const [orgs, trades] = await Promise.all([orgsByIds(db, d.targetIds), Promise.all(d.targetIds.map((t) => canTrade(db, t, seller.orgId)))]);
    const bad = d.targetIds.findIndex((t, i) => !orgs.has(t) || !trades[i]);
    if (bad >= 0) return { field: `targetIds[${bad}]`, code: 'NOT_FOUND', message: 'this organisation is not your customer' };
    kinds = [...new Set(d.targetIds.map((t) => orgs.get(t)!.kind as ChannelOrgKind))];
  }
  const productIds = [...new Set(d.items.map((i) => i.productId))];
  const [products, lists] = await Promise.all([db.collection(C.products).where({ _id: db.command.in(productIds) }).limit(productIds.length).get(), listPricesByIds(db, productIds)]);
  const known = new Set((products.data as Array<{ _id: string }>).map((p) => p._id));
  const missing = d.items.findIndex((i) => !known.has(i.productId));
  if (missing >= 0) return { field: `items[${missing}].productId`, code: 'NOT_FOUND', message: 'no such product' };
  const floors = checkFloors(d.items, kinds, (id) => lists.get(id)?.floors ?? null);
  if (!floors.ok) return { field: floors.error.field ?? 'items', code: 'PRICE_BELOW_FLOOR', message: floors.error.message };
  return null;
}

function docOf(id: string, sellerOrgId: string, d: PolicyDraft, version: number, createdAt: number, ctx: AuthedContext): PricePolicyDoc {
  return {
    _id: id,
    sellerOrgId,
    name: d.name,
    scope: d.scope,
    targetIds: d.targetIds,
    keys: policyKeys(d.scope, d.targetIds),
    items: d.items.map((i) => ({ productId: i.productId, price: i.price, ...(i.minQuantity !== undefined ? { minQuantity: i.minQuantity } : {}) })),
    from_ms: d.from_ms,
    to_ms: d.to_ms,
    priority: d.priority,
    enabled: d.enabled,
    version,
    createdAt,
    updatedAt: ctx.now_ms,
    updatedBy: ctx.caller.unionId,
  };
}

function strip(d: PricePolicyDoc): Omit<PricePolicyDoc, '_id'> {
  const { _id, ...rest } = d;
  return rest;
}

/** `trade.savePricePolicy`: creates (`requestId` makes a retry answer the same policy) or edits (`policyId`, compare-and-set on `version`). */
export async function savePricePolicy(ctx: AuthedContext, input: SavePricePolicyReq): Promise<Result<ActionRes<'trade', 'savePricePolicy'>>> {
  const seller = await actingSeller(ctx, input.sellerOrgId, OWNER, 'set price policies');
  if (!seller.ok) return seller;
  const sellerOrgId = seller.data.orgId;
  const draft: PolicyDraft = {
    name: input.name ?? null,
    scope: input.scope,
    targetIds: input.scope === 'all' ? (input.targetIds ?? []) : [...new Set(input.targetIds ?? [])],
    items: input.items,
    from_ms: input.from,
    to_ms: input.to,
    priority: input.priority ?? 0,
    enabled: input.enabled ?? true,
  };
  const problem = await checkDraft(ctx.db, seller.data, draft);
  if (problem) return err(problem.code, problem.message, problem.field);
  const editing = input.policyId !== undefined;
  const id = input.policyId ?? (input.requestId ? derivedId('pp', `savePricePolicy:${sellerOrgId}`, input.requestId) : newId('pp'));
  return transact(ctx.db, async (tx) => {
    const cur = await txGet<PricePolicyDoc>(tx, C.pricePolicies, id);
    if (editing) {
      if (!cur || cur.sellerOrgId !== sellerOrgId) return err('NOT_FOUND', 'no such price policy', 'policyId');
      if (input.version !== undefined && cur.version !== input.version) return err('CONFLICT', `the policy changed meanwhile (version ${cur.version})`, 'version');
    } else if (cur) {
      // A retried creation: the policy the first attempt made, unchanged.
      return ok({ policyId: id, version: cur.version });
    }
    const doc = docOf(id, sellerOrgId, draft, (cur?.version ?? 0) + 1, cur?.createdAt ?? ctx.now_ms, ctx);
    await tx.collection(C.pricePolicies).doc(id).set(strip(doc));
    return ok({ policyId: id, version: doc.version });
  });
}

function policyView(d: PricePolicyDoc): ActionRes<'trade', 'listPricePolicies'>['policies'][number] {
  return { policyId: d._id, sellerOrgId: d.sellerOrgId, name: d.name, scope: d.scope, targetIds: d.targetIds, items: d.items, from: d.from_ms, to: d.to_ms, priority: d.priority, enabled: d.enabled, version: d.version, updatedAt: d.updatedAt };
}

async function sellerPolicies(db: Database, sellerOrgId: string, where: Record<string, unknown> = {}): Promise<PricePolicyDoc[]> {
  const res = await db.collection(C.pricePolicies).where({ sellerOrgId, ...where }).orderBy('updatedAt', 'desc').limit(POLICIES_PER_SELLER_MAX).get();
  return res.data as PricePolicyDoc[];
}

/** `trade.listPricePolicies`: a seller's policies, newest change first. */
export async function listPricePolicies(ctx: AuthedContext, input: { sellerOrgId?: string; scope?: PolicyScope; enabled?: boolean }): Promise<Result<ActionRes<'trade', 'listPricePolicies'>>> {
  const seller = await actingSeller(ctx, input.sellerOrgId, MEMBER, 'see price policies');
  if (!seller.ok) return seller;
  const where: Record<string, unknown> = {};
  if (input.scope !== undefined) where.scope = input.scope;
  if (input.enabled !== undefined) where.enabled = input.enabled;
  return ok({ policies: (await sellerPolicies(ctx.db, seller.data.orgId, where)).map(policyView) });
}

/** `trade.setPolicyEnabled`: compare-and-set on the version when given; setting the same value again changes nothing. */
export async function setPolicyEnabled(ctx: AuthedContext, input: { policyId: string; enabled: boolean; version?: number }): Promise<Result<ActionRes<'trade', 'setPolicyEnabled'>>> {
  const before = await ctx.db.collection(C.pricePolicies).doc(input.policyId).get();
  const found = (Array.isArray(before.data) ? before.data[0] : before.data) as PricePolicyDoc | undefined;
  if (!found) return err('NOT_FOUND', 'no such price policy', 'policyId');
  // Another seller's policy is not there at all for this caller.
  if (!(await membershipsOf(ctx.db, ctx.caller.unionId)).some((m) => m.orgId === found.sellerOrgId)) return err('NOT_FOUND', 'no such price policy', 'policyId');
  const seller = await actingSeller(ctx, found.sellerOrgId, OWNER, 'change price policies');
  if (!seller.ok) return seller;
  return transact(ctx.db, async (tx) => {
    const cur = await txGet<PricePolicyDoc>(tx, C.pricePolicies, input.policyId);
    if (!cur) return err('NOT_FOUND', 'no such price policy', 'policyId');
    if (input.version !== undefined && cur.version !== input.version) return err('CONFLICT', `the policy changed meanwhile (version ${cur.version})`, 'version');
    if (cur.enabled === input.enabled) return ok({ policyId: input.policyId, version: cur.version, enabled: cur.enabled });
    const version = cur.version + 1;
    await tx.collection(C.pricePolicies).doc(input.policyId).update({ enabled: input.enabled, version, updatedAt: ctx.now_ms, updatedBy: ctx.caller.unionId });
    return ok({ policyId: input.policyId, version, enabled: input.enabled });
  });
}

/**
 * `trade.importPricePolicies`: a whole file or nothing. Every row is checked (format first, then
 * targets, products and floors against the database); any problem answers the list of bad rows
 * and writes nothing. A row's `policy` names an existing policy of the seller (updated) or a key
 * for a new one (its id derives from the seller and the key, so importing a file again updates
 * the same policies instead of adding copies).
 */
export async function importPricePolicies(ctx: AuthedContext, input: ImportPricePoliciesReq): Promise<Result<ActionRes<'trade', 'importPricePolicies'>>> {
  const seller = await actingSeller(ctx, input.sellerOrgId, OWNER, 'import price policies');
  if (!seller.ok) return seller;
  const sellerOrgId = seller.data.orgId;
  const parsed = parsePolicyCsv(input.csv);
  if (!parsed.ok) return parsed;
  const policies = parsed.data;
  if (policies.length > POLICIES_PER_IMPORT_MAX) return err('INVALID_ARGUMENT', `at most ${POLICIES_PER_IMPORT_MAX} policies in one file`, 'csv');
  const existing = await ctx.db.collection(C.pricePolicies).where({ _id: ctx.db.command.in(policies.map((p) => p.key)), sellerOrgId }).limit(policies.length).get();
  const existingIds = new Set((existing.data as PricePolicyDoc[]).map((d) => d._id));

  const errors: CsvError[] = [];
  let belowFloor = false;
  for (const p of policies) {
    const draft: PolicyDraft = { name: existingIds.has(p.key) ? null : p.key, scope: p.scope, targetIds: p.targetIds, items: p.items, from_ms: p.from_ms, to_ms: p.to_ms, priority: p.priority, enabled: p.enabled };
    const problem = await checkDraft(ctx.db, seller.data, draft);
    if (!problem) continue;
    const m = /^items\[(\d+)\]\.(\w+)$/.exec(problem.field);
    const row = m ? p.itemRows[Number(m[1])]! : p.itemRows[0]!;
    const column = m ? (m[2] === 'price' ? 'price' : 'productId') : problem.field.startsWith('targetIds') ? 'targets' : 'policy';
    errors.push({ row, column, message: problem.message });
    if (problem.code === 'PRICE_BELOW_FLOOR') belowFloor = true;
  }
  if (errors.length > 0) {
    errors.sort((a, b) => a.row - b.row);
    if (belowFloor && errors.length === 1) return errWith('PRICE_BELOW_FLOOR', `row ${errors[0]!.row}, column ${errors[0]!.column}: ${errors[0]!.message}; nothing was imported`, { errors }, 'csv');
    return invalid(errors, errors.length);
  }

  const ids = policies.map((p) => (existingIds.has(p.key) ? p.key : derivedId('pp', `importPricePolicies:${sellerOrgId}`, p.key)));
  return transact(ctx.db, async (tx) => {
    for (const [i, p] of policies.entries()) {
      const id = ids[i]!;
      const cur = await txGet<PricePolicyDoc>(tx, C.pricePolicies, id);
      const draft: PolicyDraft = { name: cur?.name ?? (existingIds.has(p.key) ? null : p.key), scope: p.scope, targetIds: p.targetIds, items: p.items, from_ms: p.from_ms, to_ms: p.to_ms, priority: p.priority, enabled: p.enabled };
      await tx.collection(C.pricePolicies).doc(id).set(strip(docOf(id, sellerOrgId, draft, (cur?.version ?? 0) + 1, cur?.createdAt ?? ctx.now_ms, ctx)));
    }
    return ok({ policyIds: ids, items: policies.reduce((s, p) => s + p.items.length, 0) });
  });
}

/** `trade.exportPricePolicies`: the seller's policies as a CSV file Excel opens. */
export async function exportPricePolicies(ctx: AuthedContext, input: { sellerOrgId?: string }): Promise<Result<ActionRes<'trade', 'exportPricePolicies'>>> {
  const seller = await actingSeller(ctx, input.sellerOrgId, MEMBER, 'export price policies');
  if (!seller.ok) return seller;
  const docs = await sellerPolicies(ctx.db, seller.data.orgId);
  docs.sort((a, b) => a.createdAt - b.createdAt || a._id.localeCompare(b._id));
  const csv = formatPolicyCsv(docs.map((d) => ({ policyId: d._id, scope: d.scope, targetIds: d.targetIds, items: d.items, from_ms: d.from_ms, to_ms: d.to_ms, priority: d.priority, enabled: d.enabled })));
  return ok({ filename: `price-policies-${seller.data.orgId}-${shanghaiDate(ctx.now_ms)}.csv`, csv });
}
