/**
 * The seller's 转账确认 (docs/payments.md#bank-transfers): every bank transfer waiting for the
 * seller's finance — orders' payments, deposit top-ups and credit repayments — from `order.transfers`, page by page,
 * each with its receipt link; confirming or rejecting (with a reason the buyer sees) calls the
 * existing actions, after which the list is read again. Free of Taro, tested in Node.
 */
import type { Client, ClientResult } from '@channel-router/shared/client';
import type { ActionRes, TransferToConfirm } from '@channel-router/shared/api';
import { formatFen } from '@channel-router/shared/money';
import { appendRows, decide, loadNextPage, type DecideOutcome, type Decision, type PagedRows, type ReadPage } from './pending-queue';

export type { DecideOutcome, Decision } from './pending-queue';

export type TransferRow = TransferToConfirm;
export type TransfersPage = ActionRes<'order', 'transfers'>;

/** Rows per page: a finance clerk checks a few at a time; the server allows up to 50. */
export const TRANSFERS_PAGE = 20;

/** The calls the screen makes, typed by the contract (a change there fails the kit's typecheck). */
export function createTransfersApi(client: Client) {
  const o = client.order;
  return {
    list: (orgId: string, cursor?: string, limit = TRANSFERS_PAGE) => o.transfers(cursor === undefined ? { orgId, limit } : { orgId, limit, cursor }),
    confirm: (paymentId: string) => o.confirmTransfer({ paymentId }),
    reject: (paymentId: string, reason: string) => o.rejectTransfer({ paymentId, reason }),
  };
}
export type TransfersApi = ReturnType<typeof createTransfersApi>;

/** The tag of what the money is for: an order's payment, the deposit (a top-up) or a credit repayment. */
export const TRANSFER_PURPOSE_LABELS: Readonly<Record<TransferRow['purpose'], string>> = { order: '订单货款', top_up: '预存款', repay: '还款' };

/** `充值` for a deposit top-up, `还款` for a credit repayment, `订单 SO…` for an order's payment. */
export function transferTitle(t: Pick<TransferRow, 'purpose' | 'orderNo' | 'orderId'>): string {
  return t.purpose === 'order' ? `订单 ${t.orderNo ?? t.orderId ?? ''}`.trim() : t.purpose === 'top_up' ? '充值' : '还款';
}

/** `天河便利店 · ¥300.00`. */
export function transferLine(t: Pick<TransferRow, 'buyerName' | 'amount'>): string {
  return `${t.buyerName} · ${formatFen(t.amount, { grouping: true })}`;
}

export type TransfersState = PagedRows<TransferRow>;

const keyOf = (t: TransferRow) => t.paymentId;
const pages = (api: TransfersApi, orgId: string): ReadPage<TransferRow> => async (cursor) => {
  const r = await api.list(orgId, cursor);
  return r.ok ? { ok: true, data: { rows: r.data.transfers, nextCursor: r.data.nextCursor } } : r;
};

/** Appends a further page, skipping rows already shown (a row can move between pages while reading). */
export function appendPage(state: TransfersState, page: TransfersPage): TransfersState {
  return appendRows(state, { rows: page.transfers, nextCursor: page.nextCursor }, keyOf);
}

/** The first page. */
export function loadTransfers(api: TransfersApi, orgId: string): Promise<ClientResult<TransfersState>> {
  return pages(api, orgId)();
}

/** The page after what is shown (nothing to do when there is none). */
export function loadMoreTransfers(api: TransfersApi, orgId: string, state: TransfersState): Promise<ClientResult<TransfersState>> {
  return loadNextPage(pages(api, orgId), state, keyOf);
}

/** Confirms or rejects one transfer (pending-queue.ts: the reason, and a row decided meanwhile). */
export function decideTransfer(api: TransfersApi, paymentId: string, d: Decision): Promise<DecideOutcome> {
  return decide(d, {
    yes: () => api.confirm(paymentId),
    no: (reason) => api.reject(paymentId, reason),
    done: (x) => (x.yes ? '已确认收款' : '已驳回'),
    alreadyDecided: '这笔转账已经处理过了（可能别人刚处理过），已刷新',
  });
}
