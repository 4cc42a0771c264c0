import { createNav } from '@channel-router/ui';

export const { PAGES, go, back, onBackH5 } = createNav({
  home: '/pages/index/index',
  wallet: '/pages/wallet/index',
});
