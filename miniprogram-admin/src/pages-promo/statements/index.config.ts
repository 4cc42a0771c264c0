export default definePageConfig({ navigationBarTitleText: '返利对账单' });
