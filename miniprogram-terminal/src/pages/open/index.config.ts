export default definePageConfig({ navigationBarTitleText: '拆箱' });
