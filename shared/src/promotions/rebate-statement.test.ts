import { describe, expect, it } from 'vitest';
import { nextPeriod, periodByKey } from './rebate-period.js';
import { computeStatement, type CompletedOrderFacts } from './rebate-statement.js';
import type { RebateTier } from './rebate-tiers.js';

const Q4 = periodByKey('quarter', '2026-Q4')!;
const Q1 = nextPeriod(Q4);
const Q2 = nextPeriod(Q1);
const TIERS: RebateTier[] = [
  { threshold: 0, rate_bp: 100 },
  { threshold: 1_000_000, rate_bp: 200 },
];
const program = { programId: 'rp_1', tiers: TIERS, mode: 'whole' as const, products: { scope: 'listed' as const, productIds: ['a', 'b'] } };
const B = 'dealer_1';

const ORDERS: CompletedOrderFacts[] = [
  { orderId: 'o1', buyerOrgId: B, completedAt_ms: Q4.from_ms, lines: [{ productId: 'a', net: 600_000, refunded: 100_000 }, { productId: 'c', net: 50_000, refunded: 0 }] },
  { orderId: 'o2', buyerOrgId: B, completedAt_ms: Q4.from_ms + 40 * 86_400_000, lines: [{ productId: 'b', net: 600_000, refunded: 0 }] },
  // only a product outside the scope: not counted
  { orderId: 'o3', buyerOrgId: B, completedAt_ms: Q4.from_ms + 1, lines: [{ productId: 'c', net: 900_000, refunded: 0 }] },
  // completed at the first ms of the next quarter
  { orderId: 'o4', buyerOrgId: B, completedAt_ms: Q4.to_ms, lines: [{ productId: 'a', net: 900_000, refunded: 0 }] },
  // another buyer's
  { orderId: 'o5', buyerOrgId: 'dealer_2', completedAt_ms: Q4.from_ms + 1, lines: [{ productId: 'a', net: 900_000, refunded: 0 }] },
];

describe('rebate statements', () => {
  it('goal: the basis is the net of the buyer\'s in-scope lines of orders completed in the period, less refunds', () => {
    const s = computeStatement({ program, buyerOrgId: B, period: Q4, orders: ORDERS, asOf_ms: Q4.to_ms });
    expect(s).toMatchObject({ periodKey: '2026-Q4', final: true, basis_fen: 1_100_000, ordersCounted: 2, orderIds: ['o1', 'o2'], rate_bp: 200, rebate_fen: 22_000, payable_fen: 22_000, carriedOut_fen: 0 });
    expect(s.orderBasis).toEqual([{ orderId: 'o1', basis_fen: 500_000 }, { orderId: 'o2', basis_fen: 600_000 }]);
    const marginal = computeStatement({ program: { ...program, mode: 'marginal' }, buyerOrgId: B, period: Q4, orders: ORDERS, asOf_ms: Q4.to_ms });
    expect(marginal.rebate_fen).toBe(10_000 + 2_000);
  });

  it('goal: a statement on demand counts up to now and is not final', () => {
    const s = computeStatement({ program, buyerOrgId: B, period: Q4, orders: ORDERS, asOf_ms: Q4.from_ms + 10 * 86_400_000 });
    expect(s).toMatchObject({ final: false, basis_fen: 500_000, rebate_fen: 5_000, ordersCounted: 1 });
  });

  it('goal: a late return lowers the next statement by the difference; beyond it, the rest is carried, never paid back', () => {
    const q4 = computeStatement({ program, buyerOrgId: B, period: Q4, orders: ORDERS, asOf_ms: Q4.to_ms });
    const q1Orders: CompletedOrderFacts[] = [{ orderId: 'o6', buyerOrgId: B, completedAt_ms: Q1.from_ms + 5, lines: [{ productId: 'a', net: 300_000, refunded: 0 }] }];
    // 2000.00 of o2 comes back after the Q4 statement: Q4 would have been 9000.00 × 1 % = 90.00, not 220.00.
    const q1 = computeStatement({
      program,
      buyerOrgId: B,
      period: Q1,
      orders: q1Orders,
      asOf_ms: Q1.to_ms,
      priors: [{ statementId: 'st_q4', periodKey: q4.periodKey, basis_fen: q4.basis_fen, rebate_fen: q4.rebate_fen }],
      lateReturns: [{ statementId: 'st_q4', refund_fen: 150_000 }, { statementId: 'st_q4', refund_fen: 50_000 }, { statementId: 'other', refund_fen: 1 }],
    });
    expect(q1.adjustments).toEqual([{ statementId: 'st_q4', periodKey: '2026-Q4', basisBefore_fen: 1_100_000, basisAfter_fen: 900_000, rebateBefore_fen: 22_000, rebateAfter_fen: 9_000, amount_fen: -13_000 }]);
    expect(q1).toMatchObject({ rebate_fen: 3_000, payable_fen: 0, carriedOut_fen: -10_000 });
    const q2 = computeStatement({
      program,
      buyerOrgId: B,
      period: Q2,
      orders: [{ orderId: 'o7', buyerOrgId: B, completedAt_ms: Q2.from_ms, lines: [{ productId: 'b', net: 2_000_000, refunded: 0 }] }],
      asOf_ms: Q2.to_ms,
      carriedIn_fen: q1.carriedOut_fen,
    });
    expect(q2).toMatchObject({ rebate_fen: 40_000, carriedIn_fen: -10_000, payable_fen: 30_000, carriedOut_fen: 0 });
  });
});
