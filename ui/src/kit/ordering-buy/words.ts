/**
 * How the buyer's screens say the ordering words (docs/ordering.md#orders): states,
 * price sources, units, history events, notices, ageing. One place, tested in Node.
 */
import type { BalancesRes, OrderHistoryEntry, OrderView, ReturnStatus, ShipmentView } from '@channel-router/shared/api';

import { BUYER_ORDER_STATE_LABELS, UNIT_LABELS } from '../ordering-words';

type OrderState = OrderView['status'];
type AgeingBucket = keyof BalancesRes['credit']['ageing'];
/** The kit's `Tag` tones. */
export type OrderTone = 'default' | 'success' | 'warning' | 'danger' | 'primary';

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
  return `${what} · ${BUYER_ORDER_STATE_LABELS[h.to]}${h.reason ? `（${h.reason}）` : ''}`;
}

export function shipmentText(s: ShipmentView): string {
  const items = s.lines.reduce((n, l) => n + l.items, 0);
  const carrier = s.carrier ? ` · ${s.carrier}${s.trackingNo ? ` ${s.trackingNo}` : ''}` : '';
  return `${items} 件${carrier} · ${s.status === 'received' ? '已收货' : '运输中'}`;
}

