/**
 * Withdrawals waiting for the brand (`wallet.listWithdrawals`, `approveWithdrawal`,
 * `rejectWithdrawal`). Approving pays the person or store (WeChat Pay transfer, or the simulated
 * provider locally), so it is confirmed first; rejecting returns the reserved amount to them.
 */
import { createStore } from 'zustand/vanilla';
import type { WithdrawalStatus, WithdrawalView } from '@channel-router/shared/src/api/actions.js';
import type { Client, ClientError } from '@channel-router/shared/src/client/index.js';
import { formatFen } from '@channel-router/shared/src/money.js';
import type { Names } from './directory';

import { latest, type Load } from './load';
import { createRowActionStore } from './row-action';
import type { TagTone } from './tones';

export type WithdrawalFilter = WithdrawalStatus | 'all';
export type WithdrawalDecision = 'approve' | 'reject';

export const WITHDRAWAL_FILTER_TABS: ReadonlyArray<{ key: WithdrawalFilter; label: string }> = [
  { key: 'requested', label: '待审批' },
  { key: 'paid', label: '已到账' },
  { key: 'rejected', label: '已驳回' },
  { key: 'failed', label: '失败' },
  { key: 'all', label: '全部' },
];

export const STATUS_TONE: Readonly<Record<WithdrawalStatus, TagTone>> = {
  requested: 'warning',
  approved: 'primary',
  rejected: 'default',
  paid: 'success',
  failed: 'danger',
};

/** Whose money: a person's wallet (`person:<unionId>`) or an org's (`org:<orgId>`). */
export function payeeText(owner: string, names: Names): string {
  if (owner.startsWith('org:')) return `${names.org(owner.slice(4))}（门店/经销商钱包）`;
  if (owner.startsWith('person:')) return `个人 ${owner.slice(7)}`;
  return '其他';
}

/** Which decisions a withdrawal in this state still allows (docs/wallets.md#withdrawals; a failed payout may be rejected). */
export function decisionsFor(status: WithdrawalStatus): WithdrawalDecision[] {
  if (status === 'requested') return ['approve', 'reject'];
  if (status === 'failed') return ['reject'];
  return [];
}

export function decisionConfirmText(w: Pick<WithdrawalView, 'amount'>, decision: WithdrawalDecision, payee: string) {
  const amount = formatFen(w.amount);
  return decision === 'approve'
    ? { title: `批准提现 ${amount}？`, content: `将向「${payee}」打款 ${amount}（微信零钱）。打款后无法撤回。`, confirmText: '批准', danger: true }
    : { title: '驳回这笔提现？', content: `${amount} 将退回「${payee}」的钱包。`, confirmText: '驳回', danger: false };
}

export function explainDecision(error: ClientError): string | null {
  if (error.code === 'CONFLICT') return '这笔提现的状态已经变化，列表已刷新。';
  if (error.code === 'NOT_FOUND') return '没有找到这笔提现，列表已刷新。';
  return null;
}

/** What an approval ended in, in words (the payout may still be on its way). */
export function decisionResultText(decision: WithdrawalDecision, status: WithdrawalStatus): string {
  if (decision === 'reject') return '已驳回，金额已退回对方钱包';
  if (status === 'paid') return '已批准，打款成功';
  if (status === 'failed') return '已批准，但打款失败，可稍后处理';
  return '已批准，正在打款';
}

export interface WithdrawalsState {
  filter: WithdrawalFilter;
  list: Load<WithdrawalView[]>;
  load(filter?: WithdrawalFilter): Promise<void>;
}

export function createWithdrawalsStore(deps: { client: Client }) {
  return createStore<WithdrawalsState>()((set, get) => {
    const gen = latest();
    return {
      filter: 'requested',
      list: { status: 'loading' },
      async load(filter) {
        const f = filter ?? get().filter;
        const mine = gen.next();
        if (f !== get().filter || get().list.status !== 'ready') set({ filter: f, list: { status: 'loading' } });
        const r = await deps.client.wallet.listWithdrawals(f === 'all' ? {} : { status: f });
        if (!gen.isLatest(mine)) return;
        set({ list: r.ok ? { status: 'ready', value: r.data.withdrawals } : { status: 'error', error: r.error } });
      },
    };
  });
}

export function createDecisionStore(deps: {
  client: Client;
  confirm: (withdrawalId: string, decision: WithdrawalDecision) => Promise<boolean>;
  refresh: () => Promise<void>;
}) {
  return createRowActionStore<WithdrawalDecision, { status: WithdrawalStatus }>({
    run: (withdrawalId, decision) =>
      decision === 'approve' ? deps.client.wallet.approveWithdrawal({ withdrawalId }) : deps.client.wallet.rejectWithdrawal({ withdrawalId }),
    confirm: deps.confirm,
    refresh: deps.refresh,
    explain: explainDecision,
  });
}


