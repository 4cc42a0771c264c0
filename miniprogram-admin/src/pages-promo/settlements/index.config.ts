export default definePageConfig({ navigationBarTitleText: '清分单据' });
