/** The seller's side of ordering (dealer and brand admin alike): logic free of Taro, tested in Node. */
export * from './labels';
export * from './ship';
export * from './ageing';
export * from './price-import';
export * from './policy-form';
export * from './customer-form';
export * from './credit-form';
export * from './orders';
export * from './report';
export * from './list-prices';
export * from './routes';
export * from './ship-list';
export * from './transfers';
export * from './returns';
