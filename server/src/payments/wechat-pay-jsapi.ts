/**
 * WeChat Pay API v3, JSAPI payments (JSAPI下单 for mini-programs), refunds and their notices.
 *
 * Configuration (function environment variables in CloudBase, never in the repository; read by
 * configured.ts): WXPAY_MCHID, WXPAY_APPID, WXPAY_SERIAL_NO, WXPAY_PRIVATE_KEY, WXPAY_APIV3_KEY,
 * WXPAY_PLATFORM_PUBLIC_KEY, WXPAY_PLATFORM_SERIAL, WXPAY_NOTIFY_URL, WXPAY_REFUND_NOTIFY_URL.
 *
 * Every successful reply is checked against the platform's signature before it is believed; a
 * reply that does not verify is PROVIDER_UNAVAILABLE (retry: a query tells the truth later).
 * Error replies (4xx) carry WeChat's `code` as `providerCode`; 5xx and timeouts are retryable.
 */
import { authorizationHeader, isApiV3Key, jsapiPaySign, newNonce, platformPublicKey, verifyPlatformSignature, type MerchantKey, type PlatformKey } from './wechat-pay-crypto.js';
import { fetchHttp, type HttpCall, type HttpResponse } from './http.js';
import { parseJson, readRefund, readTransaction, verifyPaymentNotice, verifyRefundNotice, type NoticeKeys } from './wechat-pay-shapes.js';
import { payErr, payOk, type PaymentError, type PaymentProvider, type PayResult, type Prepay, type PrepayRequest, type Refund, type RefundRequest, type Transaction } from './provider.js';
import { checkOutRefundNo, checkOutTradeNo, checkPrepay, checkRefund, rfc3339Shanghai } from './validate.js';
import { checkProfitSharing, encryptSensitive, PROFIT_SHARING_PATH, profitSharingBody, type ProfitSharingResult } from './profit-sharing.js';
import type { ProfitSharingRequest } from '@channel-router/shared';

export interface WechatPayJsapiConfig {
  mchId: string;
  /** The default paying app (WXPAY_APPID). */
  appId: string;
  /** Further AppIDs bound to the merchant whose payers may pay (e.g. the dealer and terminal apps). */
  otherAppIds?: readonly string[];
  /** Serial number of the merchant API certificate. */
  serialNo: string;
  privateKeyPem: string;
  /** 32 characters. */
  apiV3Key: string;
  /** PEM of the WeChat Pay public key (微信支付公钥) or of the platform certificate. */
  platformPublicKeyPem: string;
  /** Its id (PUB_KEY_ID_...) or the certificate's serial: what Wechatpay-Serial says. */
  platformSerial: string;
  /** https URL WeChat Pay posts payment notices to. */
  notifyUrl: string;
  /** https URL for refund notices; none: refunds are followed by queryRefund. */
  refundNotifyUrl?: string;
  baseUrl?: string;
  timeout_ms?: number;
}

export interface WechatPayDeps {
  http?: HttpCall;
  now_ms?: () => number;
  nonce?: () => string;
}

export const JSAPI_PATH = '/v3/pay/transactions/jsapi';
export const REFUNDS_PATH = '/v3/refund/domestic/refunds';
export const tradePath = (outTradeNo: string) => `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}`;

/** Reads a non-2xx reply: WeChat's `{ code, message }`, mapped to our codes. */
function failure(res: HttpResponse, what: string): { ok: false; error: PaymentError } {
  if (res.status === 0) return payErr('PROVIDER_UNAVAILABLE', `${what}: no reply (${res.body})`);
  const reply = parseJson(res.body) ?? {};
  const providerCode = typeof reply.code === 'string' ? reply.code : String(res.status);
  const message = `${what}: ${res.status} ${providerCode} ${typeof reply.message === 'string' ? reply.message : ''}`.trim();
  if (res.status >= 500 || providerCode === 'SYSTEM_ERROR' || providerCode === 'FREQUENCY_LIMITED') return payErr('PROVIDER_UNAVAILABLE', message, { providerCode });
  if (res.status === 404 || providerCode === 'ORDER_NOT_EXIST' || providerCode === 'RESOURCE_NOT_EXISTS') return payErr('NOT_FOUND', message, { providerCode });
  return payErr('PROVIDER_REJECTED', message, { providerCode });
}

export function wechatPayJsapiProvider(cfg: WechatPayJsapiConfig, deps: WechatPayDeps = {}): PaymentProvider {
  // Configuration faults are bugs of the deployment: fail at once, loudly, not on the first payment.
  if (!isApiV3Key(cfg.apiV3Key)) throw new Error('WXPAY_APIV3_KEY must be 32 characters');
  if (!/^https:\/\//.test(cfg.notifyUrl)) throw new Error('WXPAY_NOTIFY_URL must be an https URL');
  const baseUrl = cfg.baseUrl ?? 'https://api.mch.weixin.qq.com';
  const http = deps.http ?? fetchHttp(cfg.timeout_ms ?? 10_000);
  const now_ms = deps.now_ms ?? Date.now;
  const nonce = deps.nonce ?? newNonce;
  const merchant: MerchantKey = { mchId: cfg.mchId, serialNo: cfg.serialNo, privateKeyPem: cfg.privateKeyPem };
  const platform: PlatformKey = { serial: cfg.platformSerial, publicKey: platformPublicKey(cfg.platformPublicKeyPem) };
  const appIds = [cfg.appId, ...(cfg.otherAppIds ?? [])];
  const noticeKeys: NoticeKeys = { platform, apiV3Key: cfg.apiV3Key, mchId: cfg.mchId, appIds };

  /** One signed call; a 2xx reply is returned only when the platform's signature on it verifies. */
  async function call(method: 'GET' | 'POST', url: string, payload: object | undefined, what: string, extra: Record<string, string> = {}): Promise<PayResult<HttpResponse>> {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const headers: Record<string, string> = {
      ...extra,
      Accept: 'application/json',
      'User-Agent': 'channel-router-wechatpay/1',
      Authorization: authorizationHeader(merchant, method, url, body, Math.floor(now_ms() / 1000), nonce()),
    };
    if (payload !== undefined) headers['Content-Type'] = 'application/json';
    const res = await http({ method, url: baseUrl + url, headers, ...(payload === undefined ? {} : { body }) });
    if (res.status < 200 || res.status >= 300) return failure(res, what);
    const signed = verifyPlatformSignature(res.headers, res.body, platform, now_ms());
    if (!signed.ok) return payErr('PROVIDER_UNAVAILABLE', `${what}: the reply is not signed by the platform (${signed.error.code}: ${signed.error.message})`);
    return payOk(res);
  }

  function replyDoc(res: HttpResponse, what: string): PayResult<Record<string, unknown>> {
    const doc = parseJson(res.body);
    return doc ? payOk(doc) : payErr('PROVIDER_UNAVAILABLE', `${what}: the reply is not JSON`);
  }

  return {
    name: 'wechat-pay',

    async prepay(req: PrepayRequest): Promise<PayResult<Prepay>> {
      const checked = checkPrepay(req, now_ms());
      if (!checked.ok) return checked;
      const appId = req.appId ?? cfg.appId;
      if (!appIds.includes(appId)) return payErr('INVALID_REQUEST', `app ${appId} is not bound to this merchant here`, { field: 'appId' });
      const res = await call('POST', JSAPI_PATH, {
        appid: appId,
        mchid: cfg.mchId,
        description: req.description,
        out_trade_no: req.outTradeNo,
        time_expire: rfc3339Shanghai(req.expiresAt_ms),
        ...(req.attach === undefined ? {} : { attach: req.attach }),
        notify_url: req.notifyUrl ?? cfg.notifyUrl,
        amount: { total: req.amount_fen, currency: 'CNY' },
        payer: { openid: req.payerOpenId },
      }, 'prepay');
      if (!res.ok) return res;
      const doc = replyDoc(res.data, 'prepay');
      if (!doc.ok) return doc;
      const prepayId = doc.data.prepay_id;
      if (typeof prepayId !== 'string' || prepayId.length === 0 || prepayId.length > 64) return payErr('PROVIDER_UNAVAILABLE', 'prepay: the reply has no prepay_id');
      const timeStamp = String(Math.floor(now_ms() / 1000));
      const nonceStr = nonce();
      const pkg = `prepay_id=${prepayId}`;
      return payOk({ prepayId, appId, jsapi: { timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign: jsapiPaySign(appId, timeStamp, nonceStr, pkg, cfg.privateKeyPem) } });
    },

    async query(outTradeNo: string): Promise<PayResult<Transaction>> {
      const checked = checkOutTradeNo(outTradeNo);
      if (!checked.ok) return checked;
      const res = await call('GET', `${tradePath(outTradeNo)}?mchid=${encodeURIComponent(cfg.mchId)}`, undefined, 'query');
      if (!res.ok) return res;
      const doc = replyDoc(res.data, 'query');
      if (!doc.ok) return doc;
      const t = readTransaction(doc.data);
      if (!t.ok) return payErr('PROVIDER_UNAVAILABLE', `query: ${t.error.message}`);
      if (t.data.outTradeNo !== outTradeNo || t.data.mchId !== cfg.mchId) return payErr('PROVIDER_UNAVAILABLE', 'query: the reply is about another trade');
      return t;
    },

    async close(outTradeNo: string): Promise<PayResult<{ closed: true }>> {
      const checked = checkOutTradeNo(outTradeNo);
      if (!checked.ok) return checked;
      const res = await call('POST', `${tradePath(outTradeNo)}/close`, { mchid: cfg.mchId }, 'close'); // 204, no body
      return res.ok ? payOk({ closed: true }) : res;
    },

    async refund(req: RefundRequest): Promise<PayResult<Refund>> {
      const checked = checkRefund(req);
      if (!checked.ok) return checked;
      const notifyUrl = req.notifyUrl ?? cfg.refundNotifyUrl;
      const res = await call('POST', REFUNDS_PATH, {
        out_trade_no: req.outTradeNo,
        out_refund_no: req.outRefundNo,
        ...(req.reason === undefined ? {} : { reason: req.reason }),
        ...(notifyUrl === undefined ? {} : { notify_url: notifyUrl }),
        amount: { refund: req.amount_fen, total: req.total_fen, currency: 'CNY' },
      }, 'refund');
      if (!res.ok) return res;
      const doc = replyDoc(res.data, 'refund');
      if (!doc.ok) return doc;
      const r = readRefund(doc.data);
      if (!r.ok) return payErr('PROVIDER_UNAVAILABLE', `refund: ${r.error.message}`);
      if (r.data.outRefundNo !== req.outRefundNo) return payErr('PROVIDER_UNAVAILABLE', 'refund: the reply is about another refund');
      return r;
    },

    async queryRefund(outRefundNo: string): Promise<PayResult<Refund>> {
      const checked = checkOutRefundNo(outRefundNo);
      if (!checked.ok) return checked;
      const res = await call('GET', `${REFUNDS_PATH}/${encodeURIComponent(outRefundNo)}`, undefined, 'queryRefund');
      if (!res.ok) return res;
      const doc = replyDoc(res.data, 'queryRefund');
      if (!doc.ok) return doc;
      const r = readRefund(doc.data);
      return r.ok ? r : payErr('PROVIDER_UNAVAILABLE', `queryRefund: ${r.error.message}`);
    },

    verifyPaymentNotice: (raw, at_ms) => verifyPaymentNotice(raw, noticeKeys, at_ms),
    verifyRefundNotice: (raw, at_ms) => verifyRefundNotice(raw, noticeKeys, at_ms),

    async profitShare(req: ProfitSharingRequest): Promise<PayResult<ProfitSharingResult>> {
      const checked = checkProfitSharing(req);
      if (!checked.ok) return checked;
      const body = profitSharingBody(cfg.appId, req, (name) => encryptSensitive(name, platform.publicKey));
      // An encrypted name names the key it was sealed with.
      const res = await call('POST', PROFIT_SHARING_PATH, body, 'profitShare', req.receivers.some((r) => r.name !== undefined) ? { 'Wechatpay-Serial': platform.serial } : {});
      if (!res.ok) return res;
      const doc = replyDoc(res.data, 'profitShare');
      if (!doc.ok) return doc;
      const d = doc.data;
      if (d.out_order_no !== req.outOrderNo || typeof d.order_id !== 'string') return payErr('PROVIDER_UNAVAILABLE', 'profitShare: the reply is about another request');
      return payOk({ outOrderNo: req.outOrderNo, orderId: d.order_id, state: d.state === 'FINISHED' ? 'FINISHED' : 'PROCESSING', shared_fen: body.receivers.reduce((s, r) => s + r.amount, 0) });
    },
  };
}
