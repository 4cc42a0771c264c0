/**
 * Credit lines (赊销额度, docs/trade.md#credit): a seller's limit for a buyer, its
 * validity window and payment term. The order module checks credit in use against it
 * (`readCreditLine`); the line's validity at the moment is checked there.
 */
import { err, ok, type ActionRes, type CreditLineTerms, type Result, type SetCreditLineReq } from '@channel-router/shared';
import { C } from '../db/collections.js';
import { transact, txGet } from '../db/transact.js';
import type { AuthedContext } from '../runtime/action.js';
import type { Database } from '../runtime/cloud.js';
import { actingSeller, FINANCE, OFFICE, readDoc } from './access.js';
import { creditLineId, type CreditLineDoc } from './model.js';
import { canTrade } from './relations.js';

const LINES_PER_LIST_MAX = 1000;

export async function readCreditLine(db: Database, sellerOrgId: string, buyerOrgId: string, _at_ms: number): Promise<CreditLineTerms | null> {
  const d = await readDoc<CreditLineDoc>({ db }, C.creditLines, creditLineId(sellerOrgId, buyerOrgId));
  return d === null ? null : { limit_fen: d.limit_fen, from_ms: d.from_ms, to_ms: d.to_ms, termDays: d.termDays };
}

function view(d: CreditLineDoc): ActionRes<'trade', 'setCreditLine'> {
  return { sellerOrgId: d.sellerOrgId, buyerOrgId: d.buyerOrgId, limit: d.limit_fen, from: d.from_ms, to: d.to_ms, termDays: d.termDays, version: d.version, updatedAt: d.updatedAt };
}

/** `trade.setCreditLine`: the seller's finance or owner gives (or changes) a buyer's line. */
export async function setCreditLine(ctx: AuthedContext, input: SetCreditLineReq): Promise<Result<ActionRes<'trade', 'setCreditLine'>>> {
  const seller = await actingSeller(ctx, input.sellerOrgId, FINANCE, 'set credit lines');
  if (!seller.ok) return seller;
  const sellerOrgId = seller.data.orgId;
  if (!(await canTrade(ctx.db, input.buyerOrgId, sellerOrgId))) return err('NOT_FOUND', 'this organisation is not your customer', 'buyerOrgId');
  const id = creditLineId(sellerOrgId, input.buyerOrgId);
  return transact(ctx.db, async (tx) => {
    const cur = await txGet<CreditLineDoc>(tx, C.creditLines, id);
    const doc: CreditLineDoc = { _id: id, sellerOrgId, buyerOrgId: input.buyerOrgId, limit_fen: input.limit, from_ms: input.from, to_ms: input.to, termDays: input.termDays, version: (cur?.version ?? 0) + 1, updatedAt: ctx.now_ms, updatedBy: ctx.caller.unionId };
    const { _id, ...rest } = doc;
    await tx.collection(C.creditLines).doc(id).set(rest);
    return ok(view(doc));
  });
}

/** `trade.listCreditLines`: a seller's lines (its office), or one buyer's. */
export async function listCreditLines(ctx: AuthedContext, input: { sellerOrgId?: string; buyerOrgId?: string }): Promise<Result<ActionRes<'trade', 'listCreditLines'>>> {
  const seller = await actingSeller(ctx, input.sellerOrgId, OFFICE, 'see credit lines');
  if (!seller.ok) return seller;
  const where: Record<string, string> = { sellerOrgId: seller.data.orgId };
  if (input.buyerOrgId !== undefined) where.buyerOrgId = input.buyerOrgId;
  const res = await ctx.db.collection(C.creditLines).where(where).orderBy('updatedAt', 'desc').limit(LINES_PER_LIST_MAX).get();
  return ok({ creditLines: (res.data as CreditLineDoc[]).map(view) });
}
