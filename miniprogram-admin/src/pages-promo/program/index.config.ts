export default definePageConfig({ navigationBarTitleText: '编辑返利政策' });
