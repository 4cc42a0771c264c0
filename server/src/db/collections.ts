/**
 * Collection names, in one place, and which server module writes each (docs/boundaries.md).
 * `database/collections.json` declares their indexes (and is what a brand's IT team creates in
 * the CloudBase console).
 *
 * Any module may read any collection; only the owners listed here write it. Another module that
 * needs a write calls the owner (e.g. channel opens an org's account with wallet's
 * `ensureAccount`). Checked by server/src/db/ownership.test.ts.
 */
export const C = {
  meta: 'meta',
  orgs: 'orgs',
  memberships: 'memberships',
  invites: 'invites',
  products: 'products',
  batches: 'batches',
  units: 'units',
  events: 'events',
  redemptions: 'redemptions',
  verifications: 'verifications',
  alerts: 'alerts',
  penalties: 'penalties',
  accounts: 'accounts',
  ledger: 'ledger',
  withdrawals: 'withdrawals',
  payouts: 'payouts',
  rateLimits: 'rate_limits',
  // Ordering (server/src/orders/)
  orders: 'orders',
  payments: 'payments',
  shipments: 'shipments',
  returns: 'returns',
  receivables: 'receivables',
  notices: 'notices',
  // Stock (server/src/stock/)
  stock: 'stock',
  stockMoves: 'stock_moves',
  // Trade (server/src/trade/)
  listPrices: 'list_prices',
  pricePolicies: 'price_policies',
  customers: 'customers',
  tradeTerms: 'trade_terms',
  creditLines: 'credit_lines',
  tradeRelations: 'trade_relations',
  // Promotions, rebate programs and statements (server/src/promotions/)
  promotions: 'promotions',
  promotionUses: 'promotion_uses',
  rebatePrograms: 'rebate_programs',
  rebateStatements: 'rebate_statements',
} as const;

/** A server module: a folder of server/src (the ownership test checks it exists). */
export type OwnerModule = string;

/**
 * The modules allowed to write each collection. Most have one owner. Shared ones, and why:
 * - meta: small documents of several modules, each under its own ids (channel: `bootstrap`;
 *   codes: the batch counter; wallet: daily withdrawal totals; orders: order number counters).
 * - alerts: raised where the evidence is seen: custody on a receive, scan on a redeem, stock on a
 *   move that takes a product to its safety stock (low_stock).
 * - penalties: raised by scan on a diverted redeem (in the same transaction as the claim), settled
 *   by wallet.
 */
export const WRITERS: { readonly [K in keyof typeof C]: readonly OwnerModule[] } = {
  meta: ['channel', 'codes', 'wallet', 'orders'],
  orgs: ['channel'],
  memberships: ['channel'],
  invites: ['channel'],
  products: ['channel'],
  batches: ['codes'],
  units: ['custody'],
  events: ['custody'],
  redemptions: ['scan'],
  verifications: ['scan'],
  alerts: ['custody', 'scan', 'stock'],
  penalties: ['scan', 'wallet'],
  accounts: ['wallet'],
  ledger: ['wallet'],
  withdrawals: ['wallet'],
  payouts: ['wallet'],
  rateLimits: ['abuse'],
  orders: ['orders'],
  payments: ['orders'],
  shipments: ['orders'],
  returns: ['orders'],
  receivables: ['orders'],
  notices: ['orders'],
  stock: ['stock'],
  stockMoves: ['stock'],
  listPrices: ['trade'],
  pricePolicies: ['trade'],
  customers: ['trade'],
  tradeTerms: ['trade'],
  creditLines: ['trade'],
  tradeRelations: ['trade'],
  promotions: ['promotions'],
  promotionUses: ['promotions'],
  rebatePrograms: ['promotions'],
  rebateStatements: ['promotions'],
};
