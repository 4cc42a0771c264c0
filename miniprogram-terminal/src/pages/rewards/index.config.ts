export default definePageConfig({ navigationBarTitleText: '奖励记录' });
