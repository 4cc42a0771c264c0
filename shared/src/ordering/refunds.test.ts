import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refundLine, returnRefund_fen } from './refunds.js';

describe('return refunds', () => {
  it('goal: k of m remaining units refund floor(remainingNet × k / m), all that remains when k = m', () => {
    expect(returnRefund_fen(1_000, 1, 3)).toBe(333);
    expect(returnRefund_fen(667, 2, 2)).toBe(667);
    expect(refundLine({ net: 1_000, quantity: 3, returned: 0, refunded: 0 }, 4, 'lines[0].quantity')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'lines[0].quantity' } });
  });

  it("goal: whatever the return sequence, a line's refunds add up to its net exactly once every unit is back", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 5_000_000 }), fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 60 }), (quantity, net, steps) => {
        let line = { net, quantity, returned: 0, refunded: 0 };
        for (const s of steps) {
          const m = line.quantity - line.returned;
          if (m === 0) break;
          const r = refundLine(line, Math.min(s, m), 'q');
          if (!r.ok) throw new Error(r.error.message);
          expect(r.data.refund_fen).toBeGreaterThanOrEqual(0);
          line = r.data.line;
          expect(line.refunded).toBeLessThanOrEqual(net);
        }
        const m = line.quantity - line.returned;
        if (m > 0) {
          const r = refundLine(line, m, 'q');
          if (!r.ok) throw new Error(r.error.message);
          line = r.data.line;
        }
        expect(line.refunded).toBe(net);
      }),
    );
  });
});
