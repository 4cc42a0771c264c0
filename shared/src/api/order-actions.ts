/**
 * The `order` function's contract (docs/ordering.md): requests and replies of ordering, payments
 * and returns. Money in fen, shares in bp, times in ms since the epoch.
 */
import type { ApprovalState, OrderState } from '../ordering/order-machine.js';
import type { Quote, QuoteLine, OrderUnit, PriceSource } from '../ordering/quote.js';
import type { TenderKind } from '../ordering/tenders.js';
import type { CreditPosition } from '../ordering/credit.js';
import type { AgeingBucket } from '../ordering/receivables.js';

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
  unit: OrderUnit;
  itemsPerUnit: number;
  listPrice: number;
  unitPrice: number;
  priceSource: PriceSource;
  /** Some stock is available to order now. */
  available: boolean;
}
export interface CatalogRes {
  products: CatalogItem[];
  /** Running promotions (a later issue): empty for now. */
  promotions: unknown[];
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

/** A WeChat Pay notice as the provider hands it over (simulated locally: signed with the local secret). */
export interface PaymentNoticeReq {
  outTradeNo: string;
  transactionId: string;
  amount: number;
  signature: string;
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
}

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

export interface OrderActionMap {
  catalog: { req: CatalogReq; res: CatalogRes };
  quote: { req: QuoteReq; res: QuoteRes };
  submit: { req: SubmitReq; res: SubmitRes };
  get: { req: GetOrderReq; res: GetOrderRes };
  list: { req: ListOrdersReq; res: ListOrdersRes };
  approve: { req: OrderStepReq; res: OrderStepRes };
  reject: { req: OrderStepReq; res: OrderStepRes };
  cancel: { req: OrderStepReq; res: OrderStepRes };
  closeRemainder: { req: OrderStepReq; res: OrderStepRes };
  confirmTransfer: { req: PaymentDecisionReq; res: PaymentDecisionRes };
  rejectTransfer: { req: PaymentDecisionReq; res: PaymentDecisionRes };
  balances: { req: BalancesReq; res: BalancesRes };
  requestReturn: { req: RequestReturnReq; res: RequestReturnRes };
  approveReturn: { req: ReturnDecisionReq; res: ReturnDecisionRes };
  rejectReturn: { req: ReturnDecisionReq; res: ReturnDecisionRes };
  topUp: { req: TopUpReq; res: TopUpRes };
  notices: { req: NoticesReq; res: NoticesRes };
  markNoticesRead: { req: MarkNoticesReadReq; res: MarkNoticesReadRes };
  paymentNotice: { req: PaymentNoticeReq; res: PaymentNoticeRes };
  sweep: { req: SweepReq; res: SweepRes };
  adjustRebate: { req: AdjustRebateReq; res: AdjustRebateRes };
}

export const ORDER_ACTIONS = [
  'catalog',
  'quote',
  'submit',
  'get',
  'list',
  'approve',
  'reject',
  'cancel',
  'closeRemainder',
  'confirmTransfer',
  'rejectTransfer',
  'balances',
  'requestReturn',
  'approveReturn',
  'rejectReturn',
  'topUp',
  'notices',
  'markNoticesRead',
  'paymentNotice',
  'sweep',
  'adjustRebate',
] as const;
