export default definePageConfig({ navigationBarTitleText: '扫码验真领奖' });
