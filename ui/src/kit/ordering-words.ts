/**
 * The ordering words both sides of a trade read (docs/ordering.md#orders): order states, return
 * states, tenders, order units, receivable ageing. One table each, for the buyer's and the
 * seller's screens alike; where the two sides say a state differently (a shipped order is 待收货
 * to its buyer), the buyer's table overrides that one entry.
 */
import type { BalancesRes, OrderView, ReturnStatus } from '@channel-router/shared/api';
import type { ChannelOrgKind } from '@channel-router/shared/model';
import type { TenderKind } from '@channel-router/shared/ordering/tenders';

type OrderState = OrderView['status'];
type AgeingBucket = keyof BalancesRes['credit']['ageing'];

export const ORDER_STATE_LABELS: Readonly<Record<OrderState, string>> = {
  pending_payment: '待付款',
  pending_approval: '待审批',
  approved: '待发货',
  partially_shipped: '部分发货',
  shipped: '已发货',
  received: '已收货',
  completed: '已完成',
  cancelled: '已取消',
};

/** The buyer waits for what the seller has shipped. */
export const BUYER_ORDER_STATE_LABELS: Readonly<Record<OrderState, string>> = { ...ORDER_STATE_LABELS, shipped: '待收货' };

export const RETURN_STATUS_LABELS: Readonly<Record<ReturnStatus, string>> = {
  requested: '待审核',
  approved: '已同意，待退回',
  in_transit: '退回途中',
  rejected: '已拒绝',
  refunded: '已退款',
};

export const TENDER_LABELS: Readonly<Record<TenderKind, string>> = {
  rebate: '返利抵扣',
  deposit: '预存款',
  credit: '赊销',
  wechat_pay: '微信支付',
  transfer: '线下转账',
};

export const UNIT_LABELS: Readonly<Record<'case' | 'box' | 'item', string>> = { case: '箱', box: '盒', item: '件' };

export const AGEING_LABELS: Readonly<Record<AgeingBucket, string>> = {
  not_due: '未到期',
  d1_30: '逾期 1–30 天',
  d31_60: '逾期 31–60 天',
  over_60: '逾期 60 天以上',
};

export const BUYER_KIND_LABELS: Readonly<Record<ChannelOrgKind, string>> = { dealer: '经销商', wholesaler: '批发商', store: '门店' };
