/** Random identifiers that cannot be guessed (invite codes, org ids). */
import { createHash, randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `length` Crockford base32 characters from a CSPRNG (5 bits each). */
export function randomToken(length: number): string {
  if (!(length > 0 && length <= 64)) throw new Error(`randomToken length out of range: ${length}`);
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += CROCKFORD[bytes[i]! & 31];
  return out;
}

export function newId(prefix: string): string {
  return `${prefix}_${randomToken(16).toLowerCase()}`;
}

/**
 * The id a request with an idempotency key creates: the same key gives the same id, so a retry
 * meets the first attempt's document (a duplicate `_id`) instead of creating a second one.
 * `scope` names the action, so one key used for two actions makes two ids.
 */
export function derivedId(prefix: string, scope: string, requestId: string): string {
  const digest = createHash('sha256').update(`${scope}|${requestId}`).digest();
  let out = '';
  for (let i = 0; i < 16; i++) out += CROCKFORD[digest[i]! & 31];
  return `${prefix}_${out.toLowerCase()}`;
}
