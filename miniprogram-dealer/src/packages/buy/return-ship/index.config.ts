export default definePageConfig({ navigationBarTitleText: '扫码退回' });
