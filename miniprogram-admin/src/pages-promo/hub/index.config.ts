export default definePageConfig({ navigationBarTitleText: '促销与返利' });
