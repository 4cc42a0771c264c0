/** The buyer's side of ordering (docs/ordering.md): cart, checkout, orders, notices, balances, returns. */
export * from './cart';
export * from './tenders';
export * from './checkout';
export * from './catalog';
export * from './return-ship';
export * from './orders';
export * from './words';
export { AGEING_LABELS, BUYER_ORDER_STATE_LABELS, RETURN_STATUS_LABELS, TENDER_LABELS, UNIT_LABELS } from '../ordering-words';
