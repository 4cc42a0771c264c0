import dayjs from 'dayjs';
import type { LedgerEntryView, WithdrawalView } from '@channel-router/shared/api';

const KIND_LABELS: Readonly<Record<string, string>> = {
  consumer_reward: '扫码奖励',
  store_reward: '门店奖励',
  dealer_rebate: '经销商返利',
  withdrawal_reserve: '提现',
  withdrawal_release: '提现退回',
  withdrawal_payout: '提现到账',
  penalty_deduction: '窜货罚款',
  fund: '奖金充值',
};

/** What a history row is called. Kinds the app does not know yet read as 「其他」, never raw. */
export function entryTitle(e: Pick<LedgerEntryView, 'kind'>): string {
  return KIND_LABELS[e.kind] ?? '其他';
}

/** `2025-03-08 14:05` in the phone's time zone. */
export function entryTime(at: number): string {
  return dayjs(at).format('YYYY-MM-DD HH:mm');
}

const WITHDRAWAL_STATUS: Readonly<Record<WithdrawalView['status'], { text: string; tone: 'warning' | 'success' | 'default' | 'danger' }>> = {
  requested: { text: '审核中', tone: 'warning' },
  approved: { text: '已批准，待到账', tone: 'warning' },
  paid: { text: '已到账', tone: 'success' },
  rejected: { text: '未通过，已退回余额', tone: 'default' },
  failed: { text: '打款未成功，处理中', tone: 'danger' },
};

/** Where a withdrawal stands, in words, with the tag's tone. Unknown states read as 「处理中」. */
export function withdrawalStatus(status: string): { text: string; tone: 'warning' | 'success' | 'default' | 'danger' } {
  return WITHDRAWAL_STATUS[status as WithdrawalView['status']] ?? { text: '处理中', tone: 'warning' };
}
