/**
 * The seller's view of orders (docs/ordering.md#orders): which filter each state falls in, what
 * the seller may do in each state, the badge counts, the transfers waiting to be confirmed and
 * the returns waiting for a decision.
 */
import type { OrderState } from '@channel-router/shared';
import type { OrderSummary, OrderView } from '@channel-router/shared/api';
import { formatFen } from '@channel-router/shared/money';
import { ORDER_STATE_LABELS } from '../ordering-words';

/** The incoming orders' filters, in the order of the tabs. */
export const ORDER_FILTERS = [
  { key: 'pending_approval', label: '待审批' },
  { key: 'approved', label: '待发货' },
  { key: 'partially_shipped', label: '部分发货' },
  { key: 'pending_payment', label: '待付款' },
  { key: 'shipped', label: '已发货' },
  { key: 'all', label: '全部' },
] as const;
export type OrderFilter = (typeof ORDER_FILTERS)[number]['key'];

export function statusOfFilter(f: OrderFilter): OrderState | undefined {
  return f === 'all' ? undefined : f;
}

export type SellerAction = 'approve' | 'reject' | 'ship' | 'closeRemainder' | 'cancel';

/** What the seller may do with an order in its state (the server decides; this only offers). */
export function sellerActions(order: Pick<OrderView, 'status' | 'shipments'>): SellerAction[] {
  switch (order.status) {
    case 'pending_approval':
      return ['approve', 'reject'];
    case 'approved':
      // Cancelling is for an order nothing of which has shipped.
      return order.shipments.length === 0 ? ['ship', 'cancel'] : ['ship', 'closeRemainder'];
    case 'partially_shipped':
      return ['ship', 'closeRemainder'];
    default:
      return [];
  }
}

/** Which step of the approval chain is next (`老板审批 (1/2)`), or null when none is due. */
export function approvalStepText(order: Pick<OrderView, 'status' | 'approval'>, roleLabel: (r: string) => string): string | null {
  if (order.status !== 'pending_approval') return null;
  const { chain, step } = order.approval;
  if (step >= chain.length) return null;
  return `${roleLabel(chain[step]!)}审批（${step + 1}/${chain.length}）`;
}

export interface BadgeCounts {
  toApprove: number;
  toShip: number;
  /** `99+` above 99. */
  text: string;
}

export const BADGE_PAGE = 50;

export function badgeCounts(toApprove: readonly OrderSummary[], toShip: readonly OrderSummary[]): BadgeCounts {
  const n = toApprove.length + toShip.length;
  return { toApprove: toApprove.length, toShip: toShip.length, text: n === 0 ? '' : n > 99 ? '99+' : String(n) };
}

export interface PendingTransfer {
  orderId: string;
  orderNo: string;
  buyerOrgId: string;
  paymentId: string;
  amount: number;
  receiptFileId: string | null;
}

/** Transfers of an order still waiting for the seller's finance. */
export function pendingTransfers(order: OrderView): PendingTransfer[] {
  if (order.status !== 'pending_payment') return [];
  return order.tenders
    .filter((t) => t.kind === 'transfer' && t.paymentId !== undefined && t.paid < t.amount)
    .map((t) => ({ orderId: order.orderId, orderNo: order.orderNo, buyerOrgId: order.buyerOrgId, paymentId: t.paymentId!, amount: t.amount - t.paid, receiptFileId: t.receiptFileId ?? null }));
}

export interface PendingReturn {
  orderId: string;
  orderNo: string;
  buyerOrgId: string;
  returnId: string;
  reason: string | null;
  photos: string[];
  /** `酱油 × 2 箱` per line. */
  lines: string[];
  requestedAt: number;
  refundOnly: boolean;
}

export function pendingReturns(order: OrderView): PendingReturn[] {
  const names = new Map(order.lines.map((l) => [l.lineId, l]));
  return order.returns
    .filter((r) => r.status === 'requested')
    .map((r) => ({
      orderId: order.orderId,
      orderNo: order.orderNo,
      buyerOrgId: order.buyerOrgId,
      returnId: r.returnId,
      reason: r.reason ?? null,
      photos: r.photos ?? [],
      lines: r.lines.map((x) => {
        const l = names.get(x.lineId);
        return `${l?.productName ?? '商品'} × ${x.quantity}${l === undefined ? '' : l.unit === 'case' ? ' 箱' : l.unit === 'box' ? ' 盒' : ' 件'}`;
      }),
      requestedAt: r.requestedAt,
      refundOnly: (r as { refundOnly?: boolean }).refundOnly === true,
    }));
}

/** A line of the order list: `SO20261204-000123 · ¥1,234.00 · 待审批`. */
export function orderRowText(o: Pick<OrderSummary, 'orderNo' | 'total' | 'status'>): string {
  return `${o.orderNo} · ${formatFen(o.total, { grouping: true })} · ${ORDER_STATE_LABELS[o.status] ?? o.status}`;
}

export const REASON_MAX = 200;

/** A rejection needs a reason the buyer can act on. */
export function checkReason(text: string): string | null {
  const t = text.trim();
  if (t === '') return '请填写原因，买方会看到';
  if (t.length > REASON_MAX) return `原因最多 ${REASON_MAX} 个字`;
  return null;
}
