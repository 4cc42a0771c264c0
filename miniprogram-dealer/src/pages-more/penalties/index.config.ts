export default definePageConfig({ navigationBarTitleText: '窜货罚款' });
