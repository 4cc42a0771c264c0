import { createNav } from '@channel-router/ui';

/** The screens of the admin app, by name (one place for every URL). */
export const ROUTES = {
  home: '/pages/index/index',
  products: '/pages/products/index',
  orgs: '/pages-channel/orgs/index',
  orgNew: '/pages-channel/org-new/index',
  org: '/pages-channel/org/index',
  batches: '/pages/batches/index',
  batch: '/pages/batch/index',
  fund: '/pages/fund/index',
  alerts: '/pages-channel/alerts/index',
  penalties: '/pages/penalties/index',
  withdrawals: '/pages/withdrawals/index',
  inspect: '/pages-channel/inspect/index',
  dashboard: '/pages/dashboard/index',
  ship: '/pages-channel/ship/index',
  promo: '/pages-promo/hub/index',
} as const;

export type RouteName = keyof typeof ROUTES;

const nav = createNav(ROUTES);
export const { home: goHome, back: goBack } = nav;

/** Opens a screen; `params` become its query (read with `useRouter().params`). */
export function go(route: RouteName, params: Record<string, string> = {}): void {
  nav.go(ROUTES[route], params);
}
