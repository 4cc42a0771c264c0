/** Stored shapes of the order module: orders, payments, shipments, returns, receivables, notices. */
import type { PromotionTaken } from '../promotions/index.js';
import type { ApprovalState, OrderState, QuoteLine, ReturnStatus, TenderKind, PaymentStatus } from '@channel-router/shared';

/** A quote line as submitted (quote.ts), with its id and what has since happened to it. */
export interface OrderLineDoc extends QuoteLine {
  lineId: string;
  shippedItems: number;
  /** Units refunded: returned, or closed unshipped. */
  returned: number;
  /** Units closed unshipped (closeRemainder): part of `returned`. */
  closed: number;
  /** Items released by closeRemainder (a partly shipped unit's rest included). */
  closedItems: number;
  /** Units in returns requested or approved but not refunded yet. */
  pendingReturn: number;
  refunded: number;
}

export interface OrderTenderDoc {
  kind: TenderKind;
  amount: number;
  paid: number;
  refunded: number;
  paymentId?: string;
}

/** The seller's terms as they were at submit: nothing that changes later changes the order. */
export interface OrderTerms {
  approvalChain: string[];
  approvalThreshold_fen: number | null;
  returnWindow_ms: number;
  maxRebateShare_bp: number;
  wechatPayTimeout_ms: number;
  transferTimeout_ms: number;
  /** Credit line in force at submit (when credit pays part). */
  creditTermDays: number | null;
}

export interface HistoryDoc {
  at: number;
  by: string;
  event: string;
  from: OrderState | 'new';
  to: OrderState;
  reason?: string;
}

export interface OrderDoc {
  _id: string;
  orderNo: string;
  requestId: string;
  sellerOrgId: string;
  buyerOrgId: string;
  /** Both parties, so "orders of my org" is one indexed read whichever side. */
  parties: [string, string];
  status: OrderState;
  version: number;
  lines: OrderLineDoc[];
  total: number;
  tenders: OrderTenderDoc[];
  approval: ApprovalState;
  terms: OrderTerms;
  address: unknown;
  note: string | null;
  submittedBy: string;
  createdAt: number;
  updatedAt: number;
  payDeadline: number | null;
  shippedAt: number | null;
  receivedAt: number | null;
  completedAt: number | null;
  /** Returns not yet refunded or rejected: completion waits for them. */
  openReturns: number;
  history: HistoryDoc[];
  /** What the order took from its promotions' budgets and per-buyer limits; given back on cancellation. */
  promotionsTaken?: PromotionTaken[];
}

export interface PaymentDoc {
  _id: string;
  purpose: 'order' | 'top_up' | 'repay';
  method: 'transfer' | 'wechat_pay';
  orderId: string | null;
  sellerOrgId: string;
  buyerOrgId: string;
  amount: number;
  status: PaymentStatus;
  receiptFileId: string | null;
  transactionId: string | null;
  requestedBy: string;
  decidedBy: string | null;
  reason: string | null;
  createdAt: number;
  decidedAt: number | null;
}

export interface ShipmentDoc {
  _id: string;
  /** `order`: seller → buyer; `return`: buyer → seller. */
  direction: 'order' | 'return';
  orderId: string;
  returnId: string | null;
  fromOrgId: string;
  toOrgId: string;
  eventId: string;
  lines: Array<{ productId: string; items: number }>;
  /** Top-level units shipped: the receive of all of them marks the shipment received. */
  unitIds: string[];
  receivedUnitIds: string[];
  carrier: string | null;
  trackingNo: string | null;
  status: 'in_transit' | 'received';
  at: number;
  receivedAt: number | null;
  by: string;
}

export interface ReturnDoc {
  _id: string;
  orderId: string;
  sellerOrgId: string;
  buyerOrgId: string;
  status: ReturnStatus;
  refundOnly: boolean;
  lines: Array<{ lineId: string; productId: string; quantity: number; items: number }>;
  reason: string | null;
  photos: string[];
  refund: number | null;
  requestedBy: string;
  requestedAt: number;
  decidedBy: string | null;
  decidedAt: number | null;
  rejectReason: string | null;
}

export interface ReceivableDoc {
  _id: string; // the order id
  orderId: string;
  sellerOrgId: string;
  buyerOrgId: string;
  amount: number;
  repaid: number;
  startedAt: number;
  due_ms: number;
  status: 'open' | 'paid';
}

export interface NoticeDoc {
  _id: string;
  orgId: string;
  kind: 'shipped';
  orderId: string;
  orderNo: string;
  shipmentId: string;
  title: string;
  at: number;
  /** Members who marked it read. */
  readBy: string[];
}
