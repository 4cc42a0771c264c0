/**
 * The terminal app's single client and stores. Taro-facing wiring lives here (dialogs, storage);
 * the stores themselves import no Taro (see stores/*.test.ts).
 */
import Taro from '@tarojs/taro';
import { confirm, createAppClient } from '@channel-router/ui';
import { formatFen } from '@channel-router/shared/money';
import { createSessionStore, currentStore } from '../stores/session';
import { createJoinStore } from '../stores/join';
import { createReceiveStore } from '../stores/receive';
import { createOpenStore } from '../stores/open';
import { createStockStore } from '../stores/stock';
import { createWalletStore } from '../stores/wallet';
import { createRewardsStore } from '../stores/rewards';
import { createInviteStore } from '../stores/invite';
import { packLabel } from '../stores/labels';
import type { KeyValueStore } from '../stores/storage';

/** The gateway on h5, wx.cloud on weapp. */
export const client = createAppClient('terminal');

/** Taro's local storage; a failing storage only makes the app forget on restart. */
const storage: KeyValueStore = {
  get(key) {
    try {
      const v: unknown = Taro.getStorageSync(key);
      return v === '' ? undefined : v;
    } catch {
      return undefined;
    }
  },
  set(key, value) {
    try {
      Taro.setStorageSync(key, value);
    } catch {
      // full or unavailable: the value lives in memory only
    }
  },
  remove(key) {
    try {
      Taro.removeStorageSync(key);
    } catch {
      // nothing stored: nothing to remove
    }
  },
};

export const sessionStore = createSessionStore({ client, storage });

export const joinStore = createJoinStore({ client, session: sessionStore });

export const receiveStore = createReceiveStore({
  client,
  storage,
  confirmForeign: ({ codes, items }) =>
    confirm({
      title: '有非本店经销商的货',
      content: `清单中有 ${codes} 个码（${items} 件）不是本店经销商供应的。入库后会记录为窜货证据，品牌方可能会核查。确定入库吗？`,
      confirmText: '仍然入库',
      cancelText: '再看看',
      danger: true,
    }),
});

export const openStore = createOpenStore({
  client,
  orgId: () => sessionStore.getState().orgId,
  confirmOpen: (info) =>
    confirm({
      title: '确认拆箱？',
      content: `${info.productName || '这件货'}（${packLabel(info.level, info.items)}）将标记为已拆开，方便按件销售和核对。`,
      confirmText: '拆箱',
    }),
});

export const stockStore = createStockStore({ client });

export const walletStore = createWalletStore({
  client,
  confirmWithdraw: (fen) =>
    confirm({
      title: `提现 ${formatFen(fen)}？`,
      content: `从「${currentStore(sessionStore.getState())?.orgName ?? '门店'}」钱包提现到店主微信零钱，品牌方审核后到账。提交后金额会先冻结。`,
      confirmText: '提现',
      danger: true,
    }),
});

export const rewardsStore = createRewardsStore({ client });

export const inviteStore = createInviteStore({ client });
