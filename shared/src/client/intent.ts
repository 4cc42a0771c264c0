/**
 * Idempotency keys. A key names one *intent* of the person ("withdraw ¥5 now"): it is made once,
 * when they confirm, and every send of that intent — the client's automatic retries and the
 * "retry" button after a failure — carries the same key, so the server acts at most once.
 *
 * Keys must be unique, not secret: 96 random bits plus the time. `crypto.getRandomValues` is used
 * where the platform has it (browsers, Node); WeChat's JS engine lacks it, so there the bits come
 * from Math.random, which is enough for uniqueness among one person's requests.
 */

/** What the server accepts for `requestId`: 8..64 of [A-Za-z0-9_-]. */
export const INTENT_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

declare const intentBrand: unique symbol;
/** An idempotency key made by `newIntent()`. */
export type Intent = string & { readonly [intentBrand]: true };

export type RandomBytes = (n: number) => Uint8Array;

function defaultRandomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (c !== undefined && typeof c.getRandomValues === 'function') {
    c.getRandomValues(bytes);
  } else {
    for (let i = 0; i < n; i++) bytes[i] = Math.floor(Math.random() * 256);
  }
  return bytes;
}

const HEX = '0123456789abcdef';

/** A fresh idempotency key, e.g. `i-lx3k9a2b-3f9c0e1d2a4b5c6d7e8f9a0b` (33 characters). */
export function newIntent(randomBytes: RandomBytes = defaultRandomBytes): Intent {
  const bytes = randomBytes(12);
  if (bytes.length !== 12) throw new Error('newIntent: randomBytes must return 12 bytes');
  let hex = '';
  for (const b of bytes) hex += HEX[b >> 4]! + HEX[b & 15]!;
  const key = `i-${Date.now().toString(36)}-${hex}`;
  // Postcondition: the server's requestId rule holds.
  if (!INTENT_PATTERN.test(key)) throw new Error(`newIntent: bad key ${key}`);
  return key as Intent;
}

export function isIntent(value: unknown): value is Intent {
  return typeof value === 'string' && INTENT_PATTERN.test(value);
}
