// The person picker exists only where the local cloud stands in for WeChat's identity (h5).
const pages = [
  'pages/index/index',
  'pages/orgs/index',
  'pages/join/index',
  'pages/receive/index',
  'pages/ship/index',
  'pages/stock/index',
  'pages/rebates/index',
];
if (process.env.TARO_ENV === 'h5') pages.push('pages/login/index');

// Ordering (订货) lives in subpackages so the main package stays small (docs/ui.md).
const subPackages = [
  // Buying from the brand (or the upstream dealer), as a store does.
  {
    root: 'packages/buy',
    pages: ['catalog/index', 'cart/index', 'orders/index', 'detail/index', 'notices/index', 'return/index', 'balances/index', 'receive/index', 'return-ship/index'],
  },
];

export default defineAppConfig({
  pages,
  // The seller's ordering screens (the kit's Sell* screens) load as a subpackage (分包), so the
  // main package stays small; same page names in the dealer and admin apps (kit: SELL_PAGES).
  subPackages: [
    ...subPackages,
    {
      root: 'pages-sell',
      pages: [
        'hub/index',
        'orders/index',
        'order/index',
        'ship/index',
        'customers/index',
        'customer/index',
        'policies/index',
        'policy/index',
        'credit/index',
        'transfers/index',
        'receivables/index',
        'stock/index',
        'returns/index',
        'reports/index',
      ],
    },
    // Promotions, rebates and settlements (the kit's URL table: ui/src/kit/promotions/routes.ts).
    // Diversion alerts, penalties and invitations: opened now and then, so they load on demand and
    // keep the main package under WeChat's limit (scripts/build-apps.mjs checks it).
    { root: 'pages-more', pages: ['alerts/index', 'penalties/index', 'invite/index'] },
    { root: 'pages-promo', pages: ['hub/index', 'promotions/index', 'promotion/index', 'programs/index', 'program/index', 'statements/index', 'settlements/index', 'my-rebates/index'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '经销商',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f7',
  },
});
