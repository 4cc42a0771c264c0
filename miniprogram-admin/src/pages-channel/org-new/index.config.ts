export default definePageConfig({ navigationBarTitleText: '新建渠道组织' });
