// The person picker exists only where the local cloud stands in for WeChat's identity (h5).
const pages = [
  'pages/index/index',
  'pages/orgs/index',
  'pages/join/index',
  'pages/receive/index',
  'pages/ship/index',
  'pages/stock/index',
  'pages/rebates/index',
  'pages/penalties/index',
  'pages/alerts/index',
  'pages/invite/index',
];
if (process.env.TARO_ENV === 'h5') pages.push('pages/login/index');

export default defineAppConfig({
  pages,
  // Promotions, rebates and settlements: a subpackage (the kit's URL table: ui/src/kit/promotions/routes.ts).
  subPackages: [{ root: 'pages-promo', pages: ['hub/index', 'promotions/index', 'promotion/index', 'programs/index', 'program/index', 'statements/index', 'settlements/index', 'my-rebates/index'] }],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '经销商',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f7',
  },
});
