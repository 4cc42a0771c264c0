export default definePageConfig({ navigationBarTitleText: '价格政策' });
