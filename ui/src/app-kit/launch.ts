/**
 * The code an app was opened with: WeChat's own scanner opens the app with the code's link in
 * the launch query `q` (cold start: onLaunch; hot start: onShow); on h5 it is `?q=` in the
 * page's address. Called from the app component; `onCode` gets each canonical code to open.
 */
import { useRef } from 'react';
import Taro, { useDidShow, useLaunch } from '@tarojs/taro';
import { codeFromLaunchQuery, codeToOpen, queryFromSearch } from '@channel-router/shared/codes/link';

type Entry = Taro.getLaunchOptionsSync.LaunchOptions;

export function useLaunchCode(onCode: (code: string) => void): void {
  const last = useRef<string | null>(null);
  const shows = useRef(0);
  const open = (code: string | null) => {
    if (code === null) return;
    last.current = code;
    onCode(code);
  };
  useLaunch((options: Entry) => {
    // h5: the router does not pass the address's own query; read it from the address.
    const query = process.env.TARO_ENV === 'h5' ? queryFromSearch(window.location.search) : options?.query;
    open(codeFromLaunchQuery(query));
  });
  useDidShow((options?: Entry) => {
    // The first show follows the launch with the same options: that code is open already.
    if (++shows.current === 1 || process.env.TARO_ENV === 'h5') return;
    open(codeToOpen(options, last.current));
  });
}
