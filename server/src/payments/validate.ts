/**
 * Checks of our own requests before anything is sent: a bad request names its field and sends
 * nothing (both providers run the same checks, so the simulated one refuses what WeChat Pay would).
 */
import {
  AMOUNT_FEN_MAX,
  ATTACH_LENGTH_MAX,
  DESCRIPTION_LENGTH_MAX,
  OUT_REFUND_NO_PATTERN,
  OUT_TRADE_NO_PATTERN,
  payErr,
  payOk,
  REFUND_REASON_LENGTH_MAX,
  type PayResult,
  type PrepayRequest,
  type RefundRequest,
} from './provider.js';

const OPENID_PATTERN = /^[0-9A-Za-z_-]{1,128}$/;

function isFen(v: unknown): v is number {
  return Number.isSafeInteger(v) && (v as number) > 0 && (v as number) <= AMOUNT_FEN_MAX;
}

export function checkOutTradeNo(outTradeNo: string): PayResult<true> {
  return typeof outTradeNo === 'string' && OUT_TRADE_NO_PATTERN.test(outTradeNo) ? payOk(true) : payErr('INVALID_REQUEST', 'outTradeNo must be 6–32 of [0-9A-Za-z_-|*]', { field: 'outTradeNo' });
}

export function checkOutRefundNo(outRefundNo: string): PayResult<true> {
  return typeof outRefundNo === 'string' && OUT_REFUND_NO_PATTERN.test(outRefundNo) ? payOk(true) : payErr('INVALID_REQUEST', 'outRefundNo must be 1–64 of [0-9A-Za-z_-|*@]', { field: 'outRefundNo' });
}

export function checkPrepay(req: PrepayRequest, now_ms: number): PayResult<true> {
  const no = checkOutTradeNo(req.outTradeNo);
  if (!no.ok) return no;
  if (!isFen(req.amount_fen)) return payErr('INVALID_REQUEST', `amount_fen must be an integer in [1, ${AMOUNT_FEN_MAX}]`, { field: 'amount_fen' });
  if (typeof req.payerOpenId !== 'string' || !OPENID_PATTERN.test(req.payerOpenId)) return payErr('INVALID_REQUEST', 'payerOpenId must be an openId', { field: 'payerOpenId' });
  if (typeof req.description !== 'string' || req.description.length < 1 || req.description.length > DESCRIPTION_LENGTH_MAX) {
    return payErr('INVALID_REQUEST', `description must be 1–${DESCRIPTION_LENGTH_MAX} characters`, { field: 'description' });
  }
  if (!Number.isSafeInteger(req.expiresAt_ms) || req.expiresAt_ms <= now_ms) return payErr('INVALID_REQUEST', 'expiresAt_ms must be a time in the future', { field: 'expiresAt_ms' });
  if (req.attach !== undefined && (typeof req.attach !== 'string' || req.attach.length > ATTACH_LENGTH_MAX)) {
    return payErr('INVALID_REQUEST', `attach must be at most ${ATTACH_LENGTH_MAX} characters`, { field: 'attach' });
  }
  if (req.notifyUrl !== undefined && !/^https:\/\/[^\s?#]{1,250}$/.test(req.notifyUrl)) return payErr('INVALID_REQUEST', 'notifyUrl must be an https URL without a query', { field: 'notifyUrl' });
  return payOk(true);
}

export function checkRefund(req: RefundRequest): PayResult<true> {
  const no = checkOutTradeNo(req.outTradeNo);
  if (!no.ok) return no;
  const rno = checkOutRefundNo(req.outRefundNo);
  if (!rno.ok) return rno;
  if (!isFen(req.total_fen)) return payErr('INVALID_REQUEST', `total_fen must be an integer in [1, ${AMOUNT_FEN_MAX}]`, { field: 'total_fen' });
  if (!isFen(req.amount_fen) || req.amount_fen > req.total_fen) return payErr('INVALID_REQUEST', 'amount_fen must be an integer in [1, total_fen]', { field: 'amount_fen' });
  if (req.reason !== undefined && (typeof req.reason !== 'string' || req.reason.length > REFUND_REASON_LENGTH_MAX)) {
    return payErr('INVALID_REQUEST', `reason must be at most ${REFUND_REASON_LENGTH_MAX} characters`, { field: 'reason' });
  }
  if (req.notifyUrl !== undefined && !/^https:\/\/[^\s?#]{1,250}$/.test(req.notifyUrl)) return payErr('INVALID_REQUEST', 'notifyUrl must be an https URL without a query', { field: 'notifyUrl' });
  return payOk(true);
}

/** RFC 3339 in China Standard Time, as WeChat Pay writes times: `2026-12-04T18:30:00+08:00`. */
export function rfc3339Shanghai(at_ms: number): string {
  const shifted = new Date(at_ms + 8 * 3600_000).toISOString(); // 2026-12-04T10:30:00.000Z
  return `${shifted.slice(0, 19)}+08:00`;
}
