import { describe, expect, it } from 'vitest';
import { amountParts } from './logic';

describe('amountParts', () => {
  it('splits fen into yuan and cents without floats, with a sign for income when asked', () => {
    expect(amountParts(1234)).toEqual({ sign: '', yuan: '¥12', cents: '.34' });
    expect(amountParts(5)).toEqual({ sign: '', yuan: '¥0', cents: '.05' });
    expect(amountParts(-250)).toEqual({ sign: '-', yuan: '¥2', cents: '.50' });
    expect(amountParts(100, { signed: true })).toEqual({ sign: '+', yuan: '¥1', cents: '.00' });
    expect(amountParts(0, { signed: true }).sign).toBe('');
    expect(amountParts(123456789, { grouping: true })).toEqual({ sign: '', yuan: '¥1,234,567', cents: '.89' });
    expect(() => amountParts(1.5)).toThrow();
  });
});
