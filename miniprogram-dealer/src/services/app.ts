/**
 * The dealer app's single client and stores. Taro-facing wiring lives here (storage, dialogs);
 * the stores themselves import no Taro (see stores/*.test.ts).
 */
import Taro from '@tarojs/taro';
import { confirm, createAppClient } from '@channel-router/ui';
import { formatFen } from '@channel-router/shared/money';
import { createOrgStore } from '../stores/org';
import { createScanListStore } from '../stores/scan-list';
import { createWalletStore } from '../stores/wallet';
import { createAlertsStore, createCatalogStore, createPenaltiesStore, createStockStore } from '../stores/reports';
import { createDownstreamStore } from '../stores/downstream';
import { createInviteStore } from '../stores/invite';
import { createJoinStore } from '../stores/join';
import type { KeyValueStorage } from '../stores/storage';

export const client = createAppClient('dealer');

/** Taro's synchronous storage: wx storage on weapp, localStorage on h5. */
const storage: KeyValueStorage = {
  get(key) {
    const v: unknown = Taro.getStorageSync(key);
    return typeof v === 'string' && v !== '' ? v : null;
  },
  set(key, value) {
    Taro.setStorageSync(key, value);
  },
  remove(key) {
    Taro.removeStorageSync(key);
  },
};

export const orgStore = createOrgStore({ client, storage });

export const receiveList = createScanListStore({ client, purpose: 'receive', storage });

export const shipList = createScanListStore({
  client,
  purpose: 'ship',
  storage,
  confirm: ({ codes, items, targetName }) =>
    confirm({
      title: `发货给 ${targetName ?? '下游'}？`,
      content: `共 ${codes} 个码，约 ${items} 件。提交后货物记为已发出，对方扫码签收。`,
      confirmText: '发货',
    }),
});

export const walletStore = createWalletStore({
  client,
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

export const joinStore = createJoinStore({
  client,
  onJoined: async (orgId) => {
    await orgStore.getState().load();
    orgStore.getState().select(orgId);
  },
});
