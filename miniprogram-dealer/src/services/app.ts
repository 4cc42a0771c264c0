/**
 * The dealer app's single client and stores. Taro-facing wiring lives here (storage, dialogs);
 * the stores themselves import no Taro (see stores/*.test.ts).
 */
import { confirm, createAppClient, taroStorage as storage } from '@channel-router/ui';
import { createScanList, storagePrefix, createWallet, createJoin } from '@channel-router/ui/kit';
import { formatFen } from '@channel-router/shared/money';
import { createOrgStore } from '../stores/org';
import { createAlertsStore, createCatalogStore, createPenaltiesStore, createStockStore } from '../stores/reports';
import { createDownstreamStore } from '../stores/downstream';
import { createInviteStore } from '../stores/invite';

export const client = createAppClient('dealer');


export const orgStore = createOrgStore({ client, storage });

export const receiveList = createScanList({ client, purpose: 'receive', storage, storagePrefix: storagePrefix('dealer') });

export const shipList = createScanList({
  client,
  purpose: 'ship',
  storage,
  storagePrefix: storagePrefix('dealer'),
  confirm: ({ codes, items, targetName }) =>
    confirm({
      title: `发货给 ${targetName ?? '下游'}？`,
      content: `共 ${codes} 个码，约 ${items} 件。提交后货物记为已发出，对方扫码签收。`,
      confirmText: '发货',
    }),
});

export const walletStore = createWallet({
  client,
  forbidden: '只有老板可以从单位账户提现',
  confirmWithdraw: (fen) =>
    confirm({
      title: `从单位账户提现 ${formatFen(fen)}？`,
      content: '提现到单位绑定的微信零钱，品牌审核通过后到账。提交后金额会先冻结。',
      confirmText: '提现',
      danger: true,
    }),
});

export const stockStore = createStockStore(client);
export const alertsStore = createAlertsStore(client);
export const penaltiesStore = createPenaltiesStore(client);
export const catalogStore = createCatalogStore(client);
export const downstreamStore = createDownstreamStore(client);
export const inviteStore = createInviteStore(client);

export const joinStore = createJoin({
  client,
  issuer: '上级',
  // Reload who I am and act for the new org; null: the code was a store's (another app serves it).
  onJoined: async ({ orgId }) => {
    await orgStore.getState().load();
    orgStore.getState().select(orgId);
    return orgStore.getState().memberships.find((m) => m.orgId === orgId) ?? null;
  },
});
