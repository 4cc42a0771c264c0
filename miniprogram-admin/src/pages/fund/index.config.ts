export default definePageConfig({ navigationBarTitleText: '奖金预算' });
