import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextPeriod, periodByKey, periodOf, previousPeriod, REBATE_PERIODS } from './rebate-period.js';

const H8 = 8 * 3600_000;

describe('rebate periods', () => {
  it('goal: periods follow the Shanghai calendar: the last ms of 2026 there is Q4, the next ms is 2027', () => {
    const newYear = Date.UTC(2027, 0, 1) - H8; // 2027-01-01 00:00 in Shanghai
    expect(periodOf('month', newYear - 1)).toEqual({ kind: 'month', key: '2026-12', from_ms: Date.UTC(2026, 11, 1) - H8, to_ms: newYear });
    expect(periodOf('quarter', newYear - 1)).toEqual({ kind: 'quarter', key: '2026-Q4', from_ms: Date.UTC(2026, 9, 1) - H8, to_ms: newYear });
    expect(periodOf('year', newYear - 1)).toEqual({ kind: 'year', key: '2026', from_ms: Date.UTC(2026, 0, 1) - H8, to_ms: newYear });
    expect(periodOf('month', newYear).key).toBe('2027-01');
    expect(periodOf('quarter', newYear).key).toBe('2027-Q1');
    // 2026-03-31 20:00 UTC is already April 1st in Shanghai.
    expect(periodOf('quarter', Date.UTC(2026, 2, 31, 20)).key).toBe('2026-Q2');
    expect(periodOf('month', Date.UTC(2024, 1, 29, 3)).to_ms).toBe(Date.UTC(2024, 2, 1) - H8);
  });

  it('goal: keys name periods; bad keys are refused', () => {
    expect(periodByKey('quarter', '2026-Q4')).toEqual(periodOf('quarter', Date.UTC(2026, 10, 5)));
    expect(periodByKey('month', '2026-02')).toEqual(periodOf('month', Date.UTC(2026, 1, 5)));
    expect(periodByKey('year', '2026')).toEqual(periodOf('year', Date.UTC(2026, 5, 5)));
    for (const [kind, key] of [['quarter', '2026-Q5'], ['quarter', '2026-04'], ['month', '2026-13'], ['month', '2026-Q1'], ['year', '2026-01'], ['month', '26-01']] as const) {
      expect(periodByKey(kind, key), `${kind} ${key}`).toBeNull();
    }
  });

  it('goal: periods tile time: each holds its moment, the next starts where it ends, previous undoes next', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REBATE_PERIODS), fc.integer({ min: Date.UTC(2001, 0, 1), max: Date.UTC(2199, 0, 1) }), (kind, at) => {
        const p = periodOf(kind, at);
        expect(p.from_ms <= at && at < p.to_ms).toBe(true);
        const n = nextPeriod(p);
        expect(n.from_ms).toBe(p.to_ms);
        expect(previousPeriod(n)).toEqual(p);
        expect(periodByKey(kind, p.key)).toEqual(p);
      }),
      { seed: 1204 },
    );
  });
});
