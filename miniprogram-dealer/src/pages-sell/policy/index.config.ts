export default definePageConfig({ navigationBarTitleText: '编辑价格政策' });
