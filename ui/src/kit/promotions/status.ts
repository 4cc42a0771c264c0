/**
 * A promotion in the seller's list: where it stands now (running, scheduled, ended, disabled) and
 * how much of its budget is used (docs/promotions.md#promotions).
 */
import { formatFen } from '@channel-router/shared/money';
import type { TagTone } from '../../tag';
import type { PromotionView } from './api';

export type PromotionStatus = 'running' | 'scheduled' | 'ended' | 'disabled';

export const PROMOTION_STATUS_LABELS: Readonly<Record<PromotionStatus, string>> = {
  running: '进行中',
  scheduled: '未开始',
  ended: '已结束',
  disabled: '已停用',
};
export const PROMOTION_STATUS_TONES: Readonly<Record<PromotionStatus, TagTone>> = {
  running: 'success',
  scheduled: 'primary',
  ended: 'default',
  disabled: 'warning',
};

/** Disabled wins over the window; the window is half-open [from, to). */
export function promotionStatus(p: Pick<PromotionView, 'enabled' | 'from' | 'to'>, now_ms: number): PromotionStatus {
  if (p.enabled === false) return 'disabled';
  if (now_ms < p.from) return 'scheduled';
  if (now_ms >= p.to) return 'ended';
  return 'running';
}

export interface BudgetUse {
  used: number;
  total: number;
  /** 0..100, for a bar. */
  percent: number;
  text: string;
}

/** Budget used so far, or null for a promotion without a budget. */
export function budgetUse(p: Pick<PromotionView, 'budget' | 'budgetLeft'>): BudgetUse | null {
  if (p.budget === undefined) return null;
  const total = p.budget.amount;
  const left = Math.min(total, Math.max(0, p.budgetLeft ?? total));
  const used = total - left;
  const percent = total === 0 ? 100 : Math.floor((used * 100) / total);
  const text = p.budget.kind === 'fen' ? `预算已用 ${formatFen(used)} / ${formatFen(total)}` : `赠品已送 ${used} / ${total} 件`;
  return { used, total, percent, text };
}

/** The list's order: running first, then scheduled, disabled, ended; within each the latest start first. */
export function sortPromotions<T extends PromotionView>(list: readonly T[], now_ms: number): T[] {
  const rank: Record<PromotionStatus, number> = { running: 0, scheduled: 1, disabled: 2, ended: 3 };
  return [...list].sort((a, b) => rank[promotionStatus(a, now_ms)] - rank[promotionStatus(b, now_ms)] || b.from - a.from || (a.promotionId < b.promotionId ? -1 : 1));
}

export const PROMOTION_FILTERS = [
  { key: 'all', label: '全部' },
  { key: 'running', label: '进行中' },
  { key: 'scheduled', label: '未开始' },
  { key: 'ended', label: '已结束' },
  { key: 'disabled', label: '已停用' },
] as const;
export type PromotionFilter = (typeof PROMOTION_FILTERS)[number]['key'];

export function filterPromotions<T extends PromotionView>(list: readonly T[], filter: PromotionFilter, now_ms: number): T[] {
  const sorted = sortPromotions(list, now_ms);
  return filter === 'all' ? sorted : sorted.filter((p) => promotionStatus(p, now_ms) === filter);
}
