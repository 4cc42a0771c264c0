export default definePageConfig({ navigationBarTitleText: '码批次' });
