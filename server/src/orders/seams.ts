/**
 * What the order module uses from trade (prices, terms, credit lines, relations) and stock
 * (reservations), in one place. Stock is still served by ./provisional-seams.ts until the stock
 * module lands; then this file re-exports:
 *
 *   export { reserveInTx, releaseInTx, consumeReservationInTx } from '../stock/reservations.js';
 */
export { priceLines, catalogFor, type PricedLine } from '../trade/pricing.js';
export { canTrade } from '../trade/relations.js';
export { readTerms } from '../trade/terms.js';
export { readCreditLine } from '../trade/credit-lines.js';
export { reserveInTx, releaseInTx, consumeReservationInTx } from './provisional-seams.js';
