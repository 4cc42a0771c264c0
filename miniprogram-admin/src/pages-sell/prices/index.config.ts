export default definePageConfig({ navigationBarTitleText: '价目与控价' });
