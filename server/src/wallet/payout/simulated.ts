/**
 * The local default: records each payout in the `payouts` collection under its bill number, so a
 * repeated request is answered from the record and pays once.
 */
import { C } from '../../db/collections.js';
import { isDuplicateKey } from '../../db/errors.js';
import type { Database } from '../../runtime/cloud.js';
import { BILL_NO_PATTERN, type PayoutOutcome, type PayoutProvider, type PayoutRequest } from './provider.js';

export function simulatedPayoutProvider(db: Database, now: () => number = Date.now): PayoutProvider {
  return {
    name: 'simulated',
    async transfer(req: PayoutRequest): Promise<PayoutOutcome> {
      if (!BILL_NO_PATTERN.test(req.billNo)) return { status: 'failed', reason: 'bad bill number' };
      const providerRef = `sim-${req.billNo}`;
      try {
        await db.collection(C.payouts).add({ _id: req.billNo, openId: req.openId, amount_fen: req.amount_fen, remark: req.remark, providerRef, at: now() });
      } catch (e) {
        if (!isDuplicateKey(e)) throw e; // paid before: the same answer again
      }
      return { status: 'paid', providerRef };
    },
  };
}
