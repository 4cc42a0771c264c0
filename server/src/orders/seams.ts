/**
 * What the order module uses from trade (prices, terms, credit lines, relations) and stock
 * (reservations), in one place, in the shapes the order rules take.
 */
import type { CreditLineTerms } from '@channel-router/shared';
import type { Database } from '../runtime/cloud.js';
import { readCreditLine as tradeCreditLine } from '../trade/credit-lines.js';

export { priceLines, catalogFor } from '../trade/pricing.js';
export { canTrade } from '../trade/relations.js';
export { readTerms } from '../trade/terms.js';
export { reserveInTx, releaseInTx, consumeReservationInTx } from '../stock/reservations.js';

/** The credit line in force now, as the credit rules take it; null when none is valid. */
export async function readCreditLine(db: Database, sellerOrgId: string, buyerOrgId: string, at_ms: number): Promise<CreditLineTerms | null> {
  const line = await tradeCreditLine(db, sellerOrgId, buyerOrgId, at_ms);
  return line === null ? null : { limit_fen: line.limit, from_ms: line.from, to_ms: line.to, termDays: line.termDays };
}
