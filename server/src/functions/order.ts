/**
 * The `order` cloud function: ordering, payments and returns (docs/ordering.md). A CloudBase
 * timer trigger calls it with `{ Type: 'Timer', ... }` and no action: that runs the sweep
 * (docs/ordering-operations.md).
 */
import { defineFunction } from '../runtime/define.js';
import type { Main } from '../runtime/handler.js';
import { adjustRebate, balances, confirmTransfer, paymentNotice, rejectTransfer, topUp } from '../orders/payments.js';
import { get, list, markNoticesRead, notices } from '../orders/read.js';
import { approveReturn, rejectReturn, requestReturn } from '../orders/returns.js';
import { approve, cancel, closeRemainder, reject } from '../orders/steps.js';
import { catalog, quote, submit } from '../orders/submit.js';
import { sweep } from '../orders/sweep.js';

const main = defineFunction('order', {
  catalog: { run: catalog },
  quote: { run: quote },
  submit: { run: submit },
  get: { run: get },
  list: { run: list },
  approve: { run: approve },
  reject: { run: reject },
  cancel: { run: cancel },
  closeRemainder: { run: closeRemainder },
  confirmTransfer: { run: confirmTransfer },
  rejectTransfer: { run: rejectTransfer },
  balances: { run: balances },
  requestReturn: { run: requestReturn },
  approveReturn: { run: approveReturn },
  rejectReturn: { run: rejectReturn },
  topUp: { run: topUp },
  notices: { run: notices },
  markNoticesRead: { run: markNoticesRead },
  // Called by WeChat Pay's notify (verified by the provider), not by a person.
  paymentNotice: { public: true, run: paymentNotice },
  // Idempotent: only transitions that are due happen, each once.
  sweep: { public: true, run: sweep },
  adjustRebate: { run: adjustRebate },
});

function isTimerEvent(event: unknown): boolean {
  return typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer' && !('action' in event);
}

export const orderMain: Main = (event, context) => main(isTimerEvent(event) ? { action: 'sweep' } : event, context);
