/**
 * Rebate programs and their statements (docs/promotions.md#rebate-programs): save and list
 * programs; compute a period's statements (one per program, period and buyer: stored once the
 * period has ended, figures only while it runs); approve or reject along the program's chain of
 * roles (compare-and-set on the statement's version, every step recorded); after the last
 * approval, post the payable to the buyer's rebate account once (ledger key
 * `rebate_statement:<statementId>`). Late returns on orders a posted statement counted lower the
 * next period's statement (`computeStatement`'s adjustments).
 */
import {
  computeStatement,
  err,
  shanghaiDate,
  newStatement,
  ok,
  periodByKey,
  periodOf,
  previousPeriod,
  programApplies,
  rebateAccount,
  REBATE_GRANT_ACCOUNT,
  scopeCovers,
  statementPostingKey,
  transitionStatement,
  type ActionRes,
  type ApproveStatementReq,
  type BuyerProfile,
  type ChannelOrgKind,
  type CompletedOrderFacts,
  type ComputeRebatesReq,
  type ListRebateProgramsReq,
  type ListStatementsReq,
  type Posting,
  type RebatePeriod,
  type RebateProgram,
  type RebateStatementFigures,
  type RejectStatementReq,
  type Result,
  type SaveRebateProgramReq,
  type StatementEvent,
} from '@channel-router/shared';
import { membershipsOf } from '../channel/access.js';
import { BRAND_ORG_ID } from '../channel/model.js';
import { derivedId, newId } from '../channel/ids.js';
import { orgsByIds } from '../channel/orgs.js';
import { C } from '../db/collections.js';
import { isDuplicateKey } from '../db/errors.js';
import { transact, txGet, type Tx } from '../db/transact.js';
import type { OrderDoc } from '../orders/model.js';
import type { AuthedContext } from '../runtime/action.js';
import type { Database } from '../runtime/cloud.js';
import { actingSeller, FINANCE, MEMBER, OWNER } from '../trade/access.js';
import { customerId, type CustomerDoc } from '../trade/model.js';
import { canTrade } from '../trade/relations.js';
import { postTrade } from '../wallet/trade-ledger.js';
import { statementId, type RebateProgramDoc, type RebateStatementDoc } from './model.js';

export const PROGRAMS_PER_SELLER_MAX = 200;
/** Completed orders one computation reads (a quarter of a large seller: 1,000 buyers × 100 orders, twice over). */
export const ORDERS_PER_COMPUTE_MAX = 200_000;
const ORDERS_PER_PAGE = 1000;
/** Ids per `in` read. */
const IDS_PER_READ = 500;
export const STATEMENTS_PER_LIST_MAX = 500;
/** Buyers one computeRebates call states (their orders: up to 100 each in a quarter, a few reads). */
export const BUYERS_PER_CALL = 100;
/** Statements of one page of buyers: a final and a few interims each. */
const STATEMENTS_PER_READ_MAX = 1000;
const PREVIEWS_MAX = 200;

function definitionOf(input: SaveRebateProgramReq) {
  const { programId, sellerOrgId, version, requestId, ...d } = input;
  void programId;
  void sellerOrgId;
  void version;
  void requestId;
  return d;
}

/** `trade.saveRebateProgram`: creates (keyed by `requestId`) or edits (`programId`, compare-and-set on `version`). */
export async function saveRebateProgram(ctx: AuthedContext, input: SaveRebateProgramReq): Promise<Result<ActionRes<'trade', 'saveRebateProgram'>>> {
  const seller = await actingSeller(ctx, input.sellerOrgId, OWNER, 'set rebate programs');
  if (!seller.ok) return seller;
  const sellerOrgId = seller.data.orgId;
  const def = definitionOf(input);
  const ids = def.products.scope === 'all' ? [] : def.products.productIds;
  if (ids.length > 0) {
    const res = await ctx.db.collection(C.products).where({ _id: ctx.db.command.in(ids) }).limit(ids.length).get();
    const known = new Set((res.data as Array<{ _id: string }>).map((p) => p._id));
    const bad = ids.findIndex((id) => !known.has(id));
    if (bad >= 0) return err('NOT_FOUND', 'no such product', `products.productIds[${bad}]`);
  }
  const buyers = def.targeting.buyerIds ?? [];
  const trades = await Promise.all(buyers.map((b) => canTrade(ctx.db, b, sellerOrgId)));
  const badBuyer = trades.findIndex((t) => !t);
  if (badBuyer >= 0) return err('NOT_FOUND', 'this organisation is not your customer', `targeting.buyerIds[${badBuyer}]`);
  const id = input.programId ?? (input.requestId ? derivedId('rbp', `saveRebateProgram:${sellerOrgId}`, input.requestId) : newId('rbp'));
  return transact(ctx.db, async (tx) => {
    const cur = await txGet<RebateProgramDoc>(tx, C.rebatePrograms, id);
    if (input.programId !== undefined) {
      if (!cur || cur.sellerOrgId !== sellerOrgId) return err('NOT_FOUND', 'no such rebate program', 'programId');
      if (input.version !== undefined && cur.version !== input.version) return err('CONFLICT', `the program changed meanwhile (version ${cur.version})`, 'version');
    } else if (cur) {
      return ok({ programId: id, version: cur.version });
    }
    const version = (cur?.version ?? 0) + 1;
    const doc: Omit<RebateProgramDoc, '_id'> = { ...def, programId: id, sellerOrgId, enabled: def.enabled ?? true, createdAt: cur?.createdAt ?? ctx.now_ms, version, updatedAt: ctx.now_ms, updatedBy: ctx.caller.unionId };
    await tx.collection(C.rebatePrograms).doc(id).set(doc);
    return ok({ programId: id, version });
  });
}

function programView(d: RebateProgramDoc): ActionRes<'trade', 'listRebatePrograms'>['programs'][number] {
  const { _id, updatedBy, ...rest } = d;
  void updatedBy;
  return { ...rest, programId: _id };
}

export async function listRebatePrograms(ctx: AuthedContext, input: ListRebateProgramsReq): Promise<Result<ActionRes<'trade', 'listRebatePrograms'>>> {
  const seller = await actingSeller(ctx, input.sellerOrgId, MEMBER, 'see rebate programs');
  if (!seller.ok) return seller;
  const res = await ctx.db.collection(C.rebatePrograms).where({ sellerOrgId: seller.data.orgId }).limit(PROGRAMS_PER_SELLER_MAX).get();
  const docs = (res.data as RebateProgramDoc[]).sort((a, b) => b.updatedAt - a.updatedAt);
  return ok({ programs: docs.map(programView) });
}

async function readProgram(db: Database, programId: string): Promise<RebateProgramDoc | null> {
  const r = await db.collection(C.rebatePrograms).doc(programId).get();
  return ((Array.isArray(r.data) ? r.data[0] : r.data) as RebateProgramDoc | undefined) ?? null;
}

/** Only what a statement reads of an order. */
const ORDER_FIELDS = { buyerOrgId: true, sellerOrgId: true, completedAt: true, lines: true };

/**
 * The orders of these buyers with the seller completed in [from, to), paged by id with a key (a
 * page costs the same whether it is the first or the tenth).
 */
async function ordersOfBuyers(db: Database, sellerOrgId: string, buyerIds: readonly string[], from_ms: number, to_ms: number): Promise<OrderDoc[]> {
  const _ = db.command;
  const out: OrderDoc[] = [];
  if (buyerIds.length === 0) return out;
  let last: string | null = null;
  for (let pages = 0; pages * ORDERS_PER_PAGE < ORDERS_PER_COMPUTE_MAX; pages++) {
    const where: Record<string, unknown> = { sellerOrgId, status: 'completed', buyerOrgId: _.in([...buyerIds]), completedAt: _.gte(from_ms).and(_.lt(to_ms)) };
    if (last !== null) where._id = _.gt(last);
    const page = (await db.collection(C.orders).where(where).field(ORDER_FIELDS).orderBy('_id', 'asc').limit(ORDERS_PER_PAGE).get()).data as OrderDoc[];
    out.push(...page);
    if (page.length < ORDERS_PER_PAGE) return out;
    last = page[page.length - 1]!._id;
  }
  throw new Error(`ordersOfBuyers: more than ${ORDERS_PER_COMPUTE_MAX} orders for one page of buyers`);
}

/**
 * The seller's buyers after `after`, by id, at most about `n`: the orgs it supplies (their
 * upstream) and those related to it by the brand (assigned or direct). `next` is where the next
 * page starts, null after the last.
 */
async function buyersPage(db: Database, sellerOrgId: string, after: string | undefined, n: number): Promise<{ ids: string[]; next: string | null }> {
  const _ = db.command;
  const [orgs, rels] = await Promise.all([
    db.collection(C.orgs).where({ upstreamId: sellerOrgId, ...(after === undefined ? {} : { _id: _.gt(after) }) }).field({ _id: true }).orderBy('_id', 'asc').limit(n).get(),
    db.collection(C.tradeRelations).where({ sellerOrgId, ...(after === undefined ? {} : { buyerOrgId: _.gt(after) }) }).field({ buyerOrgId: true }).orderBy('buyerOrgId', 'asc').limit(n).get(),
  ]);
  const a = (orgs.data as Array<{ _id: string }>).map((o) => o._id);
  const b = (rels.data as Array<{ buyerOrgId: string }>).map((r) => r.buyerOrgId);
  // A full page of a source is complete only up to its last id: take no id beyond the smaller bound.
  const bounds = [a.length === n ? a[n - 1]! : null, b.length === n ? b[n - 1]! : null].filter((x): x is string => x !== null).sort();
  const bound = bounds[0];
  let ids = [...new Set([...a, ...b])].sort().filter((id) => bound === undefined || id <= bound);
  const cut = ids.length > n;
  if (cut) ids = ids.slice(0, n);
  return { ids, next: bound !== undefined || cut ? (ids[ids.length - 1] ?? null) : null };
}

function facts(o: OrderDoc): CompletedOrderFacts {
  return { orderId: o._id, buyerOrgId: o.buyerOrgId, completedAt_ms: o.completedAt ?? 0, lines: o.lines.map((l) => ({ productId: l.productId, net: l.net, refunded: l.refunded })) };
}

async function inChunks<T>(ids: readonly string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_READ) out.push(...(await read(ids.slice(i, i + IDS_PER_READ))));
  return out;
}

async function profiles(db: Database, sellerOrgId: string, buyerIds: readonly string[]): Promise<Map<string, BuyerProfile>> {
  const [orgs, customers] = await Promise.all([
    inChunks(buyerIds, async (chunk) => [...(await orgsByIds(db, chunk)).values()]),
    inChunks(buyerIds, async (chunk) => {
      const ids = chunk.map((b) => customerId(sellerOrgId, b));
      return (await db.collection(C.customers).where({ _id: db.command.in(ids) }).limit(ids.length).get()).data as CustomerDoc[];
    }),
  ]);
  const byBuyer = new Map(customers.map((c) => [c.buyerOrgId, c]));
  const out = new Map<string, BuyerProfile>();
  for (const o of orgs) {
    if (o.kind === 'brand') continue;
    const c = byBuyer.get(o._id);
    out.set(o._id, { orgId: o._id, kind: o.kind as ChannelOrgKind, ...(c?.level ? { level: c.level } : {}), groupIds: c?.groupIds ?? [], ...(o.regionCode ? { regionCode: o.regionCode } : {}) });
  }
  return out;
}

/** The statements of a program and period for these buyers (finals and interims). */
async function statementsOf(db: Database, programId: string, periodKey: string, buyerIds: readonly string[]): Promise<RebateStatementDoc[]> {
  if (buyerIds.length === 0) return [];
  const res = await db.collection(C.rebateStatements).where({ programId, periodKey, buyerOrgId: db.command.in([...buyerIds]) }).limit(STATEMENTS_PER_READ_MAX).get();
  return res.data as RebateStatementDoc[];
}

/** A buyer's basis now on the orders a statement counted (in the program's scope). */
function basisNow(program: Pick<RebateProgram, 'products'>, o: OrderDoc): number {
  return o.lines.reduce((s, l) => s + (scopeCovers(program.products, l.productId) ? l.net - l.refunded : 0), 0);
}

/**
 * `trade.computeRebates`: one statement per targeted buyer with completed orders in the period (or
 * carrying an adjustment from the previous one). For an ended period the statements are stored,
 * once: an existing statement is left as it is unless it was returned, then it is recomputed and
 * starts the chain again. For a running period the figures so far are answered, nothing stored.
 */
export async function computeRebates(ctx: AuthedContext, input: ComputeRebatesReq): Promise<Result<ActionRes<'trade', 'computeRebates'>>> {
  const program = await readProgram(ctx.db, input.programId);
  if (!program) return err('NOT_FOUND', 'no such rebate program', 'programId');
  if (!(await membershipsOf(ctx.db, ctx.caller.unionId)).some((m) => m.orgId === program.sellerOrgId || m.orgId === BRAND_ORG_ID)) return err('NOT_FOUND', 'no such rebate program', 'programId');
  const seller = await actingSeller(ctx, program.sellerOrgId, FINANCE, 'compute rebates');
  if (!seller.ok) return seller;
  const period = input.periodKey !== undefined ? periodByKey(program.period, input.periodKey) : previousPeriod(periodOf(program.period, ctx.now_ms));
  if (period === null) return err('INVALID_ARGUMENT', `not a ${program.period} period key`, 'periodKey');
  if (period.from_ms > ctx.now_ms) return err('INVALID_ARGUMENT', 'this period has not started', 'periodKey');
  return ok(await computePeriod(ctx.db, { ...program, programId: program._id }, period, ctx.now_ms, ctx.caller.unionId, input.interim === true, input.after));
}

/** The statements of one program and period (see computeRebates); exported for the bench and the seed. */
export async function computePeriod(db: Database, program: RebateProgram, period: RebatePeriod, now_ms: number, by: string, interim = false, after?: string): Promise<ActionRes<'trade', 'computeRebates'>> {
  const final = period.to_ms <= now_ms;
  const store = final || interim;
  const asOf = Math.min(now_ms, period.to_ms);
  const prev = previousPeriod(period);
  // One page of the seller's buyers per call: a large seller's period takes several calls (`next`),
  // each well within a function's time limit.
  const page = await buyersPage(db, program.sellerOrgId, after, BUYERS_PER_CALL);
  const [orders, priorDocs, existing] = await Promise.all([
    ordersOfBuyers(db, program.sellerOrgId, page.ids, period.from_ms, asOf),
    final ? statementsOf(db, program.programId, prev.key, page.ids) : Promise.resolve([]),
    statementsOf(db, program.programId, period.key, page.ids),
  ]);
  // Interim statements of this period already posted: an advance the next statement deducts.
  const advances = new Map<string, number>();
  for (const d of existing) if (!d.final && d.machine.status === 'posted') advances.set(d.buyerOrgId, (advances.get(d.buyerOrgId) ?? 0) + d.payable_fen);
  const interimDate = final ? undefined : shanghaiDate(now_ms);
  const priorByBuyer = new Map(priorDocs.filter((d) => d.machine.status === 'posted').map((d) => [d.buyerOrgId, d]));
  // Late returns: orders the previous statements counted, as they stand now.
  const priorIds = [...priorByBuyer.values()].flatMap((d) => d.orderIds);
  const priorOrders = await inChunks(priorIds, async (chunk) => (await db.collection(C.orders).where({ _id: db.command.in(chunk) }).field(ORDER_FIELDS).limit(chunk.length).get()).data as OrderDoc[]);
  const priorOrderById = new Map(priorOrders.map((o) => [o._id, o]));
  const byBuyer = new Map<string, CompletedOrderFacts[]>();
  for (const o of orders) {
    const list = byBuyer.get(o.buyerOrgId) ?? [];
    list.push(facts(o));
    byBuyer.set(o.buyerOrgId, list);
  }
  // A buyer without orders in the period nor a statement before it has nothing to state.
  const buyerIds = page.ids.filter((id) => byBuyer.has(id) || priorByBuyer.has(id));
  const buyers = await profiles(db, program.sellerOrgId, buyerIds);
  const existingById = new Map(existing.map((d) => [d._id, d]));
  let created = 0;
  let unchanged = 0;
  let rebate = 0;
  let counted = 0;
  const previews: RebateStatementFigures[] = [];
  const fresh: RebateStatementDoc[] = [];
  for (const buyerOrgId of buyerIds) {
    const buyer = buyers.get(buyerOrgId);
    if (!buyer || !programApplies(program, buyer, period)) continue;
    counted++;
    // Late returns and the carry of the previous period are settled once, by the final statement.
    const prior = priorByBuyer.get(buyerOrgId);
    const late = prior ? prior.orderBasis.reduce((s, b) => s + Math.max(0, b.basis_fen - basisNow(program, priorOrderById.get(b.orderId) ?? ({ lines: [] } as unknown as OrderDoc))), 0) : 0;
    const figures = computeStatement({
      program,
      buyerOrgId,
      period,
      orders: byBuyer.get(buyerOrgId) ?? [],
      asOf_ms: asOf,
      priors: prior ? [{ statementId: prior._id, periodKey: prior.periodKey, basis_fen: prior.basis_fen, rebate_fen: prior.rebate_fen }] : [],
      lateReturns: prior && late > 0 ? [{ statementId: prior._id, refund_fen: late }] : [],
      carriedIn_fen: (prior?.carriedOut_fen ?? 0) - (advances.get(buyerOrgId) ?? 0),
    });
    rebate += figures.payable_fen;
    if (!store) {
      if (previews.length < PREVIEWS_MAX) previews.push(figures);
      continue;
    }
    const id = statementId(program.programId, period.key, buyerOrgId, interimDate);
    const cur = existingById.get(id);
    if (cur && cur.machine.status !== 'returned') {
      unchanged++;
      continue;
    }
    if (!cur) {
      fresh.push({ ...figures, _id: id, sellerOrgId: program.sellerOrgId, machine: newStatement(program.approvalChain, by, now_ms), version: 1, computedAt: now_ms, postedAt: null });
      continue;
    }
    if (await recomputeReturned(db, id, figures, cur, now_ms, by)) created++;
    else unchanged++;
  }
  const inserted = await insertStatements(db, fresh);
  created += inserted.length;
  unchanged += fresh.length - inserted.length;
  // An empty chain approves at once: post those now.
  for (const d of inserted) if (d.machine.status === 'approved') await transact(db, (tx) => postInTx(db, tx, d._id, now_ms, by, d));
  return { periodKey: period.key, final, buyers: counted, created, unchanged, rebate_fen: rebate, previews, next: page.next };
}

/** Statements inserted per write. */
const STATEMENTS_PER_INSERT = 200;

/**
 * Inserts new statements, keyed, a few hundred per write: those a racing computation inserted
 * first are left as they are (its copy wins). Answers the ones this call inserted.
 */
async function insertStatements(db: Database, docs: readonly RebateStatementDoc[]): Promise<RebateStatementDoc[]> {
  const out: RebateStatementDoc[] = [];
  for (let i = 0; i < docs.length; i += STATEMENTS_PER_INSERT) {
    const chunk = docs.slice(i, i + STATEMENTS_PER_INSERT);
    try {
      await db.collection(C.rebateStatements).add(chunk as RebateStatementDoc[]);
      out.push(...chunk);
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      const res = await db.collection(C.rebateStatements).where({ _id: db.command.in(chunk.map((d) => d._id)) }).field({ _id: true }).limit(chunk.length).get();
      const present = new Set((res.data as Array<{ _id: string }>).map((d) => d._id));
      const missing = chunk.filter((d) => !present.has(d._id));
      if (missing.length > 0) await db.collection(C.rebateStatements).add(missing);
      out.push(...missing);
    }
  }
  return out;
}

/** Recomputes a returned statement: new figures, and the chain starts again (compare-and-set on its version). */
async function recomputeReturned(db: Database, id: string, figures: RebateStatementFigures, returned: RebateStatementDoc, now_ms: number, by: string): Promise<boolean> {
  const r = await transact(db, async (tx) => {
    const cur = await txGet<RebateStatementDoc>(tx, C.rebateStatements, id);
    if (!cur || cur.version !== returned.version || cur.machine.status !== 'returned') return ok(false);
    const machine = transitionStatement(cur.machine, { type: 'resubmit', by, at: now_ms });
    if (!machine.ok) return machine;
    const { _id, ...rest } = { ...cur, ...figures, machine: machine.data, version: cur.version + 1, computedAt: now_ms };
    void _id;
    await tx.collection(C.rebateStatements).doc(id).set(rest);
    if (machine.data.status === 'approved') {
      const posted = await postInTx(db, tx, id, now_ms, by, { ...cur, ...figures, machine: machine.data, version: cur.version + 1 });
      if (!posted.ok) return posted;
    }
    return ok(true);
  });
  return r.ok && r.data;
}

/**
 * Posts an approved statement's payable to the buyer's rebate account and marks it posted, in the
 * caller's transaction. The ledger key is the statement's, so it can be posted only once.
 */
async function postInTx(db: Database, tx: Tx, id: string, at_ms: number, by: string, known?: RebateStatementDoc): Promise<Result<number>> {
  const s = known ?? (await txGet<RebateStatementDoc>(tx, C.rebateStatements, id));
  if (!s) throw new Error(`postInTx: no statement ${id}`);
  const machine = transitionStatement(s.machine, { type: 'post', by, at: at_ms });
  if (!machine.ok) return machine;
  if (s.payable_fen > 0) {
    const posting: Posting = { key: statementPostingKey(id), debit: REBATE_GRANT_ACCOUNT, credit: rebateAccount(s.sellerOrgId, s.buyerOrgId), amount_fen: s.payable_fen, kind: 'rebate_statement', ref: id, at: at_ms };
    const posted = await postTrade(db, tx, [posting], at_ms);
    if (!posted.ok) return posted;
  }
  await tx.collection(C.rebateStatements).doc(id).update({ machine: machine.data, version: s.version + 1, postedAt: at_ms });
  return ok(s.payable_fen);
}

function statementView(d: RebateStatementDoc): ActionRes<'trade', 'listStatements'>['statements'][number] {
  const { _id, machine, ...rest } = d;
  return { ...rest, statementId: _id, status: machine.status, chain: [...machine.chain], step: machine.step, approvals: machine.approvals, history: machine.history, reason: machine.reason ?? null };
}

/** `trade.listStatements`: the seller's statements (its members), or a buyer's own (its members). */
export async function listStatements(ctx: AuthedContext, input: ListStatementsReq): Promise<Result<ActionRes<'trade', 'listStatements'>>> {
  const where: Record<string, unknown> = {};
  if (input.buyerOrgId !== undefined && input.sellerOrgId === undefined) {
    const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
    if (!ms.some((m) => m.orgId === input.buyerOrgId && m.role !== 'guide')) return err('FORBIDDEN', 'you are not a member of this organisation', 'buyerOrgId');
    where.buyerOrgId = input.buyerOrgId;
  } else {
    const seller = await actingSeller(ctx, input.sellerOrgId, MEMBER, 'see rebate statements');
    if (!seller.ok) return seller;
    where.sellerOrgId = seller.data.orgId;
    if (input.buyerOrgId !== undefined) where.buyerOrgId = input.buyerOrgId;
  }
  if (input.programId !== undefined) where.programId = input.programId;
  if (input.periodKey !== undefined) where.periodKey = input.periodKey;
  if (input.status !== undefined) where['machine.status'] = input.status;
  const res = await ctx.db.collection(C.rebateStatements).where(where).orderBy('computedAt', 'desc').limit(STATEMENTS_PER_LIST_MAX).get();
  return ok({ statements: (res.data as RebateStatementDoc[]).map(statementView) });
}

async function statementStep(ctx: AuthedContext, input: { statementId: string; version?: number }, event: (role: string, anyStep: boolean) => StatementEvent): Promise<Result<ActionRes<'trade', 'approveStatement'>>> {
  const r0 = await ctx.db.collection(C.rebateStatements).doc(input.statementId).get();
  const found = ((Array.isArray(r0.data) ? r0.data[0] : r0.data) as RebateStatementDoc | undefined) ?? null;
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  const brandAdmin = ms.some((m) => m.orgId === BRAND_ORG_ID && m.role === 'admin');
  const mine = found ? ms.find((m) => m.orgId === found.sellerOrgId) : undefined;
  // Another seller's statement is not there at all for this caller.
  if (!found || (!mine && !brandAdmin)) return err('NOT_FOUND', 'no such statement', 'statementId');
  const anyStep = mine?.role === 'owner' || brandAdmin;
  const role = mine?.role ?? 'admin';
  return transact(ctx.db, async (tx) => {
    const cur = await txGet<RebateStatementDoc>(tx, C.rebateStatements, input.statementId);
    if (!cur) return err('NOT_FOUND', 'no such statement', 'statementId');
    if (input.version !== undefined && cur.version !== input.version) return err('CONFLICT', `the statement changed meanwhile (version ${cur.version})`, 'version');
    const next = transitionStatement(cur.machine, event(role, anyStep));
    if (!next.ok) return next;
    const updated: RebateStatementDoc = { ...cur, machine: next.data, version: cur.version + 1 };
    await tx.collection(C.rebateStatements).doc(input.statementId).update({ machine: next.data, version: updated.version });
    let posted = 0;
    if (next.data.status === 'approved') {
      const p = await postInTx(ctx.db, tx, input.statementId, ctx.now_ms, ctx.caller.unionId, updated);
      if (!p.ok) return p;
      posted = p.data;
    }
    const status = next.data.status === 'approved' ? 'posted' : next.data.status;
    return ok({ statementId: input.statementId, status, version: updated.version + (next.data.status === 'approved' ? 1 : 0), posted_fen: posted });
  });
}

/** `trade.approveStatement`: the next role's approval (the owner and brand admins any step); the last posts it. */
export function approveStatement(ctx: AuthedContext, input: ApproveStatementReq): Promise<Result<ActionRes<'trade', 'approveStatement'>>> {
  return statementStep(ctx, input, (role, anyStep) => ({ type: 'approve', role, anyStep, by: ctx.caller.unionId, at: ctx.now_ms }));
}

/** `trade.rejectStatement`: returns it with a reason; a recomputation resubmits it. */
export function rejectStatement(ctx: AuthedContext, input: RejectStatementReq): Promise<Result<ActionRes<'trade', 'rejectStatement'>>> {
  return statementStep(ctx, input, (role, anyStep) => ({ type: 'reject', role, anyStep, by: ctx.caller.unionId, at: ctx.now_ms, reason: input.reason }));
}
