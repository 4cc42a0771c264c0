import { describe, expect, it } from 'vitest';
import { newStatement, transitionStatement, type StatementMachine } from '@channel-router/shared';
import { approvalSteps, buyerSummary, bySeller, canDecide, periodText, progressText, recentPeriodKeys } from './statements';

const T0 = Date.UTC(2026, 11, 5, 6, 30); // 14:30 Shanghai

function step(s: StatementMachine, e: Parameters<typeof transitionStatement>[1]): StatementMachine {
  const r = transitionStatement(s, e);
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
}

describe('statement approval progress', () => {
  it('goal: each step shows who approved and when, the next one is current, the rest wait', () => {
    let s = newStatement(['finance', 'owner'], 'system', T0);
    expect(approvalSteps(s).map((x) => x.state)).toEqual(['current', 'waiting']);
    expect(progressText(s)).toBe('0 / 2 已审批');
    s = step(s, { type: 'approve', role: 'finance', anyStep: false, by: 'u-zhang', at: T0 });
    const steps = approvalSteps(s, (id) => (id === 'u-zhang' ? '张会计' : id));
    expect(steps.map((x) => x.state)).toEqual(['done', 'current']);
    expect(steps[0]!.text).toBe('财务 · 张会计 · 12-05 14:30 通过');
    expect(steps[1]!.text).toBe('老板 · 待审批');
    expect(progressText(s)).toBe('1 / 2 已审批');
    expect(canDecide(s, ['finance'])).toBe(false);
    expect(canDecide(s, ['owner'])).toBe(true);
    s = step(s, { type: 'approve', role: 'owner', anyStep: false, by: 'u-boss', at: T0 + 60_000 });
    expect(approvalSteps(s).map((x) => x.state)).toEqual(['done', 'done']);
    expect(canDecide(s, ['owner'])).toBe(false);
  });

  it('goal: a rejection shows on its step with who, when and the reason; a resubmission starts over', () => {
    let s = newStatement(['finance', 'owner'], 'system', T0);
    s = step(s, { type: 'approve', role: 'finance', anyStep: false, by: 'u-zhang', at: T0 });
    s = step(s, { type: 'reject', role: 'owner', anyStep: false, by: 'u-boss', at: T0 + 3_600_000, reason: '退货未扣' });
    const steps = approvalSteps({ ...s, reason: s.reason ?? null });
    expect(steps[0]!.state).toBe('done');
    expect(steps[1]).toMatchObject({ state: 'rejected', reason: '退货未扣', text: '老板 · u-boss · 12-05 15:30 退回' });
    expect(canDecide({ ...s }, ['owner'])).toBe(false);
    s = step(s, { type: 'resubmit', by: 'system', at: T0 + 7_200_000 });
    expect(approvalSteps({ ...s, reason: null }).map((x) => x.state)).toEqual(['current', 'waiting']);
  });

  it('goal: an owner or admin may take any step; an empty chain needs none', () => {
    const s = newStatement(['finance', 'owner'], 'system', T0);
    expect(canDecide(s, ['admin'])).toBe(true);
    expect(canDecide(s, ['sales'])).toBe(false);
    expect(progressText(newStatement([], 'system', T0))).toBe('无需审批');
  });
});

describe('periods and the buyer view', () => {
  it('goal: recent periods, newest first, in Chinese', () => {
    expect(recentPeriodKeys('quarter', T0, 3)).toEqual(['2026-Q4', '2026-Q3', '2026-Q2']);
    expect(recentPeriodKeys('month', Date.UTC(2026, 0, 10), 2)).toEqual(['2026-01', '2025-12']);
    expect(periodText('2026-Q4')).toBe('2026年第4季度');
    expect(periodText('2026-03')).toBe('2026年3月');
    expect(periodText('2026')).toBe('2026年');
  });

  it('goal: a buyer sees what was posted and what is still waiting, per seller', () => {
    const list = [
      { sellerOrgId: 'd1', from_ms: 1, status: 'posted' as const, payable_fen: 12_000 },
      { sellerOrgId: 'brand', from_ms: 5, status: 'pending_approval' as const, payable_fen: 3_000 },
      { sellerOrgId: 'd1', from_ms: 9, status: 'approved' as const, payable_fen: 500 },
      { sellerOrgId: 'd1', from_ms: 7, status: 'returned' as const, payable_fen: 800 },
    ];
    expect(buyerSummary(list)).toEqual({ posted_fen: 12_000, pending_fen: 3_500, returned: 1, count: 4 });
    expect(bySeller(list).map((g) => [g.sellerOrgId, g.statements.map((s) => s.from_ms)])).toEqual([
      ['d1', [9, 7, 1]],
      ['brand', [5]],
    ]);
  });
});
