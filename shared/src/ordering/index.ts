export * from './order-machine.js';
export * from './tenders.js';
export * from './refunds.js';
export * from './receivables.js';
export * from './credit.js';
export * from './order-number.js';
export * from './quote.js';
