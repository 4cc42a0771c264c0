// The person picker exists only where the local cloud stands in for WeChat's identity (h5).
const pages = [
  'pages/index/index',
  'pages/products/index',
  'pages/orgs/index',
  'pages/org-new/index',
  'pages/org/index',
  'pages/batches/index',
  'pages/batch/index',
  'pages/fund/index',
  'pages/alerts/index',
  'pages/penalties/index',
  'pages/withdrawals/index',
  'pages/inspect/index',
  'pages/dashboard/index',
  'pages/ship/index',
];
if (process.env.TARO_ENV === 'h5') pages.push('pages/login/index');

export default defineAppConfig({
  pages,
  // The seller's ordering screens (the kit's Sell* screens) load as a subpackage (分包), so the
  // main package stays small; same page names in the dealer and admin apps (kit: SELL_PAGES).
  subPackages: [
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
        'prices/index',
        'credit/index',
        'transfers/index',
        'receivables/index',
        'stock/index',
        'returns/index',
        'reports/index',
      ],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '品牌管理',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f7',
  },
});
