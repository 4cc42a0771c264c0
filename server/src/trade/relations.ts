/**
 * Who trades with whom (docs/ordering.md): by default a buyer orders from its `upstreamId`; an
 * explicit relation (a brand admin's direct supply, or a reassignment) overrides the default.
 */
import { C } from '../db/collections.js';
import { getById } from '../db/ops.js';
import type { OrgDoc } from '../channel/model.js';
import type { Database } from '../runtime/cloud.js';
import { pairId, type TradeRelationDoc } from './model.js';

/** True when `buyerOrgId` may order from `sellerOrgId`. At most two point reads. */
export async function canTrade(db: Database, buyerOrgId: string, sellerOrgId: string): Promise<boolean> {
  if (buyerOrgId === sellerOrgId) return false;
  const rel = await getById<TradeRelationDoc>(db, C.tradeRelations, pairId(buyerOrgId, sellerOrgId));
  if (rel !== null) return rel.active;
  const buyer = await getById<OrgDoc>(db, C.orgs, buyerOrgId);
  return buyer !== null && buyer.kind !== 'brand' && buyer.upstreamId === sellerOrgId;
}
