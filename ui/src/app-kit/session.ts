/**
 * The h5 session: the token from `/api/dev/login`, kept in local storage per app (the four apps
 * share one origin under the local cloud, so each keeps its own person). weapp has no token: the
 * platform injects the caller's identity into every cloud function call.
 */
import Taro from '@tarojs/taro';
import type { AppName } from '@channel-router/shared/client';

export function tokenKey(app: AppName): string {
  return `cr.${app}.token`;
}

export function getToken(app: AppName): string | null {
  try {
    const t: unknown = Taro.getStorageSync(tokenKey(app));
    return typeof t === 'string' && t !== '' ? t : null;
  } catch {
    return null;
  }
}

export function setToken(app: AppName, token: string): void {
  Taro.setStorageSync(tokenKey(app), token);
}

export function clearToken(app: AppName): void {
  try {
    Taro.removeStorageSync(tokenKey(app));
  } catch {
    // nothing stored: nothing to clear
  }
}

/** Whether this build needs a person picked before it can call the functions. */
export function needsLogin(app: AppName): boolean {
  return process.env.TARO_ENV === 'h5' && getToken(app) === null;
}

export const LOGIN_PAGE = '/pages/login/index';
export const HOME_PAGE = '/pages/index/index';
