import { describe, expect, it } from 'vitest';
import { ageingView, largestRemainder } from './ageing';

// Goal: the receivables screen shows the four ageing buckets in order with exact amounts, shares
// that add up to 100 %, the overdue sum (everything but "not due"), and treats a missing bucket
// as 0; an amount that is not fen is a bug and fails loudly.

describe('ageing buckets', () => {
  it('orders the buckets, formats fen and sums the overdue part', () => {
    const v = ageingView({ over_60: 100_00, not_due: 200_00, d1_30: 50_00, d31_60: 0 });
    expect(v.rows.map((r) => [r.bucket, r.label, r.text, r.share, r.tone])).toEqual([
      ['not_due', '未到期', '¥200.00', 57, 'success'],
      ['d1_30', '逾期 1–30 天', '¥50.00', 14, 'default'],
      ['d31_60', '逾期 31–60 天', '¥0.00', 0, 'warning'],
      ['over_60', '逾期 60 天以上', '¥100.00', 29, 'danger'],
    ]);
    expect([v.total, v.overdue, v.totalText, v.overdueText]).toEqual([350_00, 150_00, '¥350.00', '¥150.00']);
  });

  it('counts a missing bucket as 0 and shows 0 shares for nothing owed', () => {
    const v = ageingView({});
    expect(v.rows.map((r) => r.share)).toEqual([0, 0, 0, 0]);
    expect(v.overdueText).toBe('¥0.00');
  });

  it('refuses an amount that is not whole fen', () => {
    expect(() => ageingView({ d1_30: 1.5 })).toThrow(/not a fen amount/);
    expect(() => ageingView({ d1_30: -1 })).toThrow(/not a fen amount/);
  });

  it('shares always add up to 100', () => {
    for (const values of [[1, 1, 1], [1, 2, 3, 4], [999, 1, 0], [7, 7, 7, 7]]) {
      expect(largestRemainder(values, values.reduce((s, v) => s + v, 0)).reduce((s, v) => s + v, 0)).toBe(100);
    }
  });
});
