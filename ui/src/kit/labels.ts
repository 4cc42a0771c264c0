/**
 * Words for the contract's values that every app shows the same way. A value an app does not
 * know yet reads as 「其他」, never raw.
 */
import type { UnitLevel } from '@channel-router/shared/model';

export const OTHER_LABEL = '其他';

export function pick<K extends string>(table: Readonly<Record<K, string>>, key: string, other = OTHER_LABEL): string {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key as K] : other;
}

/** The packaging levels, largest last. */
export const LEVEL_LABELS: Readonly<Record<UnitLevel, string>> = {
  item: '单品',
  box: '盒',
  case: '箱',
  pallet: '托',
};

export function levelLabel(level: string): string {
  return pick(LEVEL_LABELS, level);
}

/** Largest first: how a list summary orders its levels (`3 箱 · 2 盒`). */
export const LEVEL_ORDER: readonly UnitLevel[] = ['pallet', 'case', 'box', 'item'];

/** A code cut to what fits a 375-px row: `3K1R…ZZ41`. The full code is kept for tests and copy. */
export function shortCode(code: string): string {
  return code.length <= 12 ? code : `${code.slice(0, 4)}…${code.slice(-4)}`;
}

/** What a wallet history row is called (a ledger posting's kind). */
export const LEDGER_KIND_LABELS: Readonly<Record<string, string>> = {
  consumer_reward: '扫码奖励',
  store_reward: '门店奖励',
  dealer_rebate: '动销返利',
  withdrawal_reserve: '提现申请',
  withdrawal_release: '提现退回',
  withdrawal_payout: '提现到账',
  penalty_deduction: '窜货罚款扣除',
  fund: '充值',
};

export function ledgerKindLabel(kind: string): string {
  return pick(LEDGER_KIND_LABELS, kind);
}

export type StatusTone = 'default' | 'success' | 'warning' | 'danger';

const WITHDRAWAL_STATUS: Readonly<Record<string, { text: string; tone: StatusTone }>> = {
  requested: { text: '审核中', tone: 'warning' },
  approved: { text: '已批准，待到账', tone: 'warning' },
  paid: { text: '已到账', tone: 'success' },
  rejected: { text: '未通过，已退回余额', tone: 'default' },
  failed: { text: '打款未成功，处理中', tone: 'danger' },
};

/** Where a withdrawal stands, in words, with the tag's tone. Unknown states read 「处理中」. */
export function withdrawalStatusView(status: string): { text: string; tone: StatusTone } {
  return WITHDRAWAL_STATUS[status] ?? { text: '处理中', tone: 'warning' };
}

/** `2025-03-08 14:05` in the phone's time zone. */
export function timeText(at_ms: number): string {
  const d = new Date(at_ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
