/**
 * Collection names, in one place. `database/collections.json` declares their indexes (and is
 * what a brand's IT team creates in the CloudBase console).
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
} as const;
