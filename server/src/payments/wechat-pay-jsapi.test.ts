/**
 * The WeChat Pay API v3 JSAPI provider against recorded request and reply shapes (as documented
 * on pay.weixin.qq.com): the exact Authorization header and its signature, the request bodies'
 * field names, the signed `wx.requestPayment` parameters, the platform's signature on replies,
 * and the mapping of error replies. No network: the HTTP call is replaced by a recorder.
 */
import { createVerify, generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HttpRequest, HttpResponse } from './http.js';
import { platformSignatureHeaders } from './wechat-pay-crypto.js';
import { wechatPayJsapiProvider, type WechatPayJsapiConfig } from './wechat-pay-jsapi.js';
import type { PrepayRequest, RefundRequest } from './provider.js';

const NOW_MS = Date.parse('2026-12-04T10:30:00+08:00');
const NONCE = '5K8264ILTKCH16CQ2502SI8ZNMTM67VS';
const PLATFORM_SERIAL = 'PUB_KEY_ID_0119000001002025120400000000000';

function pems() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, publicPem: publicKey.export({ type: 'spki', format: 'pem' }) as string };
}

let merchant: ReturnType<typeof pems>;
let platform: ReturnType<typeof pems>;
let cfg: WechatPayJsapiConfig;

beforeAll(() => {
  merchant = pems();
  platform = pems();
  cfg = {
    mchId: '1900006891',
    appId: 'wxdace645e0bc2c424',
    serialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
    privateKeyPem: merchant.privatePem,
    apiV3Key: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6',
    platformPublicKeyPem: platform.publicPem,
    platformSerial: PLATFORM_SERIAL,
    notifyUrl: 'https://example.com/wxpay/notify',
    refundNotifyUrl: 'https://example.com/wxpay/refund-notify',
  };
});

/** A reply as the platform sends it: signed over its exact body. */
function signedReply(status: number, body: string, signedBy = platform.privatePem, serial = PLATFORM_SERIAL): HttpResponse {
  const h = platformSignatureHeaders(body, signedBy, serial, Math.floor(NOW_MS / 1000), 'c5ac7061fccab6bf3e254dcf98995b8c');
  return { status, headers: Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v])), body };
}

function recorder(replies: HttpResponse[]) {
  const sent: HttpRequest[] = [];
  const http = async (req: HttpRequest) => {
    sent.push(req);
    const r = replies.shift();
    if (!r) throw new Error('no more recorded replies');
    return r;
  };
  return { sent, provider: wechatPayJsapiProvider(cfg, { http, now_ms: () => NOW_MS, nonce: () => NONCE }) };
}

/** Checks the Authorization header: its exact text, and its signature with the merchant public key. */
function expectAuthorization(req: HttpRequest, method: string, url: string, body: string) {
  const auth = req.headers.Authorization!;
  const signature = /signature="([^"]+)"/.exec(auth)?.[1];
  expect(signature).toBeDefined();
  const ts = Math.floor(NOW_MS / 1000);
  expect(auth).toBe(`WECHATPAY2-SHA256-RSA2048 mchid="1900006891",nonce_str="${NONCE}",signature="${signature}",timestamp="${ts}",serial_no="5157F09EFDC096DE15EBE81A47057A7232F1B8E1"`);
  const message = `${method}\n${url}\n${ts}\n${NONCE}\n${body}\n`;
  expect(createVerify('RSA-SHA256').update(message).verify(merchant.publicPem, signature!, 'base64')).toBe(true);
  // The same signature over any other message fails: the check above can fail.
  expect(createVerify('RSA-SHA256').update(message + ' ').verify(merchant.publicPem, signature!, 'base64')).toBe(false);
}

const PREPAY: PrepayRequest = {
  outTradeNo: 'pay_SO20261204000123wx',
  amount_fen: 12_345,
  payerOpenId: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
  description: '订单 SO20261204-000123',
  expiresAt_ms: NOW_MS + 30 * 60_000,
  attach: 'order',
};

describe('prepay (POST /v3/pay/transactions/jsapi)', () => {
  it('sends the documented body, signed, and answers wx.requestPayment parameters signed with the merchant key', async () => {
    const { sent, provider } = recorder([signedReply(200, '{"prepay_id":"wx201410272009395522657a690389285100"}')]);
    const r = await provider.prepay(PREPAY);
    expect(r.ok).toBe(true);
    expect(sent).toHaveLength(1);
    const req = sent[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('https://api.mch.weixin.qq.com/v3/pay/transactions/jsapi');
    expect(JSON.parse(req.body!)).toEqual({
      appid: 'wxdace645e0bc2c424',
      mchid: '1900006891',
      description: '订单 SO20261204-000123',
      out_trade_no: 'pay_SO20261204000123wx',
      time_expire: '2026-12-04T11:00:00+08:00',
      attach: 'order',
      notify_url: 'https://example.com/wxpay/notify',
      amount: { total: 12_345, currency: 'CNY' },
      payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
    });
    expect(req.headers['Content-Type']).toBe('application/json');
    expectAuthorization(req, 'POST', '/v3/pay/transactions/jsapi', req.body!);
    if (!r.ok) return;
    const j = r.data.jsapi;
    expect(r.data.prepayId).toBe('wx201410272009395522657a690389285100');
    expect(j).toMatchObject({ timeStamp: String(Math.floor(NOW_MS / 1000)), nonceStr: NONCE, package: 'prepay_id=wx201410272009395522657a690389285100', signType: 'RSA' });
    const paid = `wxdace645e0bc2c424\n${j.timeStamp}\n${j.nonceStr}\n${j.package}\n`;
    expect(createVerify('RSA-SHA256').update(paid).verify(merchant.publicPem, j.paySign, 'base64')).toBe(true);
  });

  it('refuses a reply not signed by the platform key, and a reply signed by an unknown serial', async () => {
    const other = pems();
    for (const reply of [signedReply(200, '{"prepay_id":"wx1"}', other.privatePem), signedReply(200, '{"prepay_id":"wx1"}', platform.privatePem, 'PUB_KEY_ID_OTHER')]) {
      const { provider } = recorder([reply]);
      const r = await provider.prepay(PREPAY);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    }
  });

  it("maps WeChat's error replies: ORDERPAID is a rejection, SYSTEM_ERROR and no reply are retryable", async () => {
    const cases: [HttpResponse, string, string | undefined][] = [
      [{ status: 400, headers: {}, body: '{"code":"ORDERPAID","message":"该订单已支付"}' }, 'PROVIDER_REJECTED', 'ORDERPAID'],
      [{ status: 403, headers: {}, body: '{"code":"NO_AUTH","message":"商户无权限"}' }, 'PROVIDER_REJECTED', 'NO_AUTH'],
      [{ status: 500, headers: {}, body: '{"code":"SYSTEM_ERROR","message":"系统错误"}' }, 'PROVIDER_UNAVAILABLE', 'SYSTEM_ERROR'],
      [{ status: 0, headers: {}, body: 'TimeoutError: The operation was aborted due to timeout' }, 'PROVIDER_UNAVAILABLE', undefined],
    ];
    for (const [reply, code, providerCode] of cases) {
      const { provider } = recorder([reply]);
      const r = await provider.prepay(PREPAY);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe(code);
        expect(r.error.providerCode).toBe(providerCode);
        expect(r.error.retryable).toBe(code === 'PROVIDER_UNAVAILABLE');
      }
    }
  });

  it('refuses bad input naming the field, and sends nothing', async () => {
    const bad: [Partial<PrepayRequest>, string][] = [
      [{ outTradeNo: 'short' }, 'outTradeNo'],
      [{ outTradeNo: 'has space 12345' }, 'outTradeNo'],
      [{ amount_fen: 0 }, 'amount_fen'],
      [{ amount_fen: 12.5 }, 'amount_fen'],
      [{ payerOpenId: '' }, 'payerOpenId'],
      [{ description: '' }, 'description'],
      [{ description: 'x'.repeat(128) }, 'description'],
      [{ expiresAt_ms: NOW_MS }, 'expiresAt_ms'],
      [{ attach: 'a'.repeat(129) }, 'attach'],
      [{ notifyUrl: 'http://example.com/n' }, 'notifyUrl'],
      [{ appId: 'wxnotbound' }, 'appId'],
    ];
    for (const [patch, field] of bad) {
      const { sent, provider } = recorder([]);
      const r = await provider.prepay({ ...PREPAY, ...patch });
      expect(r.ok, field).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: 'INVALID_REQUEST', field });
      expect(sent).toHaveLength(0);
    }
  });
});

describe('query and close', () => {
  it('queries by out_trade_no with the merchant id in the signed URL and reads the documented reply', async () => {
    const recorded = JSON.stringify({
      amount: { currency: 'CNY', payer_currency: 'CNY', payer_total: 12_300, total: 12_345 },
      appid: 'wxdace645e0bc2c424',
      attach: 'order',
      bank_type: 'OTHERS',
      mchid: '1900006891',
      out_trade_no: 'pay_SO20261204000123wx',
      payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
      promotion_detail: [],
      success_time: '2026-12-04T10:29:05+08:00',
      trade_state: 'SUCCESS',
      trade_state_desc: '支付成功',
      trade_type: 'JSAPI',
      transaction_id: '4200000985202612047304614321',
    });
    const { sent, provider } = recorder([signedReply(200, recorded)]);
    const r = await provider.query('pay_SO20261204000123wx');
    const url = '/v3/pay/transactions/out-trade-no/pay_SO20261204000123wx?mchid=1900006891';
    expect(sent[0]!.method).toBe('GET');
    expect(sent[0]!.url).toBe(`https://api.mch.weixin.qq.com${url}`);
    expect(sent[0]!.body).toBeUndefined();
    expectAuthorization(sent[0]!, 'GET', url, '');
    expect(r).toEqual({
      ok: true,
      data: {
        outTradeNo: 'pay_SO20261204000123wx',
        transactionId: '4200000985202612047304614321',
        tradeState: 'SUCCESS',
        total_fen: 12_345,
        payerTotal_fen: 12_300,
        successAt_ms: Date.parse('2026-12-04T10:29:05+08:00'),
        payerOpenId: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
        appId: 'wxdace645e0bc2c424',
        mchId: '1900006891',
        attach: 'order',
      },
    });
  });

  it('reads an unpaid trade (no transaction_id) and a 404 ORDER_NOT_EXIST', async () => {
    const notpay = JSON.stringify({ amount: { total: 12_345, currency: 'CNY' }, appid: 'wxdace645e0bc2c424', mchid: '1900006891', out_trade_no: 'pay_SO20261204000123wx', trade_state: 'NOTPAY', trade_state_desc: '订单未支付' });
    const { provider } = recorder([signedReply(200, notpay), { status: 404, headers: {}, body: '{"code":"ORDER_NOT_EXIST","message":"订单不存在"}' }]);
    const a = await provider.query('pay_SO20261204000123wx');
    expect(a.ok && a.data.tradeState === 'NOTPAY' && a.data.transactionId === null && a.data.successAt_ms === null).toBe(true);
    const b = await provider.query('pay_SO20261204000123wx');
    expect(b.ok ? null : b.error).toMatchObject({ code: 'NOT_FOUND', providerCode: 'ORDER_NOT_EXIST' });
  });

  it('closes with {"mchid"} and takes the signed empty 204 reply', async () => {
    const { sent, provider } = recorder([signedReply(204, '')]);
    const r = await provider.close('pay_SO20261204000123wx');
    expect(r).toEqual({ ok: true, data: { closed: true } });
    const url = '/v3/pay/transactions/out-trade-no/pay_SO20261204000123wx/close';
    expect(sent[0]!.url).toBe(`https://api.mch.weixin.qq.com${url}`);
    expect(sent[0]!.body).toBe('{"mchid":"1900006891"}');
    expectAuthorization(sent[0]!, 'POST', url, '{"mchid":"1900006891"}');
  });
});

describe('refund (POST /v3/refund/domestic/refunds)', () => {
  const refundReply = JSON.stringify({
    refund_id: '50000000382019052709732678859',
    out_refund_no: 'ret_SO20261204000123r1',
    transaction_id: '4200000985202612047304614321',
    out_trade_no: 'pay_SO20261204000123wx',
    channel: 'ORIGINAL',
    user_received_account: '支付用户零钱',
    create_time: '2026-12-05T16:18:12+08:00',
    status: 'PROCESSING',
    funds_account: 'AVAILABLE',
    amount: { total: 12_345, refund: 2_000, from: [], payer_total: 12_345, payer_refund: 2_000, settlement_refund: 2_000, settlement_total: 12_345, discount_refund: 0, currency: 'CNY' },
    promotion_detail: [],
  });

  it("sends the return's id as out_refund_no with refund/total in fen, and reads the reply", async () => {
    const { sent, provider } = recorder([signedReply(200, refundReply)]);
    const r = await provider.refund({ outTradeNo: 'pay_SO20261204000123wx', outRefundNo: 'ret_SO20261204000123r1', amount_fen: 2_000, total_fen: 12_345, reason: '退货' });
    expect(JSON.parse(sent[0]!.body!)).toEqual({
      out_trade_no: 'pay_SO20261204000123wx',
      out_refund_no: 'ret_SO20261204000123r1',
      reason: '退货',
      notify_url: 'https://example.com/wxpay/refund-notify',
      amount: { refund: 2_000, total: 12_345, currency: 'CNY' },
    });
    expectAuthorization(sent[0]!, 'POST', '/v3/refund/domestic/refunds', sent[0]!.body!);
    expect(r).toEqual({
      ok: true,
      data: { refundId: '50000000382019052709732678859', outRefundNo: 'ret_SO20261204000123r1', outTradeNo: 'pay_SO20261204000123wx', transactionId: '4200000985202612047304614321', status: 'PROCESSING', refund_fen: 2_000, total_fen: 12_345, successAt_ms: null },
    });
  });

  it('queries a refund by out_refund_no; NOT_ENOUGH is a rejection; bad amounts name the field', async () => {
    const { sent, provider } = recorder([signedReply(200, refundReply), { status: 403, headers: {}, body: '{"code":"NOT_ENOUGH","message":"基本账户余额不足"}' }]);
    const q = await provider.queryRefund('ret_SO20261204000123r1');
    expect(sent[0]!.url).toBe('https://api.mch.weixin.qq.com/v3/refund/domestic/refunds/ret_SO20261204000123r1');
    expect(q.ok && q.data.status).toBe('PROCESSING');
    const r = await provider.refund({ outTradeNo: 'pay_SO20261204000123wx', outRefundNo: 'ret_SO20261204000123r2', amount_fen: 1, total_fen: 12_345 });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'PROVIDER_REJECTED', providerCode: 'NOT_ENOUGH', retryable: false });
    const base: RefundRequest = { outTradeNo: 'pay_SO20261204000123wx', outRefundNo: 'ret_x', amount_fen: 100, total_fen: 12_345 };
    const bad: [Partial<RefundRequest>, string][] = [[{ amount_fen: 12_346 }, 'amount_fen'], [{ total_fen: 0 }, 'total_fen'], [{ outRefundNo: '' }, 'outRefundNo'], [{ reason: 'x'.repeat(81) }, 'reason']];
    for (const [patch, field] of bad) {
      const before = sent.length;
      const refused = await provider.refund({ ...base, ...patch });
      expect(refused.ok ? null : refused.error).toMatchObject({ code: 'INVALID_REQUEST', field });
      expect(sent.length).toBe(before);
    }
  });
});
