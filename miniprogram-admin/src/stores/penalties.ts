/**
 * Diversion penalties (`report.penalties`, `wallet.settlePenalty`): pending ones first; an admin
 * settles each by deducting it from the dealer's wallet, recording it as settled offline, or
 * waiving it, always after a confirmation (a deduction moves money).
 */
import type { PenaltyResolution, PenaltyStatus, PenaltyView, SettlePenaltyRes } from '@channel-router/shared/api';
import type { Client, ClientError } from '@channel-router/shared/client';
import { formatFen } from '@channel-router/shared/money';
import { PENALTY_STATUS_LABELS } from './labels';
import { createPagedStore, PAGE_SIZE } from './paged';
import { createRowActionStore } from './row-action';

export type PenaltyFilter = PenaltyStatus | 'all';

export const PENALTY_FILTER_TABS: ReadonlyArray<{ key: PenaltyFilter; label: string }> = [
  { key: 'pending', label: PENALTY_STATUS_LABELS.pending },
  { key: 'settled', label: PENALTY_STATUS_LABELS.settled },
  { key: 'waived', label: PENALTY_STATUS_LABELS.waived },
  { key: 'all', label: '全部' },
];

export const RESOLUTIONS: readonly PenaltyResolution[] = ['deduct', 'offline', 'waive'];

export function createPenaltiesStore(deps: { client: Client }) {
  return createPagedStore<PenaltyView, PenaltyFilter>(async (status, cursor) => {
    const req: Parameters<Client['report']['penalties']>[0] = { limit: PAGE_SIZE };
    if (status !== 'all') req.status = status;
    if (cursor !== undefined) req.cursor = cursor;
    const r = await deps.client.report.penalties(req);
    return r.ok ? { ok: true, data: { items: r.data.penalties, cursor: r.data.cursor ?? null } } : r;
  }, 'pending');
}

/** The confirmation's words for settling `p` one way. */
export function settleConfirmText(p: Pick<PenaltyView, 'amount'>, resolution: PenaltyResolution, dealerName: string): { title: string; content: string; confirmText: string; danger: boolean } {
  const amount = formatFen(p.amount);
  switch (resolution) {
    case 'deduct':
      return { title: `扣款 ${amount}？`, content: `将从「${dealerName}」的钱包扣除 ${amount}，转入品牌奖金预算。`, confirmText: '扣款', danger: true };
    case 'offline':
      return { title: '标记为线下结清？', content: `确认「${dealerName}」已在线下缴清 ${amount}。系统内不会扣款。`, confirmText: '确认', danger: false };
    case 'waive':
      return { title: '免除这笔罚款？', content: `「${dealerName}」的 ${amount} 罚款将被免除，不再追缴。`, confirmText: '免除', danger: true };
  }
}

export function explainSettle(error: ClientError): string | null {
  if (error.code === 'INSUFFICIENT_FUNDS') return '经销商钱包余额不足，无法扣款。可改为线下结清，或等其余额足够后再扣。';
  if (error.code === 'CONFLICT') return '这笔罚款已经处理过了，列表已刷新。';
  if (error.code === 'NOT_FOUND') return '没有找到这笔罚款，列表已刷新。';
  return null;
}

export function createSettleStore(deps: {
  client: Client;
  confirm: (penaltyId: string, resolution: PenaltyResolution) => Promise<boolean>;
  refresh: () => Promise<void>;
}) {
  return createRowActionStore<PenaltyResolution, SettlePenaltyRes>({
    run: (penaltyId, resolution) => deps.client.wallet.settlePenalty({ penaltyId, resolution }),
    confirm: deps.confirm,
    refresh: deps.refresh,
    explain: explainSettle,
  });
}
