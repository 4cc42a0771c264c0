export * from './stock.js';
export * from './stock-scan.js';
