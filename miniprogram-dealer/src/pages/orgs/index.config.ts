export default definePageConfig({ navigationBarTitleText: '切换单位' });
