/**
 * The simulated provider behaves as WeChat Pay does where the order module can tell: deterministic
 * ids, a paid trade cannot be prepaid or closed, one refund per refund number and never above the
 * total; and a simulated payment's notice goes through the production verification (signed by the
 * simulated platform key), so tampering is refused just the same.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { localSimulatedPaymentProvider, paymentProvider, wechatPayConfigFromEnv } from './configured.js';
import { noticeKey } from './notice-key.js';
import type { PrepayRequest } from './provider.js';
import { simulatedPaymentNotice, simulatedPaymentProvider, simulatedTransactionId } from './simulated.js';

const T0 = Date.parse('2026-12-04T10:00:00+08:00');

function clock() {
  let now = T0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const PREPAY: PrepayRequest = { outTradeNo: 'pay_order0001wx', amount_fen: 5_000, payerOpenId: 'oBuyer0001', description: '订单 SO20261204-000001', expiresAt_ms: T0 + 30 * 60_000 };

describe('simulated payment provider', () => {
  it('prepays deterministically, pays by simulatePayment, and the notice verifies into the typed value', async () => {
    const c = clock();
    const sim = simulatedPaymentProvider(c.now);
    const p1 = await sim.prepay(PREPAY);
    const p2 = await simulatedPaymentProvider(c.now).prepay(PREPAY);
    if (!p1.ok || !p2.ok) throw new Error('prepay must succeed');
    expect(p1.data.prepayId).toBe(p2.data.prepayId); // the same in every process and run
    expect(p1.data.jsapi.package).toBe(`prepay_id=${p1.data.prepayId}`);
    expect(p1.data.jsapi.signType).toBe('RSA');
    expect(sim.prepays()).toEqual([{ outTradeNo: 'pay_order0001wx', prepayId: p1.data.prepayId, amount_fen: 5_000, state: 'NOTPAY' }]);

    expect((await sim.query('pay_order0001wx')).ok && (await sim.query('pay_order0001wx'))).toMatchObject({ data: { tradeState: 'NOTPAY', transactionId: null } });
    c.advance(60_000);
    const raw = sim.simulatePayment('pay_order0001wx');
    if (!raw.ok) throw new Error('paying a prepaid trade must succeed');
    const n = sim.verifyPaymentNotice(raw.data, c.now());
    expect(n).toMatchObject({ ok: true, data: { kind: 'payment', outTradeNo: 'pay_order0001wx', transactionId: simulatedTransactionId('pay_order0001wx'), tradeState: 'SUCCESS', total_fen: 5_000, payerOpenId: 'oBuyer0001', successAt_ms: T0 + 60_000 } });
    expect((await sim.query('pay_order0001wx'))).toMatchObject({ ok: true, data: { tradeState: 'SUCCESS', transactionId: simulatedTransactionId('pay_order0001wx') } });
  });

  it('redelivers the same payment with the same notice key, signed anew; a tampered notice is refused', async () => {
    const c = clock();
    const sim = simulatedPaymentProvider(c.now);
    await sim.prepay(PREPAY);
    const first = sim.simulatePayment('pay_order0001wx');
    c.advance(15 * 60_000); // beyond the 5-minute window of the first delivery's signature
    const again = sim.simulatePayment('pay_order0001wx');
    if (!first.ok || !again.ok) throw new Error('deliveries must be produced');
    expect(sim.verifyPaymentNotice(first.data, c.now())).toMatchObject({ ok: false, error: { code: 'NOTICE_STALE' } });
    const a = sim.verifyPaymentNotice(again.data, c.now());
    const b = sim.verifyPaymentNotice(again.data, c.now());
    if (!a.ok || !b.ok) throw new Error('a fresh delivery verifies');
    expect(noticeKey(a.data)).toBe(noticeKey(b.data));
    expect(a.data.successAt_ms).toBe(T0); // paid once, at the first delivery's time
    const forged = { ...again.data, body: again.data.body.replace('"summary":"支付成功"', '"summary":"支付成功!"') };
    expect(sim.verifyPaymentNotice(forged, c.now())).toMatchObject({ ok: false, error: { code: 'SIGNATURE_INVALID' } });
  });

  it('follows WeChat Pay rules: no prepay or close after payment, no payment after close or expiry, reused numbers checked', async () => {
    const c = clock();
    const sim = simulatedPaymentProvider(c.now);
    expect(sim.simulatePayment('pay_unknown0001')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await sim.prepay(PREPAY);
    expect(await sim.prepay({ ...PREPAY, amount_fen: 5_001 })).toMatchObject({ ok: false, error: { code: 'PROVIDER_REJECTED', providerCode: 'INVALID_REQUEST' } });
    sim.simulatePayment('pay_order0001wx');
    expect(await sim.prepay(PREPAY)).toMatchObject({ ok: false, error: { code: 'PROVIDER_REJECTED', providerCode: 'ORDERPAID' } });
    expect(await sim.close('pay_order0001wx')).toMatchObject({ ok: false, error: { code: 'PROVIDER_REJECTED', providerCode: 'ORDERPAID' } });

    await sim.prepay({ ...PREPAY, outTradeNo: 'pay_order0002wx' });
    expect(await sim.close('pay_order0002wx')).toEqual({ ok: true, data: { closed: true } });
    expect(await sim.close('pay_order0002wx')).toEqual({ ok: true, data: { closed: true } });
    expect(sim.simulatePayment('pay_order0002wx')).toMatchObject({ ok: false, error: { code: 'PROVIDER_REJECTED', providerCode: 'ORDER_CLOSED' } });
    expect((await sim.query('pay_order0002wx'))).toMatchObject({ ok: true, data: { tradeState: 'CLOSED' } });

    await sim.prepay({ ...PREPAY, outTradeNo: 'pay_order0003wx' });
    c.advance(30 * 60_000);
    expect(sim.simulatePayment('pay_order0003wx')).toMatchObject({ ok: false, error: { code: 'PROVIDER_REJECTED', providerCode: 'ORDER_CLOSED' } });
    expect(await sim.prepay({ ...PREPAY, outTradeNo: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', field: 'outTradeNo' } });
  });

  it('refunds once per refund number and never above the total; the refund notice verifies', async () => {
    const sim = simulatedPaymentProvider(clock().now);
    expect(await sim.refund({ outTradeNo: 'pay_order0001wx', outRefundNo: 'ret_1', amount_fen: 1, total_fen: 5_000 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await sim.prepay(PREPAY);
    sim.simulatePayment('pay_order0001wx');
    const r1 = await sim.refund({ outTradeNo: 'pay_order0001wx', outRefundNo: 'ret_1', amount_fen: 3_000, total_fen: 5_000 });
    const retry = await sim.refund({ outTradeNo: 'pay_order0001wx', outRefundNo: 'ret_1', amount_fen: 3_000, total_fen: 5_000 });
    expect(r1.ok && retry.ok && r1.data.refundId === retry.data.refundId).toBe(true);
    expect(await sim.refund({ outTradeNo: 'pay_order0001wx', outRefundNo: 'ret_2', amount_fen: 2_001, total_fen: 5_000 })).toMatchObject({ ok: false, error: { code: 'PROVIDER_REJECTED' } });
    expect(await sim.refund({ outTradeNo: 'pay_order0001wx', outRefundNo: 'ret_2', amount_fen: 2_000, total_fen: 5_000 })).toMatchObject({ ok: true, data: { status: 'SUCCESS', refund_fen: 2_000 } });
    expect(await sim.queryRefund('ret_1')).toMatchObject({ ok: true, data: { refund_fen: 3_000 } });
    expect((await sim.query('pay_order0001wx'))).toMatchObject({ ok: true, data: { tradeState: 'REFUND' } });
    const raw = sim.simulateRefundNotice('ret_2');
    if (!raw.ok) throw new Error('a refund made here has a notice');
    expect(sim.verifyRefundNotice(raw.data, T0)).toMatchObject({ ok: true, data: { kind: 'refund', outRefundNo: 'ret_2', status: 'SUCCESS', refund_fen: 2_000, total_fen: 5_000 } });
    expect(sim.verifyPaymentNotice(raw.data, T0)).toMatchObject({ ok: false, error: { code: 'NOTICE_MALFORMED' } });
  });

  it('a notice built in another process from the payment facts verifies with the process provider', () => {
    const raw = simulatedPaymentNotice({ outTradeNo: 'pay_order0009wx', total_fen: 700, payerOpenId: 'oBuyer0009', appId: 'wxdealerapp', at_ms: T0 });
    expect(localSimulatedPaymentProvider().verifyPaymentNotice(raw, T0 + 1_000)).toMatchObject({ ok: true, data: { outTradeNo: 'pay_order0009wx', total_fen: 700, appId: 'wxdealerapp' } });
  });
});

describe('provider selection', () => {
  it('simulated only under the local cloud or by explicit choice; WeChat Pay when fully configured; else none', () => {
    expect(paymentProvider({})).toBeNull();
    expect(paymentProvider({ WXPAY_MCHID: '1900006891', WXPAY_APPID: 'wx1', WXPAY_APIV3_KEY: 'x'.repeat(32) })).toBeNull();
    expect(paymentProvider({ TCB_SOURCE: 'local-cloud' })?.name).toBe('simulated');
    expect(paymentProvider({ TCB_SOURCE: 'local-cloud' })).toBe(paymentProvider({ WXPAY_SIMULATED: '1' })); // one per process: it remembers prepays
    const k = (type: 'pkcs8' | 'spki', key: KeyObject) => key.export({ type, format: 'pem' }) as string;
    const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const full = {
      WXPAY_MCHID: '1900006891',
      WXPAY_APPID: 'wxdace645e0bc2c424',
      WXPAY_SERIAL_NO: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
      // A PEM pasted into a single-line console field arrives with literal \n.
      WXPAY_PRIVATE_KEY: k('pkcs8', merchant.privateKey).replace(/\n/g, '\\n'),
      WXPAY_APIV3_KEY: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6',
      WXPAY_PLATFORM_PUBLIC_KEY: k('spki', merchant.publicKey),
      WXPAY_PLATFORM_SERIAL: 'PUB_KEY_ID_0119000001002025120400000000000',
      WXPAY_NOTIFY_URL: 'https://example.com/wxpay/notify',
    };
    expect(wechatPayConfigFromEnv(full)?.privateKeyPem).toBe(k('pkcs8', merchant.privateKey));
    expect(paymentProvider({ ...full, TCB_SOURCE: 'local-cloud' })?.name).toBe('wechat-pay'); // configuration wins, as for payouts
    expect(paymentProvider(full)).toBe(paymentProvider({ ...full })); // keys parsed once per configuration
    expect(() => paymentProvider({ ...full, WXPAY_APIV3_KEY: 'short' })).toThrow(/WXPAY_APIV3_KEY/);
  });
});
