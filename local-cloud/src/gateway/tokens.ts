/**
 * Sign-in tokens of the local gateway: they stand in for the identity WeChat and CloudBase inject
 * in production. Format: `v1.<base64url(JSON claims)>.<base64url(HMAC-SHA256(secret, "v1." + claims))>`.
 * The secret lives in the data directory, so tokens survive a restart but not a new data dir.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { APPS, type AppName } from '../runner/sdk-env.js';

export interface TokenClaims {
  app: AppName;
  openId: string;
  unionId: string;
  /** Issued at, seconds since the epoch. */
  iat: number;
  /** Expires at, seconds since the epoch. */
  exp: number;
}

export type VerifyResult = { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

/** Longer strings are not tokens this gateway issued: refuse before any parsing or hashing. */
export const MAX_TOKEN_LENGTH = 1024;
/** WeChat openIds and unionIds are 28 characters of [A-Za-z0-9_-]; allow room for test names. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
const PREFIX = 'v1';
const MIN_SECRET_BYTES = 32;

export interface TokenService {
  issue(identity: { app: AppName; openId: string; unionId: string }, now_ms?: number): { token: string; claims: TokenClaims };
  verify(token: string, now_ms?: number): VerifyResult;
  readonly lifetime_ms: number;
}

export function createTokenService(secret: Buffer, lifetime_ms: number): TokenService {
  if (secret.length < MIN_SECRET_BYTES) throw new RangeError(`token secret must be at least ${MIN_SECRET_BYTES} bytes`);
  if (!Number.isInteger(lifetime_ms) || lifetime_ms < 1000) throw new RangeError('token lifetime must be at least 1 s');
  const mac = (payload: string) => createHmac('sha256', secret).update(`${PREFIX}.${payload}`).digest();

  return {
    lifetime_ms,
    issue(identity, now_ms = Date.now()) {
      const iat = Math.floor(now_ms / 1000);
      const claims: TokenClaims = { ...identity, iat, exp: iat + Math.floor(lifetime_ms / 1000) };
      const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
      return { token: `${PREFIX}.${payload}.${mac(payload).toString('base64url')}`, claims };
    },
    verify(token, now_ms = Date.now()) {
      if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
      const parts = token.split('.');
      if (parts.length !== 3 || parts[0] !== PREFIX) return { ok: false, reason: 'malformed' };
      const [, payload = '', sig = ''] = parts;
      const given = Buffer.from(sig, 'base64url');
      const expected = mac(payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
      const claims = parseClaims(payload);
      // A valid signature over bad claims means the secret leaked or the format changed: refuse.
      if (!claims) return { ok: false, reason: 'malformed' };
      if (claims.exp * 1000 <= now_ms) return { ok: false, reason: 'expired' };
      return { ok: true, claims };
    },
  };
}

function parseClaims(payload: string): TokenClaims | null {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const c = raw as Record<string, unknown>;
  const isId = (v: unknown): v is string => typeof v === 'string' && ID_PATTERN.test(v);
  if (!APPS.includes(c.app as AppName) || !isId(c.openId) || !isId(c.unionId)) return null;
  if (!Number.isInteger(c.iat) || !Number.isInteger(c.exp)) return null;
  return { app: c.app as AppName, openId: c.openId, unionId: c.unionId, iat: c.iat as number, exp: c.exp as number };
}
