/**
 * Codes with the real AES cipher (docs/codes.md#security): round trips, authentication, no sequence leak, key
 * rotation. These live beside the Node cipher because `shared/` must not import node:crypto.
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CODE_KINDS,
  UNIT_LEVELS,
  CROCKFORD_ALPHABET,
  decodeCanonical,
  decodeCode,
  encodeBlock,
  encodeCode,
  hiddenToVisible,
  makeKeyring,
  MAX_BATCH_NO,
  MAX_CODE_INDEX,
  verifyCode,
  visibleToHidden,
  type CodeFields,
  type CodeKeyring,
} from '@channel-router/shared';
import { createAesBlockCipher } from './node-cipher.js';

const key0 = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
const key1 = Buffer.from('f0e0d0c0b0a090807060504030201000', 'hex');
const kr: CodeKeyring = makeKeyring(0, { 0: createAesBlockCipher(key0) });

function fieldsOf(code: string, keyring = kr): CodeFields {
  const r = decodeCode(code, keyring);
  if (!r.ok) throw new Error(`expected a genuine code, got ${r.error.message}`);
  return r.data;
}

function bitDistance(a: string, b: string): number {
  const x = decodeCanonical(a)!.block;
  const y = decodeCanonical(b)!.block;
  let d = 0;
  for (let i = 0; i < 16; i++) {
    let v = (x[i] as number) ^ (y[i] as number);
    while (v) {
      d += v & 1;
      v >>= 1;
    }
  }
  return d;
}

describe('AES-128 block cipher port', () => {
  it('matches the FIPS-197 AES-128 test vector', () => {
    const c = createAesBlockCipher(key0);
    const pt = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
    expect(Buffer.from(c.encryptBlocks(pt)).toString('hex')).toBe('69c4e0d86a7b0430d8cdb78070b4c55a');
    expect(Buffer.from(c.decryptBlock(Buffer.from('69c4e0d86a7b0430d8cdb78070b4c55a', 'hex'))).toString('hex')).toBe(
      '00112233445566778899aabbccddeeff',
    );
  });

  it('encrypts many blocks per call exactly as one at a time, across repeated calls', () => {
    const c = createAesBlockCipher(key1);
    const blocks = randomBytes(16 * 100);
    const all = Buffer.from(c.encryptBlocks(blocks));
    for (let i = 0; i < 100; i++) {
      const one = Buffer.from(c.encryptBlocks(blocks.subarray(i * 16, i * 16 + 16)));
      expect(one.equals(all.subarray(i * 16, i * 16 + 16))).toBe(true);
      expect(Buffer.from(c.decryptBlock(one)).equals(blocks.subarray(i * 16, i * 16 + 16))).toBe(true);
    }
  });

  it('refuses partial blocks and wrong key sizes', () => {
    const c = createAesBlockCipher(key0);
    expect(() => c.encryptBlocks(new Uint8Array(15))).toThrow();
    expect(() => c.encryptBlocks(new Uint8Array(0))).toThrow();
    expect(() => c.decryptBlock(new Uint8Array(32))).toThrow();
    expect(() => createAesBlockCipher(new Uint8Array(32))).toThrow();
  });
});

describe('encodeCode / decodeCode', () => {
  it('round-trips every level and kind at the field boundaries', () => {
    for (const level of UNIT_LEVELS) {
      for (const kind of CODE_KINDS) {
        if (kind === 'hidden' && level !== 'item') continue;
        for (const batchNo of [0, 1, 4242, MAX_BATCH_NO]) {
          for (const index of [0, 1, 2 ** 27 - 1, 2 ** 27, MAX_CODE_INDEX]) {
            const code = encodeCode({ batchNo, level, kind, index }, kr);
            expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
            expect(fieldsOf(code)).toEqual({ keySlot: 0, batchNo, level, kind, index });
          }
        }
      }
    }
  });

  it('round-trips random fields (property)', () => {
    const fields = fc.record({
      batchNo: fc.integer({ min: 0, max: MAX_BATCH_NO }),
      level: fc.constantFrom(...UNIT_LEVELS),
      hidden: fc.boolean(),
      index: fc.integer({ min: 0, max: MAX_CODE_INDEX }),
    });
    fc.assert(
      fc.property(fields, ({ batchNo, level, hidden, index }) => {
        const kind = hidden && level === 'item' ? 'hidden' : 'visible';
        expect(fieldsOf(encodeCode({ batchNo, level, kind, index }, kr))).toEqual({ keySlot: 0, batchNo, level, kind, index });
      }),
      { numRuns: 3000 },
    );
  }, 30_000);

  it('refuses to make codes that cannot exist (programming errors throw)', () => {
    expect(() => encodeCode({ batchNo: 1, level: 'box', kind: 'hidden', index: 0 }, kr)).toThrow();
    expect(() => encodeCode({ batchNo: 1, level: 'case', kind: 'hidden', index: 0 }, kr)).toThrow();
    expect(() => encodeCode({ batchNo: MAX_BATCH_NO + 1, level: 'item', kind: 'visible', index: 0 }, kr)).toThrow();
    expect(() => encodeCode({ batchNo: 1, level: 'item', kind: 'visible', index: MAX_CODE_INDEX + 1 }, kr)).toThrow();
    expect(() => encodeCode({ batchNo: 1, level: 'item', kind: 'visible', index: -1 }, kr)).toThrow();
    expect(() => encodeCode({ batchNo: 1, level: 'item', kind: 'visible', index: 0.5 }, kr)).toThrow();
    expect(() => encodeCode({ batchNo: 1, level: 'item', kind: 'visible', index: 0, keySlot: 2 }, kr)).toThrow();
  });

  it('is case-insensitive and maps look-alikes when read through verifyCode', () => {
    for (let i = 0; i < 200; i++) {
      const code = encodeCode({ batchNo: 7, level: 'item', kind: 'visible', index: i }, kr);
      const typed = code.toLowerCase().replace(/1/g, 'l').replace(/0/g, 'O');
      const r = verifyCode(typed, kr);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.data.code).toBe(code);
    }
  });

  it('verifies the printed URL forms', () => {
    const code = encodeCode({ batchNo: 3, level: 'case', kind: 'visible', index: 12 }, kr);
    for (const raw of [`https://brand.example/c/${code}`, `https://brand.example/c/${code}/?s=1`, `HTTPS://BRAND.EXAMPLE/C/${code}`]) {
      const r = verifyCode(raw, kr);
      expect(r.ok, raw).toBe(true);
      if (r.ok) expect(r.data).toMatchObject({ code, batchNo: 3, level: 'case', kind: 'visible', index: 12 });
    }
  });
});

describe('authentication: forged codes answer INVALID_CODE', () => {
  it('rejects every single-character change of a genuine code', () => {
    for (const [level, kind] of [
      ['item', 'visible'],
      ['item', 'hidden'],
      ['box', 'visible'],
      ['case', 'visible'],
    ] as const) {
      const code = encodeCode({ batchNo: 77, level, kind, index: 1234 }, kr);
      for (let pos = 0; pos < code.length; pos++) {
        for (const ch of CROCKFORD_ALPHABET) {
          if (ch === code[pos]) continue;
          const tampered = code.slice(0, pos) + ch + code.slice(pos + 1);
          const r = verifyCode(tampered, kr);
          expect(r.ok, `${tampered} (position ${pos})`).toBe(false);
          if (!r.ok) expect(r.error.code).toBe('INVALID_CODE');
        }
      }
    }
  });

  it('rejects random 26-character strings (property)', () => {
    const char = fc.constantFrom(...CROCKFORD_ALPHABET.split(''));
    fc.assert(
      fc.property(fc.array(char, { minLength: 26, maxLength: 26 }), (chars) => {
        const r = verifyCode(chars.join(''), kr);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error.code).toBe('INVALID_CODE');
      }),
      { numRuns: 20_000 },
    );
  }, 30_000);

  it('rejects random blocks under every key slot (property)', () => {
    const both = makeKeyring(1, { 0: createAesBlockCipher(key0), 1: createAesBlockCipher(key1) });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.uint8Array({ minLength: 16, maxLength: 16 }), (slot, block) => {
        expect(decodeCode(encodeBlock(slot, block), both).ok).toBe(false);
      }),
      { numRuns: 20_000 },
    );
  }, 30_000);

  it('rejects codes made with another key', () => {
    const other = makeKeyring(0, { 0: createAesBlockCipher(randomBytes(16)) });
    for (let i = 0; i < 100; i++) {
      const code = encodeCode({ batchNo: 1, level: 'item', kind: 'visible', index: i }, other);
      expect(verifyCode(code, kr).ok).toBe(false);
    }
  });
});

describe('no production sequence is revealed', () => {
  it('gives consecutive indices unrelated codes (about half the bits differ, no common prefix)', () => {
    const n = 2000;
    let totalDistance = 0;
    let sharedPrefixChars = 0;
    let prev = encodeCode({ batchNo: 5, level: 'item', kind: 'visible', index: 0 }, kr);
    for (let i = 1; i <= n; i++) {
      const code = encodeCode({ batchNo: 5, level: 'item', kind: 'visible', index: i }, kr);
      const d = bitDistance(prev, code);
      // A 128-bit random pair differs in 64 ± 5.7 bits; 30 is 6 standard deviations away.
      expect(d).toBeGreaterThan(30);
      totalDistance += d;
      let k = 1; // character 0 holds the key slot, shared by design
      while (k < 26 && prev[k] === code[k]) k++;
      sharedPrefixChars += k - 1;
      prev = code;
    }
    expect(totalDistance / n).toBeGreaterThan(62);
    expect(totalDistance / n).toBeLessThan(66);
    // Random characters match the next one with probability 1/32: the mean shared run is ~0.03.
    expect(sharedPrefixChars / n).toBeLessThan(0.1);
  });

  it('makes sorted codes unrelated to index order', () => {
    const codes = Array.from({ length: 1000 }, (_, i) => encodeCode({ batchNo: 5, level: 'box', kind: 'visible', index: i }, kr));
    const order = codes.map((c, i) => [c, i] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, i]) => i);
    // Count index pairs that sorting keeps in order: ~50% for a random permutation, 100% for a sequence.
    let inOrder = 0;
    for (let k = 1; k < order.length; k++) if ((order[k] as number) > (order[k - 1] as number)) inOrder++;
    expect(inOrder / (order.length - 1)).toBeGreaterThan(0.4);
    expect(inOrder / (order.length - 1)).toBeLessThan(0.6);
  });

  it('makes an item\'s hidden code unrelated to its visible code', () => {
    for (let i = 0; i < 200; i++) {
      const v = encodeCode({ batchNo: 5, level: 'item', kind: 'visible', index: i }, kr);
      const h = encodeCode({ batchNo: 5, level: 'item', kind: 'hidden', index: i }, kr);
      expect(bitDistance(v, h)).toBeGreaterThan(30);
    }
  });
});

describe('hidden ↔ visible', () => {
  it('maps an item\'s hidden code to its visible code and back', () => {
    for (const index of [0, 1, 999_999, MAX_CODE_INDEX]) {
      const v = encodeCode({ batchNo: 12, level: 'item', kind: 'visible', index }, kr);
      const h = encodeCode({ batchNo: 12, level: 'item', kind: 'hidden', index }, kr);
      expect(hiddenToVisible(h, kr)).toEqual({ ok: true, data: v });
      expect(visibleToHidden(v, kr)).toEqual({ ok: true, data: h });
    }
  });

  it('refuses the wrong kind, non-items and forgeries', () => {
    const v = encodeCode({ batchNo: 12, level: 'item', kind: 'visible', index: 3 }, kr);
    const box = encodeCode({ batchNo: 12, level: 'box', kind: 'visible', index: 3 }, kr);
    for (const r of [hiddenToVisible(v, kr), visibleToHidden(box, kr), hiddenToVisible('0'.repeat(26), kr)]) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('INVALID_CODE');
    }
  });

  it('keeps the key slot of the code it maps', () => {
    const old = makeKeyring(0, { 0: createAesBlockCipher(key0) });
    const rotated = makeKeyring(1, { 0: createAesBlockCipher(key0), 1: createAesBlockCipher(key1) });
    const h = encodeCode({ batchNo: 2, level: 'item', kind: 'hidden', index: 8 }, old);
    const v = hiddenToVisible(h, rotated);
    expect(v).toEqual({ ok: true, data: encodeCode({ batchNo: 2, level: 'item', kind: 'visible', index: 8 }, old) });
  });
});

describe('key rotation', () => {
  const before = makeKeyring(0, { 0: createAesBlockCipher(key0) });
  const after = makeKeyring(1, { 0: createAesBlockCipher(key0), 1: createAesBlockCipher(key1) });

  it('issues new codes under the new slot and keeps verifying codes printed under the old one', () => {
    const oldCode = encodeCode({ batchNo: 1, level: 'item', kind: 'visible', index: 5 }, before);
    const newCode = encodeCode({ batchNo: 2, level: 'item', kind: 'visible', index: 5 }, after);
    expect(fieldsOf(oldCode, after).keySlot).toBe(0);
    expect(fieldsOf(newCode, after).keySlot).toBe(1);
    expect(decodeCanonical(newCode)!.slot).toBe(1);
    // A server that has not yet loaded the new key rejects new codes rather than misreading them.
    expect(decodeCode(newCode, before).ok).toBe(false);
  });

  it('rejects codes of a retired slot, and codes whose slot bits were changed', () => {
    const retired = makeKeyring(1, { 1: createAesBlockCipher(key1) });
    const oldCode = encodeCode({ batchNo: 1, level: 'item', kind: 'visible', index: 5 }, before);
    expect(decodeCode(oldCode, retired).ok).toBe(false);
    const parts = decodeCanonical(oldCode)!;
    expect(decodeCode(encodeBlock(1, parts.block), after).ok).toBe(false);
  });

  it('requires a key for the active slot', () => {
    expect(() => makeKeyring(2, { 0: createAesBlockCipher(key0) })).toThrow();
  });
});
