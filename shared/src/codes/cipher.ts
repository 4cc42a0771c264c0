/**
 * The port through which code logic reaches a block cipher. `shared/` is bundled into WeChat
 * mini-programs and must not import `node:crypto`, so the server injects an implementation
 * (`server/src/codes/node-cipher.ts`: AES-128 through `node:crypto`). Mini-programs never hold a key
 * and never construct one: they send codes to the server, which verifies them.
 */

/** A 128-bit block cipher keyed with one brand secret (AES-128 in production). */
export interface BlockCipher {
  /**
   * Encrypts `blocks` (length a positive multiple of 16) as independent 16-byte blocks (ECB: each
   * block is one code, so no chaining is wanted) and returns a new array of the same length.
   * Called with many blocks at once so the print file pays one native call per chunk.
   */
  encryptBlocks(blocks: Uint8Array): Uint8Array;
  /** Decrypts exactly one 16-byte block and returns a new 16-byte array. */
  decryptBlock(block: Uint8Array): Uint8Array;
}

/** Key slots are carried in clear in every code (2 bits), so at most four keys exist at once. */
export type KeySlot = 0 | 1 | 2 | 3;
export const KEY_SLOTS: readonly KeySlot[] = [0, 1, 2, 3];

/**
 * The brand's code keys. New codes are made with `activeSlot`; a code made under any slot that still
 * has a cipher verifies, so rotating the key never invalidates printed codes.
 */
export interface CodeKeyring {
  readonly activeSlot: KeySlot;
  /** Index = key slot. A missing entry means codes under that slot are rejected. */
  readonly slots: readonly (BlockCipher | undefined)[];
}

export function isKeySlot(n: unknown): n is KeySlot {
  return n === 0 || n === 1 || n === 2 || n === 3;
}

/** Builds a keyring, asserting that the active slot has a cipher (a configuration bug otherwise). */
export function makeKeyring(
  activeSlot: KeySlot,
  ciphers: Partial<Record<KeySlot, BlockCipher>>,
): CodeKeyring {
  const slots = KEY_SLOTS.map((s) => ciphers[s]);
  if (slots[activeSlot] === undefined) throw new Error(`code keyring: active slot ${activeSlot} has no key`);
  return { activeSlot, slots };
}
