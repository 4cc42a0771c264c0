export default definePageConfig({ navigationBarTitleText: '渠道组织' });
