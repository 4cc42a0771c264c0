import Taro from '@tarojs/taro';

export const PAGES = {
  home: '/pages/index/index',
  orgs: '/pages/orgs/index',
  join: '/pages/join/index',
  receive: '/pages/receive/index',
  ship: '/pages/ship/index',
  stock: '/pages/stock/index',
  rebates: '/pages/rebates/index',
  penalties: '/pages/penalties/index',
  alerts: '/pages/alerts/index',
  invite: '/pages/invite/index',
} as const;

export function go(url: string): void {
  void Taro.navigateTo({ url }).catch(() => Taro.redirectTo({ url }));
}

/** Back to where the person came from; home when the page was opened directly. */
export function back(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.reLaunch({ url: PAGES.home });
}

export function home(): void {
  void Taro.reLaunch({ url: PAGES.home });
}

/** h5 has no native navigation bar: the page header offers "‹ 返回" there. */
export const onBackH5 = process.env.TARO_ENV === 'h5' ? back : undefined;
