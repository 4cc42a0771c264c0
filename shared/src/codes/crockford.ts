/**
 * Crockford base32 for 130-bit codes: a 2-bit key slot followed by one 128-bit cipher block.
 *
 * 130 bits = exactly 26 characters of 5 bits, so no padding and no wasted character. The alphabet
 * (0-9 A-Z minus I L O U) has no look-alike pairs; on input, I and L read as 1 and O reads as 0,
 * the usual Crockford leniency for codes that people type from a label.
 *
 * Everything here works on byte arrays (no per-code strings) so that the print-file generator can
 * write millions of codes per second straight into an output buffer.
 */

/** Characters in a code. */
export const CODE_LENGTH = 26;
/** Bytes in the cipher block a code carries. */
export const CODE_BLOCK_BYTES = 16;

export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** ASCII byte of each 5-bit value. */
const ENCODE_BYTES: Uint8Array = (() => {
  const table = new Uint8Array(32);
  for (let i = 0; i < 32; i++) table[i] = CROCKFORD_ALPHABET.charCodeAt(i);
  return table;
})();

/** 5-bit value of each ASCII character code, or 255 when the character is not part of a code. */
const DECODE_VALUES: Uint8Array = (() => {
  const table = new Uint8Array(128).fill(255);
  for (let i = 0; i < 32; i++) {
    const upper = CROCKFORD_ALPHABET.charCodeAt(i);
    table[upper] = i;
    // Letters are case-insensitive; digits have no lower case.
    if (upper >= 65) table[upper + 32] = i;
  }
  // Look-alikes a person may type: I/i/L/l mean one, O/o means zero. U stays invalid.
  for (const ch of 'IiLl') table[ch.charCodeAt(0)] = 1;
  for (const ch of 'Oo') table[ch.charCodeAt(0)] = 0;
  return table;
})();

/**
 * Writes the 26 ASCII characters for `slot` (0..3) and the 16 bytes `block[offset..offset+16)` into
 * `out[pos..pos+26)`. Hot path of the print file: plain integer arithmetic, no allocation.
 */
export function encodeBlockInto(
  slot: number,
  block: Uint8Array,
  offset: number,
  out: Uint8Array,
  pos: number,
): void {
  // Bit layout: slot(2) + 128 block bits = 130 = 26 × 5. The first character takes the slot and
  // the top 3 bits of byte 0, the second its low 5 bits; bytes 1..15 are three 5-byte groups of
  // 8 characters each. Fully unrolled: this is the print file's inner loop.
  const E = ENCODE_BYTES;
  const b0 = block[offset] as number;
  out[pos] = E[((slot & 3) << 3) | (b0 >>> 5)] as number;
  out[pos + 1] = E[b0 & 31] as number;
  let i = offset + 1;
  let p = pos + 2;
  for (let g = 0; g < 3; g++, i += 5, p += 8) {
    const x0 = block[i] as number;
    const x1 = block[i + 1] as number;
    const x2 = block[i + 2] as number;
    const x3 = block[i + 3] as number;
    const x4 = block[i + 4] as number;
    out[p] = E[x0 >>> 3] as number;
    out[p + 1] = E[((x0 & 7) << 2) | (x1 >>> 6)] as number;
    out[p + 2] = E[(x1 >>> 1) & 31] as number;
    out[p + 3] = E[((x1 & 1) << 4) | (x2 >>> 4)] as number;
    out[p + 4] = E[((x2 & 15) << 1) | (x3 >>> 7)] as number;
    out[p + 5] = E[(x3 >>> 2) & 31] as number;
    out[p + 6] = E[((x3 & 3) << 3) | (x4 >>> 5)] as number;
    out[p + 7] = E[x4 & 31] as number;
  }
}

/** The canonical string for a slot and a 16-byte block. */
export function encodeBlock(slot: number, block: Uint8Array): string {
  if (block.length !== CODE_BLOCK_BYTES) throw new Error(`block must be ${CODE_BLOCK_BYTES} bytes`);
  const out = new Uint8Array(CODE_LENGTH);
  encodeBlockInto(slot, block, 0, out, 0);
  return String.fromCharCode(...out);
}

/**
 * Normalises what a person or scanner typed into the canonical code: hyphens and whitespace are
 * dropped, letters upper-cased, look-alikes mapped. Returns null unless exactly 26 code characters
 * remain.
 */
export function normalizeCodeChars(raw: string): string | null {
  // Bound the work before looking at characters: a code with generous separators still fits.
  if (raw.length > CODE_LENGTH * 4) return null;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 45 /* - */ || c === 32 || c === 9 || c === 10 || c === 13) continue;
    const v = c < 128 ? (DECODE_VALUES[c] as number) : 255;
    if (v === 255) return null;
    out += CROCKFORD_ALPHABET[v];
    if (out.length > CODE_LENGTH) return null;
  }
  return out.length === CODE_LENGTH ? out : null;
}

/**
 * Splits a canonical code (26 characters from the alphabet, upper case) into its key slot and cipher
 * block. Returns null for anything else; callers normalise first with `normalizeCodeChars`.
 */
export function decodeCanonical(code: string): { slot: number; block: Uint8Array } | null {
  if (code.length !== CODE_LENGTH) return null;
  const block = new Uint8Array(CODE_BLOCK_BYTES);
  let acc = 0;
  let bits = 0;
  let slot = -1;
  let byteIndex = 0;
  for (let i = 0; i < CODE_LENGTH; i++) {
    const c = code.charCodeAt(i);
    const v = c < 128 ? (DECODE_VALUES[c] as number) : 255;
    // Canonical means upper-case alphabet characters only: reject look-alikes and lower case here.
    if (v === 255 || CROCKFORD_ALPHABET.charCodeAt(v) !== c) return null;
    acc = (acc << 5) | v;
    bits += 5;
    if (slot < 0) {
      // The first two bits are the key slot.
      bits -= 2;
      slot = (acc >>> bits) & 3;
      acc &= (1 << bits) - 1;
    }
    if (bits >= 8) {
      bits -= 8;
      block[byteIndex++] = (acc >>> bits) & 255;
      acc &= (1 << bits) - 1;
    }
  }
  // 2 + 128 bits fill the 26 characters exactly.
  if (byteIndex !== CODE_BLOCK_BYTES || bits !== 0) throw new Error('base32 length invariant broken');
  return { slot, block };
}
