/**
 * The dealer's buying side (buying from the brand or its upstream, as a store does), wired once
 * for the pages of this subpackage: the kit's screens (ui/src/ordering/buy) with the dealer's
 * client, storage and URLs.
 */
import type { ReactNode } from 'react';
import { createBuyerOrdering, Header, Page, taroStorage, type BuyNav } from '@channel-router/ui';
import { client, orgStore, receiveList as appReceiveList } from '../../services/app';
import { go, onBackH5, PAGES } from '../../components/nav';
import { OrgGate } from '../../components/org-gate';

export const buying = createBuyerOrdering({
  client,
  app: 'dealer',
  storage: taroStorage,
  sellerWord: '品牌方',
  // weapp uploads (receipts, return photos) go to the signer's own folder.
  openId: () => {
    const me = orgStore.getState().me;
    return me.status === 'ready' ? me.value.openId ?? null : null;
  },
});
export const receiveList = appReceiveList;

export const nav: BuyNav = {
  catalog: () => go(PAGES.buyCatalog),
  cart: () => go(PAGES.buyCart),
  orders: () => go(PAGES.buyOrders),
  order: (orderId) => go(PAGES.buyDetail, { orderId }),
  returnOf: (orderId) => go(PAGES.buyReturn, { orderId }),
  shipReturn: (orderId, returnId) => go(PAGES.buyReturnShip, { orderId, returnId }),
  notices: () => go(PAGES.buyNotices),
  balances: () => go(PAGES.buyBalances),
  receive: () => go(PAGES.buyReceive),
};

/** Page frame: the org gate (its own header while loading), title, back on h5; `children` gets the orgId. */
export function BuyPage({ testId, title, subtitle, children }: { testId: string; title: string; subtitle?: string; children: (orgId: string) => ReactNode }) {
  return (
    <Page testId={testId}>
      <OrgGate title={title}>
        {(m) => (
          <>
            <Header title={title} subtitle={subtitle ?? m.orgName} onBack={onBackH5} />
            {children(m.orgId)}
          </>
        )}
      </OrgGate>
    </Page>
  );
}
