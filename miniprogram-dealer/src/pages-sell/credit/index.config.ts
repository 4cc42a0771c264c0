export default definePageConfig({ navigationBarTitleText: '授信额度' });
