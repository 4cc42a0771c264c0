/**
 * WeChat Pay 分账 (profit sharing, API v3 `POST /v3/profitsharing/orders`) built from a settlement
 * document's request (docs/promotions.md#settlement, `settlementDocument`): the checks WeChat
 * applies, so a bad request is refused here with the field named, and the body production sends.
 * A receiver's name is a sensitive field: WeChat wants it encrypted with the platform's public key
 * (RSA-OAEP), and the request then names that key in `Wechatpay-Serial`.
 */
import { constants, publicEncrypt, type KeyObject } from 'node:crypto';
import type { ProfitSharingRequest } from '@channel-router/shared';
import { payErr, payOk, type PayResult } from './provider.js';

export const PROFIT_SHARING_PATH = '/v3/profitsharing/orders';
/** WeChat's out_order_no rule: 1–64 of [0-9A-Za-z_-|*@]. */
export const OUT_ORDER_NO_PATTERN = /^[0-9A-Za-z_\-|*@]{1,64}$/;
/** WeChat takes at most 50 receivers in one request. */
export const PROFIT_SHARING_RECEIVERS_MAX = 50;
export const PROFIT_SHARING_DESCRIPTION_MAX = 80;
const TRANSACTION_ID_PATTERN = /^[0-9A-Za-z]{1,32}$/;

export interface ProfitSharingResult {
  outOrderNo: string;
  /** WeChat's own number for the request. */
  orderId: string;
  state: 'PROCESSING' | 'FINISHED';
  /** Fen asked to go to the receivers. */
  shared_fen: number;
}

export interface ProfitSharingBody {
  appid: string;
  transaction_id: string;
  out_order_no: string;
  receivers: Array<{ type: 'MERCHANT_ID' | 'PERSONAL_OPENID'; account: string; name?: string; amount: number; description: string }>;
  unfreeze_unsplit: boolean;
}

/** The request as WeChat would refuse it: INVALID_REQUEST naming the field, nothing sent. */
export function checkProfitSharing(req: ProfitSharingRequest): PayResult<true> {
  if (!TRANSACTION_ID_PATTERN.test(req.transactionId)) return payErr('INVALID_REQUEST', 'transactionId must be WeChat Pay’s transaction id', { field: 'transactionId' });
  if (!OUT_ORDER_NO_PATTERN.test(req.outOrderNo)) return payErr('INVALID_REQUEST', 'outOrderNo must be 1–64 of [0-9A-Za-z_-|*@]', { field: 'outOrderNo' });
  if (req.receivers.length === 0 || req.receivers.length > PROFIT_SHARING_RECEIVERS_MAX) return payErr('INVALID_REQUEST', `1 to ${PROFIT_SHARING_RECEIVERS_MAX} receivers`, { field: 'receivers' });
  let total = 0;
  for (const [i, r] of req.receivers.entries()) {
    if (!Number.isSafeInteger(r.amount) || r.amount <= 0) return payErr('INVALID_REQUEST', 'an amount is a positive number of fen', { field: `receivers[${i}].amount` });
    if (r.account.length === 0 || r.account.length > 64) return payErr('INVALID_REQUEST', 'an account is 1–64 characters', { field: `receivers[${i}].account` });
    if (r.description.length === 0 || r.description.length > PROFIT_SHARING_DESCRIPTION_MAX) return payErr('INVALID_REQUEST', `a description is 1–${PROFIT_SHARING_DESCRIPTION_MAX} characters`, { field: `receivers[${i}].description` });
    if (r.type === 'MERCHANT_ID' && (r.name === undefined || r.name.length === 0)) return payErr('INVALID_REQUEST', 'a merchant receiver needs its full name', { field: `receivers[${i}].name` });
    total += r.amount;
  }
  // WeChat caps what goes to others (the maximum profit-sharing ratio): never ask for more.
  if (total > req.cap_fen) return payErr('INVALID_REQUEST', `the receivers' ${total} fen exceed the cap of ${req.cap_fen}`, { field: 'receivers' });
  return payOk(true);
}

/** A sensitive field as WeChat Pay API v3 wants it: RSA-OAEP (SHA-1) with the platform's public key, base64. */
export function encryptSensitive(plaintext: string, platformKey: KeyObject): string {
  return publicEncrypt({ key: platformKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from(plaintext, 'utf8')).toString('base64');
}

/** The request body; `encryptName` seals each receiver's name (production: encryptSensitive). */
export function profitSharingBody(appId: string, req: ProfitSharingRequest, encryptName: (name: string) => string): ProfitSharingBody {
  return {
    appid: appId,
    transaction_id: req.transactionId,
    out_order_no: req.outOrderNo,
    receivers: req.receivers.map((r) => ({ type: r.type, account: r.account, ...(r.name === undefined ? {} : { name: encryptName(r.name) }), amount: r.amount, description: r.description })),
    unfreeze_unsplit: req.unfreezeUnsplit,
  };
}
