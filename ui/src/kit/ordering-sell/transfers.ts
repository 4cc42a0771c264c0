/**
 * The seller's 转账确认 (docs/payments.md#bank-transfers): every bank transfer waiting for the
 * seller's finance — orders' payments, deposit top-ups and credit repayments — from `order.transfers`, page by page,
 * each with its receipt link; confirming or rejecting (with a reason the buyer sees) calls the
 * existing actions, after which the list is read again. Free of Taro, tested in Node.
 */
import type { Client, ClientError, ClientResult } from '@channel-router/shared/client';
import type { ActionRes, TransferToConfirm } from '@channel-router/shared/api';
import { formatFen } from '@channel-router/shared/money';
import { checkReason } from './orders';

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

export interface TransfersState {
  rows: TransferRow[];
  nextCursor: string | null;
}

/** Appends a further page, skipping rows already shown (a row can move between pages while reading). */
export function appendPage(state: TransfersState, page: TransfersPage): TransfersState {
  const seen = new Set(state.rows.map((r) => r.paymentId));
  return { rows: [...state.rows, ...page.transfers.filter((t) => !seen.has(t.paymentId))], nextCursor: page.nextCursor };
}

/** The first page. */
export async function loadTransfers(api: TransfersApi, orgId: string): Promise<ClientResult<TransfersState>> {
  const r = await api.list(orgId);
  return r.ok ? { ok: true, data: { rows: r.data.transfers, nextCursor: r.data.nextCursor } } : r;
}

/** The page after what is shown (nothing to do when there is none). */
export async function loadMoreTransfers(api: TransfersApi, orgId: string, state: TransfersState): Promise<ClientResult<TransfersState>> {
  if (state.nextCursor === null) return { ok: true, data: state };
  const r = await api.list(orgId, state.nextCursor);
  return r.ok ? { ok: true, data: appendPage(state, r.data) } : r;
}

export type Decision = { yes: true } | { yes: false; reason: string };

export type DecideOutcome =
  | { ok: true; done: string }
  /** `field`: the reason is what to fix (nothing was sent). */
  | { ok: false; text: string; field?: 'reason'; error?: ClientError };

/**
 * Confirms or rejects one transfer. A rejection needs a reason (checked before sending); a
 * transfer someone else already decided answers INVALID_STATE, said plainly. Either way the
 * screen reads the list again after a call.
 */
export async function decideTransfer(api: TransfersApi, paymentId: string, d: Decision): Promise<DecideOutcome> {
  if (!d.yes) {
    const problem = checkReason(d.reason);
    if (problem !== null) return { ok: false, text: problem, field: 'reason' };
  }
  const r = d.yes ? await api.confirm(paymentId) : await api.reject(paymentId, d.reason.trim());
  if (r.ok) return { ok: true, done: d.yes ? '已确认收款' : '已驳回' };
  const text = r.error.code === 'INVALID_STATE' ? '这笔转账已经处理过了（可能别人刚处理过），已刷新' : r.error.userMessage;
  return { ok: false, text, error: r.error };
}
