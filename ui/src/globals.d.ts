/// <reference types="@tarojs/taro" />

/** Build-time constants set by ui/build/taro-config.cjs (`defineConstants`). */
declare const APP_NAME: 'admin' | 'dealer' | 'terminal' | 'consumer';
declare const APP_TITLE: string;
declare const API_BASE_URL: string;
declare const CLOUD_ENV: string;

/** What every app's sources may import or read (the four apps share these declarations). */
declare module '*.png';
declare module '*.svg';
declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production';
    /** The platform being built (this project builds `weapp` and `h5`). */
    TARO_ENV: 'weapp' | 'h5';
    /** Overrides `appid` in the generated dist/weapp/project.config.json (see README). */
    TARO_APP_ID?: string;
  }
}
