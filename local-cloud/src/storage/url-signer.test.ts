/**
 * Goal: a storage link works until its expiry and not a second after; changing its path, expiry,
 * environment or purpose, or signing with another key, makes it refused.
 */
import { describe, expect, it } from 'vitest';
import { UrlSigner } from './url-signer.js';

const signer = new UrlSigner('local-secret-key');
const NOW = 1_800_000_000;

describe('UrlSigner', () => {
  const sign = signer.sign('download', 'local-dev', 'a/b.png', NOW + 60);

  it('accepts its own link until it expires', () => {
    expect(signer.check('download', 'local-dev', 'a/b.png', String(NOW + 60), sign, NOW)).toEqual({ ok: true });
    expect(signer.check('download', 'local-dev', 'a/b.png', String(NOW + 60), sign, NOW + 59)).toEqual({ ok: true });
    expect(signer.check('download', 'local-dev', 'a/b.png', String(NOW + 60), sign, NOW + 60)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses any change to what was signed', () => {
    expect(signer.check('download', 'local-dev', 'a/c.png', String(NOW + 60), sign, NOW)).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(signer.check('download', 'local-dev', 'a/b.png', String(NOW + 61), sign, NOW)).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(signer.check('download', 'other-env', 'a/b.png', String(NOW + 60), sign, NOW)).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(signer.check('upload', 'local-dev', 'a/b.png', String(NOW + 60), sign, NOW)).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(new UrlSigner('another-key').check('download', 'local-dev', 'a/b.png', String(NOW + 60), sign, NOW)).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('refuses malformed signatures and expiries, and expiries further out than it issues', () => {
    for (const [t, s] of [[String(NOW + 60), sign.toUpperCase()], [String(NOW + 60), sign.slice(1)], ['0x10', sign], ['', sign], [undefined, sign], [String(NOW + 60), undefined]] as const) {
      expect(signer.check('download', 'local-dev', 'a/b.png', t, s, NOW)).toMatchObject({ ok: false, reason: 'malformed' });
    }
    const far = NOW + 10 * 86_400;
    expect(signer.check('download', 'local-dev', 'a/b.png', String(far), signer.sign('download', 'local-dev', 'a/b.png', far), NOW)).toMatchObject({ ok: false, reason: 'malformed' });
  });
});
