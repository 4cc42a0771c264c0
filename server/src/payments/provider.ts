/**
 * WeChat Pay for orders and top-ups, behind an interface: a simulated provider locally, the
 * WeChat Pay API v3 JSAPI provider in production. Notices are verified by the provider and
 * applied idempotently by the order module (one posting per payment, whatever the deliveries).
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
