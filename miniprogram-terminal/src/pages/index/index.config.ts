export default definePageConfig({ navigationBarTitleText: '门店助手' });
