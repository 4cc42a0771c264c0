import { describe, expect, it } from 'vitest';
import { programApplies, validateRebateProgram } from './rebate-program.js';
import { periodByKey } from './rebate-period.js';

const VALID = {
  name: '季度返利',
  period: 'quarter',
  mode: 'marginal',
  tiers: [{ threshold: 0, rate_bp: 100 }, { threshold: 1_000_000, rate_bp: 200 }],
  targeting: { kinds: ['dealer'] },
  products: { scope: 'all' },
  approvalChain: ['finance', 'owner'],
  from: Date.UTC(2026, 0, 1),
  to: Date.UTC(2028, 0, 1),
};

describe('validateRebateProgram', () => {
  it('goal: a valid program passes; each bad field is INVALID_ARGUMENT naming it', () => {
    expect(validateRebateProgram(VALID).ok).toBe(true);
    const rows: Array<[Record<string, unknown>, string]> = [
      [{ period: 'week' }, 'period'],
      [{ mode: 'flat' }, 'mode'],
      [{ tiers: [] }, 'tiers'],
      [{ tiers: [{ threshold: 5, rate_bp: 100 }, { threshold: 5, rate_bp: 200 }] }, 'tiers[1].threshold'],
      [{ tiers: [{ threshold: 0, rate_bp: 300 }, { threshold: 5, rate_bp: 200 }] }, 'tiers[1].rate_bp'],
      [{ tiers: [{ threshold: 0, rate_bp: 10_001 }] }, 'tiers[0].rate_bp'],
      [{ tiers: [{ threshold: 0, rate_bp: 0 }] }, 'tiers[0].rate_bp'],
      [{ approvalChain: ['Finance!'] }, 'approvalChain[0]'],
      [{ approvalChain: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'approvalChain'],
      [{ targeting: { regions: ['123'] } }, 'targeting.regions[0]'],
      [{ products: { scope: 'listed', productIds: [] } }, 'products.productIds'],
      [{ to: Date.UTC(2026, 0, 1) }, 'to'],
    ];
    for (const [change, field] of rows) {
      const r = validateRebateProgram({ ...VALID, ...change });
      expect(r, JSON.stringify(change)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field } });
    }
  });
});

describe('programApplies', () => {
  it('goal: a statement is due for targeted buyers, for periods of the program\'s kind starting in its validity, while enabled', () => {
    const program = { ...VALID, period: 'quarter' as const, targeting: { kinds: ['dealer' as const] } };
    const dealer = { orgId: 'dealer_1', kind: 'dealer' as const };
    const q = periodByKey('quarter', '2026-Q4')!;
    expect(programApplies(program, dealer, q)).toBe(true);
    expect(programApplies(program, { ...dealer, kind: 'store' }, q)).toBe(false);
    expect(programApplies({ ...program, enabled: false }, dealer, q)).toBe(false);
    expect(programApplies(program, dealer, periodByKey('month', '2026-12')!)).toBe(false);
    expect(programApplies({ ...program, to: q.from_ms }, dealer, q)).toBe(false);
    expect(programApplies({ ...program, from: q.from_ms + 1 }, dealer, q)).toBe(false);
  });
});
