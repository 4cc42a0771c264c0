/**
 * Server side of the TC3-HMAC-SHA256 signature that @cloudbase/node-sdk puts on every request
 * (@cloudbase/signature-nodejs 2.x, `sign({ withSignedParams: true })`, service `tcb`):
 *
 *   Authorization: TC3-HMAC-SHA256 Credential=<secretId>/<yyyy-mm-dd>/tcb/tc3_request,
 *                  SignedParams=<k;k;...>, SignedHeaders=<h;h;...>, Signature=<hex>
 *   X-Timestamp: <seconds>
 *
 *   canonical = method \n //host/path \n query \n <h:value\n...> \n h;h \n sha256(&k=v\r\n...)
 *   string    = TC3-HMAC-SHA256 \n timestamp \n date/tcb/tc3_request \n sha256hex(canonical)
 *   key       = HMAC(HMAC(HMAC("TC3"+secretKey, date), "tcb"), "tc3_request")
 *
 * Header values are trimmed and lower-cased; body parameters are lower-cased keys with string
 * values (non-strings JSON-stringified), empty values skipped, in the order SignedParams lists
 * them. Every non-empty body parameter must be signed, so nothing can be added to a signed body.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface Credentials {
  secretId: string;
  secretKey: string;
}

export interface SignedRequest {
  method: string;
  /** Path and query, as in `req.url`. */
  url: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body. */
  params: Record<string, unknown>;
}

export type VerifyResult = { ok: true } | { ok: false; message: string };

/** How far the signature's timestamp may be from the server's clock (the SDK sends X-Signature-Expires: 600). */
export const MAX_CLOCK_SKEW_S = 600;

const AUTHORIZATION =
  /^TC3-HMAC-SHA256 Credential=([^/\s]+)\/(\d{4}-\d{2}-\d{2})\/tcb\/tc3_request,(?: SignedParams=([^,]*),)? SignedHeaders=([a-z0-9;_-]+), Signature=([0-9a-f]{64})$/;
const REQUIRED_HEADERS = ['host', 'content-type'];

function sha256hex(data: string): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

/** encodeURIComponent plus the characters CAM escapes too (signature-nodejs camSafeUrlEncode). */
function camSafeUrlEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Body parameters as the signer saw them: lower-case keys, string values, empty ones dropped. */
function signedParamValues(params: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(params)) {
    if (key === '' || value === undefined) continue;
    const text = (typeof value === 'string' ? value : JSON.stringify(value)).trim();
    if (text !== '') out.set(camSafeUrlEncode(key.toLowerCase().trim()), text);
  }
  return out;
}

function payloadHash(values: Map<string, string>, order: readonly string[]): string {
  const hash = createHash('sha256');
  for (const key of order) {
    hash.update(`&${key}=`);
    hash.update(values.get(key) as string);
    hash.update('\r\n');
  }
  return hash.digest('hex');
}

export class SignatureVerifier {
  private signingKeyDate = '';
  private signingKey: Buffer = Buffer.alloc(0);

  constructor(private readonly credentials: Credentials) {
    if (!credentials.secretId || !credentials.secretKey) throw new Error('credentials need a secretId and a secretKey');
  }

  verify(req: SignedRequest, now_s: number): VerifyResult {
    const auth = req.headers.authorization;
    if (typeof auth !== 'string' || auth === '') return { ok: false, message: 'missing Authorization' };
    const m = AUTHORIZATION.exec(auth);
    if (!m) return { ok: false, message: 'malformed Authorization (TC3-HMAC-SHA256 expected)' };
    const [, secretId, date, signedParamsList, signedHeadersList, signature] = m as unknown as [string, string, string, string | undefined, string, string];
    if (secretId !== this.credentials.secretId) return { ok: false, message: 'unknown SecretId' };

    const timestamp = Number(req.headers['x-timestamp']);
    if (!Number.isSafeInteger(timestamp)) return { ok: false, message: 'missing X-Timestamp' };
    if (Math.abs(now_s - timestamp) > MAX_CLOCK_SKEW_S) return { ok: false, message: 'signature expired' };
    if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date) return { ok: false, message: 'credential date does not match X-Timestamp' };

    const signedHeaders = signedHeadersList.split(';');
    if (!REQUIRED_HEADERS.every((h) => signedHeaders.includes(h))) return { ok: false, message: 'host and content-type must be signed' };
    const headerLines: string[] = [];
    for (const name of signedHeaders) {
      const value = req.headers[name];
      if (typeof value !== 'string') return { ok: false, message: `signed header ${name} missing` };
      headerLines.push(`${name}:${value.trim().toLowerCase()}`);
    }

    const values = signedParamValues(req.params);
    let order: string[];
    if (signedParamsList === undefined) {
      order = [...values.keys()].sort((a, b) => a.localeCompare(b));
    } else {
      order = signedParamsList === '' ? [] : signedParamsList.split(';');
      if (order.length !== values.size || !order.every((k) => values.has(k))) return { ok: false, message: 'body parameters differ from SignedParams' };
    }

    const qIndex = req.url.indexOf('?');
    const path = qIndex < 0 ? req.url : req.url.slice(0, qIndex);
    const query = qIndex < 0 ? '' : req.url.slice(qIndex + 1);
    const host = req.headers.host ?? '';
    const tail = `//${host}${path}\n${query}\n${headerLines.join('\n')}\n\n${signedHeaders.join(';')}\n${payloadHash(values, order)}`;
    const key = this.keyFor(date);
    const expected = Buffer.from(signature, 'hex');
    for (const method of [req.method.toLowerCase(), req.method.toUpperCase()]) {
      const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/tcb/tc3_request\n${sha256hex(`${method}\n${tail}`)}`;
      if (timingSafeEqual(hmac(key, stringToSign), expected)) return { ok: true };
    }
    return { ok: false, message: 'signature mismatch' };
  }

  private keyFor(date: string): Buffer {
    if (date !== this.signingKeyDate) {
      this.signingKey = hmac(hmac(hmac(`TC3${this.credentials.secretKey}`, date), 'tcb'), 'tc3_request');
      this.signingKeyDate = date;
    }
    return this.signingKey;
  }
}
