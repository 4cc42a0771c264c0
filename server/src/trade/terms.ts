/**
 * Seller terms (docs/trade.md#terms): `readTerms` answers the stored terms or the
 * defaults (chain [owner], [admin] for the brand; 7-day return window; rebate up to 2000 bp;
 * 30 minutes to pay by WeChat Pay, 72 hours by transfer).
 */
import { defaultTerms, err, ok, type ActionRes, type Result, type SellerTerms, type SetTermsReq } from '@channel-router/shared';
import { BRAND_ORG_ID } from '../channel/model.js';
import { membershipsOf } from '../channel/access.js';
import { C } from '../db/collections.js';
import { transact, txGet } from '../db/transact.js';
import type { AuthedContext } from '../runtime/action.js';
import type { Database } from '../runtime/cloud.js';
import { actingSeller, isBrandAdmin, OWNER, readDoc } from './access.js';
import { canTrade } from './relations.js';
import type { TermsDoc } from './model.js';

const BRAND_ONLY_ROLES = new Set(['admin', 'inspector', 'sales']);
const CHANNEL_ONLY_ROLES = new Set(['owner', 'clerk', 'salesperson', 'guide']);

export function termsOf(sellerOrgId: string, d: TermsDoc | null): SellerTerms & { version: number } {
  if (d === null) return { ...defaultTerms(sellerOrgId === BRAND_ORG_ID), version: 0 };
  return { approvalChain: d.approvalChain, approvalThreshold: d.approvalThreshold, returnWindow_ms: d.returnWindow_ms, maxRebateShare_bp: d.maxRebateShare_bp, paymentTimeouts: d.paymentTimeouts, version: d.version };
}

export async function readTerms(db: Database, sellerOrgId: string): Promise<SellerTerms> {
  const { version: _v, ...t } = termsOf(sellerOrgId, await readDoc<TermsDoc>({ db }, C.tradeTerms, sellerOrgId));
  return t;
}

/** `trade.setTerms`: the seller's owner (the brand's admins) sets its terms; fields not given keep their defaults. */
export async function setTerms(ctx: AuthedContext, input: SetTermsReq): Promise<Result<ActionRes<'trade', 'setTerms'>>> {
  const seller = await actingSeller(ctx, input.sellerOrgId, OWNER, 'set terms');
  if (!seller.ok) return seller;
  const isBrand = seller.data.orgId === BRAND_ORG_ID;
  // A chain names roles the seller's kind of org can have.
  const wrong = input.approvalChain.findIndex((r) => (isBrand ? CHANNEL_ONLY_ROLES.has(r) : BRAND_ONLY_ROLES.has(r)));
  if (wrong >= 0) return err('INVALID_ARGUMENT', `${input.approvalChain[wrong]} is not a role of this organisation`, `approvalChain[${wrong}]`);
  if (new Set(input.approvalChain).size !== input.approvalChain.length) return err('INVALID_ARGUMENT', 'a role appears twice in the chain', 'approvalChain');
  const d = defaultTerms(isBrand);
  const id = seller.data.orgId;
  return transact(ctx.db, async (tx) => {
    const cur = await txGet<TermsDoc>(tx, C.tradeTerms, id);
    const doc: Omit<TermsDoc, '_id'> = {
      approvalChain: input.approvalChain,
      approvalThreshold: input.approvalThreshold ?? null,
      returnWindow_ms: input.returnWindow_ms ?? d.returnWindow_ms,
      maxRebateShare_bp: input.maxRebateShare_bp ?? d.maxRebateShare_bp,
      paymentTimeouts: { wechat_pay_ms: input.wechatPayTimeout_ms ?? d.paymentTimeouts.wechat_pay_ms, transfer_ms: input.transferTimeout_ms ?? d.paymentTimeouts.transfer_ms },
      version: (cur?.version ?? 0) + 1,
      updatedAt: ctx.now_ms,
      updatedBy: ctx.caller.unionId,
    };
    await tx.collection(C.tradeTerms).doc(id).set(doc);
    return ok({ sellerOrgId: id, ...termsOf(id, { _id: id, ...doc }) });
  });
}

/** `trade.getTerms`: the seller's members, its buyers and brand admins. */
export async function getTerms(ctx: AuthedContext, input: { sellerOrgId: string }): Promise<Result<ActionRes<'trade', 'getTerms'>>> {
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  let allowed = isBrandAdmin(ms) || ms.some((m) => m.orgId === input.sellerOrgId);
  if (!allowed) {
    for (const m of ms) if (m.role !== 'guide' && (await canTrade(ctx.db, m.orgId, input.sellerOrgId))) allowed = true;
  }
  // Terms are private to the seller and its customers: to anyone else the seller is not there.
  if (!allowed) return err('NOT_FOUND', 'no such supplier for your organisation', 'sellerOrgId');
  const d = await readDoc<TermsDoc>(ctx, C.tradeTerms, input.sellerOrgId);
  return ok({ sellerOrgId: input.sellerOrgId, ...termsOf(input.sellerOrgId, d) });
}
