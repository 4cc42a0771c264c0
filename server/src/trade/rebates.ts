/**
 * `trade.adjustRebate` (docs/ordering.md#payment): a seller's finance (or owner; the
 * brand's admins for the brand) records a rebate grant or take-back for a customer, with a reason.
 * The posting (`external:rebate` ⇄ the buyer's rebate account) is written by the wallet module's
 * `postTrade`, the only writer of the ledger (server/src/db/collections.ts, WRITERS). Keyed by the
 * seller and `requestId`: a retry posts nothing more, the key for another adjustment is CONFLICT.
 */
import { err, ok, rebateAccount, rebateAdjustPosting, type ActionRes, type AdjustRebateReq, type Result } from '@channel-router/shared';
import { derivedId } from '../channel/ids.js';
import { C } from '../db/collections.js';
import { transact, txGet } from '../db/transact.js';
import type { AuthedContext } from '../runtime/action.js';
import { postTrade, readTradeBalances } from '../wallet/trade-ledger.js';
import { actingSeller, FINANCE } from './access.js';
import { canTrade } from './relations.js';

export async function adjustRebate(ctx: AuthedContext, input: AdjustRebateReq): Promise<Result<ActionRes<'trade', 'adjustRebate'>>> {
  const seller = await actingSeller(ctx, input.sellerOrgId, FINANCE, 'adjust rebates');
  if (!seller.ok) return seller;
  const sellerOrgId = seller.data.orgId;
  if (!(await canTrade(ctx.db, input.buyerOrgId, sellerOrgId))) return err('NOT_FOUND', 'this organisation is not your customer', 'buyerOrgId');
  const adjustmentId = derivedId('rbt', `adjustRebate:${sellerOrgId}`, input.requestId);
  // The reason is kept on the ledger document: a correction is explained where it is recorded.
  const posting = Object.assign(rebateAdjustPosting(adjustmentId, sellerOrgId, input.buyerOrgId, input.amount, ctx.now_ms), { reason: input.reason, by: ctx.caller.unionId });
  const r = await transact(ctx.db, async (tx) => {
    const existing = await txGet<{ amount_fen: number; credit: string }>(tx, C.ledger, posting.key);
    if (existing) {
      const same = existing.amount_fen === Math.abs(input.amount) && existing.credit === posting.credit;
      return same ? ok(true) : err('CONFLICT', 'this requestId was already used for another adjustment', 'requestId');
    }
    const posted = await postTrade(ctx.db, tx, [posting], ctx.now_ms, { fresh: true });
    return posted.ok ? ok(true) : { ...posted, error: { ...posted.error, field: 'amount' } };
  });
  if (!r.ok) return r;
  const acct = rebateAccount(sellerOrgId, input.buyerOrgId);
  return ok({ rebate: (await readTradeBalances(ctx.db, [acct])).get(acct) ?? 0 });
}
