/** Random identifiers that cannot be guessed (invite codes, org ids). */
import { randomBytes } from 'node:crypto';

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
