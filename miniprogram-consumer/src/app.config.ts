// The person picker exists only where the local cloud stands in for WeChat's identity (h5).
const pages = ['pages/index/index', 'pages/wallet/index'];
if (process.env.TARO_ENV === 'h5') pages.push('pages/login/index');

export default defineAppConfig({
  pages,
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '扫码领奖',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f7',
  },
  // Consumer scans carry a rough position (diversion evidence, docs/diversion.md#consumer-scan).
  requiredPrivateInfos: ['getFuzzyLocation'],
  permission: {
    'scope.userFuzzyLocation': { desc: '用于判断商品的销售区域（仅记录大致位置）' },
  },
});
