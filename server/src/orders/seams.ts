/**
 * What the order module uses from trade (prices, terms, credit lines, relations) and stock
 * (reservations), in one place, in the shapes the order rules take.
 */
export { priceLines, pricePolicies, buyerFrom, catalogFor, type PricedLine } from '../trade/pricing.js';
export { canTrade, canTradeFrom, relationIds } from '../trade/relations.js';
export { readTerms, termsOf } from '../trade/terms.js';
export { readCreditLine } from '../trade/credit-lines.js';
export { reserveInTx, releaseInTx, consumeReservationInTx } from '../stock/reservations.js';
export { planFastTake, takeFast, giveBackFast, recordFastTakeInTx, shardQuery, shardReadFrom, TAKE_PRODUCTS_MAX, type FastTake, type ShardRead } from '../stock/take.js';
export type { HeadDoc, ShardDoc } from '../stock/model.js';
export { creditLineId, customerId, type CreditLineDoc, type CustomerDoc, type ListPriceDoc, type RelationDoc, type TermsDoc } from '../trade/model.js';
