/**
 * Words and tones of the seller's ordering screens (docs/ordering.md#orders): order states, price
 * scopes, stock moves, report kinds. One table each; an unknown key reads 其他.
 */
import type { OrderState } from '@channel-router/shared';
import { pick, type StatusTone } from '../labels';
import { ORDER_STATE_LABELS, UNIT_LABELS } from '../ordering-words';

export { BUYER_KIND_LABELS } from '../ordering-words';

const ORDER_STATE_TONES: Readonly<Record<OrderState, StatusTone>> = {
  pending_payment: 'warning',
  pending_approval: 'warning',
  approved: 'warning',
  partially_shipped: 'warning',
  shipped: 'default',
  received: 'success',
  completed: 'success',
  cancelled: 'danger',
};

export function orderStateView(status: string): { text: string; tone: StatusTone } {
  return { text: pick(ORDER_STATE_LABELS, status), tone: (ORDER_STATE_TONES as Record<string, StatusTone>)[status] ?? 'default' };
}

export const SCOPE_LABELS: Readonly<Record<string, string>> = {
  customer: '指定客户',
  group: '客户分组',
  level: '客户等级',
  region: '地区',
  all: '全部客户',
  list: '品牌价目',
  special: '特价',
};

export function scopeLabel(scope: string): string {
  return pick(SCOPE_LABELS, scope);
}


export const STOCK_MOVE_LABELS: Readonly<Record<string, string>> = {
  production_in: '生产入库',
  receive: '收货',
  ship: '发货',
  reserve: '下单预留',
  release: '释放预留',
  return_in: '退货入库',
  return_out: '退货出库',
  adjust: '调整',
};

export function unitLabel(unit: string): string {
  return pick(UNIT_LABELS, unit, '件');
}

export const ROLE_STEP_LABELS: Readonly<Record<string, string>> = { owner: '老板', admin: '管理员', finance: '财务', sales: '销售', warehouse: '仓管' };
