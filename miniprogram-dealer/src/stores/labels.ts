/**
 * The dealer app's words for the contract's values. Every enum the backend sends is shown in
 * Chinese; a value this app does not know yet reads as 「其他」, never raw.
 */
import dayjs from 'dayjs';
import type { PenaltyStatus, WithdrawalStatus } from '@channel-router/shared/src/api/actions.js';
import type { AlertEvidence, AlertKind, OrgKind, Role, UnitLevel } from '@channel-router/shared/src/model.js';
import { regionName, regionOwnName } from '@channel-router/shared/src/channel/regions/names.js';

const OTHER = '其他';

function pick<K extends string>(table: Readonly<Record<K, string>>, key: string): string {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key as K] : OTHER;
}

export const LEVEL_LABELS: Readonly<Record<UnitLevel, string>> = {
  item: '单品',
  box: '盒',
  case: '箱',
  pallet: '托',
};

export function levelLabel(level: string): string {
  return pick(LEVEL_LABELS, level);
}

/** Roles as a dealer or wholesaler calls its people (a store's 「店员」 is a dealer's 「员工」). */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  owner: '老板',
  clerk: '员工',
  salesperson: '业务员',
  guide: '导购',
  admin: '管理员',
  inspector: '稽查员',
  finance: '财务',
  warehouse: '仓管',
  sales: '销售',
};

export function roleLabel(role: string): string {
  return pick(ROLE_LABELS, role);
}

export const ORG_KIND_LABELS: Readonly<Record<OrgKind, string>> = {
  brand: '品牌',
  dealer: '经销商',
  wholesaler: '批发商',
  store: '门店',
};

export function orgKindLabel(kind: string): string {
  return pick(ORG_KIND_LABELS, kind);
}

export const ALERT_KIND_LABELS: Readonly<Record<AlertKind, string>> = {
  diversion: '窜货',
  prize_interception: '奖品截流',
  duplicate_redeem: '重复领奖',
  cloned_code: '疑似克隆码',
};

export function alertKindLabel(kind: string): string {
  return pick(ALERT_KIND_LABELS, kind);
}

/** What an alert rests on, said to the dealer whose goods it is about. */
export const ALERT_EVIDENCE_LABELS: Readonly<Record<AlertEvidence, string>> = {
  receive: '在您的区域外被入库',
  inspect: '品牌稽查时在您的区域外发现',
  consumer_scan: '消费者在您的区域外扫码领奖',
  store_redeem: '在区域外的门店售出',
  channel_member: '渠道人员领取了消费者奖励',
  redeemed_upstream: '还未到门店就被领奖',
  redeemed_unshipped: '未出品牌仓库就被领奖',
  redeem: '领奖码被另一人重复使用',
  verify: '同一个码在相距很远的地方被多人查询',
};

export function alertEvidenceLabel(evidence: string): string {
  return pick(ALERT_EVIDENCE_LABELS, evidence);
}

export const PENALTY_STATUS_LABELS: Readonly<Record<PenaltyStatus, string>> = {
  pending: '待处理',
  settled: '已结清',
  waived: '已免除',
};

export function penaltyStatusLabel(status: string): string {
  return pick(PENALTY_STATUS_LABELS, status);
}

export const WITHDRAWAL_STATUS_LABELS: Readonly<Record<WithdrawalStatus, string>> = {
  requested: '审核中',
  approved: '已批准，待到账',
  rejected: '未通过',
  paid: '已到账',
  failed: '打款失败，处理中',
};

export function withdrawalStatusLabel(status: string): string {
  return pick(WITHDRAWAL_STATUS_LABELS, status);
}

const LEDGER_KIND_LABELS: Readonly<Record<string, string>> = {
  dealer_rebate: '动销返利',
  store_reward: '门店奖励',
  consumer_reward: '扫码奖励',
  withdrawal_reserve: '提现冻结',
  withdrawal_release: '提现退回',
  withdrawal_payout: '提现到账',
  penalty_deduction: '窜货罚款扣除',
  fund: '充值',
};

export function ledgerKindLabel(kind: string): string {
  return LEDGER_KIND_LABELS[kind] ?? OTHER;
}

/** `北京市 朝阳区`; an unknown or missing code reads as 「未知地区」. */
export function regionLabel(code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '未知地区';
  try {
    return regionName(code) ?? '未知地区';
  } catch {
    // regionName uses Array.prototype.at, which older phones' JS engines lack: the short name will do.
    return regionOwnName(code) ?? '未知地区';
  }
}

/** `2026-03-08 14:05` in the phone's time zone. */
export function timeLabel(at_ms: number): string {
  return dayjs(at_ms).format('YYYY-MM-DD HH:mm');
}

/** `3 月 8 日 14:05` — shorter, for list rows. */
export function shortTimeLabel(at_ms: number): string {
  return dayjs(at_ms).format('M月D日 HH:mm');
}

/** A code cut to what fits a 375-px row: `3K1R…ZZ41`. The full code is kept for tests and copy. */
export function shortCode(code: string): string {
  return code.length <= 12 ? code : `${code.slice(0, 4)}…${code.slice(-4)}`;
}
