/**
 * Signed, expiring URLs of the local storage, standing in for CloudBase's CDN links
 * (`https://<bucket>.tcb.qcloud.la/<path>?sign=...&t=...`) and COS upload signatures.
 *
 *   sign = hex(HMAC-SHA256(key, "<purpose>\n<env>/<path>\n<expires_s>"))
 *
 * `key` is derived from the local secret key (secrets.ts), so URLs survive a restart and die with
 * the data directory. A URL is refused once `expires_s` has passed, and any change to its path,
 * expiry or purpose (a download URL used to upload) breaks the signature.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type UrlPurpose = 'download' | 'upload';

export type UrlCheck = { ok: true } | { ok: false; reason: 'malformed' | 'expired' | 'bad_signature' };

const SIGN_HEX = /^[0-9a-f]{64}$/;
/** Expiries beyond this are not ones we issued (CloudBase's longest is one day). */
const MAX_EXPIRY_AHEAD_S = 2 * 86_400;

export class UrlSigner {
  private readonly key: Buffer;

  constructor(secretKey: string) {
    if (secretKey === '') throw new RangeError('UrlSigner needs a secret key');
    // A key of its own, so a storage URL can never be replayed as an API signature or the reverse.
    this.key = createHmac('sha256', secretKey).update('channel-router local storage urls v1').digest();
  }

  sign(purpose: UrlPurpose, env: string, cloudPath: string, expires_s: number): string {
    if (!Number.isSafeInteger(expires_s) || expires_s <= 0) throw new RangeError(`bad expiry ${expires_s}`);
    return createHmac('sha256', this.key).update(`${purpose}\n${env}/${cloudPath}\n${expires_s}`).digest('hex');
  }

  check(purpose: UrlPurpose, env: string, cloudPath: string, expires: unknown, sign: unknown, now_s: number): UrlCheck {
    if (typeof sign !== 'string' || !SIGN_HEX.test(sign) || typeof expires !== 'string' || !/^[1-9][0-9]{0,11}$/.test(expires)) return { ok: false, reason: 'malformed' };
    const expires_s = Number(expires);
    const expected = Buffer.from(this.sign(purpose, env, cloudPath, expires_s), 'hex');
    if (!timingSafeEqual(expected, Buffer.from(sign, 'hex'))) return { ok: false, reason: 'bad_signature' };
    if (expires_s <= now_s) return { ok: false, reason: 'expired' };
    if (expires_s > now_s + MAX_EXPIRY_AHEAD_S) return { ok: false, reason: 'malformed' };
    return { ok: true };
  }
}
