/** The words and formats the terminal screens use for the contract's values. */
import dayjs from 'dayjs';
import type { UnitLevel } from '@channel-router/shared/model';
import { levelLabel } from '@channel-router/ui/kit';

/** `整箱 · 24 件`, `整盒 · 6 件`, `单件`. */
export function packLabel(level: UnitLevel, items: number): string {
  if (level === 'item') return '单件';
  return `整${levelLabel(level)} · ${items} 件`;
}

/** The last characters of a code, enough to find the label on a carton: `…XWAF`. */
export function codeTail(code: string, n = 6): string {
  return code.length <= n ? code : `…${code.slice(-n)}`;
}

/** A long code in groups of four, easier to compare with the printed label. */
export function groupCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1 ');
}

/** `2025-03-08 14:05` in the phone's time zone. */
export function timeLabel(at: number): string {
  return dayjs(at).format('YYYY-MM-DD HH:mm');
}

const KIND_LABELS: Readonly<Record<string, string>> = {
  store_reward: '门店奖励',
  consumer_reward: '扫码奖励',
  dealer_rebate: '经销商返利',
  withdrawal_reserve: '提现申请',
  withdrawal_release: '提现退回',
  withdrawal_payout: '提现到账',
  penalty_deduction: '罚款扣除',
  fund: '充值',
};

/** What a wallet history row is called; a kind the app does not know yet reads 「其他」, never raw. */
export function entryTitle(kind: string): string {
  return KIND_LABELS[kind] ?? '其他';
}

const WITHDRAWAL_STATUS: Readonly<Record<string, { text: string; tone: 'default' | 'success' | 'warning' | 'danger' }>> = {
  requested: { text: '审核中', tone: 'warning' },
  approved: { text: '已批准，待到账', tone: 'warning' },
  paid: { text: '已到账', tone: 'success' },
  rejected: { text: '未通过', tone: 'danger' },
  failed: { text: '转账失败', tone: 'danger' },
};

export function withdrawalStatus(status: string): { text: string; tone: 'default' | 'success' | 'warning' | 'danger' } {
  return WITHDRAWAL_STATUS[status] ?? { text: '处理中', tone: 'default' };
}
