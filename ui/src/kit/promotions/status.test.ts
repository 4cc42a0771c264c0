import { describe, expect, it } from 'vitest';
import { budgetUse, filterPromotions, promotionStatus } from './status';
import type { PromotionView } from './api';

const view = (over: Partial<PromotionView>): PromotionView =>
  ({ promotionId: 'a', sellerOrgId: 's', name: 'x', type: 'special', items: [], targeting: {}, from: 1_000, to: 2_000, createdAt: 0, budgetLeft: null, version: 1, ...over }) as PromotionView;

describe('promotion status and budget', () => {
  it('goal: status follows the half-open window; disabled wins', () => {
    const p = view({});
    expect(promotionStatus(p, 999)).toBe('scheduled');
    expect(promotionStatus(p, 1_000)).toBe('running');
    expect(promotionStatus(p, 1_999)).toBe('running');
    expect(promotionStatus(p, 2_000)).toBe('ended');
    expect(promotionStatus(view({ enabled: false }), 1_500)).toBe('disabled');
    expect(promotionStatus(view({ enabled: true }), 1_500)).toBe('running');
  });

  it('goal: budget used is the budget less what is left, in yuan or gift units', () => {
    expect(budgetUse(view({ budget: { kind: 'fen', amount: 100_000 }, budgetLeft: 25_000 }))).toEqual({ used: 75_000, total: 100_000, percent: 75, text: '预算已用 ¥750.00 / ¥1000.00' });
    expect(budgetUse(view({ budget: { kind: 'gift_units', amount: 30 }, budgetLeft: 0 }))?.text).toBe('赠品已送 30 / 30 件');
    expect(budgetUse(view({}))).toBeNull();
  });

  it('goal: the list shows running first and filters by status', () => {
    const list = [view({ promotionId: 'ended', to: 1_200 }), view({ promotionId: 'run' }), view({ promotionId: 'soon', from: 1_800 }), view({ promotionId: 'off', enabled: false })];
    expect(filterPromotions(list, 'all', 1_500).map((p) => p.promotionId)).toEqual(['run', 'soon', 'off', 'ended']);
    expect(filterPromotions(list, 'ended', 1_500).map((p) => p.promotionId)).toEqual(['ended']);
  });
});
