import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refundLine, type LineBalance } from '../ordering/refunds.js';
import { applyPromotions } from './apply.js';
import { STORE, T0, priced, reduction } from './fixtures.test-helpers.js';

/** Returns `steps` units of a quoted line one return at a time; the refunds in order. */
function refunds(net: number, quantity: number, steps: number[]): number[] {
  let line: LineBalance = { net, quantity, returned: 0, refunded: 0 };
  return steps.map((k) => {
    const r = refundLine(line, k, 'lines[0].quantity');
    if (!r.ok) throw new Error(r.error.message);
    line = r.data.line;
    return r.data.refund_fen;
  });
}

describe('partial returns after a 满减', () => {
  // 满300减100 over 3 × 33.35 + 99.95 + 100.00: 100.00 off apportioned 33.35 / 33.32 / 33.33.
  const r = reduction([{ threshold: 30_000, off: 10_000 }]);
  const q = applyPromotions({
    lines: [priced('a', 3, 3_335), priced('b', 1, 9_995), priced('c', 1, 10_000)],
    promotions: [r],
    buyer: STORE,
    at_ms: T0 + 1,
  });

  it('goal: the quote apportions the 满减 as the rule says', () => {
    expect(q.lines.map((l) => l.discounts[0]!.amount)).toEqual([3_335, 3_332, 3_333]);
    expect(q.lines.map((l) => l.net)).toEqual([6_670, 6_663, 6_667]);
  });

  it('goal: returning part of a line refunds exactly its apportioned net, whatever the steps, and claws nothing back below the threshold', () => {
    const net = q.lines[0]!.net;
    const table: Array<[number[], number[]]> = [
      [[1, 1, 1], [2_223, 2_223, 2_224]],
      [[2, 1], [4_446, 2_224]],
      [[1, 2], [2_223, 4_447]],
      [[3], [6_670]],
    ];
    for (const [steps, want] of table) {
      const got = refunds(net, 3, steps);
      expect(got, steps.join('+')).toEqual(want);
      expect(got.reduce((a, b) => a + b, 0)).toBe(net);
    }
    // After two units of a come back the goods left are 33.35 + 99.95 + 100.00 = 233.30, below 满300;
    // the refund is still the line's apportioned share: the 满减 is not clawed back.
    expect(refunds(net, 3, [2])).toEqual([4_446]);
  });

  it('goal: every line of any quoted order refunds to exactly its net, whatever the return steps', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 12 }), unitPrice: fc.integer({ min: 1, max: 40_000 }) }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 12 }),
        (raw, steps) => {
          const quoted = applyPromotions({
            lines: raw.map((l, i) => priced(`p${i}`, l.quantity, l.unitPrice)),
            promotions: [reduction([{ threshold: 30_000, off: 10_000 }])],
            buyer: STORE,
            at_ms: T0 + 1,
          });
          for (const l of quoted.lines) {
            let left = l.quantity;
            const ks: number[] = [];
            for (const s of steps) {
              if (left === 0) break;
              const k = Math.min(s, left);
              ks.push(k);
              left -= k;
            }
            if (left > 0) ks.push(left);
            const got = refunds(l.net, l.quantity, ks);
            expect(got.reduce((a, b) => a + b, 0)).toBe(l.net);
            got.forEach((x) => expect(x).toBeGreaterThanOrEqual(0));
          }
        },
      ),
      { seed: 1204, numRuns: 200 },
    );
  });
});
