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
import { appendRows, decide, loadNextPage, type DecideOutcome, type Decision, type PagedRows, type ReadPage } from './pending-queue';

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

export type ReturnsState = PagedRows<ReturnRow>;

const keyOf = (r: ReturnRow) => r.returnId;
const pages = (api: ReturnsApi, orgId: string): ReadPage<ReturnRow> => async (cursor) => {
  const r = await api.list(orgId, cursor);
  return r.ok ? { ok: true, data: { rows: r.data.returns, nextCursor: r.data.nextCursor } } : r;
};

/** Appends a further page, skipping rows already shown (a row can move between pages while reading). */
export function appendReturnsPage(state: ReturnsState, page: ReturnsPage): ReturnsState {
  return appendRows(state, { rows: page.returns, nextCursor: page.nextCursor }, keyOf);
}

/** The first page. */
export function loadReturns(api: ReturnsApi, orgId: string): Promise<ClientResult<ReturnsState>> {
  return pages(api, orgId)();
}

/** The page after what is shown (nothing to do when there is none). */
export function loadMoreReturns(api: ReturnsApi, orgId: string, state: ReturnsState): Promise<ClientResult<ReturnsState>> {
  return loadNextPage(pages(api, orgId), state, keyOf);
}

/** Approves or rejects one return (pending-queue.ts: the reason, and a row decided meanwhile). */
export function decideReturn(api: ReturnsApi, returnId: string, d: Decision): Promise<DecideOutcome> {
  return decide(d, {
    yes: () => api.approve(returnId),
    no: (reason) => api.reject(returnId, reason),
    done: (x, reply) => (!x.yes ? '已驳回' : reply.status === 'refunded' ? '已同意，已退款' : '已同意'),
    alreadyDecided: '这次退货已经处理过了（可能别人刚处理过），已刷新',
  });
}
