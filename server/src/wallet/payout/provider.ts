/**
 * Paying money out of the system (a withdrawal). The bill number is the idempotency key: asking
 * twice with one bill number pays once, at the provider as here.
 */
export interface PayoutRequest {
  /** Unique per withdrawal; ≤ 32 characters of [0-9A-Za-z] (WeChat Pay's out_bill_no rule). */
  billNo: string;
  /** The payee's openId in the app that pays (WeChat Pay needs an openId, not a unionId). */
  openId: string;
  amount_fen: number;
  remark: string;
}

export type PayoutOutcome =
  | { status: 'paid'; providerRef: string }
  | { status: 'processing'; providerRef: string }
  | { status: 'failed'; reason: string };

export interface PayoutProvider {
  readonly name: string;
  transfer(req: PayoutRequest): Promise<PayoutOutcome>;
}

export const BILL_NO_PATTERN = /^[0-9A-Za-z]{5,32}$/;
