export default definePageConfig({ navigationBarTitleText: '按订单发货' });
