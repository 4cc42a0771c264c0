export default definePageConfig({ navigationBarTitleText: '商品与奖励政策' });
