/**
 * The local default WeChat Pay: no network. A JSAPI order answers parameters that sign the
 * payment with the local secret; the app (or a test) delivers the notice back through
 * `order.paymentNotice`, signed with the same secret, as WeChat Pay would call the notify URL.
 * Refunds are recorded in `payments` refunds under their refund number, once.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PaymentNotice, PaymentProvider } from './payment-port.js';

/** The simulated provider's secret when none is configured (local cloud only). */
export const LOCAL_SIMULATED_PAY_SECRET = 'local-simulated-wechat-pay';

export function simulatedNoticeSignature(secret: string, outTradeNo: string, transactionId: string, amount_fen: number): string {
  return createHmac('sha256', secret).update(`${outTradeNo}|${transactionId}|${amount_fen}`).digest('hex');
}

export function simulatedPaymentProvider(secret: string): PaymentProvider {
  return {
    async createJsapiOrder(req) {
      return { jsapi: { simulated: 'true', outTradeNo: req.outTradeNo, amount: String(req.amount_fen), package: `prepay_id=sim_${req.outTradeNo}` } };
    },
    async refund() {
      return { status: 'success' };
    },
    verifyNotice(raw): PaymentNotice | null {
      const expected = Buffer.from(simulatedNoticeSignature(secret, raw.outTradeNo, raw.transactionId, raw.amount), 'hex');
      const given = Buffer.from(raw.signature, 'hex');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      return { outTradeNo: raw.outTradeNo, transactionId: raw.transactionId, amount_fen: raw.amount };
    },
  };
}
