/**
 * Goal: sign-in tokens verify only when issued with this data directory's secret, unaltered and
 * unexpired; the secret and the /tcb credentials persist in the data directory.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTokenService, MAX_TOKEN_LENGTH } from '../../src/gateway/tokens.js';
import { loadLocalSecrets } from '../../src/secrets.js';

const secret = Buffer.alloc(32, 1);
const who = { app: 'dealer' as const, openId: 'o-dealer', unionId: 'u-dealer' };

describe('tokens', () => {
  it('round-trips the claims', () => {
    const svc = createTokenService(secret, 60_000);
    const { token } = svc.issue(who, 1_000_000);
    const v = svc.verify(token, 1_000_000 + 59_000);
    expect(v).toEqual({ ok: true, claims: { ...who, iat: 1000, exp: 1060 } });
  });

  it('refuses expired, altered, foreign and oversized tokens', () => {
    const svc = createTokenService(secret, 60_000);
    const { token } = svc.issue(who, 1_000_000);
    expect(svc.verify(token, 1_060_000)).toEqual({ ok: false, reason: 'expired' });
    const [v, payload, sig] = token.split('.');
    const altered = Buffer.from(JSON.stringify({ ...who, openId: 'o-other', iat: 1000, exp: 99999999 })).toString('base64url');
    expect(svc.verify(`${v}.${altered}.${sig}`, 1_000_000)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(svc.verify(`${v}.${payload}.${sig}x`, 1_000_000).ok).toBe(false);
    expect(svc.verify(`v2.${payload}.${sig}`, 1_000_000)).toEqual({ ok: false, reason: 'malformed' });
    const foreign = createTokenService(Buffer.alloc(32, 2), 60_000).issue(who, 1_000_000).token;
    expect(svc.verify(foreign, 1_000_000)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(svc.verify('x'.repeat(MAX_TOKEN_LENGTH + 1))).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses a weak secret or a lifetime under a second', () => {
    expect(() => createTokenService(Buffer.alloc(16), 60_000)).toThrow(RangeError);
    expect(() => createTokenService(secret, 10)).toThrow(RangeError);
  });
});

describe('local secrets', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('are created once (mode 0600) and read back unchanged', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'channel-router-secrets-'));
    const a = loadLocalSecrets(dir, {});
    const b = loadLocalSecrets(dir, {});
    expect(b.tokenSecret.equals(a.tokenSecret)).toBe(true);
    expect(b.credentials).toEqual(a.credentials);
    expect(a.credentials.secretId).toMatch(/^AKIDlocal/);
    expect(statSync(path.join(dir, 'local-secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('take the /tcb credentials from TENCENTCLOUD_SECRETID/KEY when both are set', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'channel-router-secrets-'));
    const s = loadLocalSecrets(dir, { TENCENTCLOUD_SECRETID: 'AKIDx', TENCENTCLOUD_SECRETKEY: 'k' });
    expect(s.credentials).toEqual({ secretId: 'AKIDx', secretKey: 'k' });
    expect(loadLocalSecrets(dir, { TENCENTCLOUD_SECRETID: 'AKIDx' }).credentials.secretId).toMatch(/^AKIDlocal/);
  });
});
