import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CODE_LENGTH,
  CROCKFORD_ALPHABET,
  decodeCanonical,
  encodeBlock,
  encodeBlockInto,
  normalizeCodeChars,
} from './crockford.js';

describe('crockford base32 for 130-bit codes', () => {
  it('uses 32 symbols without the look-alikes I, L, O and U', () => {
    expect(CROCKFORD_ALPHABET).toHaveLength(32);
    expect(new Set(CROCKFORD_ALPHABET).size).toBe(32);
    for (const c of 'ILOU') expect(CROCKFORD_ALPHABET).not.toContain(c);
  });

  it('round-trips any key slot and 16-byte block through 26 characters', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.uint8Array({ minLength: 16, maxLength: 16 }), (slot, block) => {
        const code = encodeBlock(slot, block);
        expect(code).toHaveLength(CODE_LENGTH);
        expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
        const back = decodeCanonical(code);
        expect(back).not.toBeNull();
        expect(back!.slot).toBe(slot);
        expect(Array.from(back!.block)).toEqual(Array.from(block));
      }),
      { numRuns: 2000 },
    );
  }, 20_000);

  it('puts the key slot in the top two bits of the first character', () => {
    const zero = new Uint8Array(16);
    expect(encodeBlock(0, zero)).toBe('0'.repeat(26));
    expect(encodeBlock(1, zero)[0]).toBe('8');
    expect(encodeBlock(2, zero)[0]).toBe('G');
    expect(encodeBlock(3, zero)[0]).toBe('R');
    expect(encodeBlock(3, new Uint8Array(16).fill(255))).toBe('Z'.repeat(26));
  });

  it('writes in place at an offset without touching neighbouring bytes', () => {
    const block = new Uint8Array(48);
    block.set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], 16);
    const out = new Uint8Array(40).fill(33);
    encodeBlockInto(2, block, 16, out, 7);
    expect(out.subarray(0, 7).every((b) => b === 33)).toBe(true);
    expect(out.subarray(33).every((b) => b === 33)).toBe(true);
    expect(String.fromCharCode(...out.subarray(7, 33))).toBe(encodeBlock(2, block.subarray(16, 32)));
  });

  it('decodeCanonical accepts only the canonical upper-case form', () => {
    const code = encodeBlock(1, new Uint8Array(16).fill(7));
    expect(decodeCanonical(code)).not.toBeNull();
    expect(decodeCanonical(code.toLowerCase())).toBeNull();
    expect(decodeCanonical(code.slice(1))).toBeNull();
    expect(decodeCanonical(`${code}0`)).toBeNull();
    expect(decodeCanonical(`I${code.slice(1)}`)).toBeNull();
    expect(decodeCanonical(`U${code.slice(1)}`)).toBeNull();
  });

  it('normalises case, separators and look-alikes, and rejects anything else', () => {
    const code = '0123456789ABCDEFGHJKMNPQRS';
    expect(normalizeCodeChars(code)).toBe(code);
    expect(normalizeCodeChars(code.toLowerCase())).toBe(code);
    expect(normalizeCodeChars('0123-4567 89AB-CDEF GHJK-MNPQ RS')).toBe(code);
    expect(normalizeCodeChars('O123456789ABCDEFGHJKMNPQRS')).toBe(code);
    expect(normalizeCodeChars('oI23456789ABCDEFGHJKMNPQRS')).toBe(code);
    expect(normalizeCodeChars('0l23456789ABCDEFGHJKMNPQRS')).toBe(code);
    expect(normalizeCodeChars('0L23456789ABCDEFGHJKMNPQRS')).toBe(code);
    expect(normalizeCodeChars('U123456789ABCDEFGHJKMNPQRS')).toBeNull();
    expect(normalizeCodeChars(code.slice(0, 25))).toBeNull();
    expect(normalizeCodeChars(`${code}0`)).toBeNull();
    expect(normalizeCodeChars(`${code.slice(0, 25)}*`)).toBeNull();
    expect(normalizeCodeChars(`${code.slice(0, 25)}天`)).toBeNull();
    expect(normalizeCodeChars('-'.repeat(200))).toBeNull();
  });
});
