/** Build-time constants set by ui/build/taro-config.cjs (`defineConstants`). */
declare const APP_NAME: 'admin' | 'dealer' | 'terminal' | 'consumer';
declare const APP_TITLE: string;
declare const API_BASE_URL: string;
declare const CLOUD_ENV: string;
