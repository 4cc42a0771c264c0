/**
 * The local default WeChat Pay: no network, deterministic ids, the rules WeChat Pay applies
 * (a paid trade cannot be prepaid or closed again, one refund per refund number, refunds never
 * above the total). Paying is `simulatePayment(outTradeNo)`: it produces the notice WeChat Pay
 * would post to the notify URL — encrypted with the simulated APIv3 key and signed by the
 * simulated platform key — so the notice goes through the very verification production uses.
 *
 * Its records live in memory (one provider per process, see configured.ts). A process that did
 * not make the prepay (a test or the gateway, with the functions in worker threads) builds the
 * notice with `simulatedPaymentNotice`, which needs only what the payment's document holds.
 */
import type { ProfitSharingRequest } from '@channel-router/shared';
import { checkProfitSharing, type ProfitSharingResult } from './profit-sharing.js';
import { createHash } from 'node:crypto';
import { encryptResource, jsapiPaySign, platformPublicKey, platformSignatureHeaders } from './wechat-pay-crypto.js';
import { verifyPaymentNotice, verifyRefundNotice, type NoticeKeys } from './wechat-pay-shapes.js';
import { payErr, payOk, type PaymentProvider, type PayResult, type Prepay, type PrepayRequest, type RawNotice, type Refund, type RefundRequest, type Transaction } from './provider.js';
import { SIMULATED_APIV3_KEY, SIMULATED_APPID, SIMULATED_MCHID, SIMULATED_PLATFORM_PRIVATE_KEY_PEM, SIMULATED_PLATFORM_PUBLIC_KEY_PEM, SIMULATED_PLATFORM_SERIAL } from './simulated-keys.js';
import { checkOutRefundNo, checkOutTradeNo, checkPrepay, checkRefund, rfc3339Shanghai } from './validate.js';

/** Trades kept in memory; the oldest are forgotten beyond this (a local process, not a ledger). */
export const SIMULATED_TRADES_MAX = 10_000;
/** Refunds per trade (WeChat Pay allows 50 partial refunds of one payment). */
export const REFUNDS_PER_TRADE_MAX = 50;

function hex(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}
/** n decimal digits derived from the parts: ids look like WeChat's and are the same every run. */
function digits(n: number, ...parts: string[]): string {
  return [...hex(...parts)].map((c) => String(parseInt(c, 16) % 10)).join('').slice(0, n);
}

export const simulatedTransactionId = (outTradeNo: string) => `4200${digits(28, 'transaction', outTradeNo)}`;
export const simulatedPrepayId = (outTradeNo: string) => `wx${digits(12, 'prepay-time', outTradeNo)}${hex('prepay', outTradeNo).slice(0, 20)}`;
export const simulatedRefundId = (outRefundNo: string) => `50${digits(30, 'refund', outRefundNo)}`;

function signedNotice(resourceDoc: object, originalType: 'transaction' | 'refund', eventType: string, summary: string, at_ms: number, seed: string): RawNotice {
  const resource = encryptResource(JSON.stringify(resourceDoc), SIMULATED_APIV3_KEY, hex('resource-nonce', seed).slice(0, 12), originalType, originalType);
  const body = JSON.stringify({
    id: [8, 4, 4, 4, 12].map((n, i) => hex('notice-id', seed, String(i)).slice(0, n)).join('-'),
    create_time: rfc3339Shanghai(at_ms),
    resource_type: 'encrypt-resource',
    event_type: eventType,
    summary,
    resource,
  });
  const headers = platformSignatureHeaders(body, SIMULATED_PLATFORM_PRIVATE_KEY_PEM, SIMULATED_PLATFORM_SERIAL, Math.floor(at_ms / 1000), hex('notice-nonce', seed).slice(0, 32));
  return { headers: { ...headers, 'Content-Type': 'application/json' }, body };
}

export interface SimulatedPaymentFacts {
  outTradeNo: string;
  total_fen: number;
  payerOpenId: string;
  appId?: string;
  attach?: string;
  /** When the payment succeeded (success_time). */
  at_ms: number;
  /** When this delivery of the notice is signed (a redelivery is signed anew); default at_ms. */
  deliveredAt_ms?: number;
}

/** The notice WeChat Pay would post for this payment, signed by the simulated platform. */
export function simulatedPaymentNotice(p: SimulatedPaymentFacts): RawNotice {
  const transaction = {
    appid: p.appId ?? SIMULATED_APPID,
    mchid: SIMULATED_MCHID,
    out_trade_no: p.outTradeNo,
    transaction_id: simulatedTransactionId(p.outTradeNo),
    trade_type: 'JSAPI',
    trade_state: 'SUCCESS',
    trade_state_desc: '支付成功',
    bank_type: 'OTHERS',
    ...(p.attach === undefined ? {} : { attach: p.attach }),
    success_time: rfc3339Shanghai(p.at_ms),
    payer: { openid: p.payerOpenId },
    amount: { total: p.total_fen, payer_total: p.total_fen, currency: 'CNY', payer_currency: 'CNY' },
  };
  const deliveredAt_ms = p.deliveredAt_ms ?? p.at_ms;
  return signedNotice(transaction, 'transaction', 'TRANSACTION.SUCCESS', '支付成功', deliveredAt_ms, `pay:${p.outTradeNo}:${deliveredAt_ms}`);
}

/** The notice WeChat Pay would post for this refund, signed by the simulated platform. */
export function simulatedRefundNotice(r: Refund, at_ms: number): RawNotice {
  const resource = {
    mchid: SIMULATED_MCHID,
    out_trade_no: r.outTradeNo,
    transaction_id: r.transactionId,
    out_refund_no: r.outRefundNo,
    refund_id: r.refundId,
    refund_status: r.status,
    ...(r.successAt_ms === null ? {} : { success_time: rfc3339Shanghai(r.successAt_ms) }),
    user_received_account: '支付用户零钱',
    amount: { total: r.total_fen, refund: r.refund_fen, payer_total: r.total_fen, payer_refund: r.refund_fen },
  };
  return signedNotice(resource, 'refund', `REFUND.${r.status}`, '退款成功', at_ms, `refund:${r.outRefundNo}:${at_ms}`);
}

interface SimTrade {
  req: PrepayRequest;
  appId: string;
  prepayId: string;
  state: 'NOTPAY' | 'SUCCESS' | 'REFUND' | 'CLOSED';
  successAt_ms: number | null;
  refunds: Map<string, Refund>;
}

export interface SimulatedPaymentProvider extends PaymentProvider {
  readonly name: 'simulated';
  /** Pays a prepaid trade as its payer would; answers the notice WeChat Pay would post (again, if paid before). */
  simulatePayment(outTradeNo: string, at_ms?: number): PayResult<RawNotice>;
  /** The refund notice of a refund made here. */
  simulateRefundNotice(outRefundNo: string, at_ms?: number): PayResult<RawNotice>;
  /** The profit-sharing requests recorded, oldest first (for tests and the local gateway's pages). */
  profitShares(): ReadonlyArray<ProfitSharingRequest & { result: ProfitSharingResult }>;
  /** The prepays made, oldest first (for tests and the local gateway's pages). */
  prepays(): readonly { outTradeNo: string; prepayId: string; amount_fen: number; state: string }[];
}

export function simulatedPaymentProvider(now_ms: () => number = Date.now): SimulatedPaymentProvider {
  const trades = new Map<string, SimTrade>();
  const refundTrade = new Map<string, string>(); // outRefundNo → outTradeNo
  const shares = new Map<string, { req: ProfitSharingRequest; result: ProfitSharingResult }>(); // outOrderNo →
  const noticeKeys: NoticeKeys = {
    platform: { serial: SIMULATED_PLATFORM_SERIAL, publicKey: platformPublicKey(SIMULATED_PLATFORM_PUBLIC_KEY_PEM) },
    apiV3Key: SIMULATED_APIV3_KEY,
    mchId: SIMULATED_MCHID,
    appIds: 'any',
  };

  function transaction(no: string, t: SimTrade): Transaction {
    const paid = t.state === 'SUCCESS' || t.state === 'REFUND';
    return {
      outTradeNo: no,
      transactionId: paid ? simulatedTransactionId(no) : null,
      tradeState: t.state,
      total_fen: t.req.amount_fen,
      payerTotal_fen: paid ? t.req.amount_fen : null,
      successAt_ms: t.successAt_ms,
      payerOpenId: t.req.payerOpenId,
      appId: t.appId,
      mchId: SIMULATED_MCHID,
      attach: t.req.attach ?? null,
    };
  }

  return {
    name: 'simulated',

    async prepay(req: PrepayRequest): Promise<PayResult<Prepay>> {
      const checked = checkPrepay(req, now_ms());
      if (!checked.ok) return checked;
      const known = trades.get(req.outTradeNo);
      if (known && known.state !== 'NOTPAY') {
        return payErr('PROVIDER_REJECTED', `prepay: trade ${req.outTradeNo} is ${known.state}`, { providerCode: known.state === 'CLOSED' ? 'ORDER_CLOSED' : 'ORDERPAID' });
      }
      if (known && (known.req.amount_fen !== req.amount_fen || known.req.payerOpenId !== req.payerOpenId)) {
        return payErr('PROVIDER_REJECTED', 'prepay: out_trade_no used before with another amount or payer', { providerCode: 'INVALID_REQUEST' });
      }
      const appId = req.appId ?? SIMULATED_APPID;
      const prepayId = simulatedPrepayId(req.outTradeNo);
      if (!known) {
        if (trades.size >= SIMULATED_TRADES_MAX) trades.delete(trades.keys().next().value!);
        trades.set(req.outTradeNo, { req, appId, prepayId, state: 'NOTPAY', successAt_ms: null, refunds: new Map() });
      }
      const timeStamp = String(Math.floor(now_ms() / 1000));
      const nonceStr = hex('jsapi-nonce', req.outTradeNo, timeStamp).slice(0, 32);
      const pkg = `prepay_id=${prepayId}`;
      // Signed like production (with the simulated key): a local app cannot tell the difference.
      return payOk({ prepayId, appId, jsapi: { timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign: jsapiPaySign(appId, timeStamp, nonceStr, pkg, SIMULATED_PLATFORM_PRIVATE_KEY_PEM) } });
    },

    async query(outTradeNo: string): Promise<PayResult<Transaction>> {
      const checked = checkOutTradeNo(outTradeNo);
      if (!checked.ok) return checked;
      const t = trades.get(outTradeNo);
      return t ? payOk(transaction(outTradeNo, t)) : payErr('NOT_FOUND', `query: no trade ${outTradeNo}`, { providerCode: 'ORDER_NOT_EXIST' });
    },

    async close(outTradeNo: string): Promise<PayResult<{ closed: true }>> {
      const checked = checkOutTradeNo(outTradeNo);
      if (!checked.ok) return checked;
      const t = trades.get(outTradeNo);
      if (!t) return payErr('NOT_FOUND', `close: no trade ${outTradeNo}`, { providerCode: 'ORDER_NOT_EXIST' });
      if (t.state === 'SUCCESS' || t.state === 'REFUND') return payErr('PROVIDER_REJECTED', `close: trade ${outTradeNo} is paid`, { providerCode: 'ORDERPAID' });
      t.state = 'CLOSED'; // closing twice is fine, as at WeChat Pay
      return payOk({ closed: true });
    },

    async refund(req: RefundRequest): Promise<PayResult<Refund>> {
      const checked = checkRefund(req);
      if (!checked.ok) return checked;
      const t = trades.get(req.outTradeNo);
      if (!t || (t.state !== 'SUCCESS' && t.state !== 'REFUND')) return payErr('NOT_FOUND', `refund: no paid trade ${req.outTradeNo}`, { providerCode: 'RESOURCE_NOT_EXISTS' });
      const before = t.refunds.get(req.outRefundNo);
      if (before) {
        if (before.refund_fen !== req.amount_fen) return payErr('PROVIDER_REJECTED', 'refund: out_refund_no used before with another amount', { providerCode: 'INVALID_REQUEST' });
        return payOk(before); // the same number answers the same refund: retries never pay twice
      }
      if (req.total_fen !== t.req.amount_fen) return payErr('PROVIDER_REJECTED', 'refund: amount.total is not the payment total', { providerCode: 'INVALID_REQUEST' });
      const refunded_fen = [...t.refunds.values()].reduce((s, r) => s + r.refund_fen, 0);
      if (refunded_fen + req.amount_fen > t.req.amount_fen) return payErr('PROVIDER_REJECTED', 'refund: more than the payment has left', { providerCode: 'INVALID_REQUEST' });
      if (t.refunds.size >= REFUNDS_PER_TRADE_MAX) return payErr('PROVIDER_REJECTED', 'refund: too many refunds of one payment', { providerCode: 'INVALID_REQUEST' });
      const r: Refund = {
        refundId: simulatedRefundId(req.outRefundNo),
        outRefundNo: req.outRefundNo,
        outTradeNo: req.outTradeNo,
        transactionId: simulatedTransactionId(req.outTradeNo),
        status: 'SUCCESS',
        refund_fen: req.amount_fen,
        total_fen: req.total_fen,
        successAt_ms: now_ms(),
      };
      t.refunds.set(req.outRefundNo, r);
      refundTrade.set(req.outRefundNo, req.outTradeNo);
      t.state = 'REFUND';
      return payOk(r);
    },

    async queryRefund(outRefundNo: string): Promise<PayResult<Refund>> {
      const checked = checkOutRefundNo(outRefundNo);
      if (!checked.ok) return checked;
      const r = trades.get(refundTrade.get(outRefundNo) ?? '')?.refunds.get(outRefundNo);
      return r ? payOk(r) : payErr('NOT_FOUND', `queryRefund: no refund ${outRefundNo}`, { providerCode: 'RESOURCE_NOT_EXISTS' });
    },

    verifyPaymentNotice: (raw, at_ms) => verifyPaymentNotice(raw, noticeKeys, at_ms),
    verifyRefundNotice: (raw, at_ms) => verifyRefundNotice(raw, noticeKeys, at_ms),

    simulatePayment(outTradeNo: string, at_ms: number = now_ms()): PayResult<RawNotice> {
      const t = trades.get(outTradeNo);
      if (!t) return payErr('NOT_FOUND', `no prepay for ${outTradeNo}`, { providerCode: 'ORDER_NOT_EXIST' });
      if (t.state === 'CLOSED') return payErr('PROVIDER_REJECTED', `trade ${outTradeNo} is closed`, { providerCode: 'ORDER_CLOSED' });
      if (t.state === 'NOTPAY') {
        if (at_ms >= t.req.expiresAt_ms) return payErr('PROVIDER_REJECTED', `trade ${outTradeNo} expired`, { providerCode: 'ORDER_CLOSED' });
        t.state = 'SUCCESS';
        t.successAt_ms = at_ms;
      }
      return payOk(simulatedPaymentNotice({ outTradeNo, total_fen: t.req.amount_fen, payerOpenId: t.req.payerOpenId, appId: t.appId, ...(t.req.attach === undefined ? {} : { attach: t.req.attach }), at_ms: t.successAt_ms!, deliveredAt_ms: at_ms }));
    },

    simulateRefundNotice(outRefundNo: string, at_ms: number = now_ms()): PayResult<RawNotice> {
      const r = trades.get(refundTrade.get(outRefundNo) ?? '')?.refunds.get(outRefundNo);
      return r ? payOk(simulatedRefundNotice(r, at_ms)) : payErr('NOT_FOUND', `no refund ${outRefundNo}`);
    },

    prepays: () => [...trades.entries()].map(([outTradeNo, t]) => ({ outTradeNo, prepayId: t.prepayId, amount_fen: t.req.amount_fen, state: t.state })),

    async profitShare(req: ProfitSharingRequest): Promise<PayResult<ProfitSharingResult>> {
      const checked = checkProfitSharing(req);
      if (!checked.ok) return checked;
      const before = shares.get(req.outOrderNo);
      // The same number answers the same request, as at WeChat Pay: a retry never shares twice.
      if (before) return JSON.stringify(before.req) === JSON.stringify(req) ? payOk(before.result) : payErr('PROVIDER_REJECTED', 'profitShare: out_order_no used before for another request', { providerCode: 'INVALID_REQUEST' });
      if (shares.size >= SIMULATED_TRADES_MAX) shares.delete(shares.keys().next().value!);
      const result: ProfitSharingResult = { outOrderNo: req.outOrderNo, orderId: hex('profit-sharing', req.outOrderNo).slice(0, 32), state: 'FINISHED', shared_fen: req.receivers.reduce((s, r) => s + r.amount, 0) };
      shares.set(req.outOrderNo, { req, result });
      return payOk(result);
    },

    profitShares: () => [...shares.values()].map((s) => ({ ...s.req, result: s.result })),
  };
}
