/**
 * One-item-one-code codes (docs/codes.md).
 *
 * A code is a 2-bit key slot in clear plus one 128-bit block, written as 26 Crockford base32
 * characters. The block is the encryption, under the slot's secret key, of:
 *
 *   bytes 0..7   payload, big-endian bit fields:
 *                batchNo (24) | level (2) | kind (1) | index (32) | reserved (5, zero)
 *   bytes 8..15  redundancy: zero
 *
 * Why this gives the properties of docs/codes.md#security:
 * - AES is a pseudo-random permutation. Without the key, any block a forger makes decrypts to
 *   random bytes, which carry 64 zero redundancy bits plus 5 zero reserved bits only with
 *   probability 2^-69: unforgeable with more than 64 bits of authentication.
 * - Consecutive indices give unrelated ciphertexts: no production sequence is revealed, and a
 *   visible code says nothing about the matching hidden code.
 * - Checking needs only the key (decrypt, compare): no database read, so guessing costs nothing.
 * - Level and kind are inside the block, authenticated with everything else.
 */
import { UNIT_LEVELS, type UnitLevel } from '../model.js';
import { err, ok, type Result } from '../result.js';
import type { BlockCipher, CodeKeyring, KeySlot } from './cipher.js';
import { CODE_BLOCK_BYTES, decodeCanonical, encodeBlock } from './crockford.js';
import { parseCodeInput } from './parse.js';

export const CODE_KINDS = ['visible', 'hidden'] as const;
export type CodeKind = (typeof CODE_KINDS)[number];

/** Largest batch number (24 bits). */
export const MAX_BATCH_NO = 0xff_ffff;
/** Largest per-level index (32 bits). */
export const MAX_CODE_INDEX = 0xffff_ffff;

/** What a code says about itself once decrypted. */
export interface CodeFields {
  keySlot: KeySlot;
  /** The batch (print run) number; the batch record maps it to a product and a layout. */
  batchNo: number;
  level: UnitLevel;
  /** `hidden` exists only for items (the consumer's reward code under the cap). */
  kind: CodeKind;
  /** Index within the batch at this level, from 0. */
  index: number;
}

const LEVEL_BITS: Record<UnitLevel, number> = { item: 0, box: 1, case: 2, pallet: 3 };
/** The inverse of LEVEL_BITS: the bits are part of every printed code, so they never follow a reordered list. */
const LEVEL_OF_BITS: readonly UnitLevel[] = UNIT_LEVELS.slice().sort((a, b) => LEVEL_BITS[a] - LEVEL_BITS[b]);

/** Level number as stored in the block (item 0, box 1, case 2, pallet 3). */
export function levelBits(level: UnitLevel): number {
  return LEVEL_BITS[level];
}

/**
 * Writes the plaintext payload of one code into `out[offset..offset+8)`. Bytes 8..15 of the block
 * are the zero redundancy: callers hand in zeroed buffers and never write there.
 * Inputs are trusted (checked by `checkFields` or by a validated batch layout).
 */
export function writePlainPayload(
  out: Uint8Array,
  offset: number,
  batchNo: number,
  levelNumber: number,
  hidden: boolean,
  index: number,
): void {
  // hi: batchNo(24) level(2) kind(1) index[31..27](5); lo: index[26..0](27) reserved(5)=0
  const hi = ((batchNo << 8) | (levelNumber << 6) | (hidden ? 32 : 0) | (index >>> 27)) >>> 0;
  const lo = (index << 5) >>> 0;
  out[offset] = hi >>> 24;
  out[offset + 1] = (hi >>> 16) & 255;
  out[offset + 2] = (hi >>> 8) & 255;
  out[offset + 3] = hi & 255;
  out[offset + 4] = lo >>> 24;
  out[offset + 5] = (lo >>> 16) & 255;
  out[offset + 6] = (lo >>> 8) & 255;
  out[offset + 7] = lo & 255;
}

/** Field values a code can carry; a violation is a caller bug, not a user error. */
function checkFields(f: Omit<CodeFields, 'keySlot'>): void {
  if (!Number.isInteger(f.batchNo) || f.batchNo < 0 || f.batchNo > MAX_BATCH_NO) {
    throw new RangeError(`batchNo out of range: ${f.batchNo}`);
  }
  if (!Number.isInteger(f.index) || f.index < 0 || f.index > MAX_CODE_INDEX) {
    throw new RangeError(`index out of range: ${f.index}`);
  }
  if (!(f.level in LEVEL_BITS)) throw new RangeError(`unknown level: ${String(f.level)}`);
  if (f.kind !== 'visible' && f.kind !== 'hidden') throw new RangeError(`unknown kind: ${String(f.kind)}`);
  if (f.kind === 'hidden' && f.level !== 'item') throw new RangeError(`only items have hidden codes`);
}

function cipherFor(keyring: CodeKeyring, slot: number): BlockCipher | undefined {
  return keyring.slots[slot];
}

/**
 * The canonical code (26 upper-case characters) for the given fields, under the keyring's active
 * slot unless `keySlot` is given (tests and re-issuing under an older key).
 * Throws on out-of-range fields or a slot without a key: both are programming errors.
 */
export function encodeCode(
  fields: Omit<CodeFields, 'keySlot'> & { keySlot?: KeySlot },
  keyring: CodeKeyring,
): string {
  checkFields(fields);
  const slot = fields.keySlot ?? keyring.activeSlot;
  const cipher = cipherFor(keyring, slot);
  if (cipher === undefined) throw new Error(`code keyring: slot ${slot} has no key`);
  const plain = new Uint8Array(CODE_BLOCK_BYTES);
  writePlainPayload(plain, 0, fields.batchNo, LEVEL_BITS[fields.level], fields.kind === 'hidden', fields.index);
  const block = cipher.encryptBlocks(plain);
  if (block.length !== CODE_BLOCK_BYTES) throw new Error('cipher returned a wrong-sized block');
  return encodeBlock(slot, block);
}

const INVALID = 'not a genuine code';

/**
 * Authenticates a canonical code (as returned by `parseCodeInput`) and reads its fields.
 * INVALID_CODE for anything not made with one of the keyring's keys. Pure CPU: no I/O.
 *
 * Note: the index is only known to be authentic, not to lie within the batch; check it against the
 * batch layout with `isIndexInBatch` once the batch record is at hand.
 */
export function decodeCode(canonical: string, keyring: CodeKeyring): Result<CodeFields> {
  const parts = decodeCanonical(canonical);
  if (parts === null) return err('INVALID_CODE', 'malformed code');
  const cipher = cipherFor(keyring, parts.slot);
  if (cipher === undefined) return err('INVALID_CODE', INVALID);
  const p = cipher.decryptBlock(parts.block);
  // Redundancy: 64 zero bits. Check all before branching so timing says nothing about which failed.
  let redundancy = 0;
  for (let i = 8; i < 16; i++) redundancy |= p[i] as number;
  const hi = (((p[0] as number) << 24) | ((p[1] as number) << 16) | ((p[2] as number) << 8) | (p[3] as number)) >>> 0;
  const lo = (((p[4] as number) << 24) | ((p[5] as number) << 16) | ((p[6] as number) << 8) | (p[7] as number)) >>> 0;
  const reserved = lo & 31;
  if ((redundancy | reserved) !== 0) return err('INVALID_CODE', INVALID);
  const batchNo = hi >>> 8;
  const level = LEVEL_OF_BITS[(hi >>> 6) & 3]!;
  const kind: CodeKind = (hi & 32) !== 0 ? 'hidden' : 'visible';
  const index = (((hi & 31) << 27) | (lo >>> 5)) >>> 0;
  // Authentic blocks are only ever made by encodeCode/print rows, which never produce these.
  if (kind === 'hidden' && level !== 'item') return err('INVALID_CODE', INVALID);
  return ok({ keySlot: parts.slot as KeySlot, batchNo, level, kind, index });
}

/** A verified code: the canonical string plus what it says. */
export interface VerifiedCode extends CodeFields {
  code: string;
}

/**
 * Accepts what a client sent (bare code, with or without separators, any case, or the printed URL)
 * and authenticates it. The whole check is CPU-only: a forged or malformed code is rejected with
 * INVALID_CODE before any database operation.
 */
export function verifyCode(raw: string, keyring: CodeKeyring): Result<VerifiedCode> {
  const parsed = parseCodeInput(raw);
  if (!parsed.ok) return parsed;
  const decoded = decodeCode(parsed.data, keyring);
  if (!decoded.ok) return decoded;
  return ok({ code: parsed.data, ...decoded.data });
}

function switchKind(canonical: string, keyring: CodeKeyring, from: CodeKind, to: CodeKind): Result<string> {
  const decoded = decodeCode(canonical, keyring);
  if (!decoded.ok) return decoded;
  const f = decoded.data;
  if (f.level !== 'item' || f.kind !== from) {
    return err('INVALID_CODE', `expected the ${from} code of an item`);
  }
  return ok(encodeCode({ batchNo: f.batchNo, level: 'item', kind: to, index: f.index, keySlot: f.keySlot }, keyring));
}

/** The visible code printed outside the item whose hidden (under-the-cap) code is given. */
export function hiddenToVisible(hiddenCanonical: string, keyring: CodeKeyring): Result<string> {
  return switchKind(hiddenCanonical, keyring, 'hidden', 'visible');
}

/** The hidden code of the item whose visible code is given. Server-side only: never send it out. */
export function visibleToHidden(visibleCanonical: string, keyring: CodeKeyring): Result<string> {
  return switchKind(visibleCanonical, keyring, 'visible', 'hidden');
}
