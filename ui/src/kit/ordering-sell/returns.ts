/**
 * The seller's 退货审核 (docs/ordering.md#returns): every return request waiting for a decision
 * from `order.returns`, page by page, whatever the order's state or age, each with its lines,
 * reason and photo links; approving or rejecting (with a reason the buyer sees) calls the existing
 * actions, after which the list is read again. Free of Taro, tested in Node.
 */
import type { Client, ClientResult } from '@channel-router/shared/client';
import type { ActionRes, ReturnToDecide } from '@channel-router/shared/api';
import { formatFen } from '@channel-router/shared/money';
import { unitLabel } from './labels';
import { checkReason } from './orders';
import type { DecideOutcome, Decision } from './transfers';

export type ReturnRow = ReturnToDecide;
export type ReturnsPage = ActionRes<'order', 'returns'>;

/** Rows per page: a few to check at a time; the server allows up to 50. */
export const RETURNS_PAGE = 20;

/** The calls the screen makes, typed by the contract (a change there fails the kit's typecheck). */
export function createReturnsApi(client: Client) {
  const o = client.order;
  return {
    list: (orgId: string, cursor?: string, limit = RETURNS_PAGE) => o.returns(cursor === undefined ? { orgId, limit } : { orgId, limit, cursor }),
    approve: (returnId: string) => o.approveReturn({ returnId }),
    reject: (returnId: string, reason: string) => o.rejectReturn({ returnId, reason }),
  };
}
export type ReturnsApi = ReturnType<typeof createReturnsApi>;

/** `仅退款申请` for a refund-only claim, else `退货申请`. */
export function returnTitle(r: Pick<ReturnRow, 'refundOnly'>): string {
  return r.refundOnly ? '仅退款申请' : '退货申请';
}

/** `酱油 × 2 盒` per line. */
export function returnLines(r: Pick<ReturnRow, 'lines'>): string[] {
  return r.lines.map((l) => `${l.productName} × ${l.quantity} ${unitLabel(l.unit)}`);
}

/** `退款 ¥47.98`, or null when the server could not tell. */
export function returnRefundText(r: Pick<ReturnRow, 'refund'>): string | null {
  return r.refund === null ? null : `退款 ${formatFen(r.refund, { grouping: true })}`;
}

export interface ReturnsState {
  rows: ReturnRow[];
  nextCursor: string | null;
}

/** Appends a further page, skipping rows already shown (a row can move between pages while reading). */
export function appendReturnsPage(state: ReturnsState, page: ReturnsPage): ReturnsState {
  const seen = new Set(state.rows.map((r) => r.returnId));
  return { rows: [...state.rows, ...page.returns.filter((r) => !seen.has(r.returnId))], nextCursor: page.nextCursor };
}

/** The first page. */
export async function loadReturns(api: ReturnsApi, orgId: string): Promise<ClientResult<ReturnsState>> {
  const r = await api.list(orgId);
  return r.ok ? { ok: true, data: { rows: r.data.returns, nextCursor: r.data.nextCursor } } : r;
}

/** The page after what is shown (nothing to do when there is none). */
export async function loadMoreReturns(api: ReturnsApi, orgId: string, state: ReturnsState): Promise<ClientResult<ReturnsState>> {
  if (state.nextCursor === null) return { ok: true, data: state };
  const r = await api.list(orgId, state.nextCursor);
  return r.ok ? { ok: true, data: appendReturnsPage(state, r.data) } : r;
}

/**
 * Approves or rejects one return. A rejection needs a reason (checked before sending); a return
 * someone else already decided answers INVALID_STATE, said plainly. Either way the screen reads
 * the list again after a call.
 */
export async function decideReturn(api: ReturnsApi, returnId: string, d: Decision): Promise<DecideOutcome> {
  if (!d.yes) {
    const problem = checkReason(d.reason);
    if (problem !== null) return { ok: false, text: problem, field: 'reason' };
  }
  const r = d.yes ? await api.approve(returnId) : await api.reject(returnId, d.reason.trim());
  if (r.ok) return { ok: true, done: !d.yes ? '已驳回' : r.data.status === 'refunded' ? '已同意，已退款' : '已同意' };
  const text = r.error.code === 'INVALID_STATE' ? '这次退货已经处理过了（可能别人刚处理过），已刷新' : r.error.userMessage;
  return { ok: false, text, error: r.error };
}
