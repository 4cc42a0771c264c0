export * from './prices.js';
export * from './floors.js';
export * from './terms.js';
