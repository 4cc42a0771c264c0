import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import type { AppName } from '@channel-router/shared/client';
import { LOGIN_PAGE, needsLogin } from './session';

/**
 * h5: sends a visitor with no session to the person picker. Returns whether the page may load
 * its data. weapp: always true (identity comes from the platform).
 */
export function useRequireLogin(app: AppName): boolean {
  const [ready, setReady] = useState(() => !needsLogin(app));
  useDidShow(() => {
    if (needsLogin(app)) {
      setReady(false);
      void Taro.reLaunch({ url: LOGIN_PAGE });
    } else {
      setReady(true);
    }
  });
  return ready;
}
