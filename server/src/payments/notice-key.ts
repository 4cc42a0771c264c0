/**
 * Idempotency of notices. WeChat Pay delivers a notice until it is acknowledged (15 s, 15 s,
 * 30 s, 3 min, ... over 24 h), so one payment arrives several times, possibly at once, and a
 * query can report the same payment too. It must post once.
 *
 * The key is the payment's identity at WeChat Pay, never the notice's own `id`:
 * - a payment: `wxpay:transaction:<transaction_id>` (one per successful payment);
 * - a refund: `wxpay:refund:<refund_id>:<status>` (each outcome once: an ABNORMAL refund may
 *   later, after the merchant retries it, end SUCCESS, and that is a second event to record).
 *
 * Expected use (the order module): in the one transaction that posts the payment, insert a
 * document with `_id: noticeKey(notice)` (or compare-and-set the payment document's
 * `transactionId` from null); a duplicate key means an earlier delivery posted it, so post
 * nothing and still acknowledge (`noticeReply(true)`) so WeChat Pay stops sending. A query
 * fallback that finds `tradeState: 'SUCCESS'` uses `noticeKey(transaction)` the same way, so a
 * notice and a query of one payment post once between them.
 */
import type { PaymentNotice, RefundNotice, Transaction } from './provider.js';

export const NOTICE_KEY_LENGTH_MAX = 128;

export function noticeKey(n: PaymentNotice | RefundNotice | (Transaction & { transactionId: string })): string {
  const key = 'kind' in n && n.kind === 'refund' ? `wxpay:refund:${n.refundId}:${n.status}` : `wxpay:transaction:${n.transactionId}`;
  if (key.length > NOTICE_KEY_LENGTH_MAX || /\s/.test(key)) throw new Error('a verified notice has short ids'); // verified input: a bug
  return key;
}
