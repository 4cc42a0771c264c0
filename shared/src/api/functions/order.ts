/**
 * The `order` function (docs/ordering-operations.md): ordering, payments and returns. Each
 * action's request, reply, callers, retry class and error codes, declared once (docs/actions.md).
 * Money in fen, shares in bp, times in ms since the epoch.
 */
import type { ApprovalState, OrderState } from '../../ordering/order-machine.js';
import type { Quote, QuoteLine } from '../../ordering/quote.js';
import type { PromotionType } from '../../promotions/types.js';
import type { OrderUnit, PriceSource } from '../../ordering/quote.js';
import type { TenderKind } from '../../ordering/tenders.js';
import type { CreditPosition } from '../../ordering/credit.js';
import type { AgeingBucket } from '../../ordering/receivables.js';
import { ORDER_SCHEMAS as S, RETURNS_LIMIT_MAX, TRANSFERS_LIMIT_MAX } from '../../validation/order-requests.js';
import type { StockMoveType } from '../../ordering/stock.js';
import { STORAGE_LIMITS } from '../../storage/limits.js';
import { cursor, id, pageSize } from '../../validation/fields.js';
import { array, bool, int, object, optional } from '../../validation/schema.js';
import { declareAction, declareFunction } from '../declare.js';

export interface OrderLineReq {
  productId: string;
  quantity: number;
}

export interface CatalogReq {
  sellerOrgId: string;
}
export interface CatalogItem {
  productId: string;
  productName: string;
  /** The product's category (调味品, 酱油); absent when it has none. */
  category?: string;
  unit: OrderUnit;
  itemsPerUnit: number;
  listPrice: number;
  unitPrice: number;
  priceSource: PriceSource;
  /** Some stock is available to order now. */
  available: boolean;
  /** The running promotions that cover this product for this buyer (their badges: `promotions`). */
  promotionIds: string[];
}
/** A promotion running now for the buyer (docs/promotions.md#promotions). */
export interface CatalogPromotion {
  promotionId: string;
  type: PromotionType;
  name: string;
  /** Its badge: "满300减30", "特价", "套餐 ¥99". */
  label: string;
  from: number;
  to: number;
}
export interface CatalogRes {
  products: CatalogItem[];
  promotions: CatalogPromotion[];
}

export interface QuoteReq {
  sellerOrgId: string;
  lines: OrderLineReq[];
}
export type QuoteRes = Quote;

export interface TenderReq {
  kind: TenderKind;
  amount: number;
  /** For `transfer`: the bank receipt image's cloud storage fileID. */
  receiptFileId?: string;
}

export interface SubmitReq {
  sellerOrgId: string;
  lines: OrderLineReq[];
  tenders: TenderReq[];
  expectedTotal: number;
  addressId?: string;
  requestId: string;
  /** For the buyer's org, when the caller belongs to several. */
  buyerOrgId?: string;
  note?: string;
}
export interface SubmitRes {
  orderId: string;
  orderNo: string;
  status: OrderState;
  /** Payments still to make (WeChat Pay: the JSAPI parameters; transfer: to be confirmed by the seller). */
  payments: Array<{ paymentId: string; method: 'wechat_pay' | 'transfer'; amount: number; jsapi?: Record<string, string> }>;
}

export interface OrderLineView extends QuoteLine {
  lineId: string;
  /** Items shipped so far. */
  shippedItems: number;
  /** Units returned or closed (refunded) so far. */
  returned: number;
  refunded: number;
}
export interface OrderTenderView {
  kind: TenderKind;
  amount: number;
  /** Paid so far (balance tenders at submit; transfers and WeChat Pay when posted). */
  paid: number;
  refunded: number;
  paymentId?: string;
  /** A transfer's bank receipt image (cloud storage fileID), for the seller to check. */
  receiptFileId?: string;
}
export interface OrderHistoryEntry {
  at: number;
  by: string;
  event: string;
  from: OrderState | 'new';
  to: OrderState;
  reason?: string;
}
export interface ShipmentView {
  shipmentId: string;
  at: number;
  lines: Array<{ productId: string; items: number }>;
  carrier?: string;
  trackingNo?: string;
  status: 'in_transit' | 'received';
  receivedAt?: number;
}
export interface ReturnView {
  returnId: string;
  status: ReturnStatus;
  lines: Array<{ lineId: string; quantity: number }>;
  reason?: string;
  photos?: string[];
  refund?: number;
  requestedAt: number;
  decidedAt?: number;
}
export interface OrderView {
  orderId: string;
  orderNo: string;
  sellerOrgId: string;
  buyerOrgId: string;
  status: OrderState;
  version: number;
  lines: OrderLineView[];
  total: number;
  tenders: OrderTenderView[];
  approval: ApprovalState;
  address?: unknown;
  createdAt: number;
  updatedAt: number;
  payDeadline?: number;
  shippedAt?: number;
  receivedAt?: number;
  completedAt?: number;
  history: OrderHistoryEntry[];
  shipments: ShipmentView[];
  returns: ReturnView[];
}

export interface GetOrderReq {
  orderId: string;
}
export type GetOrderRes = OrderView;

export interface ListOrdersReq {
  /** Which side: orders my org placed (`buy`) or received (`sell`). Default: `buy`. */
  side?: 'buy' | 'sell';
  orgId?: string;
  status?: OrderState;
  cursor?: string;
  limit?: number;
}
export interface OrderSummary {
  orderId: string;
  orderNo: string;
  sellerOrgId: string;
  buyerOrgId: string;
  status: OrderState;
  total: number;
  createdAt: number;
}
export interface ListOrdersRes {
  orders: OrderSummary[];
  cursor: string | null;
}

export interface OrderStepReq {
  orderId: string;
  reason?: string;
}
export interface OrderStepRes {
  status: OrderState;
}

export interface PaymentDecisionReq {
  paymentId: string;
  reason?: string;
}
export interface PaymentDecisionRes {
  status: PaymentStatus;
}
export type PaymentStatus = 'pending' | 'confirmed' | 'rejected' | 'cancelled';

/** Rows in one page of `order.transfers`. */
export const TRANSFERS_PAGE_MAX = TRANSFERS_LIMIT_MAX;
/** The form of an `order.transfers` cursor: `<createdAt>/<paymentId>` of the last row given. */
export { TRANSFERS_CURSOR } from '../../validation/order-requests.js';
export const TRANSFERS_PAGE_DEFAULT = 20;
/** How long a receipt link of `order.transfers` works: an hour, plenty for checking a page. */
export const RECEIPT_LINK_MAX_AGE_S = 3600;

export interface TransfersReq {
  /** The seller whose incoming transfers are listed. */
  orgId: string;
  /** 1..50, default 20. */
  limit?: number;
  /** `nextCursor` of the page before. */
  cursor?: string;
}
/** A bank transfer waiting for the seller's finance: an order's payment, a deposit top-up or a credit repayment. */
export interface TransferToConfirm {
  paymentId: string;
  purpose: 'order' | 'top_up' | 'repay';
  /** The order it pays; null for a top-up or a repayment. */
  orderId: string | null;
  orderNo: string | null;
  buyerOrgId: string;
  buyerName: string;
  amount: number;
  createdAt: number;
  /** The bank receipt image's cloud storage fileID; null when the buyer sent none. */
  receiptFileId: string | null;
  /** A signed temporary link to that image (an hour); null without a receipt or when the file is gone. */
  receiptUrl: string | null;
}
export interface TransfersRes {
  /** Newest first. */
  transfers: TransferToConfirm[];
  /** For the next page; null on the last one. */
  nextCursor: string | null;
}

export interface BalancesReq {
  buyerOrgId: string;
  sellerOrgId: string;
}
export interface BalancesRes {
  deposit: number;
  rebate: number;
  credit: CreditPosition & { termDays: number | null; ageing: Record<AgeingBucket, number> };
}

export type ReturnStatus = 'requested' | 'approved' | 'in_transit' | 'rejected' | 'refunded';
export interface RequestReturnReq {
  orderId: string;
  lines: Array<{ lineId: string; quantity: number }>;
  reason?: string;
  photos?: string[];
  /** Refund only (quality claim, no goods back): refunded on approval. */
  refundOnly?: boolean;
  requestId: string;
}
/** Rows in one page of `order.returns`. */
export const RETURNS_PAGE_MAX = RETURNS_LIMIT_MAX;
/** The form of an `order.returns` cursor: `<requestedAt>/<returnId>` of the last row given. */
export { RETURNS_CURSOR } from '../../validation/order-requests.js';
export const RETURNS_PAGE_DEFAULT = 20;
/** Photos signed for one page of `order.returns`: one storage request signs at most this many. */
export const RETURNS_PAGE_PHOTOS_MAX = STORAGE_LIMITS.maxFilesPerRequest;
/** How long a photo link of `order.returns` works: an hour, plenty for checking a page. */
export const RETURN_PHOTO_LINK_MAX_AGE_S = 3600;

export interface ReturnsReq {
  /** The seller whose return requests are listed. */
  orgId: string;
  /** 1..50, default 20. */
  limit?: number;
  /** `nextCursor` of the page before. */
  cursor?: string;
}
/** A return request waiting for the seller's decision. */
export interface ReturnToDecide {
  returnId: string;
  orderId: string;
  orderNo: string;
  buyerOrgId: string;
  buyerName: string;
  /** The units asked back, with the order line's product name and unit. */
  lines: Array<{ lineId: string; productId: string; productName: string; unit: OrderUnit; quantity: number }>;
  reason: string | null;
  /** Refund only (quality claim, no goods back): refunded on approval. */
  refundOnly: boolean;
  /** The photos' cloud storage fileIDs, as the buyer sent them. */
  photos: string[];
  /** A signed temporary link per photo (an hour), in the same order; null when the file is gone. */
  photoUrls: Array<string | null>;
  requestedAt: number;
  /** What the return refunds if decided now (each line: k of its m remaining units); null if the order's lines no longer match. */
  refund: number | null;
}
export interface ReturnsRes {
  /** Newest first. */
  returns: ReturnToDecide[];
  /** For the next page; null on the last one. */
  nextCursor: string | null;
}

export interface RequestReturnRes {
  returnId: string;
  status: ReturnStatus;
}
export interface ReturnDecisionReq {
  returnId: string;
  reason?: string;
}
export interface ReturnDecisionRes {
  status: ReturnStatus;
  refund?: number;
}

export interface TopUpReq {
  sellerOrgId: string;
  amount: number;
  method: 'transfer' | 'wechat_pay';
  receiptFileId?: string;
  buyerOrgId?: string;
  requestId: string;
}
export interface TopUpRes {
  paymentId: string;
  jsapi?: Record<string, string>;
}

export interface NoticesReq {
  orgId?: string;
  unreadOnly?: boolean;
  limit?: number;
}
export interface NoticeView {
  noticeId: string;
  kind: 'shipped';
  orderId: string;
  orderNo: string;
  shipmentId: string;
  title: string;
  at: number;
  read: boolean;
}
export interface NoticesRes {
  notices: NoticeView[];
}
export interface MarkNoticesReadReq {
  noticeIds: string[];
}
export interface MarkNoticesReadRes {
  marked: number;
}

/**
 * A WeChat Pay payment notice as the notify URL received it: the body byte for byte and the
 * platform's signature headers (`Wechatpay-Signature`, `-Timestamp`, `-Nonce`, `-Serial`).
 * In CloudBase the HTTP-triggered call is turned into this action (server/src/functions/order.ts).
 */
export interface PaymentNoticeReq {
  signature: string;
  timestamp: string;
  nonce: string;
  serial: string;
  body: string;
}
export interface PaymentNoticeRes {
  /** Posted by this notice (false: an earlier delivery did). */
  posted: boolean;
}

export type SweepReq = Record<never, never>;
export interface SweepRes {
  timedOut: number;
  received: number;
  completed: number;
  /** Unpaid WeChat Pay orders found paid by a query (their notice was lost), posted as paid instead of cancelled. */
  paidLate: number;
}

export interface RepayReq {
  sellerOrgId: string;
  amount: number;
  /** `deposit`: at once from the buyer's deposit; `transfer`: confirmed by the seller's finance; `wechat_pay`: on the notice. */
  method: 'deposit' | 'transfer' | 'wechat_pay';
  receiptFileId?: string;
  buyerOrgId?: string;
  requestId: string;
}
export interface RepayRes {
  paymentId: string;
  status: PaymentStatus;
  jsapi?: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------
// Stock (docs/stock.md)

/** Products in one stock request. */
export const STOCK_PRODUCTS_MAX = 100;
/** Largest safety stock (items). */
export const SAFETY_STOCK_MAX = 100_000_000;

export interface OrderStockReq {
  orgId: string;
  /** Only these products (default: every product the org has stock records of). */
  productIds?: string[];
}
/** Items shown in order units: whole units and loose items. */
export interface InUnits {
  units: number;
  looseItems: number;
}
export interface StockRow {
  productId: string;
  productName: string;
  /** The product's order unit and its items. */
  unit: 'case' | 'box' | 'item';
  itemsPerUnit: number;
  /** Items. */
  onHand: number;
  reserved: number;
  available: number;
  /** Items; null when not set (no low-stock alert). */
  safetyStock: number | null;
  /** available ≤ safetyStock now. */
  low: boolean;
  inUnits: { onHand: InUnits; reserved: InUnits; available: InUnits; safetyStock: InUnits | null };
}
export interface OrderStockRes {
  orgId: string;
  products: StockRow[];
}

export interface StockMovesReq {
  orgId: string;
  productId?: string;
  cursor?: string;
  limit?: number;
}
export interface StockMoveView {
  id: string;
  productId: string;
  type: StockMoveType;
  /** Items moved (positive); the deltas say which way. */
  items: number;
  delta_onHand: number;
  delta_reserved: number;
  /** The product's totals after the move; null for reservation moves (docs/stock.md). */
  after: { onHand: number; reserved: number; available: number } | null;
  ref: string;
  by: string | null;
  note: string | null;
  at: number;
}
export interface StockMovesRes {
  moves: StockMoveView[];
  cursor: string | null;
}

export interface SetSafetyStockReq {
  orgId: string;
  productId: string;
  /** Items. Give exactly one of `safetyStock`, `safetyUnits` and `clear`. */
  safetyStock?: number;
  /** In the product's order units. */
  safetyUnits?: number;
  /** No safety stock (no low-stock alert). */
  clear?: boolean;
}
export interface SetSafetyStockRes {
  productId: string;
  safetyStock: number | null;
  low: boolean;
}

const ORG_MEMBERS = 'members of the org; brand admins and inspectors for any org';

// ---------------------------------------------------------------------------------------------

const SELLER_STEP_ERRORS = ['FORBIDDEN', 'NOT_FOUND', 'INVALID_STATE'] as const;

export const ORDER = declareFunction('order', {
  catalog: declareAction<CatalogReq, CatalogRes>()({
    schema: S.catalog,
    who: 'a member of a buyer org that trades with the seller',
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'NOT_ORDERABLE'],
  }),
  quote: declareAction<QuoteReq, QuoteRes>()({
    schema: S.quote,
    who: 'a member of a buyer org that trades with the seller',
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'NOT_ORDERABLE'],
  }),
  submit: declareAction<SubmitReq, SubmitRes>()({
    schema: S.submit,
    who: 'a member of a buyer org that trades with the seller (not a shop guide)',
    access: 'signed-in',
    apps: 'any',
    retry: 'intent',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'NOT_ORDERABLE', 'OUT_OF_STOCK', 'QUOTE_CHANGED', 'CREDIT_EXCEEDED', 'CREDIT_OVERDUE', 'INSUFFICIENT_FUNDS', 'CONFLICT'],
    words: { INSUFFICIENT_FUNDS: '预存款或返利余额不足' },
  }),
  get: declareAction<GetOrderReq, GetOrderRes>()({
    schema: S.get,
    who: "members of the order's buyer or seller, brand admins",
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: ['NOT_FOUND'],
  }),
  list: declareAction<ListOrdersReq, ListOrdersRes>()({
    schema: S.list,
    who: "members of the org (its purchases or its sales), brand admins for any org",
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  }),
  approve: declareAction<OrderStepReq, OrderStepRes>()({
    schema: S.approve,
    who: "the seller's approval chain, role by role; the seller's owner (the brand's admins) at any step",
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: [...SELLER_STEP_ERRORS],
  }),
  reject: declareAction<OrderStepReq, OrderStepRes>()({
    schema: S.reject,
    who: "the seller's approvers",
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: [...SELLER_STEP_ERRORS],
  }),
  cancel: declareAction<OrderStepReq, OrderStepRes>()({
    schema: S.cancel,
    who: "the buyer before approval; the seller's owner, finance or sales after approval, before any shipment",
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: [...SELLER_STEP_ERRORS],
  }),
  closeRemainder: declareAction<OrderStepReq, OrderStepRes>()({
    schema: S.closeRemainder,
    who: "the seller's owner, finance, sales or warehouse",
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: [...SELLER_STEP_ERRORS],
  }),
  confirmTransfer: declareAction<PaymentDecisionReq, PaymentDecisionRes>()({
    schema: S.confirmTransfer,
    who: "the seller's finance or owner",
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_STATE'],
  }),
  rejectTransfer: declareAction<PaymentDecisionReq, PaymentDecisionRes>()({
    schema: S.rejectTransfer,
    who: "the seller's finance or owner",
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_STATE'],
  }),
  transfers: declareAction<TransfersReq, TransfersRes>()({
    schema: S.transfers,
    who: "the seller's finance or owner (the brand's admins for the brand)",
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: ['FORBIDDEN'],
  }),
  balances: declareAction<BalancesReq, BalancesRes>()({
    schema: S.balances,
    who: 'members of the buyer or the seller, brand admins',
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: ['NOT_FOUND'],
  }),
  returns: declareAction<ReturnsReq, ReturnsRes>()({
    schema: S.returns,
    who: "the seller's owner, finance or sales (the brand's admins for the brand)",
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: ['FORBIDDEN'],
  }),
  requestReturn: declareAction<RequestReturnReq, RequestReturnRes>()({
    schema: S.requestReturn,
    who: 'members of the buyer (not a shop guide)',
    access: 'signed-in',
    apps: 'any',
    retry: 'keyed',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_STATE', 'RETURN_WINDOW_CLOSED'],
  }),
  approveReturn: declareAction<ReturnDecisionReq, ReturnDecisionRes>()({
    schema: S.approveReturn,
    who: "the seller's owner, finance or sales",
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_STATE'],
  }),
  rejectReturn: declareAction<ReturnDecisionReq, ReturnDecisionRes>()({
    schema: S.rejectReturn,
    who: "the seller's owner, finance or sales",
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_STATE'],
  }),
  topUp: declareAction<TopUpReq, TopUpRes>()({
    schema: S.topUp,
    who: 'members of a buyer org that trades with the seller',
    access: 'signed-in',
    apps: 'any',
    retry: 'intent',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  notices: declareAction<NoticesReq, NoticesRes>()({
    schema: S.notices,
    who: 'members of the org the notices are for',
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: ['NOT_FOUND'],
  }),
  markNoticesRead: declareAction<MarkNoticesReadReq, MarkNoticesReadRes>()({
    schema: S.markNoticesRead,
    who: 'members of the org the notices are for',
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: ['NOT_FOUND'],
  }),
  paymentNotice: declareAction<PaymentNoticeReq, PaymentNoticeRes>()({
    schema: S.paymentNotice,
    who: 'WeChat Pay (the notice is verified by the payment provider)',
    access: 'public',
    apps: 'any',
    retry: 'write',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'INVALID_STATE'],
  }),
  sweep: declareAction<SweepReq, SweepRes>()({
    schema: S.sweep,
    who: "anyone: a timer calls it; it moves only what is due, each once",
    access: 'public',
    apps: 'any',
    retry: 'write',
    errors: [],
  }),
  repay: declareAction<RepayReq, RepayRes>()({
    schema: S.repay,
    who: 'members of the buyer org (not a shop guide)',
    access: 'signed-in',
    apps: 'any',
    retry: 'intent',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INSUFFICIENT_FUNDS', 'CONFLICT'],
    words: { INSUFFICIENT_FUNDS: '预存款余额不足' },
  }),
  stock: declareAction<OrderStockReq, OrderStockRes>()({
    schema: object({ orgId: id(), productIds: optional(array(id(), { max: STOCK_PRODUCTS_MAX })) }),
    who: ORG_MEMBERS,
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: ['FORBIDDEN'],
  }),
  stockMoves: declareAction<StockMovesReq, StockMovesRes>()({
    schema: object({ orgId: id(), productId: optional(id()), cursor: optional(cursor()), limit: optional(pageSize()) }),
    who: ORG_MEMBERS,
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: ['FORBIDDEN'],
  }),
  setSafetyStock: declareAction<SetSafetyStockReq, SetSafetyStockRes>()({
    schema: object({
      orgId: id(),
      productId: id(),
      safetyStock: optional(int({ min: 0, max: SAFETY_STOCK_MAX })),
      safetyUnits: optional(int({ min: 0, max: SAFETY_STOCK_MAX })),
      clear: optional(bool()),
    }),
    who: "the org's owner or warehouse (仓管); brand admins for the brand",
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  }),
});
