/**
 * The `trade` function (docs/trade.md#trade): who trades with whom, customer
 * profiles, list prices and floors, price policies (with CSV import and export), seller terms and
 * credit lines, and a seller's recorded rebate adjustments (`adjustRebate`, posted to the trade
 * ledger by the wallet module). Money in fen, shares in bp, times in ms since the epoch.
 */
import type { ChannelOrgKind, Role } from '../../model.js';
import type { KindPrices, PolicyItem, PolicyScope } from '../../ordering/prices.js';
import type { KindFloors } from '../../ordering/floors.js';
import type { OrderUnit } from '../../ordering/quote.js';
import type { SellerTerms } from '../../ordering/terms.js';
import { TRADE_SCHEMAS as S } from '../../validation/trade-requests.js';
import { declareAction, declareFunction } from '../declare.js';
import { PROMOTION_TRADE_ACTIONS } from './trade-promotions.js';

export * from './trade-promotions.js';

export interface SetListPricesReq {
  productId: string;
  /** The order unit (`case` when not given). */
  unit?: OrderUnit;
  listPrices: KindPrices;
  floors?: KindFloors;
  retailPrice?: number;
}
export interface ListPriceView {
  productId: string;
  unit: OrderUnit;
  listPrices: KindPrices;
  floors: KindFloors;
  retailPrice: number | null;
  version: number;
}
export type SetListPricesRes = ListPriceView;
export type ListListPricesReq = Record<never, never>;
export interface ListListPricesRes {
  /** Every product the brand has priced for trade (its floors bind every seller's prices). */
  prices: ListPriceView[];
}

export interface SavePricePolicyReq {
  policyId?: string;
  /** The selling org, when the caller belongs to several. */
  sellerOrgId?: string;
  name?: string;
  scope: PolicyScope;
  targetIds?: string[];
  items: PolicyItem[];
  from: number;
  to: number;
  priority?: number;
  enabled?: boolean;
  /** For an edit: the version read; another edit in between answers CONFLICT. */
  version?: number;
  requestId?: string;
}
export interface SavePricePolicyRes {
  policyId: string;
  version: number;
}
export interface PricePolicyView {
  policyId: string;
  sellerOrgId: string;
  name: string | null;
  scope: PolicyScope;
  targetIds: string[];
  items: PolicyItem[];
  from: number;
  to: number;
  priority: number;
  enabled: boolean;
  version: number;
  updatedAt: number;
}
export interface ListPricePoliciesReq {
  sellerOrgId?: string;
  scope?: PolicyScope;
  enabled?: boolean;
}
export interface ListPricePoliciesRes {
  policies: PricePolicyView[];
}
export interface SetPolicyEnabledReq {
  policyId: string;
  enabled: boolean;
  version?: number;
}
export type SetPolicyEnabledRes = SavePricePolicyRes & { enabled: boolean };
export interface ImportPricePoliciesReq {
  sellerOrgId?: string;
  /** The file's text (UTF-8, a BOM allowed). */
  csv: string;
  requestId: string;
}
export interface ImportPricePoliciesRes {
  policyIds: string[];
  items: number;
}
export interface ExportPricePoliciesReq {
  sellerOrgId?: string;
}
export interface ExportPricePoliciesRes {
  filename: string;
  csv: string;
}

export interface CustomerAddress {
  addressId: string;
  regionCode: string;
  street: string;
}
export interface SaveCustomerReq {
  buyerOrgId: string;
  sellerOrgId?: string;
  level?: string;
  groupIds?: string[];
  tags?: string[];
  contact?: string;
  phone?: string;
  addresses?: CustomerAddress[];
  licenceNo?: string;
}
export interface CustomerView {
  sellerOrgId: string;
  buyerOrgId: string;
  buyerName: string;
  buyerKind: ChannelOrgKind;
  regionCode: string;
  level: string | null;
  groupIds: string[];
  tags: string[];
  contact: string | null;
  phone: string | null;
  addresses: CustomerAddress[];
  licenceNo: string | null;
  version: number;
}
export type SaveCustomerRes = CustomerView;
export interface ListCustomersReq {
  sellerOrgId?: string;
  level?: string;
  groupId?: string;
}
export interface ListCustomersRes {
  customers: CustomerView[];
}

export interface SetTermsReq {
  sellerOrgId?: string;
  /** Roles in order; empty: orders are approved once paid. */
  approvalChain: Role[];
  /** The chain applies only above this many fen. */
  approvalThreshold?: number;
  returnWindow_ms?: number;
  maxRebateShare_bp?: number;
  wechatPayTimeout_ms?: number;
  transferTimeout_ms?: number;
}
export type TermsView = SellerTerms & { sellerOrgId: string; version: number };
export type SetTermsRes = TermsView;
export interface GetTermsReq {
  sellerOrgId: string;
}
export type GetTermsRes = TermsView;

export interface AddRelationReq {
  buyerOrgId: string;
  sellerOrgId: string;
}
export interface RelationView {
  buyerOrgId: string;
  sellerOrgId: string;
  /** `upstream`: the buyer's registered supplier; `assigned`: by reassignment; `direct`: added by the brand. */
  kind: 'upstream' | 'assigned' | 'direct';
  since: number | null;
}
export type AddRelationRes = RelationView;
export interface ReassignSellerReq {
  buyerOrgId: string;
  toSellerOrgId: string;
  reason?: string;
}
export interface ReassignSellerRes {
  buyerOrgId: string;
  sellerOrgId: string;
  previousSellerOrgId: string;
}
export interface ListRelationsReq {
  orgId: string;
}
export interface ListRelationsRes {
  /** Whom the org buys from. */
  sellers: RelationView[];
  /** Its past suppliers, newest first. */
  history: Array<{ sellerOrgId: string; from: number | null; to: number; by: string; reason: string | null }>;
}

export interface SetCreditLineReq {
  buyerOrgId: string;
  sellerOrgId?: string;
  limit: number;
  from: number;
  to: number;
  termDays: number;
}
export interface CreditLineView {
  sellerOrgId: string;
  buyerOrgId: string;
  limit: number;
  from: number;
  to: number;
  termDays: number;
  version: number;
  updatedAt: number;
}
export type SetCreditLineRes = CreditLineView;
export interface ListCreditLinesReq {
  sellerOrgId?: string;
  buyerOrgId?: string;
}
export interface ListCreditLinesRes {
  creditLines: CreditLineView[];
}

/** A seller's recorded rebate adjustment (docs/ordering.md#payment). */
export interface AdjustRebateReq {
  buyerOrgId: string;
  /** Positive grants, negative takes back. */
  amount: number;
  reason: string;
  sellerOrgId?: string;
  requestId: string;
}
export interface AdjustRebateRes {
  rebate: number;
}

const SELLER_ERRORS = ['FORBIDDEN', 'NOT_FOUND'] as const;

export const TRADE = declareFunction('trade', {
  setListPrices: declareAction<SetListPricesReq, SetListPricesRes>()({
    schema: S.setListPrices,
    who: 'brand admins',
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'PRICE_BELOW_FLOOR'],
    words: { PRICE_BELOW_FLOOR: '价格低于控价' },
  }),
  listListPrices: declareAction<ListListPricesReq, ListListPricesRes>()({
    schema: S.listListPrices,
    who: 'members of a selling org (brand, dealer, wholesaler; not a shop guide): the floors bind their prices',
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: ['FORBIDDEN'],
  }),
  savePricePolicy: declareAction<SavePricePolicyReq, SavePricePolicyRes>()({
    schema: S.savePricePolicy,
    who: "the seller's owner (the brand's admins)",
    access: 'signed-in',
    apps: 'any',
    retry: 'keyed',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'PRICE_BELOW_FLOOR', 'CONFLICT'],
    words: { PRICE_BELOW_FLOOR: '价格低于品牌控价' },
  }),
  listPricePolicies: declareAction<ListPricePoliciesReq, ListPricePoliciesRes>()({
    schema: S.listPricePolicies,
    who: "the seller's members (not a shop guide)",
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: [...SELLER_ERRORS],
  }),
  setPolicyEnabled: declareAction<SetPolicyEnabledReq, SetPolicyEnabledRes>()({
    schema: S.setPolicyEnabled,
    who: "the seller's owner (the brand's admins)",
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  importPricePolicies: declareAction<ImportPricePoliciesReq, ImportPricePoliciesRes>()({
    schema: S.importPricePolicies,
    who: "the seller's owner (the brand's admins)",
    access: 'signed-in',
    apps: 'any',
    retry: 'keyed',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'PRICE_BELOW_FLOOR'],
    words: { PRICE_BELOW_FLOOR: '价格低于品牌控价' },
  }),
  exportPricePolicies: declareAction<ExportPricePoliciesReq, ExportPricePoliciesRes>()({
    schema: S.exportPricePolicies,
    who: "the seller's members (not a shop guide)",
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: [...SELLER_ERRORS],
  }),
  saveCustomer: declareAction<SaveCustomerReq, SaveCustomerRes>()({
    schema: S.saveCustomer,
    who: "the seller's owner or sales staff (the brand's admins and sales for its dealers), for a buyer that trades with it",
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: [...SELLER_ERRORS],
  }),
  listCustomers: declareAction<ListCustomersReq, ListCustomersRes>()({
    schema: S.listCustomers,
    who: "the seller's members (not a shop guide)",
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: [...SELLER_ERRORS],
  }),
  setTerms: declareAction<SetTermsReq, SetTermsRes>()({
    schema: S.setTerms,
    who: "the seller's owner (the brand's admins)",
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: [...SELLER_ERRORS],
  }),
  getTerms: declareAction<GetTermsReq, GetTermsRes>()({
    schema: S.getTerms,
    who: "the seller's members, its buyers, brand admins",
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: [...SELLER_ERRORS],
  }),
  addRelation: declareAction<AddRelationReq, AddRelationRes>()({
    schema: S.addRelation,
    who: 'brand admins',
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: [...SELLER_ERRORS],
  }),
  reassignSeller: declareAction<ReassignSellerReq, ReassignSellerRes>()({
    schema: S.reassignSeller,
    who: 'brand admins',
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: [...SELLER_ERRORS],
  }),
  listRelations: declareAction<ListRelationsReq, ListRelationsRes>()({
    schema: S.listRelations,
    who: 'members of the org, brand admins',
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: [...SELLER_ERRORS],
  }),
  setCreditLine: declareAction<SetCreditLineReq, SetCreditLineRes>()({
    schema: S.setCreditLine,
    who: "the seller's finance or owner (the brand's admins and finance)",
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: [...SELLER_ERRORS],
  }),
  listCreditLines: declareAction<ListCreditLinesReq, ListCreditLinesRes>()({
    schema: S.listCreditLines,
    who: "the seller's finance, sales or owner (the brand's admins)",
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: [...SELLER_ERRORS],
  }),
  adjustRebate: declareAction<AdjustRebateReq, AdjustRebateRes>()({
    schema: S.adjustRebate,
    who: "the seller's finance or owner (the brand's admins for the brand)",
    access: 'signed-in',
    apps: 'any',
    retry: 'intent',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INSUFFICIENT_FUNDS', 'CONFLICT'],
    words: { INSUFFICIENT_FUNDS: '返利余额不足以扣回' },
  }),
  // Promotions, rebate programs, settlement documents (docs/promotions.md#promotions).
  ...PROMOTION_TRADE_ACTIONS,
});
