import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportion, fullDiscount_fen } from './apportion.js';

describe('apportion', () => {
  it('goal: the table of remainder cases comes out as the rule says', () => {
    const table: Array<[number, number[], number[]]> = [
      [10_000, [10_000, 10_000, 10_000], [3_334, 3_333, 3_333]],
      [10, [3_333, 3_333, 3_334], [3, 3, 4]],
      // equal remainders: the larger base first
      [1, [1, 3], [0, 1]],
      [5_000, [1, 9_999], [0, 5_000]],
      // equal remainders and bases: the earlier line first
      [1, [5_000, 5_000], [1, 0]],
      [2, [1, 1, 1], [1, 1, 0]],
      // the whole: every line to exactly 0
      [7, [3, 4], [3, 4]],
      [0, [3, 4], [0, 0]],
      // a zero base never gets a fen
      [3, [0, 2, 2], [0, 2, 1]],
    ];
    for (const [d, bases, want] of table) expect(apportion(d, bases), `${d} over ${bases.join('/')}`).toEqual(want);
  });

  it('goal: a discount above the bases is a bug (callers cap it), not a negative line', () => {
    expect(() => apportion(8, [3, 4])).toThrow(/outside/);
    expect(() => apportion(-1, [3, 4])).toThrow(/outside/);
  });

  it('goal: parts add up to D exactly, no part is negative or above its base, each within one fen of its share', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100_000_000 }), { minLength: 1, maxLength: 50 }), fc.double({ min: 0, max: 1, noNaN: true }), (bases, share) => {
        const s = bases.reduce((a, b) => a + b, 0);
        fc.pre(s > 0);
        const d = Math.floor(s * share);
        const parts = apportion(d, bases);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(d);
        parts.forEach((p, i) => {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(bases[i]!);
          expect(Math.abs(p - (d * bases[i]!) / s)).toBeLessThan(1);
        });
      }),
      { seed: 1204, numRuns: 500 },
    );
  });
});

describe('fullDiscount_fen', () => {
  it('goal: one D for the whole, rounded half up', () => {
    expect(fullDiscount_fen(9_999, 9_500)).toBe(500); // 499.95
    expect(fullDiscount_fen(10, 9_500)).toBe(1); // 0.5 rounds up
    expect(fullDiscount_fen(9, 9_500)).toBe(0); // 0.45
    expect(fullDiscount_fen(7_001, 0)).toBe(7_001);
    expect(fullDiscount_fen(7_001, 10_000)).toBe(0);
    expect(fullDiscount_fen(10_000_000_000, 1)).toBe(9_999_000_000);
  });

  it('goal: D never exceeds S and is within half a fen of the exact value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.integer({ min: 0, max: 10_000 }), (s, rate) => {
        const d = fullDiscount_fen(s, rate);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(s);
        const exact2 = 2n * BigInt(s) * BigInt(10_000 - rate); // 20000 × exact
        const diff = 20_000n * BigInt(d) - exact2;
        expect(diff > -10_000n && diff <= 10_000n).toBe(true);
      }),
      { seed: 1204 },
    );
  });
});
