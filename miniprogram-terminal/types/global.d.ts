/// <reference types="@tarojs/taro" />

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
