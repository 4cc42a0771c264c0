/**
 * Moving between an app's screens: one place for every URL, and the same back-or-home rule in
 * every app. `createNav({ home: '/pages/index/index', … })`.
 */
import Taro from '@tarojs/taro';

export function createNav<P extends { home: string }>(pages: P) {
  /** Opens a screen; `params` become its query (read with `useRouter().params`). */
  const go = (url: string, params: Record<string, string> = {}): void => {
    const q = Object.entries(params)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join('&');
    const to = q === '' ? url : `${url}?${q}`;
    // Ten pages deep, navigateTo fails: replace the top one instead.
    void Taro.navigateTo({ url: to }).catch(() => Taro.redirectTo({ url: to }));
  };
  /** Back to where the person came from; home when the page was opened directly (an h5 link). */
  const back = (): void => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void Taro.reLaunch({ url: pages.home });
  };
  const home = (): void => {
    void Taro.reLaunch({ url: pages.home });
  };
  /** h5 has no native navigation bar: a page header offers 「‹ 返回」 there. */
  const onBackH5 = process.env.TARO_ENV === 'h5' ? back : undefined;
  return { PAGES: pages, go, back, home, onBackH5 };
}
