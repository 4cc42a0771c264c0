/**
 * WeChat Pay (JSAPI) for orders and top-ups, behind one interface: a simulated provider locally
 * (simulated.ts), the WeChat Pay API v3 provider in production (wechat-pay-jsapi.ts). The flows
 * (prepay, notice, query fallback, close on timeout, refund) are described in docs/payments.md.
 *
 * Every call answers a value: `{ ok: true, data }` or `{ ok: false, error }` with a stable
 * `PaymentErrorCode`; only bugs throw. Amounts are integer fen (WeChat Pay's `amount.total` is in
 * fen too). Our trade number (`out_trade_no`) is the payment's id and our refund number
 * (`out_refund_no`) the return's id: WeChat Pay answers a repeated number with the first
 * request's outcome, so retries never pay or refund twice.
 */

import type { ProfitSharingRequest } from '@channel-router/shared';
import type { ProfitSharingResult } from './profit-sharing.js';

export const PAYMENT_ERROR_CODES = [
  /** Our request is wrong (the field is named); nothing was sent. */
  'INVALID_REQUEST',
  /** The notice (or a reply) is not signed by the platform key we trust, or was altered. */
  'SIGNATURE_INVALID',
  /** Signed by a key (Wechatpay-Serial) this deployment does not know: a key rotation to configure. */
  'UNKNOWN_SERIAL',
  /** The signature's timestamp is more than 5 minutes away from now: a replay, or a wrong clock. */
  'NOTICE_STALE',
  /** Not the documented notice shape, or its resource did not decrypt with our APIv3 key. */
  'NOTICE_MALFORMED',
  /** Authentic, but for another merchant or app than ours. */
  'NOTICE_FOREIGN',
  /** WeChat Pay knows no such trade or refund. */
  'NOT_FOUND',
  /** WeChat Pay refused the request (`providerCode` says why: ORDERPAID, ORDER_CLOSED, NOT_ENOUGH...). */
  'PROVIDER_REJECTED',
  /** Timeout, network failure or a 5xx: retry later with the same numbers. */
  'PROVIDER_UNAVAILABLE',
] as const;

export type PaymentErrorCode = (typeof PAYMENT_ERROR_CODES)[number];

export interface PaymentError {
  code: PaymentErrorCode;
  message: string;
  /** For INVALID_REQUEST: our request's field at fault (e.g. `outTradeNo`). */
  field?: string;
  /** WeChat's own error code when it answered one (e.g. `ORDERPAID`, `SYSTEM_ERROR`). */
  providerCode?: string;
  /** True when the same request may simply be sent again later. */
  retryable: boolean;
}

export type PayResult<T> = { ok: true; data: T } | { ok: false; error: PaymentError };

export function payOk<T>(data: T): PayResult<T> {
  return { ok: true, data };
}

export function payErr(code: PaymentErrorCode, message: string, extra: { field?: string; providerCode?: string } = {}): { ok: false; error: PaymentError } {
  const retryable = code === 'PROVIDER_UNAVAILABLE';
  return { ok: false, error: { code, message, retryable, ...extra } };
}

/** WeChat Pay's out_trade_no rule: 6–32 of [0-9A-Za-z_-|*]. */
export const OUT_TRADE_NO_PATTERN = /^[0-9A-Za-z_\-|*]{6,32}$/;
/** WeChat Pay's out_refund_no rule: 1–64 of [0-9A-Za-z_-|*@]. */
export const OUT_REFUND_NO_PATTERN = /^[0-9A-Za-z_\-|*@]{1,64}$/;
/** WeChat Pay's `description` is 1–127 characters. */
export const DESCRIPTION_LENGTH_MAX = 127;
/** WeChat Pay's refund `reason` is at most 80 characters. */
export const REFUND_REASON_LENGTH_MAX = 80;
/** `attach` (returned untouched in notices and queries) is at most 128 characters. */
export const ATTACH_LENGTH_MAX = 128;
/** A sanity ceiling on one payment: 10 million yuan. Far above any order; catches unit mistakes. */
export const AMOUNT_FEN_MAX = 1_000_000_000;

export interface PrepayRequest {
  /** Our payment id (order payment or top-up): WeChat Pay's out_trade_no. */
  outTradeNo: string;
  amount_fen: number;
  /** The payer's openId in the paying app (WeChat Pay needs an openId, not a unionId). */
  payerOpenId: string;
  /** Shown to the payer in WeChat (e.g. `订单 SO20261204-000123`), 1–127 characters. */
  description: string;
  /** When the payment expires (ms since epoch, in the future); the order's payment timeout. */
  expiresAt_ms: number;
  /** The paying mini-program's AppID; default the configured WXPAY_APPID. Must be bound to the merchant. */
  appId?: string;
  /** Default: the configured notify URL (WXPAY_NOTIFY_URL). */
  notifyUrl?: string;
  /** Returned untouched in the notice and the query (e.g. `order` / `top_up`). */
  attach?: string;
}

/** Exactly the parameters of `wx.requestPayment` (a type alias, so it fits `Record<string, string>`). */
export type JsapiPayParams = {
  timeStamp: string;
  nonceStr: string;
  /** `prepay_id=...` */
  package: string;
  signType: 'RSA';
  paySign: string;
};

export interface Prepay {
  prepayId: string;
  appId: string;
  /** Pass to `wx.requestPayment` as is. */
  jsapi: JsapiPayParams;
}

/** WeChat Pay's trade_state values. */
export type TradeState = 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR';

/**
 * A trade as WeChat Pay reports it: in a payment notice (TRANSACTION.SUCCESS) and in a query.
 * `transactionId` is absent until paid.
 */
export interface Transaction {
  outTradeNo: string;
  transactionId: string | null;
  tradeState: TradeState;
  /** What the order asked (amount.total). */
  total_fen: number;
  /** What the payer paid after WeChat-side coupons (amount.payer_total); null until paid. */
  payerTotal_fen: number | null;
  /** success_time as ms since epoch; null until paid. */
  successAt_ms: number | null;
  payerOpenId: string | null;
  appId: string;
  mchId: string;
  attach: string | null;
}

/** A verified payment notice: the trade, always SUCCESS (WeChat Pay notifies only payments). */
export interface PaymentNotice extends Transaction {
  kind: 'payment';
  transactionId: string;
  /** The notice's own id (one per delivery round, not per trade; do not key on it). */
  noticeId: string;
}

export interface RefundRequest {
  outTradeNo: string;
  /** The return's (or cancellation's) id: a retry with the same number never refunds twice. */
  outRefundNo: string;
  /** This refund (amount.refund). */
  amount_fen: number;
  /** The original payment (amount.total). */
  total_fen: number;
  reason?: string;
  /** Default: the configured refund notify URL, if any. */
  notifyUrl?: string;
}

/** WeChat Pay's refund status values. */
export type RefundStatus = 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL';

export interface Refund {
  refundId: string;
  outRefundNo: string;
  outTradeNo: string;
  transactionId: string;
  status: RefundStatus;
  refund_fen: number;
  total_fen: number;
  successAt_ms: number | null;
}

/** A verified refund notice (REFUND.SUCCESS / REFUND.ABNORMAL / REFUND.CLOSED). */
export interface RefundNotice extends Refund {
  kind: 'refund';
  noticeId: string;
}

/**
 * What the notify URL received, byte for byte: the signature covers the exact body, so it must
 * not be re-serialized. Header names in any case.
 */
export interface RawNotice {
  headers: Record<string, string | undefined>;
  body: string;
}

export interface PaymentProvider {
  readonly name: 'simulated' | 'wechat-pay';
  /** JSAPI prepay (`POST /v3/pay/transactions/jsapi`) and the signed `wx.requestPayment` parameters. */
  prepay(req: PrepayRequest): Promise<PayResult<Prepay>>;
  /** The trade's state (`GET /v3/pay/transactions/out-trade-no/{no}`): the fallback when no notice came. */
  query(outTradeNo: string): Promise<PayResult<Transaction>>;
  /** Closes an unpaid trade (on the payment timeout). A paid trade answers PROVIDER_REJECTED `ORDERPAID`. */
  close(outTradeNo: string): Promise<PayResult<{ closed: true }>>;
  /** `POST /v3/refund/domestic/refunds`; the same outRefundNo answers the same refund. */
  refund(req: RefundRequest): Promise<PayResult<Refund>>;
  /** `GET /v3/refund/domestic/refunds/{out_refund_no}`. */
  queryRefund(outRefundNo: string): Promise<PayResult<Refund>>;
  /** Verifies (signature, timestamp, merchant) and decrypts a payment notice. */
  verifyPaymentNotice(raw: RawNotice, now_ms: number): PayResult<PaymentNotice>;
  /** Verifies and decrypts a refund notice. */
  verifyRefundNotice(raw: RawNotice, now_ms: number): PayResult<RefundNotice>;
  /**
   * `POST /v3/profitsharing/orders` (分账) for a completed order's settlement document
   * (docs/promotions.md#settlement); the same outOrderNo answers the same request.
   */
  profitShare(req: ProfitSharingRequest): Promise<PayResult<ProfitSharingResult>>;
}
