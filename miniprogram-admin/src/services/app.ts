/**
 * The admin app's single client and stores. Taro-facing wiring (storage, dialogs) lives here;
 * the stores themselves import no Taro (see stores/*.test.ts).
 */
import { confirm, createAppClient, taroStorage } from '@channel-router/ui';
import { createScanList, storagePrefix } from '@channel-router/ui/kit';
import { formatFen } from '@channel-router/shared/money';
import { createSessionStore } from '../stores/session';
import { createDirectoryStore, namesFrom } from '../stores/directory';
import { createCategoryEditor, createProductsStore } from '../stores/products';
import { createOrgsStore } from '../stores/orgs';
import { countsText, createBatchesStore } from '../stores/batches';
import { createFundStore } from '../stores/fund';
import { createPenaltiesStore, createSettleStore, settleConfirmText } from '../stores/penalties';
import { createDecisionStore, createWithdrawalsStore, decisionConfirmText, payeeText } from '../stores/withdrawals';
import { createDashboardStore } from '../stores/dashboard';
import { BRAND_SCAN_WORDS, createShipDealers } from '../stores/ship';
import { BRAND_ORG_ID } from '../stores/directory';
import { valueOf } from '@channel-router/ui/kit';

export const client = createAppClient('admin');

export const sessionStore = createSessionStore({ client });
export const directoryStore = createDirectoryStore({ client });

/** Names for ids from what is loaded now (brand name from the session). */
export function currentNames() {
  const d = directoryStore.getState();
  return namesFrom(d.orgs, d.products, valueOf(sessionStore.getState().me)?.brandName ?? null);
}

export const productsStore = createProductsStore({ client, reloadProducts: () => directoryStore.getState().reloadProducts() });
export const categoryEditor = createCategoryEditor({ client, reloadProducts: () => directoryStore.getState().reloadProducts() });

export const orgsStore = createOrgsStore({
  client,
  reloadOrgs: () => directoryStore.getState().reloadOrgs(),
});

export const batchesStore = createBatchesStore({
  client,
  confirmLarge: (counts, productName) =>
    confirm({ title: '生成大批次？', content: `将为「${productName}」生成 ${countsText(counts)} 的码。确认数量无误再生成。`, confirmText: '生成' }),
});

export const fundStore = createFundStore({
  client,
  confirmFund: (fen) =>
    confirm({
      title: `充值 ${formatFen(fen, { grouping: true })}？`,
      content: '这笔钱将进入奖金预算，用于支付消费者奖励、门店奖励和经销商返利。请确认已完成线下付款。',
      confirmText: '充值',
      danger: true,
    }),
});


export const penaltiesStore = createPenaltiesStore({ client });
export const settleStore = createSettleStore({
  client,
  confirm: (penaltyId, resolution) => {
    const p = penaltiesStore.getState().items.find((x) => x.id === penaltyId);
    if (p === undefined) return Promise.resolve(false);
    return confirm(settleConfirmText(p, resolution, currentNames().org(p.dealerId)));
  },
  refresh: () => penaltiesStore.getState().load(),
});

export const withdrawalsStore = createWithdrawalsStore({ client });
export const decisionStore = createDecisionStore({
  client,
  confirm: (withdrawalId, decision) => {
    const list = valueOf(withdrawalsStore.getState().list);
    const w = list?.find((x) => x.id === withdrawalId);
    if (w === undefined) return Promise.resolve(false);
    return confirm(decisionConfirmText(w, decision, payeeText(w.owner, currentNames())));
  },
  refresh: () => withdrawalsStore.getState().load(),
});

export const dashboardStore = createDashboardStore({ client });

export const shipDealers = createShipDealers(client);
export const shipStore = createScanList({
  client,
  purpose: 'ship',
  storage: taroStorage,
  storagePrefix: storagePrefix('admin'),
  words: BRAND_SCAN_WORDS,
  confirm: ({ codes, items, targetName }) =>
    confirm({
      title: `发货给 ${targetName}？`,
      content: `共 ${codes} 个码，${items} 件。提交后货物分配给该经销商，记为已发出，等待对方扫码签收。`,
      confirmText: '发货',
    }),
});
// The brand's list: bound once, to the brand (restored from the phone).
shipStore.getState().bind(BRAND_ORG_ID);
