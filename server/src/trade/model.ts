/** Stored shapes of the trade module (docs/trade.md#trade). Money in fen. */
import type { ChannelOrgKind, CustomerAddress, KindFloors, KindPrices, OrderUnit, PolicyItem, PolicyScope, Role } from '@channel-router/shared';

/** `list_prices`, one per product (`_id` = productId): the brand's prices for each buyer kind. */
export interface ListPriceDoc {
  _id: string;
  unit: OrderUnit;
  listPrices: KindPrices;
  floors: KindFloors;
  retailPrice: number | null;
  version: number;
  updatedAt: number;
  updatedBy: string;
}

/** `price_policies`: a seller's policy; `keys` (`scope:target` or `all`) is what resolution queries. */
export interface PricePolicyDoc {
  _id: string;
  sellerOrgId: string;
  name: string | null;
  scope: PolicyScope;
  targetIds: string[];
  keys: string[];
  items: PolicyItem[];
  from_ms: number;
  to_ms: number;
  priority: number;
  enabled: boolean;
  version: number;
  createdAt: number;
  updatedAt: number;
  updatedBy: string;
}

/** `customers` (`_id` = `${sellerOrgId}:${buyerOrgId}`): a seller's profile of a buyer. */
export interface CustomerDoc {
  _id: string;
  sellerOrgId: string;
  buyerOrgId: string;
  buyerKind: ChannelOrgKind;
  level: string | null;
  groupIds: string[];
  tags: string[];
  contact: string | null;
  phone: string | null;
  addresses: CustomerAddress[];
  licenceNo: string | null;
  version: number;
  updatedAt: number;
  updatedBy: string;
}

/** `trade_terms` (`_id` = sellerOrgId). */
export interface TermsDoc {
  _id: string;
  approvalChain: Role[];
  approvalThreshold: number | null;
  returnWindow_ms: number;
  maxRebateShare_bp: number;
  paymentTimeouts: { wechat_pay_ms: number; transfer_ms: number };
  version: number;
  updatedAt: number;
  updatedBy: string;
}

/** `credit_lines` (`_id` = `${sellerOrgId}:${buyerOrgId}`). */
export interface CreditLineDoc {
  _id: string;
  sellerOrgId: string;
  buyerOrgId: string;
  limit_fen: number;
  from_ms: number;
  to_ms: number;
  termDays: number;
  version: number;
  updatedAt: number;
  updatedBy: string;
}

/**
 * `trade_relations`: either a buyer's assignment to a seller other than its registered upstream
 * (`_id` = `assign:${buyerOrgId}`, with the history of earlier sellers), or a direct relation
 * added by the brand (`_id` = `direct:${buyerOrgId}:${sellerOrgId}`).
 */
export interface RelationDoc {
  _id: string;
  type: 'assigned' | 'direct';
  buyerOrgId: string;
  sellerOrgId: string;
  since: number;
  history: Array<{ sellerOrgId: string; from: number | null; to: number; by: string; reason: string | null }>;
  version: number;
  updatedAt: number;
  updatedBy: string;
}

export const customerId = (sellerOrgId: string, buyerOrgId: string) => `${sellerOrgId}:${buyerOrgId}`;
export const creditLineId = customerId;
export const assignmentId = (buyerOrgId: string) => `assign:${buyerOrgId}`;
export const directId = (buyerOrgId: string, sellerOrgId: string) => `direct:${buyerOrgId}:${sellerOrgId}`;
