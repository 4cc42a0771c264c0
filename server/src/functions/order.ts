/**
 * The `order` cloud function: ordering, payments and returns (docs/ordering.md). A CloudBase
 * timer trigger calls it with `{ Type: 'Timer', ... }` and no action: that runs the sweep
 * (docs/ordering-operations.md).
 */
import { defineFunction, type DefinedFunction } from '../runtime/define.js';
import { adjustRebate, balances, confirmTransfer, paymentNotice, rejectTransfer, topUp } from '../orders/payments.js';
import { get, list, markNoticesRead, notices } from '../orders/read.js';
import { approveReturn, rejectReturn, requestReturn } from '../orders/returns.js';
import { approve, cancel, closeRemainder, reject } from '../orders/steps.js';
import { catalog, quote, submit } from '../orders/submit.js';
import { sweep } from '../orders/sweep.js';

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
  balances,
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
  adjustRebate,
});

function isTimerEvent(event: unknown): boolean {
  return typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer' && !('action' in event);
}

export const orderMain: DefinedFunction<'order'> = Object.assign((event: unknown, context?: unknown) => main(isTimerEvent(event) ? { action: 'sweep' } : event, context), {
  functionName: main.functionName,
  actions: main.actions,
});
