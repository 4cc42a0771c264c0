/**
 * The terminal app's single client and stores. Taro-facing wiring lives here (dialogs, storage);
 * the stores themselves import no Taro (see stores/*.test.ts).
 */
import { confirm, createAppClient, taroStorage as storage } from '@channel-router/ui';
import { createJoin, createScanList, createWallet, ORG_SCAN_WORDS, storagePrefix } from '@channel-router/ui/kit';
import { formatFen } from '@channel-router/shared/money';
import { afterJoin, createSessionStore, currentStore } from '../stores/session';
import { createOpenStore } from '../stores/open';
import { createStockStore } from '../stores/stock';
import { createRewardsStore } from '../stores/rewards';
import { createInviteStore } from '../stores/invite';
import { packLabel } from '../stores/labels';

/** The gateway on h5, wx.cloud on weapp. */
export const client = createAppClient('terminal');

export const sessionStore = createSessionStore({ client, storage });

export const joinStore = createJoin({ client, issuer: '店主', onJoined: (r) => afterJoin(sessionStore, r.orgId) });

/** Stock-in (扫码入库): the kit's running list, receiving for the store. */
export const receiveStore = createScanList({
  client,
  purpose: 'receive',
  storage,
  storagePrefix: storagePrefix('terminal'),
  words: { ...ORG_SCAN_WORDS, stock: '本店库存', forbidden: '您还没有加入门店，不能扫码入库', notMember: '您不是本店的成员，不能为它入库' },
  // Only goods from another dealer are asked about: they become diversion evidence.
  confirm: ({ foreignCodes: codes, foreignItems: items }) =>
    codes === 0 ? Promise.resolve(true) : confirm({
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

export const walletStore = createWallet({
  client,
  forbidden: '只有店主可以提现门店钱包',
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
