/**
 * The `order` cloud function: ordering, payments and returns (docs/ordering-operations.md).
 * A CloudBase timer trigger calls it with `{ Type: 'Timer', ... }` and no action: that runs the
 * sweep. Behind HTTP access it is WeChat Pay's notify URL: `{ httpMethod, headers, body }` and no
 * action is a payment notice, answered as WeChat Pay expects (docs/payments.md).
 */
import { noticeReply, rawNoticeFromHttpEvent, type HttpTriggerEvent, type HttpTriggerReply } from '../payments/index.js';
import { defineFunction, type DefinedFunction } from '../runtime/define.js';
import { balances, confirmTransfer, paymentNotice, rejectTransfer, repay, topUp } from '../orders/payments.js';
import { get, list, markNoticesRead, notices } from '../orders/read.js';
import { returns } from '../orders/return-requests.js';
import { approveReturn, rejectReturn, requestReturn } from '../orders/returns.js';
import { approve, cancel, closeRemainder, reject } from '../orders/steps.js';
import { catalog, quote, submit } from '../orders/submit.js';
import { sweep } from '../orders/sweep.js';
import { transfers } from '../orders/transfers.js';
import { setSafetyStock, stock, stockMoves } from '../stock/actions.js';

const main = defineFunction('order', {
  catalog,
  quote,
  submit,
  get,
  list,
  approve,
  reject,
  cancel,
  closeRemainder,
  confirmTransfer,
  rejectTransfer,
  transfers,
  balances,
  returns,
  requestReturn,
  approveReturn,
  rejectReturn,
  topUp,
  notices,
  markNoticesRead,
  // Called by WeChat Pay's notify (verified by the payment provider), not by a person.
  paymentNotice,
  // Idempotent: only transitions that are due happen, each once.
  sweep,
  repay,
  stock,
  stockMoves,
  setSafetyStock,
});

function isTimerEvent(event: unknown): boolean {
  return typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer' && !('action' in event);
}

function isHttpEvent(event: unknown): event is HttpTriggerEvent {
  return typeof event === 'object' && event !== null && typeof (event as { httpMethod?: unknown }).httpMethod === 'string' && !('action' in event);
}

/** WeChat Pay's notify URL (CloudBase HTTP access): the raw notice in, WeChat's expected reply out. */
async function notify(event: HttpTriggerEvent, context?: unknown): Promise<HttpTriggerReply> {
  const raw = rawNoticeFromHttpEvent(event);
  if (raw === null) return noticeReply({ ok: false, error: { code: 'NOTICE_MALFORMED', message: 'not a notice' } });
  const header = (name: string) => Object.entries(raw.headers).find(([k]) => k.toLowerCase() === name)?.[1] ?? '';
  const r = await main(
    { action: 'paymentNotice', signature: header('wechatpay-signature'), timestamp: header('wechatpay-timestamp'), nonce: header('wechatpay-nonce'), serial: header('wechatpay-serial'), body: raw.body },
    context,
  );
  if (r.ok) return noticeReply({ ok: true });
  // Forged or malformed: refused for good; anything else (an outage): WeChat Pay delivers again.
  const code = r.error.code === 'FORBIDDEN' ? 'SIGNATURE_INVALID' : r.error.code === 'INVALID_ARGUMENT' ? 'NOTICE_MALFORMED' : 'PROVIDER_UNAVAILABLE';
  return noticeReply({ ok: false, error: { code, message: r.error.message } });
}

export const orderMain: DefinedFunction<'order'> = Object.assign(
  (event: unknown, context?: unknown) => (isHttpEvent(event) ? notify(event, context) : main(isTimerEvent(event) ? { action: 'sweep' } : event, context)) as ReturnType<typeof main>,
  { functionName: main.functionName, actions: main.actions },
);
