/**
 * Goal: the WeChat Pay 分账 request built from a settlement document (docs/promotions.md#settlement)
 * has WeChat's shape (`POST /v3/profitsharing/orders`: appid, transaction_id, out_order_no,
 * receivers with amount and description, unfreeze_unsplit), never asks for more than the cap, seals
 * a receiver's name with the platform key (naming it in Wechatpay-Serial), refuses a bad request
 * naming the field before sending; the simulated provider records it, and the same number answers
 * the same request.
 */
import { generateKeyPairSync, privateDecrypt, constants } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { settlementDocument, type ProfitSharingRequest, type SettlementOrder } from '@channel-router/shared';
import type { HttpRequest, HttpResponse } from './http.js';
import { checkProfitSharing, encryptSensitive, profitSharingBody, PROFIT_SHARING_PATH } from './profit-sharing.js';
import { simulatedPaymentProvider } from './simulated.js';
import { platformSignatureHeaders, platformPublicKey } from './wechat-pay-crypto.js';
import { wechatPayJsapiProvider } from './wechat-pay-jsapi.js';

const NOW_MS = Date.parse('2026-12-04T10:30:00+08:00');
const pems = () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, publicPem: publicKey.export({ type: 'spki', format: 'pem' }) as string };
};

/** A completed order paid 100.00 by WeChat Pay, 20.00 refunded; a 5 % platform commission to a merchant receiver. */
function request(): ProfitSharingRequest {
  const order: SettlementOrder = {
    orderId: 'ord_1',
    orderNo: 'SO20261204-000001',
    sellerOrgId: 'dealer_1',
    buyerOrgId: 'store_1',
    completedAt_ms: NOW_MS,
    lines: [{ productId: 'prd_1', quantity: 5, net: 10_000, refunded: 2_000, discounts: [] }],
    tenders: [{ kind: 'wechat_pay', amount: 10_000, refunded: 2_000, transactionId: '4200000000202612041234567890' }],
  };
  const doc = settlementDocument(order, { fees: [{ receiverId: 'platform', name: '平台服务费', kind: 'commission', rate_bp: 500, wechat: { type: 'MERCHANT_ID', account: '1900000110', name: '渠道路由科技有限公司' } }] });
  expect(doc.profitSharing).not.toBeNull();
  return doc.profitSharing!;
}

describe('the profit-sharing request', () => {
  it('is built from the settlement document: 5 % of the 80.00 kept, within the 30 % cap', () => {
    const req = request();
    expect(req).toMatchObject({ transactionId: '4200000000202612041234567890', outOrderNo: 'ps_ord_1', cap_fen: 2_400, unfreezeUnsplit: true });
    expect(req.receivers).toEqual([expect.objectContaining({ type: 'MERCHANT_ID', account: '1900000110', amount: 400 })]);
    expect(checkProfitSharing(req).ok).toBe(true);
    const body = profitSharingBody('wxapp', req, (n) => `sealed(${n})`);
    expect(body).toEqual({
      appid: 'wxapp',
      transaction_id: '4200000000202612041234567890',
      out_order_no: 'ps_ord_1',
      receivers: [{ type: 'MERCHANT_ID', account: '1900000110', name: 'sealed(渠道路由科技有限公司)', amount: 400, description: req.receivers[0]!.description }],
      unfreeze_unsplit: true,
    });
  });

  it('a bad request is refused naming the field, before anything is sent', () => {
    const req = request();
    const bad = (r: ProfitSharingRequest) => {
      const c = checkProfitSharing(r);
      return c.ok ? null : [c.error.code, c.error.field];
    };
    expect(bad({ ...req, receivers: [{ ...req.receivers[0]!, amount: 2_401 }] })).toEqual(['INVALID_REQUEST', 'receivers']);
    expect(bad({ ...req, receivers: [{ ...req.receivers[0]!, amount: 0 }] })).toEqual(['INVALID_REQUEST', 'receivers[0].amount']);
    expect(bad({ ...req, receivers: [] })).toEqual(['INVALID_REQUEST', 'receivers']);
    expect(bad({ ...req, outOrderNo: 'ps ord' })).toEqual(['INVALID_REQUEST', 'outOrderNo']);
    expect(bad({ ...req, receivers: [{ type: 'MERCHANT_ID', account: '1900000110', amount: 400, description: '佣金' }] })).toEqual(['INVALID_REQUEST', 'receivers[0].name']);
  });

  it('a name is sealed with the platform key: only its private key opens it', () => {
    const platform = pems();
    const sealed = encryptSensitive('渠道路由科技有限公司', platformPublicKey(platform.publicPem));
    const opened = privateDecrypt({ key: platform.privatePem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from(sealed, 'base64')).toString('utf8');
    expect(opened).toBe('渠道路由科技有限公司');
  });

  it('production posts it to /v3/profitsharing/orders with Wechatpay-Serial, and reads WeChat’s reply', async () => {
    const merchant = pems();
    const platform = pems();
    const serial = 'PUB_KEY_ID_0119000001002025120400000000000';
    const sent: HttpRequest[] = [];
    const replyBody = JSON.stringify({ transaction_id: '4200000000202612041234567890', out_order_no: 'ps_ord_1', order_id: '3008450740201411110007820472', state: 'PROCESSING', receivers: [] });
    const h = platformSignatureHeaders(replyBody, platform.privatePem, serial, Math.floor(NOW_MS / 1000), 'c5ac7061fccab6bf3e254dcf98995b8c');
    const reply: HttpResponse = { status: 200, headers: Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v])), body: replyBody };
    const provider = wechatPayJsapiProvider(
      { mchId: '1900006891', appId: 'wxdace645e0bc2c424', serialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1', privateKeyPem: merchant.privatePem, apiV3Key: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6', platformPublicKeyPem: platform.publicPem, platformSerial: serial, notifyUrl: 'https://example.com/wxpay/notify' },
      { http: async (r) => (sent.push(r), reply), now_ms: () => NOW_MS, nonce: () => '5K8264ILTKCH16CQ2502SI8ZNMTM67VS' },
    );
    const r = await provider.profitShare(request());
    expect(r).toEqual({ ok: true, data: { outOrderNo: 'ps_ord_1', orderId: '3008450740201411110007820472', state: 'PROCESSING', shared_fen: 400 } });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe(`https://api.mch.weixin.qq.com${PROFIT_SHARING_PATH}`);
    expect(sent[0]!.headers['Wechatpay-Serial']).toBe(serial);
    const body = JSON.parse(sent[0]!.body!);
    expect(body).toMatchObject({ appid: 'wxdace645e0bc2c424', transaction_id: '4200000000202612041234567890', out_order_no: 'ps_ord_1', unfreeze_unsplit: true });
    expect(privateDecrypt({ key: platform.privatePem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from(body.receivers[0].name, 'base64')).toString('utf8')).toBe('渠道路由科技有限公司');
    // Refused before sending: nothing more goes out.
    expect((await provider.profitShare({ ...request(), receivers: [] })).ok).toBe(false);
    expect(sent).toHaveLength(1);
  });

  it('the simulated provider records it; the same number answers the same request, another request with it is refused', async () => {
    const sim = simulatedPaymentProvider(() => NOW_MS);
    const first = await sim.profitShare(request());
    expect(first).toMatchObject({ ok: true, data: { outOrderNo: 'ps_ord_1', state: 'FINISHED', shared_fen: 400 } });
    expect(await sim.profitShare(request())).toEqual(first);
    expect(sim.profitShares()).toHaveLength(1);
    const other = await sim.profitShare({ ...request(), receivers: [{ ...request().receivers[0]!, amount: 300 }] });
    expect(other).toMatchObject({ ok: false, error: { code: 'PROVIDER_REJECTED' } });
    expect(sim.profitShares()).toHaveLength(1);
  });
});
