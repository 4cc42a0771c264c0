/**
 * What the order module needs of WeChat Pay: a JSAPI order, a refund, a verified notice. The
 * payments module (server/src/payments/: the simulated provider and the WeChat Pay API v3 JSAPI
 * provider) implements the full provider; this port is what orders call, so that provider can be
 * plugged in behind it (prepay → createJsapiOrder, verifyPaymentNotice → verifyNotice) without
 * touching the order rules. Notices are applied idempotently by the order module (one posting per
 * payment, whatever the deliveries).
 */
export interface JsapiOrderRequest {
  /** Our payment id: WeChat Pay's out_trade_no. */
  outTradeNo: string;
  amount_fen: number;
  description: string;
  payerOpenId: string;
}

export interface RefundRequest {
  outTradeNo: string;
  /** Our return's (or cancellation's) id: a retry with the same number never pays twice. */
  outRefundNo: string;
  amount_fen: number;
  total_fen: number;
}

export interface PaymentNotice {
  outTradeNo: string;
  transactionId: string;
  amount_fen: number;
}

export interface PaymentProvider {
  /** JSAPI order: the parameters the mini-program passes to wx.requestPayment. */
  createJsapiOrder(req: JsapiOrderRequest): Promise<{ jsapi: Record<string, string> }>;
  refund(req: RefundRequest): Promise<{ status: 'success' | 'processing' | 'failed'; reason?: string }>;
  /** Verifies a notice (signature, shape); null when it is not authentic. */
  verifyNotice(raw: { outTradeNo: string; transactionId: string; amount: number; signature: string }): PaymentNotice | null;
}
