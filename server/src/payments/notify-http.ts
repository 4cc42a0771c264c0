/**
 * The notify URL's HTTP edge. In CloudBase a function behind HTTP access (HTTP 访问服务) gets
 * `{ httpMethod, headers, body, isBase64Encoded }`; the signature covers the exact body bytes,
 * so it is taken as received (decoded from base64 when the platform encoded it), never re-serialized.
 * WeChat Pay wants 200/204 for a handled notice, else 4xx/5xx with `{ code: 'FAIL', message }`
 * and it delivers again later.
 */
import { SIGNED_BODY_LENGTH_MAX } from './wechat-pay-crypto.js';
import type { PaymentError, RawNotice } from './provider.js';

export interface HttpTriggerEvent {
  httpMethod?: string;
  headers?: Record<string, string | undefined>;
  body?: string | null;
  isBase64Encoded?: boolean;
}

/** The raw notice of an HTTP-triggered call; null when it cannot be one (not a POST, no body, too large). */
export function rawNoticeFromHttpEvent(event: HttpTriggerEvent): RawNotice | null {
  if (event.httpMethod !== undefined && event.httpMethod.toUpperCase() !== 'POST') return null;
  if (typeof event.body !== 'string' || event.body.length === 0 || event.body.length > SIGNED_BODY_LENGTH_MAX * 2) return null;
  const body = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (body.length > SIGNED_BODY_LENGTH_MAX) return null;
  return { headers: { ...(event.headers ?? {}) }, body };
}

export interface HttpTriggerReply {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

/**
 * The reply to WeChat Pay. A handled notice — including one posted before — is acknowledged
 * (204), or WeChat Pay keeps sending it. A notice refused as forged or malformed gets 401/400 and
 * one we could not handle now (e.g. the database was unavailable) 500: WeChat Pay retries those.
 */
export function noticeReply(outcome: { ok: true } | { ok: false; error: Pick<PaymentError, 'code' | 'message'> }): HttpTriggerReply {
  if (outcome.ok) return { statusCode: 204, headers: {}, body: '', isBase64Encoded: false };
  const code = outcome.error.code;
  const statusCode = code === 'SIGNATURE_INVALID' || code === 'UNKNOWN_SERIAL' || code === 'NOTICE_STALE' ? 401 : code === 'NOTICE_MALFORMED' || code === 'NOTICE_FOREIGN' ? 400 : 500;
  return { statusCode, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: 'FAIL', message: outcome.error.message.slice(0, 200) }), isBase64Encoded: false };
}
