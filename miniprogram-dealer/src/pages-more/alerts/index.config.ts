export default definePageConfig({ navigationBarTitleText: '窜货预警' });
