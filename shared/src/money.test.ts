import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_FEN, formatFen, isFen, parseYuan } from './money.js';

describe('formatFen', () => {
  it('shows fen as yuan with two decimals and the ¥ sign', () => {
    expect(formatFen(1234)).toBe('¥12.34');
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(100)).toBe('¥1.00');
    expect(formatFen(-5)).toBe('-¥0.05');
  });

  it('groups thousands and drops the symbol on request', () => {
    expect(formatFen(123456789, { grouping: true })).toBe('¥1,234,567.89');
    expect(formatFen(99999, { grouping: true })).toBe('¥999.99');
    expect(formatFen(1234, { symbol: false })).toBe('12.34');
  });

  it('refuses a non-integer amount: fen are integers by construction, anything else is a bug', () => {
    expect(() => formatFen(12.5)).toThrow();
    expect(() => formatFen(Number.NaN)).toThrow();
  });
});

describe('parseYuan', () => {
  it('turns what a person types into integer fen without floating point', () => {
    expect(parseYuan('12.34')).toEqual({ ok: true, data: 1234 });
    expect(parseYuan('12')).toEqual({ ok: true, data: 1200 });
    expect(parseYuan('12.3')).toEqual({ ok: true, data: 1230 });
    expect(parseYuan('0.1')).toEqual({ ok: true, data: 10 });
    expect(parseYuan('.5')).toEqual({ ok: true, data: 50 });
    expect(parseYuan('12.')).toEqual({ ok: true, data: 1200 });
    expect(parseYuan(' ¥ 0.07 ')).toEqual({ ok: true, data: 7 });
    expect(parseYuan('￥1,234.50')).toEqual({ ok: true, data: 123450 });
    expect(parseYuan('007.10')).toEqual({ ok: true, data: 710 });
    // 0.29 * 100 is 28.999999999999996 in floating point; string arithmetic gets it right.
    expect(parseYuan('0.29')).toEqual({ ok: true, data: 29 });
    expect(parseYuan('1.13')).toEqual({ ok: true, data: 113 });
  });

  it('rejects signs, exponents, extra decimals, bad grouping and empty input, naming the field', () => {
    for (const bad of ['', ' ', '.', '-1', '+1', '1e3', '1.234', '1,23', '12,34.5', 'abc', '1.2.3', '１２', 'Infinity', 'NaN']) {
      const r = parseYuan(bad, 'amount');
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'amount' });
    }
  });

  it('accepts up to MAX_FEN and rejects anything above, or overlong text', () => {
    expect(parseYuan('100000000')).toEqual({ ok: true, data: MAX_FEN });
    expect(parseYuan('100000000.01').ok).toBe(false);
    expect(parseYuan('99999999999999999999').ok).toBe(false);
    expect(parseYuan('1'.padStart(40, '0')).ok).toBe(false);
  });

  it('round-trips every amount: parseYuan(formatFen(x)) = x', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN }), fc.boolean(), (fen, grouping) => {
        const r = parseYuan(formatFen(fen, { grouping }));
        expect(r).toEqual({ ok: true, data: fen });
      }),
    );
  });
});

describe('isFen', () => {
  it('accepts only safe non-negative integers up to MAX_FEN', () => {
    expect(isFen(0)).toBe(true);
    expect(isFen(MAX_FEN)).toBe(true);
    expect(isFen(MAX_FEN + 1)).toBe(false);
    expect(isFen(-1)).toBe(false);
    expect(isFen(1.5)).toBe(false);
    expect(isFen('1')).toBe(false);
  });
});
