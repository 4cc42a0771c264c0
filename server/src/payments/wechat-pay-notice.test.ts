/**
 * Payment and refund notices as WeChat Pay posts them: a recorded envelope whose resource is
 * encrypted (AEAD_AES_256_GCM) with a test APIv3 key and signed by a test platform key. The
 * goal: an authentic notice verifies and decrypts into the typed value; a tampered, stale,
 * foreign or wrongly keyed notice is refused with its coded error.
 */
import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { noticeKey } from './notice-key.js';
import { noticeReply, rawNoticeFromHttpEvent } from './notify-http.js';
import type { RawNotice } from './provider.js';
import { decryptResource, encryptResource, platformSignatureHeaders } from './wechat-pay-crypto.js';
import { wechatPayJsapiProvider } from './wechat-pay-jsapi.js';

const NOW_MS = Date.parse('2026-12-04T10:30:05+08:00');
const APIV3_KEY = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
const SERIAL = 'PUB_KEY_ID_0119000001002025120400000000000';

let platformPrivatePem: string;
let provider: ReturnType<typeof wechatPayJsapiProvider>;

beforeAll(() => {
  const key = (k: import('node:crypto').KeyObject, type: 'pkcs8' | 'spki') => k.export({ type, format: 'pem' }) as string;
  const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
  platformPrivatePem = key(platform.privateKey, 'pkcs8');
  provider = wechatPayJsapiProvider({
    mchId: '1900006891',
    appId: 'wxdace645e0bc2c424',
    otherAppIds: ['wx1234567890abcdef'],
    serialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
    privateKeyPem: key(merchant.privateKey, 'pkcs8'),
    apiV3Key: APIV3_KEY,
    platformPublicKeyPem: key(platform.publicKey, 'spki'),
    platformSerial: SERIAL,
    notifyUrl: 'https://example.com/wxpay/notify',
  }, { http: async () => { throw new Error('notices make no calls'); } });
});

/** The decrypted resource of a payment notice, as documented (支付成功回调通知). */
const TRANSACTION = {
  mchid: '1900006891',
  appid: 'wxdace645e0bc2c424',
  out_trade_no: 'pay_SO20261204000123wx',
  transaction_id: '4200000985202612047304614321',
  trade_type: 'JSAPI',
  trade_state: 'SUCCESS',
  trade_state_desc: '支付成功',
  bank_type: 'CMC',
  attach: 'order',
  success_time: '2026-12-04T10:29:05+08:00',
  payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
  amount: { total: 12_345, payer_total: 12_345, currency: 'CNY', payer_currency: 'CNY' },
};

/** The decrypted resource of a refund notice, as documented (退款结果通知). */
const REFUND = {
  mchid: '1900006891',
  transaction_id: '4200000985202612047304614321',
  out_trade_no: 'pay_SO20261204000123wx',
  refund_id: '50200207182018070300011301001',
  out_refund_no: 'ret_SO20261204000123r1',
  refund_status: 'SUCCESS',
  success_time: '2026-12-05T10:34:56+08:00',
  user_received_account: '支付用户零钱',
  amount: { total: 12_345, refund: 2_000, payer_total: 12_345, payer_refund: 2_000 },
};

function notice(resource: object, opts: { originalType?: string; eventType?: string; key?: string; signedBy?: string; serial?: string; at_ms?: number } = {}): RawNotice {
  const originalType = opts.originalType ?? 'transaction';
  const body = JSON.stringify({
    id: 'EV-2018022511223320873',
    create_time: '2026-12-04T10:29:06+08:00',
    resource_type: 'encrypt-resource',
    event_type: opts.eventType ?? 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    resource: encryptResource(JSON.stringify(resource), opts.key ?? APIV3_KEY, 'fdasflkja484', originalType, originalType),
  });
  const headers = platformSignatureHeaders(body, opts.signedBy ?? platformPrivatePem, opts.serial ?? SERIAL, Math.floor((opts.at_ms ?? NOW_MS) / 1000), '9TjlLPTA4tYKXAxzgVxg1Zb3nETaiEzh');
  return { headers: { ...headers, 'Content-Type': 'application/json' }, body };
}

describe('payment notice', () => {
  it('verifies, decrypts and reads an authentic notice into the typed value', () => {
    const r = provider.verifyPaymentNotice(notice(TRANSACTION), NOW_MS);
    expect(r).toEqual({
      ok: true,
      data: {
        kind: 'payment',
        noticeId: 'EV-2018022511223320873',
        outTradeNo: 'pay_SO20261204000123wx',
        transactionId: '4200000985202612047304614321',
        tradeState: 'SUCCESS',
        total_fen: 12_345,
        payerTotal_fen: 12_345,
        successAt_ms: Date.parse('2026-12-04T10:29:05+08:00'),
        payerOpenId: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
        appId: 'wxdace645e0bc2c424',
        mchId: '1900006891',
        attach: 'order',
      },
    });
  });

  it('reads header names in any case (the HTTP layer lower-cases them)', () => {
    const n = notice(TRANSACTION);
    const lower = Object.fromEntries(Object.entries(n.headers).map(([k, v]) => [k.toLowerCase(), v]));
    expect(provider.verifyPaymentNotice({ headers: lower, body: n.body }, NOW_MS).ok).toBe(true);
  });

  it('accepts payments of the other bound apps', () => {
    expect(provider.verifyPaymentNotice(notice({ ...TRANSACTION, appid: 'wx1234567890abcdef' }), NOW_MS).ok).toBe(true);
  });

  it('refuses a tampered, stale, unknown-serial, wrongly keyed, foreign or malformed notice with its code', () => {
    const authentic = notice(TRANSACTION);
    const otherPlatform = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const cases: [string, RawNotice, number, string][] = [
      ['a body altered after signing', { ...authentic, body: authentic.body.replace('TRANSACTION.SUCCESS', 'TRANSACTION.SUCCESS ') }, NOW_MS, 'SIGNATURE_INVALID'],
      ['a signature of another key', notice(TRANSACTION, { signedBy: otherPlatform }), NOW_MS, 'SIGNATURE_INVALID'],
      ["WeChat's signature probe", { ...authentic, headers: { ...authentic.headers, 'Wechatpay-Signature': 'WECHATPAY/SIGNTEST/' + authentic.headers['Wechatpay-Signature'] } }, NOW_MS, 'SIGNATURE_INVALID'],
      ['no signature header', { ...authentic, headers: { ...authentic.headers, 'Wechatpay-Signature': undefined } }, NOW_MS, 'SIGNATURE_INVALID'],
      ['signed 5 min 1 s ago', notice(TRANSACTION, { at_ms: NOW_MS - 301_000 }), NOW_MS, 'NOTICE_STALE'],
      ['signed 6 min in the future', notice(TRANSACTION, { at_ms: NOW_MS + 360_000 }), NOW_MS, 'NOTICE_STALE'],
      ['an authentic notice replayed 10 min later', authentic, NOW_MS + 600_000, 'NOTICE_STALE'],
      ['a serial we do not trust', notice(TRANSACTION, { serial: 'PUB_KEY_ID_ROTATED' }), NOW_MS, 'UNKNOWN_SERIAL'],
      ['encrypted with another APIv3 key', notice(TRANSACTION, { key: 'ffffffffffffffffffffffffffffffff' }), NOW_MS, 'NOTICE_MALFORMED'],
      ['another merchant', notice({ ...TRANSACTION, mchid: '1900000001' }), NOW_MS, 'NOTICE_FOREIGN'],
      ['another app', notice({ ...TRANSACTION, appid: 'wxforeign00000000' }), NOW_MS, 'NOTICE_FOREIGN'],
      ['a refund notice sent to the payment path', notice(REFUND, { originalType: 'refund', eventType: 'REFUND.SUCCESS' }), NOW_MS, 'NOTICE_MALFORMED'],
      ['a paid transaction without transaction_id', notice({ ...TRANSACTION, transaction_id: undefined }), NOW_MS, 'NOTICE_MALFORMED'],
      ['an amount that is not integer fen', notice({ ...TRANSACTION, amount: { total: 123.45 } }), NOW_MS, 'NOTICE_MALFORMED'],
    ];
    for (const [what, raw, at_ms, code] of cases) {
      const r = provider.verifyPaymentNotice(raw, at_ms);
      expect(r.ok, what).toBe(false);
      if (!r.ok) expect(r.error.code, what).toBe(code);
    }
    // The boundary: 5 minutes exactly is still accepted.
    expect(provider.verifyPaymentNotice(notice(TRANSACTION, { at_ms: NOW_MS - 300_000 }), NOW_MS).ok).toBe(true);
  });

  it('a ciphertext altered under a valid signature fails decryption (GCM tag)', () => {
    const resource = encryptResource(JSON.stringify(TRANSACTION), APIV3_KEY, 'fdasflkja484', 'transaction', 'transaction');
    const bytes = Buffer.from(resource.ciphertext, 'base64');
    bytes[3]! ^= 1;
    expect(decryptResource({ ...resource, ciphertext: bytes.toString('base64') }, APIV3_KEY)).toMatchObject({ ok: false, error: { code: 'NOTICE_MALFORMED' } });
    expect(decryptResource({ ...resource, associated_data: 'refund' }, APIV3_KEY)).toMatchObject({ ok: false, error: { code: 'NOTICE_MALFORMED' } });
    expect(decryptResource(resource, APIV3_KEY)).toEqual({ ok: true, data: JSON.stringify(TRANSACTION) });
  });

  it('one payment delivered twice (two deliveries, two signatures) has one notice key', () => {
    const first = provider.verifyPaymentNotice(notice(TRANSACTION, { at_ms: NOW_MS - 15_000 }), NOW_MS);
    const second = provider.verifyPaymentNotice(notice(TRANSACTION), NOW_MS);
    const other = provider.verifyPaymentNotice(notice({ ...TRANSACTION, transaction_id: '4200000985202612047304619999' }), NOW_MS);
    if (!first.ok || !second.ok || !other.ok) throw new Error('authentic notices must verify');
    expect(first.data.noticeId).toBe(second.data.noticeId);
    expect(noticeKey(first.data)).toBe('wxpay:transaction:4200000985202612047304614321');
    expect(noticeKey(second.data)).toBe(noticeKey(first.data));
    expect(noticeKey(other.data)).not.toBe(noticeKey(first.data));
  });
});

describe('refund notice', () => {
  it('verifies and reads REFUND.SUCCESS; its key differs from the payment and by outcome', () => {
    const r = provider.verifyRefundNotice(notice(REFUND, { originalType: 'refund', eventType: 'REFUND.SUCCESS' }), NOW_MS);
    expect(r).toEqual({
      ok: true,
      data: {
        kind: 'refund',
        noticeId: 'EV-2018022511223320873',
        refundId: '50200207182018070300011301001',
        outRefundNo: 'ret_SO20261204000123r1',
        outTradeNo: 'pay_SO20261204000123wx',
        transactionId: '4200000985202612047304614321',
        status: 'SUCCESS',
        refund_fen: 2_000,
        total_fen: 12_345,
        successAt_ms: Date.parse('2026-12-05T10:34:56+08:00'),
      },
    });
    const abnormal = provider.verifyRefundNotice(notice({ ...REFUND, refund_status: 'ABNORMAL', success_time: undefined }, { originalType: 'refund', eventType: 'REFUND.ABNORMAL' }), NOW_MS);
    if (!r.ok || !abnormal.ok) throw new Error('authentic notices must verify');
    expect(noticeKey(r.data)).toBe('wxpay:refund:50200207182018070300011301001:SUCCESS');
    expect(noticeKey(abnormal.data)).toBe('wxpay:refund:50200207182018070300011301001:ABNORMAL');
  });

  it('refuses a payment notice on the refund path and a refund of another merchant', () => {
    expect(provider.verifyRefundNotice(notice(TRANSACTION), NOW_MS)).toMatchObject({ ok: false, error: { code: 'NOTICE_MALFORMED' } });
    expect(provider.verifyRefundNotice(notice({ ...REFUND, mchid: '1900000001' }, { originalType: 'refund', eventType: 'REFUND.SUCCESS' }), NOW_MS)).toMatchObject({ ok: false, error: { code: 'NOTICE_FOREIGN' } });
  });
});

describe('the notify URL edge', () => {
  it('takes the exact body of an HTTP-triggered call (base64 or not) and answers WeChat Pay as documented', () => {
    const n = notice(TRANSACTION);
    const plain = rawNoticeFromHttpEvent({ httpMethod: 'POST', headers: n.headers, body: n.body });
    const b64 = rawNoticeFromHttpEvent({ httpMethod: 'POST', headers: n.headers, body: Buffer.from(n.body).toString('base64'), isBase64Encoded: true });
    expect(plain && provider.verifyPaymentNotice(plain, NOW_MS).ok).toBe(true);
    expect(b64 && provider.verifyPaymentNotice(b64, NOW_MS).ok).toBe(true);
    expect(rawNoticeFromHttpEvent({ httpMethod: 'GET', headers: n.headers, body: n.body })).toBeNull();
    expect(rawNoticeFromHttpEvent({ httpMethod: 'POST', headers: n.headers, body: '' })).toBeNull();
    expect(noticeReply({ ok: true })).toMatchObject({ statusCode: 204, body: '' });
    const refused = noticeReply({ ok: false, error: { code: 'SIGNATURE_INVALID', message: 'bad' } });
    expect(refused.statusCode).toBe(401);
    expect(JSON.parse(refused.body)).toEqual({ code: 'FAIL', message: 'bad' });
    expect(noticeReply({ ok: false, error: { code: 'PROVIDER_UNAVAILABLE', message: 'database down' } }).statusCode).toBe(500);
  });
});
