/**
 * The redemption document: the once-only claim of an item's hidden code (its `_id` is the item),
 * and the record of everything the redeem decided — what it took from the budget, its postings,
 * its alerts and penalty, and the reply. It is written in one insert, after the budget was taken
 * and before anything else is, so whatever follows can always be completed from it
 * (`completeRedemption`), by the same person's repeat or by a sweep.
 */
import { isTradeAccount, type ActionRes, type Alert, type Posting } from '@channel-router/shared';
import type { PenaltyRecord, RedemptionRecord } from '@channel-router/shared';
import { C } from '../db/collections.js';
import { insertManyOnce } from '../db/ops.js';
import type { Database } from '../runtime/cloud.js';
import type { BudgetParts } from '../wallet/budget.js';
import { insertFoldedPostings, insertTradeCredits } from '../wallet/ledger-store.js';

export interface RedemptionDoc {
  _id: string;
  code: string;
  unionId: string;
  /** Always `paid`: the code is spent (the reply says whether money was due and paid). */
  status: 'paid';
  requestId: string | null;
  at: number;
  paidAt: number;
  reply: ActionRes<'scan', 'redeem'>;
  record: RedemptionRecord;
  /** Taken from the budget's documents before this document was written (wallet/budget.ts). */
  budget: BudgetParts;
  postings: Posting[];
  alerts: Alert[];
  penalty: PenaltyRecord | null;
}

/**
 * `clock` is read just before the postings are sent: their `postedAt_ms` must not lag behind the
 * moment they land by more than a request takes (folded-credits.ts).
 *
 * Writes what the redemption document says but lives elsewhere: the ledger postings, the alerts,
 * the penalty. Side by side, each keyed (a repeat writes the same documents): one insert of the
 * postings for a plain paying redeem.
 */
export async function completeRedemption(db: Database, r: RedemptionDoc, clock: () => number): Promise<void> {
  // Written by the transactional version (postings, alerts and penalty committed with it).
  if (!Array.isArray(r.postings)) return;
  // A credit to a trade account (a dealer's rebate account) is not folded: see insertTradeCredits.
  const trade = r.postings.filter((p) => isTradeAccount(p.credit));
  const folded = r.postings.filter((p) => !isTradeAccount(p.credit));
  const writes: Array<Promise<unknown>> = [insertFoldedPostings(db, folded, r.at, clock()), insertTradeCredits(db, trade, r.at)];
  if (r.alerts.length > 0) {
    writes.push(
      insertManyOnce(
        db,
        C.alerts,
        r.alerts.map(({ key, ...rest }) => ({ _id: key, ...rest })),
      ),
    );
  }
  if (r.penalty) {
    const { key, ...rest } = r.penalty;
    writes.push(insertManyOnce(db, C.penalties, [{ _id: key, ...rest }]));
  }
  await Promise.all(writes);
}
