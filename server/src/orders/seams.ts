/**
 * What the order module uses from trade (prices, terms, credit lines, relations) and stock
 * (reservations), in one place, in the shapes the order rules take.
 */
export { priceLines, catalogFor, type PricedLine } from '../trade/pricing.js';
export { canTrade } from '../trade/relations.js';
export { readTerms } from '../trade/terms.js';
export { readCreditLine } from '../trade/credit-lines.js';
export { reserveInTx, releaseInTx, consumeReservationInTx } from '../stock/reservations.js';
