import { describe, expect, it } from 'vitest';
import { parseCount, parseMoney } from './form-input';

// Goal: typed numbers and amounts are read exactly (never through floats) or named as wrong.
describe('typed numbers and amounts', () => {
  it('reads whole numbers only', () => {
    expect(parseCount(' 12 ')).toBe(12);
    expect(parseCount('1.5')).toBeNull();
    expect(parseCount('-3')).toBeNull();
    expect(parseCount('')).toBeNull();
  });

  it('reads yuan into fen, and names the field of a bad or too large amount', () => {
    expect(parseMoney('1.88', '门店奖励')).toEqual({ ok: true, fen: 188 });
    expect(parseMoney('1.888', '门店奖励')).toEqual({ ok: false, problem: '门店奖励请填写正确的金额（元），例如 0.88' });
    expect(parseMoney('999999999999', '充值金额', '5000')).toEqual({ ok: false, problem: '充值金额不能大于 ¥100000000.00' });
  });
});
