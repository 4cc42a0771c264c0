/**
 * Document ids. CloudBase generates 32 hex characters when `_id` is absent; callers may choose
 * their own string (or number) `_id`, unique per collection.
 */
import { randomFillSync } from 'node:crypto';
import { invalidParam } from './errors.js';

export type DocId = string | number;

export const MAX_ID_LENGTH = 256;

const RANDOM_BYTES_PER_ID = 12;
/** Cryptographic random bytes drawn in blocks: one draw per id costs more than the insert itself. */
const pool = Buffer.alloc(RANDOM_BYTES_PER_ID * 512);
let poolOffset = pool.length;

/**
 * 8 hex digits of seconds since 1970, then 24 random hex digits (96 bits): ids sort roughly by
 * creation time, and a collision would take ~2^48 ids in one second.
 */
export function newDocId(now_ms: number = Date.now()): string {
  if (poolOffset >= pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const seconds = Math.floor(now_ms / 1000) >>> 0;
  const random = pool.toString('hex', poolOffset, poolOffset + RANDOM_BYTES_PER_ID);
  poolOffset += RANDOM_BYTES_PER_ID;
  return seconds.toString(16).padStart(8, '0') + random;
}

/** Checks a caller-supplied `_id` (documents, `doc(id)`). */
export function assertDocId(value: unknown): asserts value is DocId {
  if (typeof value === 'string') {
    if (value.length === 0 || value.length > MAX_ID_LENGTH) {
      throw invalidParam(`_id must be 1-${MAX_ID_LENGTH} characters`);
    }
    return;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return;
  throw invalidParam('_id must be a non-empty string or a finite number');
}

/** Key of a document inside the process (transactions, write tracking). */
export function docKey(collection: string, id: DocId): string {
  return `${collection}\u0000${typeof id}\u0000${String(id)}`;
}
