import { createNav } from '@channel-router/ui';

export const { PAGES, go, back, home, onBackH5 } = createNav({
  home: '/pages/index/index',
  orgs: '/pages/orgs/index',
  join: '/pages/join/index',
  receive: '/pages/receive/index',
  ship: '/pages/ship/index',
  stock: '/pages/stock/index',
  rebates: '/pages/rebates/index',
  penalties: '/pages-more/penalties/index',
  alerts: '/pages-more/alerts/index',
  invite: '/pages-more/invite/index',
  buyCatalog: '/packages/buy/catalog/index',
  buyCart: '/packages/buy/cart/index',
  buyOrders: '/packages/buy/orders/index',
  buyDetail: '/packages/buy/detail/index',
  buyNotices: '/packages/buy/notices/index',
  buyReturn: '/packages/buy/return/index',
  buyBalances: '/packages/buy/balances/index',
  buyReceive: '/packages/buy/receive/index',
  promo: '/pages-promo/hub/index',
  myRebates: '/pages-promo/my-rebates/index',
});
