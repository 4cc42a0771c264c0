/**
 * Brand shipping (发货): the brand ships cases and boxes from its warehouse to a first-tier
 * dealer, which allocates the goods to that dealer. The running list is the kit's
 * (`createScanList({ purpose: 'ship' })`, acting for the brand); what is the brand's own is here:
 * its words, and the dealers it may ship to.
 */
import { createStore } from 'zustand/vanilla';
import type { OrgView } from '@channel-router/shared/api';
import type { Client } from '@channel-router/shared/client';
import { latest, LOADING, ORG_SCAN_WORDS, type Load, type ScanWords } from '@channel-router/ui/kit';
import { BRAND_ORG_ID } from './directory';

export const BRAND_SCAN_WORDS: ScanWords = {
  ...ORG_SCAN_WORDS,
  stock: '品牌仓库',
  target: '经销商',
  downstream: '经销商',
  forbidden: '只有品牌管理员可以发货',
  notMember: '只有品牌管理员可以发品牌的货',
};

export interface ShipDealersState {
  /** The first-tier dealers the brand can ship to. */
  dealers: Load<OrgView[]>;
  load(): Promise<void>;
}

export function createShipDealers(client: Client) {
  return createStore<ShipDealersState>()((set, get) => {
    const gen = latest();
    return {
      dealers: LOADING,
      async load() {
        const mine = gen.next();
        if (get().dealers.status === 'error') set({ dealers: LOADING });
        const r = await client.channel.listOrgs({ kind: 'dealer' });
        if (!gen.isLatest(mine)) return;
        if (r.ok) set({ dealers: { status: 'ready', value: r.data.orgs.filter((o) => o.kind === 'dealer' && o.upstreamId === BRAND_ORG_ID) } });
        else if (get().dealers.status !== 'ready') set({ dealers: { status: 'error', error: r.error } });
      },
    };
  });
}
