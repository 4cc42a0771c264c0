import { describe, expect, it } from 'vitest';
import { checkCredit, creditInUse, creditPosition } from './credit.js';

const LINE = { limit_fen: 100_000, from_ms: 1_000, to_ms: 2_000, termDays: 30 };

describe('credit', () => {
  it('goal: credit in use is unpaid receivables plus what open orders hold', () => {
    expect(creditInUse(30_000, 20_000)).toBe(50_000);
    expect(creditPosition(LINE, 50_000, 0, 1_500)).toEqual({ limit: 100_000, used: 50_000, available: 50_000, overdue: 0 });
    expect(creditPosition(LINE, 50_000, 0, 2_000).limit).toBe(0);
  });

  it('goal: CREDIT_OVERDUE blocks first, then CREDIT_EXCEEDED above the limit or outside the window', () => {
    expect(checkCredit(LINE, 50_000, 1, 1, 1_500)).toMatchObject({ ok: false, error: { code: 'CREDIT_OVERDUE' } });
    expect(checkCredit(LINE, 50_000, 0, 50_001, 1_500)).toMatchObject({ ok: false, error: { code: 'CREDIT_EXCEEDED' } });
    expect(checkCredit(LINE, 50_000, 0, 50_000, 1_500)).toMatchObject({ ok: true, data: { used: 100_000, available: 0 } });
    expect(checkCredit(LINE, 0, 0, 1, 999)).toMatchObject({ ok: false, error: { code: 'CREDIT_EXCEEDED' } });
    expect(checkCredit(null, 0, 0, 1, 1_500)).toMatchObject({ ok: false, error: { code: 'CREDIT_EXCEEDED' } });
  });
});
