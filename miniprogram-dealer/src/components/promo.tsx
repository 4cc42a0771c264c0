/**
 * The org acted for, as the seller of the promotion subpackage's kit screens (ui/src/promotions)
 * and as the buyer of 我的返利. Each page in `pages-promo/` wraps one kit screen here.
 */
import type { ReactNode } from 'react';
import { Header, Page, promoNav, type PromoSellerProps } from '@channel-router/ui';
import { client } from '../services/app';
import { OrgGate } from './org-gate';
import { onBackH5, PAGES } from './nav';
import type { OrgMembership } from '../stores/org';

const nav = promoNav(PAGES.home);

export function PromoPage({ testId, title, children }: { testId: string; title: string; children: (p: PromoSellerProps, m: OrgMembership) => ReactNode }) {
  return (
    <Page testId={testId}>
      <OrgGate title={title}>
        {(m) => (
          <>
            <Header title={title} subtitle={m.orgName} onBack={onBackH5} />
            {children({ client, seller: { orgId: m.orgId, name: m.orgName, kind: m.kind }, roles: [m.role], go: nav.go, back: nav.back }, m)}
          </>
        )}
      </OrgGate>
    </Page>
  );
}
