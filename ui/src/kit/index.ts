/**
 * The app kit's logic, free of Taro (tested in Node): what the four apps' stores share.
 * Taro-bound parts (navigation, the storage adapter, shared pages) are in the package root.
 */
export * from './load';
export * from './storage';
export * from './labels';
export * from './problems';
export * from './scan-words';
export * from './scan-list';
export * from './wallet';
export * from './join';
export * from './ordering-words';
export * from './ordering-buy';
export * from './ordering-sell';
export * from './promotions';
