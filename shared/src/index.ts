export * from './result.js';
export * from './codes/index.js';
export * from './channel/regions/index.js';
export * from './geo/index.js';
export * from './model.js';
export * from './money.js';
export * from './api/actions.js';
export * from './validation/index.js';
export * from './custody/state.js';
export * from './custody/plan.js';
export * from './diversion/judge.js';
export { provinceOf } from './diversion/territory.js';
export * from './rewards/redeem.js';
export * from './rewards/penalty.js';
export * from './wallet/ledger.js';
export * from './wallet/withdrawal-machine.js';
export * from './wallet/trade-accounts.js';
export * from './wallet/trade-postings.js';
export * from './ordering/index.js';
export * from './storage/index.js';
export * from './ordering/index.js';
// The promotions' buyer profile and approval bound carry their own names here: the ordering
// module has its own.
export * from './promotions/index.js';
export { type BuyerProfile as PromotionBuyer, MAX_APPROVAL_STEPS as MAX_STATEMENT_APPROVAL_STEPS } from './promotions/index.js';
export type { BuyerProfile } from './ordering/index.js';
export { MAX_APPROVAL_STEPS } from './ordering/index.js';
