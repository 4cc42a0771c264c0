/**
 * The store's buying side (订货), wired once for the pages of this subpackage: the kit's screens
 * (ui/src/ordering/buy) with the store's client, storage and URLs. The supplier is the store's
 * trade relation (its dealer).
 */
import type { ReactNode } from 'react';
import { createBuyerOrdering, Header, Page, taroStorage, type BuyNav } from '@channel-router/ui';
import { client, receiveStore, sessionStore } from '../../services/app';
import { go, onBackIfH5, PAGES } from '../../services/nav';
import { StoreGate } from '../../components/store-gate';

export const buying = createBuyerOrdering({
  client,
  app: 'terminal',
  storage: taroStorage,
  sellerWord: '供货商',
  // weapp uploads (receipts, return photos) go to the signer's own folder.
  openId: () => {
    const me = sessionStore.getState().me;
    return me.status === 'ready' ? me.value.openId : null;
  },
});
export const receiveList = receiveStore;

export const nav: BuyNav = {
  catalog: () => go(PAGES.orderCatalog),
  cart: () => go(PAGES.orderCart),
  orders: () => go(PAGES.orders),
  order: (orderId) => go(PAGES.orderDetail, { orderId }),
  returnOf: (orderId) => go(PAGES.orderReturn, { orderId }),
  shipReturn: (orderId, returnId) => go(PAGES.orderReturnShip, { orderId, returnId }),
  notices: () => go(PAGES.orderNotices),
  balances: () => go(PAGES.orderBalances),
  receive: () => go(PAGES.orderReceive),
};

/** Page frame: title, back on h5, the store gate; `children` gets the store's orgId. */
export function BuyPage({ testId, title, subtitle, children }: { testId: string; title: string; subtitle?: string; children: (orgId: string) => ReactNode }) {
  return (
    <Page testId={testId}>
      <Header title={title} subtitle={subtitle} onBack={onBackIfH5} />
      <StoreGate>{(store) => children(store.orgId)}</StoreGate>
    </Page>
  );
}
