/** The `scan` cloud function: custody scans, consumer redeems, verification, inspection. */
import { defineFunction } from '../runtime/define.js';
import { identify, open } from '../scan/identify.js';
import { inspect } from '../scan/inspect.js';
import { redeem } from '../scan/redeem.js';
import { receive, ship } from '../scan/ship-receive.js';
import { verify } from '../scan/verify.js';

export const scanMain = defineFunction('scan', {
  ship: { run: ship },
  receive: { run: receive },
  redeem: { apps: ['consumer'], run: redeem },
  verify: { public: true, run: verify },
  inspect: { run: inspect },
  identify: { run: identify },
  open: { apps: ['terminal', 'dealer'], run: open },
});
