export default definePageConfig({ navigationBarTitleText: '门店钱包' });
