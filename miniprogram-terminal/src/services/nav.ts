import { createNav } from '@channel-router/ui';

export const { PAGES, go, back, onBackH5: onBackIfH5 } = createNav({
  home: '/pages/index/index',
  join: '/pages/join/index',
  receive: '/pages/receive/index',
  open: '/pages/open/index',
  stock: '/pages/stock/index',
  wallet: '/pages/wallet/index',
  rewards: '/pages/rewards/index',
  invite: '/pages/invite/index',
  orderCatalog: '/packages/order/catalog/index',
  orderCart: '/packages/order/cart/index',
  orders: '/packages/order/orders/index',
  orderDetail: '/packages/order/detail/index',
  orderNotices: '/packages/order/notices/index',
  orderReturn: '/packages/order/return/index',
  orderReturnShip: '/packages/order/return-ship/index',
  orderBalances: '/packages/order/balances/index',
  orderReceive: '/packages/order/receive/index',
  myRebates: '/pages-promo/my-rebates/index',
});
