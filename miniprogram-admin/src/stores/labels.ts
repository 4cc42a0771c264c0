/**
 * The admin app's words for the contract's values: every enum the backend sends is shown in
 * Chinese, and a value this app does not know yet reads as 「其他」 rather than raw.
 */
import dayjs from 'dayjs';
import type { PenaltyResolution, PenaltyStatus, Verdict, WithdrawalStatus } from '@channel-router/shared/api';
import type { AlertEvidence, AlertKind, BizStep, UnitLevel } from '@channel-router/shared/model';

export const ALERT_KIND_LABELS: Readonly<Record<AlertKind, string>> = {
  diversion: '窜货',
  prize_interception: '奖品截流',
  duplicate_redeem: '重复领奖',
  cloned_code: '疑似克隆码',
  low_stock: '库存低于安全库存',
};

export const ALERT_EVIDENCE_LABELS: Readonly<Record<AlertEvidence, string>> = {
  receive: '门店或渠道入库时发现',
  inspect: '稽查扫码时发现',
  consumer_scan: '消费者扫码位置在区域外',
  store_redeem: '门店售出后消费者领奖时发现',
  channel_member: '渠道人员领取了消费者奖励',
  redeemed_upstream: '货还在经销商或批发商手里就被领奖',
  redeemed_unshipped: '货还没出品牌仓库就被领奖',
  redeem: '同一个领奖码被另一个人再次领取',
  verify: '同一个码在相距很远的地方被多人查询',
  stock: '可用库存降到安全库存或以下',
};

export const BIZ_STEP_LABELS: Readonly<Record<BizStep, string>> = {
  commissioning: '赋码',
  packing: '装箱关联',
  unpacking: '拆箱',
  shipping: '发货',
  receiving: '入库',
  opening: '开箱',
  retail_selling: '售出',
  inspecting: '稽查',
  verifying: '验真',
};

export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  in_territory: '区域内销售',
  diverted: '窜货',
  unallocated: '尚未分配经销商',
};

export const WITHDRAWAL_STATUS_LABELS: Readonly<Record<WithdrawalStatus, string>> = {
  requested: '待审批',
  approved: '已批准，打款中',
  rejected: '已驳回',
  paid: '已到账',
  failed: '打款失败',
};

export const PENALTY_STATUS_LABELS: Readonly<Record<PenaltyStatus, string>> = {
  pending: '待处理',
  settled: '已结清',
  waived: '已免除',
};

export const RESOLUTION_LABELS: Readonly<Record<PenaltyResolution, string>> = {
  deduct: '从经销商钱包扣款',
  offline: '线下已结清',
  waive: '免除罚款',
};

export { LEVEL_LABELS } from '@channel-router/ui/kit';

/** Looks a value up in one of the tables above; unknown values are 「其他」, never raw. */
export function label<K extends string>(table: Readonly<Record<K, string>>, value: string | null | undefined): string {
  if (value === null || value === undefined) return '其他';
  return Object.prototype.hasOwnProperty.call(table, value) ? table[value as K] : '其他';
}

/** `2025-03-08 14:05` in the phone's time zone. */
export function timeText(at: number): string {
  return dayjs(at).format('YYYY-MM-DD HH:mm');
}

/** A code shown in groups of four so a person can read it out: `3XWC EE94 E05B …`. */
export function groupedCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1 ');
}
