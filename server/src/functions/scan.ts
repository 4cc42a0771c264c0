/**
 * The `scan` cloud function: custody scans, consumer redeems, verification, inspection.
 * What each action does; its request, callers, apps and errors are declared in
 * shared/src/api/functions/scan.ts.
 */
import { defineFunction } from '../runtime/define.js';
import { identify, open } from '../scan/identify.js';
import { inspect } from '../scan/inspect.js';
import { redeem } from '../scan/redeem.js';
import { receive, ship } from '../scan/ship-receive.js';
import { verify } from '../scan/verify.js';
import { stockIn } from '../stock/stock-in.js';

export const scanMain = defineFunction('scan', {
  ship,
  receive,
  redeem,
  verify,
  inspect,
  identify,
  open,
  stockIn,
});
