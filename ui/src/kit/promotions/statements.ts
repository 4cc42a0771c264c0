/**
 * Rebate statements on the seller's and the buyer's screens (docs/promotions.md#rebate-programs):
 * the approval chain's progress (each step with who and when, the current one, a rejection with
 * its reason), who may take the next step, recent period keys, and a buyer's totals.
 */
import { periodOf, previousPeriod, type RebatePeriodKind, type StatementState } from '@channel-router/shared';
import type { TagTone } from '../../tag';
import type { StatementApproval, StatementHistoryEntry } from '@channel-router/shared';
import type { StatementView } from './api';

/** What the progress of a chain is read from: a listed statement, or the pure machine's state. */
export interface ChainFacts {
  status: StatementState;
  chain: readonly string[];
  step: number;
  approvals: readonly StatementApproval[];
  history: readonly StatementHistoryEntry[];
  reason?: string | null;
}
import { shortTimeText } from '../shanghai-dates';
import { roleLabel } from './words';

export type StepState = 'done' | 'current' | 'waiting' | 'rejected';

export interface ApprovalStep {
  role: string;
  roleLabel: string;
  state: StepState;
  /** Who approved (or rejected) and when, for a step taken. */
  by?: string;
  at?: number;
  /** 「财务 · 张三 · 12-05 14:30」 */
  text: string;
  reason?: string;
}

export const STATEMENT_TONES: Readonly<Record<StatementState, TagTone>> = {
  pending_approval: 'primary',
  returned: 'danger',
  approved: 'success',
  posted: 'success',
};

/**
 * The chain's steps as they stand: approvals of the current round are done; the next role is
 * current (or rejected, when the statement was returned at it); the rest wait. `name` turns a
 * person id into a name.
 */
export function approvalSteps(s: ChainFacts, name: (by: string) => string = (b) => b): ApprovalStep[] {
  if (s.step < 0 || s.step > s.chain.length || s.approvals.length > s.chain.length) throw new Error('approvalSteps: step outside the chain');
  const lastReject = [...s.history].reverse().find((h) => h.event === 'reject');
  return s.chain.map((role, i) => {
    const label = roleLabel(role);
    const a = s.approvals[i];
    if (i < s.step && a !== undefined) return { role, roleLabel: label, state: 'done', by: a.by, at: a.at, text: `${label} · ${name(a.by)} · ${shortTimeText(a.at)} 通过` };
    if (i === s.step && s.status === 'returned' && lastReject !== undefined) {
      return { role, roleLabel: label, state: 'rejected', by: lastReject.by, at: lastReject.at, text: `${label} · ${name(lastReject.by)} · ${shortTimeText(lastReject.at)} 退回`, reason: s.reason ?? lastReject.reason ?? '' };
    }
    if (i === s.step && s.status === 'pending_approval') return { role, roleLabel: label, state: 'current', text: `${label} · 待审批` };
    return { role, roleLabel: label, state: 'waiting', text: `${label} · 未开始` };
  });
}

/** 「2 / 3 已审批」 */
export function progressText(s: Pick<ChainFacts, 'chain' | 'step' | 'status'>): string {
  if (s.chain.length === 0) return '无需审批';
  if (s.status === 'posted') return '已入账';
  return `${Math.min(s.step, s.chain.length)} / ${s.chain.length} 已审批`;
}

/**
 * Whether a person with `roles` in the seller may approve or reject now: the current step's role,
 * or anyone who may take any step (the seller's owner, the brand's admin; the server decides again).
 */
export function canDecide(s: Pick<ChainFacts, 'chain' | 'step' | 'status'>, roles: readonly string[]): boolean {
  if (s.status !== 'pending_approval') return false;
  const role = s.chain[s.step];
  return role !== undefined && (roles.includes(role) || roles.includes('owner') || roles.includes('admin'));
}

/** The `n` most recent period keys of a kind, the current (running) period first. */
export function recentPeriodKeys(kind: RebatePeriodKind, now_ms: number, n: number): string[] {
  if (!Number.isInteger(n) || n < 1 || n > 60) throw new Error(`recentPeriodKeys: bad count ${n}`);
  const out: string[] = [];
  let p = periodOf(kind, now_ms);
  for (let i = 0; i < n; i++) {
    out.push(p.key);
    p = previousPeriod(p);
  }
  return out;
}

/** `2026-Q4` → 「2026年第4季度」; `2026-12` → 「2026年12月」; `2026` → 「2026年」. */
export function periodText(key: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (q !== null) return `${q[1]}年第${q[2]}季度`;
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m !== null) return `${m[1]}年${Number(m[2])}月`;
  return /^\d{4}$/.test(key) ? `${key}年` : key;
}

export interface BuyerRebateSummary {
  /** Posted to the rebate account. */
  posted_fen: number;
  /** Computed, waiting for approval or posting. */
  pending_fen: number;
  /** Returned by the seller (to be recomputed). */
  returned: number;
  count: number;
}

/** A buyer's statements in sum. Only `payable_fen` is ever paid; a carry is shown on its statement. */
export function buyerSummary(list: readonly Pick<StatementView, 'status' | 'payable_fen'>[]): BuyerRebateSummary {
  let posted = 0;
  let pending = 0;
  let returned = 0;
  for (const s of list) {
    if (s.status === 'posted') posted += s.payable_fen;
    else if (s.status === 'returned') returned += 1;
    else pending += s.payable_fen;
  }
  return { posted_fen: posted, pending_fen: pending, returned, count: list.length };
}

/** The statements of each seller a buyer has, sellers in first-seen order, newest period first within each. */
export function bySeller<T extends Pick<StatementView, 'sellerOrgId' | 'from_ms'>>(list: readonly T[]): Array<{ sellerOrgId: string; statements: T[] }> {
  const groups = new Map<string, T[]>();
  for (const s of list) groups.set(s.sellerOrgId, [...(groups.get(s.sellerOrgId) ?? []), s]);
  return [...groups.entries()].map(([sellerOrgId, statements]) => ({ sellerOrgId, statements: [...statements].sort((a, b) => b.from_ms - a.from_ms) }));
}
