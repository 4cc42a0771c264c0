/**
 * Reading WeChat Pay API v3 documents (replies, notices) into our typed values. Field names on
 * the wire are WeChat's (`out_trade_no`, `trade_state`, `amount.total`...); nothing here trusts
 * a document before the caller has verified its signature.
 */
import { decryptResource, verifyPlatformSignature, type EncryptedResource, type PlatformKey } from './wechat-pay-crypto.js';
import { payErr, payOk, type PaymentNotice, type PayResult, type RawNotice, type Refund, type RefundNotice, type RefundStatus, type TradeState, type Transaction } from './provider.js';

const TRADE_STATES: readonly TradeState[] = ['SUCCESS', 'REFUND', 'NOTPAY', 'CLOSED', 'REVOKED', 'USERPAYING', 'PAYERROR'];
const REFUND_STATUSES: readonly RefundStatus[] = ['SUCCESS', 'CLOSED', 'PROCESSING', 'ABNORMAL'];
const REFUND_EVENTS = ['REFUND.SUCCESS', 'REFUND.ABNORMAL', 'REFUND.CLOSED'];

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 && v.length <= 256 ? v : null;
}
function fen(v: unknown): number | null {
  return Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : null;
}
/** RFC 3339 (`2018-06-08T10:34:56+08:00`) to ms; null when absent or unreadable. */
function time_ms(v: unknown): number | null {
  const s = str(v);
  if (s === null) return null;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : null;
}

export function parseJson(body: string): Json | null {
  try {
    const v: unknown = JSON.parse(body);
    return isObject(v) ? v : null;
  } catch {
    return null;
  }
}

/** A transaction document (a query's reply, a payment notice's decrypted resource). */
export function readTransaction(doc: Json): PayResult<Transaction> {
  const amount = isObject(doc.amount) ? doc.amount : {};
  const payer = isObject(doc.payer) ? doc.payer : {};
  const outTradeNo = str(doc.out_trade_no);
  const tradeState = TRADE_STATES.find((s) => s === doc.trade_state);
  const total_fen = fen(amount.total);
  const appId = str(doc.appid);
  const mchId = str(doc.mchid);
  if (outTradeNo === null || tradeState === undefined || total_fen === null || appId === null || mchId === null) {
    return payErr('NOTICE_MALFORMED', 'not a transaction: out_trade_no, trade_state, amount.total, appid and mchid are required');
  }
  const t: Transaction = {
    outTradeNo,
    transactionId: str(doc.transaction_id),
    tradeState,
    total_fen,
    payerTotal_fen: fen(amount.payer_total),
    successAt_ms: time_ms(doc.success_time),
    payerOpenId: str(payer.openid),
    appId,
    mchId,
    attach: str(doc.attach),
  };
  if (t.tradeState === 'SUCCESS' && (t.transactionId === null || t.successAt_ms === null)) {
    return payErr('NOTICE_MALFORMED', 'a paid transaction has a transaction_id and a success_time');
  }
  return payOk(t);
}

/** A refund document: the refund API's reply (`status`) or a refund notice's resource (`refund_status`). */
export function readRefund(doc: Json): PayResult<Refund> {
  const amount = isObject(doc.amount) ? doc.amount : {};
  const status = REFUND_STATUSES.find((s) => s === (doc.status ?? doc.refund_status));
  const r = {
    refundId: str(doc.refund_id),
    outRefundNo: str(doc.out_refund_no),
    outTradeNo: str(doc.out_trade_no),
    transactionId: str(doc.transaction_id),
    refund_fen: fen(amount.refund),
    total_fen: fen(amount.total),
  };
  if (status === undefined || Object.values(r).some((v) => v === null)) {
    return payErr('NOTICE_MALFORMED', 'not a refund: refund_id, out_refund_no, out_trade_no, transaction_id, status and amount are required');
  }
  return payOk({ ...(r as { [K in keyof typeof r]: NonNullable<(typeof r)[K]> }), status, successAt_ms: time_ms(doc.success_time) });
}

export interface NoticeKeys {
  platform: PlatformKey;
  apiV3Key: string;
  mchId: string;
  /** AppIDs whose payments this deployment takes ('any': the simulated provider, which serves every local app). */
  appIds: readonly string[] | 'any';
}

interface OpenedNotice {
  id: string;
  eventType: string;
  resource: Json;
}

/** Verifies the signature, reads the envelope and decrypts its resource. */
function openNotice(raw: RawNotice, keys: NoticeKeys, now_ms: number, originalType: string): PayResult<OpenedNotice> {
  const signed = verifyPlatformSignature(raw.headers, raw.body, keys.platform, now_ms);
  if (!signed.ok) return signed;
  const envelope = parseJson(raw.body);
  const resource = envelope && isObject(envelope.resource) ? envelope.resource : null;
  const id = envelope ? str(envelope.id) : null;
  const eventType = envelope ? str(envelope.event_type) : null;
  if (!envelope || !resource || id === null || eventType === null || envelope.resource_type !== 'encrypt-resource') {
    return payErr('NOTICE_MALFORMED', 'not a notice: id, event_type, resource_type encrypt-resource and resource are required');
  }
  if (resource.original_type !== originalType) return payErr('NOTICE_MALFORMED', `expected a ${originalType} notice, got ${String(resource.original_type)}`);
  for (const f of ['ciphertext', 'nonce'] as const) {
    if (typeof resource[f] !== 'string') return payErr('NOTICE_MALFORMED', `resource.${f} is required`);
  }
  const plain = decryptResource(resource as unknown as EncryptedResource, keys.apiV3Key);
  if (!plain.ok) return plain;
  const doc = parseJson(plain.data);
  if (!doc) return payErr('NOTICE_MALFORMED', 'the decrypted resource is not a JSON object');
  return payOk({ id, eventType, resource: doc });
}

export function verifyPaymentNotice(raw: RawNotice, keys: NoticeKeys, now_ms: number): PayResult<PaymentNotice> {
  const opened = openNotice(raw, keys, now_ms, 'transaction');
  if (!opened.ok) return opened;
  if (opened.data.eventType !== 'TRANSACTION.SUCCESS') return payErr('NOTICE_MALFORMED', `unexpected event_type ${opened.data.eventType}`);
  const t = readTransaction(opened.data.resource);
  if (!t.ok) return t;
  if (t.data.mchId !== keys.mchId) return payErr('NOTICE_FOREIGN', `the notice is for merchant ${t.data.mchId}`);
  if (keys.appIds !== 'any' && !keys.appIds.includes(t.data.appId)) return payErr('NOTICE_FOREIGN', `the notice is for app ${t.data.appId}`);
  if (t.data.tradeState !== 'SUCCESS' || t.data.transactionId === null) return payErr('NOTICE_MALFORMED', `a payment notice with trade_state ${t.data.tradeState}`);
  return payOk({ ...t.data, transactionId: t.data.transactionId, kind: 'payment', noticeId: opened.data.id });
}

export function verifyRefundNotice(raw: RawNotice, keys: NoticeKeys, now_ms: number): PayResult<RefundNotice> {
  const opened = openNotice(raw, keys, now_ms, 'refund');
  if (!opened.ok) return opened;
  if (!REFUND_EVENTS.includes(opened.data.eventType)) return payErr('NOTICE_MALFORMED', `unexpected event_type ${opened.data.eventType}`);
  const mchId = str(opened.data.resource.mchid);
  if (mchId !== keys.mchId) return payErr('NOTICE_FOREIGN', `the notice is for merchant ${String(mchId)}`);
  const r = readRefund(opened.data.resource);
  if (!r.ok) return r;
  return payOk({ ...r.data, kind: 'refund', noticeId: opened.data.id });
}
