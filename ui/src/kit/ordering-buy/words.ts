/**
 * How the buyer's screens say the ordering words (docs/ordering.md#orders): states,
 * price sources, units, history events, notices, ageing. One place, tested in Node.
 */
import type { BalancesRes, OrderHistoryEntry, OrderView, ReturnStatus, ShipmentView } from '@channel-router/shared/api';

type OrderState = OrderView['status'];
type AgeingBucket = keyof BalancesRes['credit']['ageing'];
/** The kit's `Tag` tones. */
export type OrderTone = 'default' | 'success' | 'warning' | 'danger' | 'primary';

export const ORDER_STATE_LABELS: Record<OrderState, string> = {
  pending_payment: '待付款',
  pending_approval: '待审核',
  approved: '待发货',
  partially_shipped: '部分发货',
  shipped: '待收货',
  received: '已收货',
  completed: '已完成',
  cancelled: '已取消',
};

export function orderStateTone(s: OrderState): OrderTone {
  switch (s) {
    case 'pending_payment':
      return 'warning';
    case 'cancelled':
      return 'default';
    case 'completed':
    case 'received':
      return 'success';
    default:
      return 'primary';
  }
}

export const UNIT_LABELS: Record<'case' | 'box' | 'item', string> = { case: '箱', box: '盒', item: '件' };

/** 「24 件/箱」: what one order unit holds. */
export function packText(unit: 'case' | 'box' | 'item', itemsPerUnit: number): string {
  return unit === 'item' ? '按件订' : `${itemsPerUnit} 件/${UNIT_LABELS[unit]}`;
}

export const PRICE_SOURCE_LABELS: Record<'customer' | 'group' | 'level' | 'region' | 'all' | 'list', string> = {
  customer: '专属价',
  group: '分组价',
  level: '等级价',
  region: '区域价',
  all: '通用价',
  list: '标准价',
};

const EVENT_LABELS: Record<string, string> = {
  submit: '提交订单',
  paid: '付款完成',
  approve: '审核通过',
  reject: '审核拒绝',
  cancel: '取消订单',
  timeout: '付款超时',
  ship: '发货',
  closeRemainder: '剩余不再发货',
  receive: '收货',
  complete: '订单完成',
};

export function historyText(h: OrderHistoryEntry): string {
  const what = EVENT_LABELS[h.event] ?? h.event;
  return `${what} · ${ORDER_STATE_LABELS[h.to]}${h.reason ? `（${h.reason}）` : ''}`;
}

export const RETURN_STATUS_LABELS: Record<ReturnStatus, string> = {
  requested: '待审核',
  approved: '已同意，待退回',
  in_transit: '退回途中',
  rejected: '已拒绝',
  refunded: '已退款',
};

export function shipmentText(s: ShipmentView): string {
  const items = s.lines.reduce((n, l) => n + l.items, 0);
  const carrier = s.carrier ? ` · ${s.carrier}${s.trackingNo ? ` ${s.trackingNo}` : ''}` : '';
  return `${items} 件${carrier} · ${s.status === 'received' ? '已收货' : '运输中'}`;
}

export const AGEING_LABELS: Record<AgeingBucket, string> = {
  not_due: '未到期',
  d1_30: '逾期 1–30 天',
  d31_60: '逾期 31–60 天',
  over_60: '逾期 60 天以上',
};

/** 「12-05 14:30」 in Asia/Shanghai, whatever the phone's zone. */
export function shortTime(at_ms: number): string {
  const d = new Date(at_ms + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}
