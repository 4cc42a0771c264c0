// The person picker exists only where the local cloud stands in for WeChat's identity (h5).
// Everything fits the main package with room to spare (see the build summary), so no subpackages.
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
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '品牌管理',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f7',
  },
});
