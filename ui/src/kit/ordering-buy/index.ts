/** The buyer's side of ordering (docs/ordering.md): cart, checkout, orders, notices, balances, returns. */
export * from './cart';
export * from './tenders';
export * from './checkout';
export * from './orders';
export * from './words';
