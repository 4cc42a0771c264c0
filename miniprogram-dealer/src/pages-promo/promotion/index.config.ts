export default definePageConfig({ navigationBarTitleText: '编辑促销' });
