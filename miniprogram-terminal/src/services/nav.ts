import Taro from '@tarojs/taro';

export const PAGES = {
  home: '/pages/index/index',
  join: '/pages/join/index',
  receive: '/pages/receive/index',
  open: '/pages/open/index',
  stock: '/pages/stock/index',
  wallet: '/pages/wallet/index',
  rewards: '/pages/rewards/index',
  invite: '/pages/invite/index',
} as const;

export function go(url: string): void {
  void Taro.navigateTo({ url }).catch(() => Taro.redirectTo({ url }));
}

/** Back to where the person came from, or home when the page was opened directly (h5 link). */
export function back(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.reLaunch({ url: PAGES.home });
}

/** h5 has no native navigation bar: pages show "‹ 返回" in their header there. */
export const onBackIfH5 = process.env.TARO_ENV === 'h5' ? back : undefined;
