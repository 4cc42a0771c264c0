/**
 * Wallets: the brand's reward budget, personal and org wallets, their history, withdrawals
 * (requested → approved → paid, or rejected with the reservation released) and the settling of
 * penalties. Every money movement is a ledger posting with an idempotency key, inside a
 * transaction that also records the state change it belongs to.
 */
import { createHash } from 'node:crypto';
import {
  BUDGET_ACCOUNT,
  entryFor,
  err,
  FUNDING_ACCOUNT,
  ok,
  orgAccount,
  payoutBillNo,
  personAccount,
  replayWithdrawalRequest,
  requestWithdrawal,
  settlePenalty as settlePenaltyRule,
  transitionWithdrawal,
  type ActionRes,
  type BalanceReq,
  type FundReq,
  type HistoryReq,
  type Posting,
  type Result,
  type SettlePenaltyReq,
  type Withdrawal,
  type WithdrawalEvent,
  type WithdrawReq,
} from '@channel-router/shared';
import { hasBrandRole, membershipsOf, roleIn } from '../channel/access.js';
import { newId } from '../channel/ids.js';
import { BRAND_ORG_ID } from '../channel/model.js';
import { C } from '../db/collections.js';
import { transact, txGet } from '../db/transact.js';
import type { AuthedContext } from '../runtime/action.js';
import { applyPostings, postFresh } from './ledger-store.js';
import { payoutProvider } from './payout/configured.js';
import { readBalance, totalOf, txShardBalances } from './account-shards.js';
import { foldedView, foldLag_ms, rollUp, type FoldedView } from './folded-credits.js';
import { getById } from '../db/ops.js';
import { withdrawalPolicy } from './policy.js';

const HISTORY_PAGE_DEFAULT = 20;
const HISTORY_OFFSET_MAX = 10_000;

interface WithdrawalDoc extends Omit<Withdrawal, 'id'> {
  _id: string;
  payeeOpenId: string;
  providerRef?: string;
}

function toWithdrawal(d: WithdrawalDoc): Withdrawal {
  const { _id, payeeOpenId: _p, providerRef: _r, ...rest } = d;
  return { id: _id, ...rest };
}

/** Whose wallet: the caller's own, or an org's when the caller owns that org. */
async function walletOf(ctx: AuthedContext, orgId: string | undefined): Promise<Result<string>> {
  if (orgId === undefined) return ok(personAccount(ctx.caller.unionId));
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  // The brand's wallet is its reward budget, read by its admins (it is never withdrawn from).
  if (orgId === BRAND_ORG_ID) return hasBrandRole(ms, ['admin']) ? ok(BUDGET_ACCOUNT) : err('FORBIDDEN', 'only a brand admin can see the budget', 'orgId');
  if (roleIn(ms, orgId) !== 'owner') return err('FORBIDDEN', "only the organisation's owner can use its wallet", 'orgId');
  return ok(orgAccount(orgId));
}

async function requireAdmin(ctx: AuthedContext): Promise<Result<true>> {
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  return hasBrandRole(ms, ['admin']) ? ok(true) : err('FORBIDDEN', 'only a brand admin can do this');
}

export async function fund(ctx: AuthedContext, input: FundReq): Promise<Result<ActionRes<'wallet', 'fund'>>> {
  const admin = await requireAdmin(ctx);
  if (!admin.ok) return admin;
  const requestId = input.requestId ?? newId('fund');
  const posting: Posting = { key: `fund:${requestId}`, debit: FUNDING_ACCOUNT, credit: BUDGET_ACCOUNT, amount_fen: input.amount, kind: 'fund', ref: requestId, at: ctx.now_ms };
  const done = await transact(ctx.db, async (tx) => {
    const existing = await txGet<{ amount_fen: number }>(tx, C.ledger, posting.key);
    if (existing && existing.amount_fen !== input.amount) return err('CONFLICT', 'this requestId was already used for another amount', 'requestId');
    const r = await applyPostings(ctx.db, tx, [posting], ctx.now_ms);
    return r.ok ? ok(true) : r;
  });
  if (!done.ok) return done;
  return ok({ budget: await readBalance(ctx.db, BUDGET_ACCOUNT) });
}

export async function balance(ctx: AuthedContext, input: BalanceReq): Promise<Result<ActionRes<'wallet', 'balance'>>> {
  const acct = await walletOf(ctx, input.orgId);
  if (!acct.ok) return acct;
  const [bal, pending] = await Promise.all([
    readBalance(ctx.db, acct.data),
    ctx.db.collection(C.withdrawals).where({ owner: acct.data, status: ctx.db.command.in(['requested', 'approved', 'failed']) }).limit(1000).get(),
  ]);
  const reserved = (pending.data as WithdrawalDoc[]).reduce((n, w) => n + w.amount_fen, 0);
  return ok({ balance: bal, reserved });
}

export async function history(ctx: AuthedContext, input: HistoryReq): Promise<Result<ActionRes<'wallet', 'history'>>> {
  const acct = await walletOf(ctx, input.orgId);
  if (!acct.ok) return acct;
  const offset = input.cursor === undefined ? 0 : Number(input.cursor);
  if (!Number.isSafeInteger(offset) || offset < 0 || offset > HISTORY_OFFSET_MAX) return err('INVALID_ARGUMENT', 'cursor is not one this server gave', 'cursor');
  const limit = input.limit ?? HISTORY_PAGE_DEFAULT;
  const where: Record<string, unknown> = { accounts: acct.data };
  if (input.kind) where.kind = input.kind;
  const res = await ctx.db.collection(C.ledger).where(where).orderBy('at', 'desc').skip(offset).limit(limit + 1).get();
  const docs = res.data as Array<Posting & { _id: string }>;
  const page = docs.slice(0, limit).map((d) => entryFor(acct.data, { ...d, key: d._id }));
  return ok({ entries: page, cursor: docs.length > limit ? String(offset + limit) : null });
}

function dayOf(now_ms: number): string {
  // Withdrawal limits follow the China Standard Time calendar day (UTC+8).
  return new Date(now_ms + 8 * 3600_000).toISOString().slice(0, 10);
}

export async function withdraw(ctx: AuthedContext, input: WithdrawReq): Promise<Result<ActionRes<'wallet', 'withdraw'>>> {
  if (input.orgId === BRAND_ORG_ID) return err('FORBIDDEN', "the brand's reward budget cannot be withdrawn", 'orgId');
  const acct = await walletOf(ctx, input.orgId);
  if (!acct.ok) return acct;
  const owner = acct.data;
  // One withdrawal per (wallet, requestId): the id is derived from both, so a retry finds it.
  const id = `wd${createHash('sha256').update(`${owner}|${input.requestId}`).digest('hex').slice(0, 20)}`;
  const dayId = `wdday:${owner}:${dayOf(ctx.now_ms)}`;
  return withFoldedCredits(ctx, owner, (view) => transact<ActionRes<'wallet', 'withdraw'>>(ctx.db, async (tx) => {
    const existing = await txGet<WithdrawalDoc>(tx, C.withdrawals, id);
    if (existing) {
      const same = replayWithdrawalRequest(toWithdrawal({ ...existing, _id: id }), { owner, amount_fen: input.amount });
      return same.ok ? ok({ withdrawalId: id, status: same.data.status }) : same;
    }
    const day = (await txGet<{ total_fen: number; count: number }>(tx, C.meta, dayId)) ?? { total_fen: 0, count: 0 };
    const rolled = await rollUp(tx, owner, view, await txShardBalances(tx, owner), ctx.now_ms);
    if (rolled === 'moved') return WATERMARK_MOVED;
    const { shards, folded_fen } = rolled;
    const bal = totalOf(shards) + folded_fen;
    const step = requestWithdrawal(
      { id, owner, requestedBy: ctx.caller.unionId, requestId: input.requestId, amount_fen: input.amount, at: ctx.now_ms, available_fen: bal, todayRequested_fen: day.total_fen, todayCount: day.count },
      withdrawalPolicy(ctx.env),
    );
    if (!step.ok) return step;
    const posted = await postFresh(ctx.db, tx, step.data.postings, ctx.now_ms, { read: shards, folded: new Map([[owner, folded_fen]]) });
    if (!posted.ok) return posted;
    const { id: _id, ...fields } = step.data.withdrawal;
    await tx.collection(C.withdrawals).doc(id).set({ ...fields, payeeOpenId: ctx.caller.openId });
    await tx.collection(C.meta).doc(dayId).set({ total_fen: day.total_fen + input.amount, count: day.count + 1 });
    return ok({ withdrawalId: id, status: step.data.withdrawal.status });
  }));
}

/** Answered inside a debit's transaction when another debit moved the wallet's watermark first. */
const WATERMARK_MOVED = err('CONFLICT', 'the wallet was rolled up meanwhile; retried');
const FOLDED_VIEW_ATTEMPTS_MAX = 5;

/**
 * Runs a debit of a wallet with its folded credits (folded-credits.ts) read just before the
 * transaction: they only grow, so the figure can only understate the balance. When another debit
 * rolled the wallet up in between, the view is read again.
 */
async function withFoldedCredits<T>(ctx: AuthedContext, account: string, run: (view: FoldedView) => Promise<Result<T>>): Promise<Result<T>> {
  for (let attempt = 1; ; attempt++) {
    const view = await foldedView(ctx.db, account, ctx.now_ms, foldLag_ms(ctx.env));
    const r = await run(view);
    if (r !== WATERMARK_MOVED || attempt >= FOLDED_VIEW_ATTEMPTS_MAX) return r;
  }
}

/** Applies a withdrawal event with its postings in one transaction. */
async function stepWithdrawal(ctx: AuthedContext, id: string, event: WithdrawalEvent, extra: Record<string, unknown> = {}): Promise<Result<WithdrawalDoc>> {
  return transact<WithdrawalDoc>(ctx.db, async (tx) => {
    const doc = await txGet<WithdrawalDoc>(tx, C.withdrawals, id);
    if (!doc) return err('NOT_FOUND', 'withdrawal not found', 'withdrawalId');
    const step = transitionWithdrawal(toWithdrawal({ ...doc, _id: id }), event);
    if (!step.ok) return step;
    const next: WithdrawalDoc = { ...doc, ...step.data.withdrawal, _id: id, payeeOpenId: doc.payeeOpenId, ...extra } as WithdrawalDoc;
    if (!step.data.changed) return ok(next);
    const posted = await applyPostings(ctx.db, tx, step.data.postings, ctx.now_ms);
    if (!posted.ok) return posted;
    const { _id, id: _drop, ...fields } = next as WithdrawalDoc & { id?: string };
    await tx.collection(C.withdrawals).doc(id).set(fields);
    return ok(next);
  });
}

export async function approveWithdrawal(ctx: AuthedContext, input: { withdrawalId: string }): Promise<Result<ActionRes<'wallet', 'approveWithdrawal'>>> {
  const admin = await requireAdmin(ctx);
  if (!admin.ok) return admin;
  const approved = await stepWithdrawal(ctx, input.withdrawalId, { type: 'approve', by: ctx.caller.unionId, at: ctx.now_ms });
  if (!approved.ok) return approved;
  if (approved.data.status !== 'approved') return ok({ status: approved.data.status });
  // Pay outside the transaction (a network call); the bill number makes a repeat pay once.
  const w = approved.data;
  const outcome = await payoutProvider(ctx.db, ctx.env).transfer({ billNo: payoutBillNo({ id: w._id, attempts: w.attempts }), openId: w.payeeOpenId, amount_fen: w.amount_fen, remark: '奖励提现' });
  if (outcome.status === 'processing') return ok({ status: 'approved' });
  const event: WithdrawalEvent = outcome.status === 'paid' ? { type: 'paid', at: Date.now() } : { type: 'fail', at: Date.now(), reason: outcome.reason };
  const settled = await stepWithdrawal(ctx, w._id, event, outcome.status === 'paid' ? { providerRef: outcome.providerRef } : {});
  if (!settled.ok) return settled;
  return ok({ status: settled.data.status });
}

export async function rejectWithdrawal(ctx: AuthedContext, input: { withdrawalId: string; reason?: string }): Promise<Result<ActionRes<'wallet', 'rejectWithdrawal'>>> {
  const admin = await requireAdmin(ctx);
  if (!admin.ok) return admin;
  const r = await stepWithdrawal(ctx, input.withdrawalId, { type: 'reject', by: ctx.caller.unionId, at: ctx.now_ms, ...(input.reason ? { reason: input.reason } : {}) });
  return r.ok ? ok({ status: r.data.status }) : r;
}

interface PenaltyDoc {
  dealerId: string;
  amount_fen: number;
  status: 'pending' | 'settled' | 'waived';
}

export async function settlePenalty(ctx: AuthedContext, input: SettlePenaltyReq): Promise<Result<ActionRes<'wallet', 'settlePenalty'>>> {
  const admin = await requireAdmin(ctx);
  if (!admin.ok) return admin;
  const penalty = await getById<PenaltyDoc>(ctx.db, C.penalties, input.penaltyId);
  if (!penalty) return err('NOT_FOUND', 'penalty not found', 'penaltyId');
  const dealer = orgAccount(penalty.dealerId);
  return withFoldedCredits(ctx, dealer, (view) => transact<ActionRes<'wallet', 'settlePenalty'>>(ctx.db, async (tx) => {
    const p = await txGet<PenaltyDoc>(tx, C.penalties, input.penaltyId);
    if (!p) return err('NOT_FOUND', 'penalty not found', 'penaltyId');
    if (p.dealerId !== penalty.dealerId) throw new Error(`penalty ${input.penaltyId} changed its dealer`);
    const rolled = await rollUp(tx, dealer, view, await txShardBalances(tx, dealer), ctx.now_ms);
    if (rolled === 'moved') return WATERMARK_MOVED;
    const { shards, folded_fen } = rolled;
    const dealerBalance_fen = totalOf(shards) + folded_fen;
    const s = settlePenaltyRule({ key: input.penaltyId, dealerId: p.dealerId, amount_fen: p.amount_fen, status: p.status }, input.resolution, { dealerBalance_fen, at: ctx.now_ms });
    if (!s.ok) return s;
    if (s.data.changed) {
      const posted = await applyPostings(ctx.db, tx, s.data.postings, ctx.now_ms, { read: shards, folded: new Map([[dealer, folded_fen]]) });
      if (!posted.ok) return posted;
      await tx.collection(C.penalties).doc(input.penaltyId).update({ status: s.data.status, resolution: input.resolution, note: input.note ?? null, settledBy: ctx.caller.unionId, settledAt: ctx.now_ms });
    }
    return ok({ status: s.data.status });
  }));
}

const WITHDRAWALS_LIST_MAX = 200;

export async function listWithdrawals(ctx: AuthedContext, input: { status?: Withdrawal['status']; orgId?: string }): Promise<Result<ActionRes<'wallet', 'listWithdrawals'>>> {
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  const where: Record<string, unknown> = {};
  if (input.status) where.status = input.status;
  if (input.orgId !== undefined) {
    const acct = await walletOf(ctx, input.orgId);
    if (!acct.ok && !hasBrandRole(ms, ['admin'])) return acct;
    where.owner = orgAccount(input.orgId);
  } else if (!hasBrandRole(ms, ['admin'])) {
    where.owner = personAccount(ctx.caller.unionId);
  }
  const res = await ctx.db.collection(C.withdrawals).where(where).orderBy('requestedAt', 'desc').limit(WITHDRAWALS_LIST_MAX).get();
  return ok({
    withdrawals: (res.data as WithdrawalDoc[]).map((w) => ({ id: w._id, owner: w.owner, requestedBy: w.requestedBy, amount: w.amount_fen, status: w.status, requestedAt: w.requestedAt, reason: w.reason })),
  });
}
