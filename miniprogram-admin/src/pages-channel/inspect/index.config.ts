export default definePageConfig({ navigationBarTitleText: '稽查扫码' });
