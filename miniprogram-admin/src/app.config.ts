// The person picker exists only where the local cloud stands in for WeChat's identity (h5).
// Promotions, rebate programs, statements and settlement documents live in a subpackage
// (`pages-promo/`, the kit's one URL table: ui/src/kit/promotions/routes.ts) so the main package
// stays small.
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
  subPackages: [{ root: 'pages-promo', pages: ['hub/index', 'promotions/index', 'promotion/index', 'programs/index', 'program/index', 'statements/index', 'settlements/index'] }],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '品牌管理',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f7',
  },
});
