/**
 * The cryptography of WeChat Pay API v3, as documented on pay.weixin.qq.com:
 * - requests are signed with the merchant API private key (SHA256-RSA2048) over
 *   "METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n" and sent as a WECHATPAY2-SHA256-RSA2048 Authorization;
 * - the mini-program's `wx.requestPayment` is signed over "appId\ntimeStamp\nnonceStr\npackage\n";
 * - replies and notices are signed by the platform (Wechatpay-Signature over
 *   "TIMESTAMP\nNONCE\nBODY\n", with Wechatpay-Timestamp, -Nonce, -Serial);
 * - a notice's resource is AEAD_AES_256_GCM with the APIv3 key, its 12-character nonce and its
 *   associated_data; the ciphertext is base64 of the encrypted bytes followed by the 16-byte tag.
 */
import { createCipheriv, createDecipheriv, createPublicKey, createSign, createVerify, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import { payErr, payOk, type PayResult } from './provider.js';

/** The platform may sign at most this far from our clock (documented replay window: 5 minutes). */
export const SIGNATURE_AGE_MAX_MS = 5 * 60_000;
/** Notices and replies are small JSON documents; anything larger is refused before any parsing. */
export const SIGNED_BODY_LENGTH_MAX = 64 * 1024;
const HEADER_VALUE_LENGTH_MAX = 1024;
const GCM_TAG_BYTES = 16;

export interface MerchantKey {
  mchId: string;
  /** Serial number of the merchant API certificate. */
  serialNo: string;
  privateKeyPem: string;
}

export interface PlatformKey {
  /** Wechatpay-Serial of the platform certificate, or the WeChat Pay public key id (PUB_KEY_ID_...). */
  serial: string;
  publicKey: KeyObject;
}

/** Reads a WeChat Pay public key (PEM "PUBLIC KEY") or a platform certificate (PEM "CERTIFICATE"). */
export function platformPublicKey(pem: string): KeyObject {
  return pem.includes('BEGIN CERTIFICATE') ? new X509Certificate(pem).publicKey : createPublicKey(pem);
}

/** 32 characters of [0-9a-f]: WeChat Pay asks nonce_str for at most 32 characters. */
export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

export function signSha256Rsa(message: string, privateKeyPem: string): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKeyPem, 'base64');
}

/** The string a v3 request signs. `url` is the path with its query string, no host. */
export function requestMessage(method: string, url: string, timestamp_s: number, nonce: string, body: string): string {
  return `${method}\n${url}\n${timestamp_s}\n${nonce}\n${body}\n`;
}

/** The `Authorization` header of a WeChat Pay API v3 request. */
export function authorizationHeader(key: MerchantKey, method: string, url: string, body: string, timestamp_s: number, nonce: string): string {
  const signature = signSha256Rsa(requestMessage(method, url, timestamp_s, nonce, body), key.privateKeyPem);
  return `WECHATPAY2-SHA256-RSA2048 mchid="${key.mchId}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp_s}",serial_no="${key.serialNo}"`;
}

/** `paySign` of `wx.requestPayment` (signType RSA). */
export function jsapiPaySign(appId: string, timeStamp: string, nonceStr: string, pkg: string, privateKeyPem: string): string {
  return signSha256Rsa(`${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`, privateKeyPem);
}

/** The string the platform signs for a reply or a notice. */
export function platformMessage(timestamp_s: string, nonce: string, body: string): string {
  return `${timestamp_s}\n${nonce}\n${body}\n`;
}

function header(headers: Record<string, string | undefined>, name: string): string | undefined {
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === want) return v;
  return undefined;
}

/**
 * Checks the platform's signature on a reply or a notice: the serial is the one we trust, the
 * timestamp is within 5 minutes of now (either way: a replay or a wrong clock), and the
 * signature verifies over the exact body. WeChat Pay also sends probes whose signature starts
 * with `WECHATPAY/SIGNTEST/`; they fail here, which is the documented expectation.
 */
export function verifyPlatformSignature(headers: Record<string, string | undefined>, body: string, platform: PlatformKey, now_ms: number): PayResult<true> {
  if (body.length > SIGNED_BODY_LENGTH_MAX) return payErr('NOTICE_MALFORMED', `the body is longer than ${SIGNED_BODY_LENGTH_MAX} characters`);
  const signature = header(headers, 'Wechatpay-Signature');
  const timestamp = header(headers, 'Wechatpay-Timestamp');
  const nonce = header(headers, 'Wechatpay-Nonce');
  const serial = header(headers, 'Wechatpay-Serial');
  for (const [name, v] of [['Wechatpay-Signature', signature], ['Wechatpay-Timestamp', timestamp], ['Wechatpay-Nonce', nonce], ['Wechatpay-Serial', serial]] as const) {
    if (v === undefined || v.length === 0 || v.length > HEADER_VALUE_LENGTH_MAX) return payErr('SIGNATURE_INVALID', `the ${name} header is missing or too long`);
  }
  if (serial !== platform.serial) return payErr('UNKNOWN_SERIAL', `signed by platform key ${serial}, this deployment trusts ${platform.serial}`);
  if (!/^[0-9]{1,12}$/.test(timestamp!)) return payErr('SIGNATURE_INVALID', 'Wechatpay-Timestamp is not a number of seconds');
  const age_ms = Math.abs(now_ms - Number(timestamp) * 1000);
  if (age_ms > SIGNATURE_AGE_MAX_MS) return payErr('NOTICE_STALE', `signed ${Math.round(age_ms / 1000)} s away from now (at most ${SIGNATURE_AGE_MAX_MS / 1000} s)`);
  const verified = createVerify('RSA-SHA256').update(platformMessage(timestamp!, nonce!, body), 'utf8').verify(platform.publicKey, signature!, 'base64');
  if (!verified) return payErr('SIGNATURE_INVALID', 'the Wechatpay-Signature does not verify with the platform key');
  return payOk(true);
}

/** Signs a reply or notice as the platform does (for the simulated provider and for tests). */
export function platformSignatureHeaders(body: string, platformPrivateKeyPem: string, serial: string, timestamp_s: number, nonce: string): Record<string, string> {
  return {
    'Wechatpay-Signature': signSha256Rsa(platformMessage(String(timestamp_s), nonce, body), platformPrivateKeyPem),
    'Wechatpay-Timestamp': String(timestamp_s),
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Serial': serial,
  };
}

/** A notice's `resource` object. */
export interface EncryptedResource {
  algorithm: 'AEAD_AES_256_GCM';
  ciphertext: string;
  associated_data: string;
  nonce: string;
  original_type: string;
}

/** The APIv3 key is 32 ASCII characters set in the merchant platform. */
export function isApiV3Key(key: string): boolean {
  return Buffer.byteLength(key, 'utf8') === 32;
}

export function decryptResource(resource: EncryptedResource, apiV3Key: string): PayResult<string> {
  if (!isApiV3Key(apiV3Key)) throw new Error('the APIv3 key must be 32 bytes'); // configuration checked at start: a bug
  if (resource.algorithm !== 'AEAD_AES_256_GCM') return payErr('NOTICE_MALFORMED', `unknown resource algorithm ${String(resource.algorithm)}`);
  const data = Buffer.from(resource.ciphertext, 'base64');
  if (data.length <= GCM_TAG_BYTES) return payErr('NOTICE_MALFORMED', 'the resource ciphertext is too short');
  try {
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(resource.nonce, 'utf8'));
    decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - GCM_TAG_BYTES));
    return payOk(Buffer.concat([decipher.update(data.subarray(0, data.length - GCM_TAG_BYTES)), decipher.final()]).toString('utf8'));
  } catch {
    // GCM authentication failed: another APIv3 key, or the ciphertext, nonce or AAD were altered.
    return payErr('NOTICE_MALFORMED', 'the resource does not decrypt with the APIv3 key');
  }
}

/** Encrypts a resource as WeChat Pay does (for the simulated provider and for tests). */
export function encryptResource(plaintext: string, apiV3Key: string, nonce: string, associatedData: string, originalType: string): EncryptedResource {
  if (!isApiV3Key(apiV3Key)) throw new Error('the APIv3 key must be 32 bytes');
  if (nonce.length !== 12) throw new Error('the resource nonce is 12 characters');
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext: encrypted.toString('base64'), associated_data: associatedData, nonce, original_type: originalType };
}
