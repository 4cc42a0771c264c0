import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rebateFor, type RebateTier } from './rebate-tiers.js';

const LADDER: RebateTier[] = [
  { threshold: 0, rate_bp: 100 },
  { threshold: 100_000, rate_bp: 200 },
  { threshold: 500_000, rate_bp: 300 },
];

describe('rebate tiers', () => {
  it('goal: whole applies the reached rate to everything, marginal each rate to its band; floored once', () => {
    const table: Array<[RebateTier[], number, number, number]> = [
      // tiers, basis, whole, marginal
      [LADDER, 50_000, 500, 500],
      [LADDER, 100_000, 2_000, 1_000],
      [LADDER, 600_000, 18_000, 1_000 + 8_000 + 3_000],
      [LADDER, 12_345, 123, 123],
      [LADDER, 0, 0, 0],
      [LADDER, -5_000, 0, 0],
      // bands of 15.5155 and 25.5255 fen: 41 once floored, not 15 + 25
      [[{ threshold: 0, rate_bp: 155 }, { threshold: 1_001, rate_bp: 255 }], 2_002, 51, 41],
      // a first threshold above 0: nothing below it; marginal only earns above it
      [[{ threshold: 100_000, rate_bp: 200 }], 99_999, 0, 0],
      [[{ threshold: 100_000, rate_bp: 200 }], 150_000, 3_000, 1_000],
    ];
    for (const [tiers, basis, whole, marginal] of table) {
      expect(rebateFor(basis, tiers, 'whole').rebate_fen, `whole ${basis}`).toBe(whole);
      expect(rebateFor(basis, tiers, 'marginal').rebate_fen, `marginal ${basis}`).toBe(marginal);
    }
    expect(rebateFor(600_000, LADDER, 'marginal')).toEqual({ rebate_fen: 12_000, rate_bp: 300, tier: 2 });
  });

  const ladderArb = fc
    .uniqueArray(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 6 })
    .chain((ts) => fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: ts.length, maxLength: ts.length }).map((rs) => {
      const thresholds = [...ts].sort((a, b) => a - b);
      const rates = [...rs].sort((a, b) => a - b);
      return thresholds.map((threshold, i) => ({ threshold, rate_bp: rates[i]! }));
    }));

  it('goal: marginal ≤ whole = floor(basis × top rate reached), both grow with the basis, never above it', () => {
    fc.assert(
      fc.property(ladderArb, fc.integer({ min: 0, max: 20_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), (tiers, basis, more) => {
        const whole = rebateFor(basis, tiers, 'whole');
        const marginal = rebateFor(basis, tiers, 'marginal');
        expect(marginal.rebate_fen).toBeLessThanOrEqual(whole.rebate_fen);
        expect(whole.rebate_fen).toBe(Math.floor((basis * whole.rate_bp) / 10_000));
        expect(whole.rebate_fen).toBeLessThanOrEqual(basis);
        expect(rebateFor(basis + more, tiers, 'whole').rebate_fen).toBeGreaterThanOrEqual(whole.rebate_fen);
        expect(rebateFor(basis + more, tiers, 'marginal').rebate_fen).toBeGreaterThanOrEqual(marginal.rebate_fen);
      }),
      { seed: 1204 },
    );
  });
});
