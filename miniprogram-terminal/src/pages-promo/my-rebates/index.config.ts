export default definePageConfig({ navigationBarTitleText: '我的返利' });
