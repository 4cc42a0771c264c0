/**
 * Who trades with whom (docs/trade.md#relations). A buyer's seller is its registered
 * upstream, unless the brand reassigned it to another dealer (history kept; open orders keep
 * their seller, which is stored on each order); the brand may also add direct relations (the brand
 * supplying a key store). `canTrade` costs one read (the buyer's org is cached).
 */
import { err, ok, UPSTREAM_KINDS, type ActionRes, type ChannelOrgKind, type ReassignSellerReq, type Result } from '@channel-router/shared';
import { orgsByIds } from '../channel/orgs.js';
import { BRAND_ORG_ID, type OrgDoc } from '../channel/model.js';
import { C } from '../db/collections.js';
import { transact, txGet } from '../db/transact.js';
import type { AuthedContext } from '../runtime/action.js';
import type { Database } from '../runtime/cloud.js';
import { membershipsOf } from '../channel/access.js';
import { brandAdmin, isBrandAdmin } from './access.js';
import { assignmentId, directId, type RelationDoc } from './model.js';

const HISTORY_MAX = 50;
const DIRECT_PER_BUYER_MAX = 20;

/** The buyer's relation documents: its assignment and its direct relations (one query). */
async function relationsOf(db: Database, buyerOrgId: string): Promise<RelationDoc[]> {
  const res = await db.collection(C.tradeRelations).where({ buyerOrgId }).limit(DIRECT_PER_BUYER_MAX + 1).get();
  return res.data as RelationDoc[];
}

/** The seller the buyer orders from by default: its assignment, else its registered upstream. */
export async function primarySeller(db: Database, buyerOrgId: string): Promise<string | null> {
  const [orgs, rels] = await Promise.all([orgsByIds(db, [buyerOrgId]), relationsOf(db, buyerOrgId)]);
  return rels.find((r) => r.type === 'assigned')?.sellerOrgId ?? orgs.get(buyerOrgId)?.upstreamId ?? null;
}

export async function canTrade(db: Database, buyerOrgId: string, sellerOrgId: string): Promise<boolean> {
  if (buyerOrgId === sellerOrgId) return false;
  const [orgs, res] = await Promise.all([
    orgsByIds(db, [buyerOrgId]),
    db.collection(C.tradeRelations).where({ _id: db.command.in(relationIds(buyerOrgId, sellerOrgId)) }).limit(2).get(),
  ]);
  return canTradeFrom(orgs.get(buyerOrgId), res.data as RelationDoc[], sellerOrgId);
}

/** The ids of the relation documents `canTradeFrom` needs (a joined read asks for them). */
export function relationIds(buyerOrgId: string, sellerOrgId: string): string[] {
  return [assignmentId(buyerOrgId), directId(buyerOrgId, sellerOrgId)];
}

/** Whether the buyer orders from the seller, from its org and its relation documents `relationIds`. */
export function canTradeFrom(buyer: OrgDoc | undefined, docs: readonly RelationDoc[], sellerOrgId: string): boolean {
  if (!buyer || buyer.kind === 'brand' || buyer._id === sellerOrgId) return false;
  if (docs.some((d) => d.type === 'direct' && d.sellerOrgId === sellerOrgId)) return true;
  const assigned = docs.find((d) => d.type === 'assigned');
  return (assigned?.sellerOrgId ?? buyer.upstreamId) === sellerOrgId;
}


async function orgPair(db: Database, buyerOrgId: string, sellerOrgId: string) {
  const orgs = await orgsByIds(db, [buyerOrgId, sellerOrgId]);
  const buyer = orgs.get(buyerOrgId);
  const seller = orgs.get(sellerOrgId);
  if (!buyer || buyer.kind === 'brand') return err('NOT_FOUND', 'no such buyer organisation', 'buyerOrgId');
  if (!seller) return err('NOT_FOUND', 'no such seller organisation', 'sellerOrgId');
  return ok({ buyer, seller });
}

/** `trade.addRelation`: the brand admin lets a buyer order from a seller above it (F2b: the brand supplying a key store). */
export async function addRelation(ctx: AuthedContext, input: { buyerOrgId: string; sellerOrgId: string }): Promise<Result<ActionRes<'trade', 'addRelation'>>> {
  const admin = await brandAdmin(ctx);
  if (!admin.ok) return admin;
  const pair = await orgPair(ctx.db, input.buyerOrgId, input.sellerOrgId);
  if (!pair.ok) return pair;
  const { buyer, seller } = pair.data;
  if (seller.kind === 'store') return err('INVALID_ARGUMENT', 'a store does not sell to other orgs', 'sellerOrgId');
  if (buyer._id === seller._id) return err('INVALID_ARGUMENT', 'an organisation does not trade with itself', 'sellerOrgId');
  const id = directId(buyer._id, seller._id);
  const r = await transact(ctx.db, async (tx) => {
    const cur = await txGet<RelationDoc>(tx, C.tradeRelations, id);
    if (cur) return ok(cur);
    const doc: RelationDoc = { _id: id, type: 'direct', buyerOrgId: buyer._id, sellerOrgId: seller._id, since: ctx.now_ms, history: [], version: 1, updatedAt: ctx.now_ms, updatedBy: ctx.caller.unionId };
    const { _id, ...rest } = doc;
    await tx.collection(C.tradeRelations).doc(id).set(rest);
    return ok(doc);
  });
  if (!r.ok) return r;
  return ok({ buyerOrgId: buyer._id, sellerOrgId: seller._id, kind: 'direct', since: r.data.since });
}

/**
 * `trade.reassignSeller`: a store or wholesaler now orders from another dealer (or wholesaler, for
 * a store). The previous seller goes into the history; orders already placed keep their seller.
 * Repeating it with the same target changes nothing.
 */
export async function reassignSeller(ctx: AuthedContext, input: ReassignSellerReq): Promise<Result<ActionRes<'trade', 'reassignSeller'>>> {
  const admin = await brandAdmin(ctx);
  if (!admin.ok) return admin;
  const orgs = await orgsByIds(ctx.db, [input.buyerOrgId, input.toSellerOrgId]);
  const buyer = orgs.get(input.buyerOrgId);
  const to = orgs.get(input.toSellerOrgId);
  if (!buyer || buyer.kind === 'brand') return err('NOT_FOUND', 'no such buyer organisation', 'buyerOrgId');
  if (!to) return err('NOT_FOUND', 'no such seller organisation', 'toSellerOrgId');
  if (buyer.kind === 'dealer') return err('INVALID_ARGUMENT', 'a dealer buys from the brand; only stores and wholesalers are reassigned', 'buyerOrgId');
  if (!(UPSTREAM_KINDS[buyer.kind as ChannelOrgKind] as readonly string[]).includes(to.kind) || to.kind === 'brand') {
    return err('INVALID_ARGUMENT', `a ${buyer.kind} cannot buy from a ${to.kind}`, 'toSellerOrgId');
  }
  const id = assignmentId(buyer._id);
  return transact(ctx.db, async (tx) => {
    const cur = await txGet<RelationDoc>(tx, C.tradeRelations, id);
    const previous = cur?.sellerOrgId ?? buyer.upstreamId ?? BRAND_ORG_ID;
    if (previous === to._id) return ok({ buyerOrgId: buyer._id, sellerOrgId: to._id, previousSellerOrgId: previous });
    const entry = { sellerOrgId: previous, from: cur?.since ?? null, to: ctx.now_ms, by: ctx.caller.unionId, reason: input.reason ?? null };
    const history = [entry, ...(cur?.history ?? [])].slice(0, HISTORY_MAX);
    const doc: Omit<RelationDoc, '_id'> = { type: 'assigned', buyerOrgId: buyer._id, sellerOrgId: to._id, since: ctx.now_ms, history, version: (cur?.version ?? 0) + 1, updatedAt: ctx.now_ms, updatedBy: ctx.caller.unionId };
    await tx.collection(C.tradeRelations).doc(id).set(doc);
    return ok({ buyerOrgId: buyer._id, sellerOrgId: to._id, previousSellerOrgId: previous });
  });
}

/** `trade.listRelations`: whom an org buys from, and its earlier sellers. */
export async function listRelations(ctx: AuthedContext, input: { orgId: string }): Promise<Result<ActionRes<'trade', 'listRelations'>>> {
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  if (!isBrandAdmin(ms) && !ms.some((m) => m.orgId === input.orgId)) return err('FORBIDDEN', 'you are not a member of this organisation', 'orgId');
  const [orgs, rels] = await Promise.all([orgsByIds(ctx.db, [input.orgId]), relationsOf(ctx.db, input.orgId)]);
  const org = orgs.get(input.orgId);
  if (!org) return err('NOT_FOUND', 'no such organisation', 'orgId');
  const assigned = rels.find((r) => r.type === 'assigned');
  const sellers: ActionRes<'trade', 'listRelations'>['sellers'] = [];
  if (assigned) sellers.push({ buyerOrgId: org._id, sellerOrgId: assigned.sellerOrgId, kind: 'assigned', since: assigned.since });
  else if (org.upstreamId) sellers.push({ buyerOrgId: org._id, sellerOrgId: org.upstreamId, kind: 'upstream', since: org.createdAt });
  for (const r of rels) if (r.type === 'direct') sellers.push({ buyerOrgId: org._id, sellerOrgId: r.sellerOrgId, kind: 'direct', since: r.since });
  return ok({ sellers, history: assigned?.history ?? [] });
}
