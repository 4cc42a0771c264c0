/** Stored shapes of the trade module: list prices, price policies, customers, terms, relations, credit lines. */
import type { ApprovalStep, BuyerKind, Floors, ListPrices, OrderUnit, PolicyItem, PriceScope } from '@channel-router/shared';

/** The brand's trade terms for one product; `_id` = productId. A product without one is not for trade. */
export interface TradePriceDoc {
  _id: string;
  productId: string;
  unit: OrderUnit;
  listPrices: ListPrices;
  floors: Floors;
  retailPrice: number | null;
  version: number;
  updatedAt: number;
  updatedBy: string;
}

export interface PricePolicyDoc {
  _id: string;
  sellerOrgId: string;
  name: string;
  scope: PriceScope;
  targetIds: string[];
  /** `scope:target` keys (see policyTargetKeys): the multikey index that loads one buyer's policies. */
  targetKeys: string[];
  items: PolicyItem[];
  from: number;
  to: number;
  priority: number;
  enabled: boolean;
  version: number;
  createdAt: number;
  updatedAt: number;
  updatedBy: string;
}

export interface Address {
  id: string;
  regionCode: string;
  street: string;
  contact?: string;
  phone?: string;
}

/** A seller's profile of one buyer; `_id` = `${sellerOrgId}:${buyerOrgId}`. */
export interface CustomerDoc {
  _id: string;
  sellerOrgId: string;
  buyerOrgId: string;
  buyerKind: BuyerKind;
  level: string | null;
  groupIds: string[];
  tags: string[];
  contact: string | null;
  phone: string | null;
  addresses: Address[];
  licenceNo: string | null;
  version: number;
  createdAt: number;
  updatedAt: number;
}

/** `_id` = sellerOrgId. */
export interface TradeTermsDoc {
  _id: string;
  approvalChain: ApprovalStep[];
  returnWindow_ms: number;
  maxRebateShare_bp: number;
  wechatPayTimeout_ms: number;
  transferTimeout_ms: number;
  version: number;
  updatedAt: number;
  updatedBy: string;
}

export interface RelationChange {
  active: boolean;
  reason: 'direct' | 'reassigned_to' | 'reassigned_away' | 'removed';
  at: number;
  by: string;
}

/**
 * An explicit trade relation; `_id` = `${buyerOrgId}:${sellerOrgId}`. Without one, a buyer trades
 * with its `upstreamId` only. A reassignment writes an inactive one for the old seller (so the
 * default no longer applies) and an active one for the new; `history` keeps every change.
 */
export interface TradeRelationDoc {
  _id: string;
  buyerOrgId: string;
  sellerOrgId: string;
  active: boolean;
  history: RelationChange[];
  version: number;
  updatedAt: number;
}

/** `_id` = `${sellerOrgId}:${buyerOrgId}`: one line per pair; a new setting replaces it (kept in `history`). */
export interface CreditLineDoc {
  _id: string;
  sellerOrgId: string;
  buyerOrgId: string;
  limit: number;
  from: number;
  to: number;
  termDays: number;
  version: number;
  history: Array<{ limit: number; from: number; to: number; termDays: number; at: number; by: string }>;
  updatedAt: number;
  updatedBy: string;
}

export function pairId(a: string, b: string): string {
  return `${a}:${b}`;
}
