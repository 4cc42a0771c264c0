export default definePageConfig({ navigationBarTitleText: '返利' });
