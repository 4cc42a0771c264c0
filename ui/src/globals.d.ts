/** Build-time constants set by ui/build/taro-config.cjs (`defineConstants`). */
declare const APP_NAME: 'admin' | 'dealer' | 'terminal' | 'consumer';
declare const APP_TITLE: string;
/** True in builds that talk to the local cloud (h5): the demo login exists only there. */
declare const LOCAL_MODE: boolean;
declare const API_BASE_URL: string;
declare const CLOUD_ENV: string;
