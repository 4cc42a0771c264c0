/** A seller's terms as stored, or the defaults (docs/ordering.md). */
import { defaultTerms, type SellerTerms } from '@channel-router/shared';
import { BRAND_ORG_ID } from '../channel/model.js';
import { C } from '../db/collections.js';
import { getById } from '../db/ops.js';
import type { Database } from '../runtime/cloud.js';
import type { TradeTermsDoc } from './model.js';

export type { SellerTerms };

/** The terms in force for `sellerOrgId` now: its own, or the defaults for its kind. One point read. */
export async function readTerms(db: Database, sellerOrgId: string): Promise<SellerTerms> {
  const doc = await getById<TradeTermsDoc>(db, C.tradeTerms, sellerOrgId);
  if (doc === null) return defaultTerms(sellerOrgId === BRAND_ORG_ID ? 'brand' : 'dealer');
  return {
    approvalChain: doc.approvalChain.map((s) => ({ ...s })),
    returnWindow_ms: doc.returnWindow_ms,
    maxRebateShare_bp: doc.maxRebateShare_bp,
    wechatPayTimeout_ms: doc.wechatPayTimeout_ms,
    transferTimeout_ms: doc.transferTimeout_ms,
  };
}
