// The person picker exists only where the local cloud stands in for WeChat's identity (h5).
const pages = [
  'pages/index/index',
  'pages/products/index',
  'pages/batches/index',
  'pages/batch/index',
  'pages/fund/index',
  'pages/penalties/index',
  'pages/withdrawals/index',
  'pages/dashboard/index',
];
if (process.env.TARO_ENV === 'h5') pages.push('pages/login/index');

export default defineAppConfig({
  pages,
  // Subpackages (分包) keep the main package within its budget (600 KB):
  subPackages: [
    // the channel's screens that name regions: the region tables (~70 KB) load with them;
    {
      root: 'pages-channel',
      pages: ['orgs/index', 'org/index', 'org-new/index', 'inspect/index', 'ship/index', 'alerts/index'],
    },
    // the seller's ordering screens (the kit's Sell* screens; same page names as the dealer app's).
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
    // promotions, rebate programs, statements and settlement documents (the kit's URL table:
    // ui/src/kit/promotions/routes.ts).
    { root: 'pages-promo', pages: ['hub/index', 'promotions/index', 'promotion/index', 'programs/index', 'program/index', 'statements/index', 'settlements/index'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '品牌管理',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f7',
  },
});
