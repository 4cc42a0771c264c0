export default definePageConfig({ navigationBarTitleText: '返利政策' });
