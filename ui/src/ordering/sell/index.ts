/** The seller's ordering screens: one screen each, wired by the dealer app and the admin app alike. */
export { type Seller, type SellerProps, kindsSoldBy } from './context';
export { SellHub, SellEntry } from './hub';
export { SellOrders } from './orders';
export { SellOrder } from './order';
export { SellShip } from './ship';
export { SellCustomers, SellCustomer } from './customers';
export { SellPolicies, SellPolicy } from './policies';
export { SellPrices } from './prices';
export { SellCredit } from './credit';
export { SellTransfers, SellReturns } from './pending';
export { SellReceivables } from './receivables';
export { SellStock } from './stock';
export { SellReports } from './reports';
export { SellTable, type SellTableProps } from './table';
