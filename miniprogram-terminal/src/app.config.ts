// The person picker exists only where the local cloud stands in for WeChat's identity (h5).
const pages = [
  'pages/index/index',
  'pages/receive/index',
  'pages/open/index',
  'pages/stock/index',
  'pages/wallet/index',
  'pages/rewards/index',
  'pages/join/index',
  'pages/invite/index',
];
if (process.env.TARO_ENV === 'h5') pages.push('pages/login/index');

// Ordering (订货) lives in a subpackage so the main package stays small (docs/ui.md).
const subPackages = [
  {
    root: 'packages/order',
    pages: ['catalog/index', 'cart/index', 'orders/index', 'detail/index', 'notices/index', 'return/index', 'balances/index', 'receive/index', 'return-ship/index'],
  },
];

export default defineAppConfig({
  pages,
  // Ordering, and the store's rebate statements (the kit's URL table: ui/src/kit/promotions/routes.ts).
  subPackages: [...subPackages, { root: 'pages-promo', pages: ['my-rebates/index'] }],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '门店助手',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f7',
  },
});
