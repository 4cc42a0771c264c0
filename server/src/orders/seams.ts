/**
 * What the order module uses from trade (prices, terms, credit lines, relations) and stock
 * (reservations), in one place. Trade's seams are served by ./provisional-seams.ts (their planned
 * signatures) until the trade module lands; on merge this file re-exports the real ones:
 *
 *   export { priceLines, catalogFor } from '../trade/pricing.js';
 *   export { canTrade } from '../trade/relations.js';
 *   export { readTerms } from '../trade/terms.js';
 *   export { readCreditLine } from '../trade/credit-lines.js';
 */
export { priceLines, catalogFor, canTrade, readTerms, readCreditLine } from './provisional-seams.js';
export { reserveInTx, releaseInTx, consumeReservationInTx } from '../stock/reservations.js';
