/**
 * The brand as the seller of the promotion subpackage's kit screens (ui/src/promotions): the
 * brand org, its name, the admin role (brand admins may take any statement step), and the
 * subpackage's navigation. Each page in `pages-promo/` wraps one kit screen in `PromoScreen`.
 */
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import { promoNav, type PromoSellerProps } from '@channel-router/ui';
import { valueOf } from '@channel-router/ui/kit';
import { client, sessionStore } from '../services/app';
import { BRAND_ORG_ID } from '../stores/directory';
import { ROUTES } from '../nav';
import { Screen } from './screen';

const nav = promoNav(ROUTES.home);

export function PromoScreen({ testId, title, subtitle, children }: { testId: string; title: string; subtitle?: string; children: (p: PromoSellerProps) => ReactNode }) {
  const me = useStore(sessionStore, (s) => valueOf(s.me));
  const props: PromoSellerProps = { client, seller: { orgId: BRAND_ORG_ID, name: me?.brandName ?? '品牌', kind: 'brand' }, roles: ['admin'], go: nav.go, back: nav.back };
  return (
    <Screen testId={testId} title={title} subtitle={subtitle} access='admin'>
      {children(props)}
    </Screen>
  );
}
