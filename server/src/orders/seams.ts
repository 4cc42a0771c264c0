/**
 * What the order module uses from trade (prices, terms, credit lines, relations) and stock
 * (reservations), in one place. Until those modules land, their planned signatures are served by
 * ./provisional-seams.ts; on merge this file re-exports the real ones:
 *
 *   export { priceLines, catalogFor } from '../trade/pricing.js';
 *   export { canTrade } from '../trade/relations.js';
 *   export { readTerms } from '../trade/terms.js';
 *   export { readCreditLine } from '../trade/credit-lines.js';
 *   export { reserveInTx, releaseInTx, consumeReservationInTx } from '../stock/reservations.js';
 */
export { priceLines, catalogFor, canTrade, readTerms, readCreditLine, reserveInTx, releaseInTx, consumeReservationInTx } from './provisional-seams.js';
