export default definePageConfig({ navigationBarTitleText: '余额与账期' });
