import { describe, expect, it } from 'vitest';
import { fieldId, sanitizeAmountTyping } from './logic';

describe('amount typing', () => {
  it('keeps what a yuan amount can be while typed: digits, one dot, two decimals', () => {
    const cases: Array<[string, string]> = [
      ['12.345', '12.34'],
      ['.5', '0.5'],
      ['1.2.3', '1.23'],
      ['007', '7'],
      ['0', '0'],
      ['0.', '0.'],
      ['abc', ''],
      ['¥1,234.5', '1234.5'],
      ['3。5', '3.5'],
      ['12345678901', '123456789'],
    ];
    for (const [typed, kept] of cases) expect(sanitizeAmountTyping(typed), typed).toBe(kept);
  });

  it('makes ids only from identifiers', () => {
    expect(fieldId('amount')).toBe('cr-field-amount');
    expect(() => fieldId('a b')).toThrow();
  });
});
