export default definePageConfig({ navigationBarTitleText: '销售管理' });
