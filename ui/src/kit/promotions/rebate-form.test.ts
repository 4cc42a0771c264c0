import { describe, expect, it } from 'vitest';
import { exampleRebate, formOfProgram, newRebateProgramForm, rebateProgramRequest, tiersText, type RebateProgramForm } from './rebate-form';
import type { RebateProgramView } from './api';

const NOW = Date.UTC(2026, 11, 5, 4);
const form = (over: Partial<RebateProgramForm>): RebateProgramForm => ({
  ...newRebateProgramForm(NOW),
  name: '季度返利',
  tiers: [
    { threshold: '0', percent: '1' },
    { threshold: '100000', percent: '2.5' },
  ],
  ...over,
});

describe('rebate program form → saveRebateProgram request', () => {
  it('goal: thresholds in yuan become fen, percents bp, the chain and the year window are kept', () => {
    const r = rebateProgramRequest(form({ mode: 'marginal', kinds: ['dealer'] }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.req).toMatchObject({
      period: 'quarter',
      mode: 'marginal',
      tiers: [{ threshold: 0, rate_bp: 100 }, { threshold: 10_000_000, rate_bp: 250 }],
      approvalChain: ['finance', 'owner'],
      targeting: { kinds: ['dealer'] },
      products: { scope: 'all' },
      from: Date.UTC(2025, 11, 31, 16),
      to: Date.UTC(2026, 11, 31, 16),
    });
    // ¥200,000 marginal: 1 % of 100,000 + 2.5 % of 100,000 = ¥3,500.
    expect(exampleRebate(r.req, 20_000_000)).toBe(350_000);
    expect(tiersText(r.req)).toBe('满 ¥0 返 1%；满 ¥100000 返 2.5%');
  });

  it('goal: problems are named on their field', () => {
    const down = rebateProgramRequest(form({ tiers: [{ threshold: '0', percent: '2' }, { threshold: '1000', percent: '1' }] }));
    expect(!down.ok && down.errors).toEqual({ 'tiers[1].rate_bp': '第 2 档返利比例不能低于上一档' });
    const order = rebateProgramRequest(form({ tiers: [{ threshold: '1000', percent: '1' }, { threshold: '500', percent: '2' }] }));
    expect(!order.ok && order.errors).toEqual({ 'tiers[1].threshold': '第 2 档起点须高于上一档门槛' });
    const typed = rebateProgramRequest(form({ name: '', tiers: [{ threshold: 'x', percent: '150' }] }));
    expect(!typed.ok && typed.errors).toEqual({ 'tiers[0].threshold': '第 1 档起点请填写金额', 'tiers[0].rate_bp': '第 1 档返利比例应为 0 到 100 之间的百分数' });
    const name = rebateProgramRequest(form({ name: ' ' }));
    expect(!name.ok && name.errors).toEqual({ name: '请填写政策名称' });
    const chain = rebateProgramRequest(form({ approvalChain: ['finance', 'owner', 'admin', 'sales', 'finance', 'owner'] }));
    expect(!chain.ok && chain.errors).toEqual({ approvalChain: '审批流程最多 5 步' });
  });

  it('goal: a stored program opens in the form and saves back unchanged', () => {
    const r = rebateProgramRequest(form({}));
    if (!r.ok) throw new Error('valid');
    const view = { ...r.req, programId: 'rp-1', sellerOrgId: 'brand', createdAt: 1, version: 3 } as RebateProgramView;
    const again = rebateProgramRequest(formOfProgram(view));
    expect(again.ok && again.req).toEqual({ ...r.req, programId: 'rp-1', version: 3 });
  });
});
