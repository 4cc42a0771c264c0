/**
 * The seller's screens live in one weapp subpackage, `pages-sell/`, with the same page names in
 * the dealer and the admin app: one URL table for both.
 */
export const SELL_ROOT = 'pages-sell';

export const SELL_PAGES = {
  hub: `/${SELL_ROOT}/hub/index`,
  orders: `/${SELL_ROOT}/orders/index`,
  order: `/${SELL_ROOT}/order/index`,
  ship: `/${SELL_ROOT}/ship/index`,
  customers: `/${SELL_ROOT}/customers/index`,
  customer: `/${SELL_ROOT}/customer/index`,
  policies: `/${SELL_ROOT}/policies/index`,
  policy: `/${SELL_ROOT}/policy/index`,
  prices: `/${SELL_ROOT}/prices/index`,
  credit: `/${SELL_ROOT}/credit/index`,
  transfers: `/${SELL_ROOT}/transfers/index`,
  receivables: `/${SELL_ROOT}/receivables/index`,
  stock: `/${SELL_ROOT}/stock/index`,
  returns: `/${SELL_ROOT}/returns/index`,
  reports: `/${SELL_ROOT}/reports/index`,
} as const;
export type SellPage = keyof typeof SELL_PAGES;

/** The subpackage's page paths for `app.config.ts` (`subPackages: [{ root, pages }]`); `prices` is the brand's only. */
export function sellSubpackagePages(app: 'dealer' | 'admin'): string[] {
  return (Object.keys(SELL_PAGES) as SellPage[]).filter((k) => app === 'admin' || k !== 'prices').map((k) => SELL_PAGES[k].slice(SELL_ROOT.length + 2));
}
