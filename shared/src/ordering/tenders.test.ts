import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTenders, largestRemainder, maxRebate_fen, splitRefund } from './tenders.js';

describe('tenders', () => {
  it('goal: tenders must add up to the total, each kind once, rebate within its share', () => {
    expect(checkTenders(10_000, [{ kind: 'deposit', amount: 8_000 }, { kind: 'rebate', amount: 2_000 }], 2000).ok).toBe(true);
    expect(checkTenders(10_000, [{ kind: 'deposit', amount: 8_000 }], 2000)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'tenders' } });
    expect(checkTenders(10_000, [{ kind: 'deposit', amount: 7_999 }, { kind: 'rebate', amount: 2_001 }], 2000)).toMatchObject({ ok: false, error: { field: 'tenders[1].amount' } });
    expect(checkTenders(10_000, [{ kind: 'deposit', amount: 5_000 }, { kind: 'deposit', amount: 5_000 }], 2000)).toMatchObject({ ok: false, error: { field: 'tenders[1].kind' } });
    expect(checkTenders(10_000, [{ kind: 'deposit', amount: 0 }, { kind: 'credit', amount: 10_000 }], 2000)).toMatchObject({ ok: false, error: { field: 'tenders[0].amount' } });
    expect(maxRebate_fen(9_999, 2000)).toBe(1_999);
  });

  it('goal: largest remainder gives the spec example 33.34 / 33.33 / 33.33', () => {
    expect(largestRemainder(10_000, [10_000, 10_000, 10_000])).toEqual([3_334, 3_333, 3_333]);
    // ties on remainder go to the larger base
    expect(largestRemainder(1, [1, 3])).toEqual([0, 1]);
  });

  it('goal: parts always add up exactly and never exceed their weight when the amount fits', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 8 }), fc.nat(), (weights, seed) => {
        const total = weights.reduce((a, b) => a + b, 0);
        fc.pre(total > 0);
        const amount = seed % (total + 1);
        const parts = largestRemainder(amount, weights);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
        parts.forEach((p, i) => {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(weights[i]!);
          // within one fen of the exact share
          expect(Math.abs(p - (amount * weights[i]!) / total)).toBeLessThan(1);
        });
      }),
    );
  });

  it('goal: a refund is split by what each tender still has refundable, and never beyond it', () => {
    expect(splitRefund(300, [{ kind: 'deposit', refundable: 700 }, { kind: 'credit', refundable: 300 }])).toEqual({ ok: true, data: [{ kind: 'deposit', amount: 210 }, { kind: 'credit', amount: 90 }] });
    expect(splitRefund(1_001, [{ kind: 'deposit', refundable: 1_000 }])).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});
