/**
 * The storage's own URLs, standing in for COS (uploads) and the CDN (downloads):
 *
 *   PUT  /storage/<bucket>/<path>                  Authorization: LOCAL-STORAGE t=<expires>;sign=<hex>
 *   GET  /storage/<bucket>/<path>?sign=<hex>&t=<expires>     (HEAD too)
 *
 * Both URLs come from the `/tcb` storage actions (tcb-actions.ts) and are signed (url-signer.ts).
 * Failures answer COS's XML error body (`<Error><Code>…</Code><Message>…</Message>…</Error>`),
 * which the SDK turns into STORAGE_REQUEST_FAIL "[Code]: Message" for uploads and "Status:<n>"
 * for downloads:
 *
 * | status | Code            | when                                                       |
 * |--------|-----------------|------------------------------------------------------------|
 * | 400    | EntityTooLarge  | more bytes than the file kind allows (shared/src/storage/limits.ts) |
 * | 400    | InvalidArgument | a path or type not allowed, content not of its type         |
 * | 403    | AccessDenied    | missing, tampered or expired signature; a browser PUT       |
 * | 404    | NoSuchKey       | a download of a file that is not there                     |
 * | 409    | PathConflict    | a file where a folder is (or the reverse)                  |
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ENV_ID_PATTERN, checkCloudPath } from '@channel-router/shared';
import type { FileStore } from './file-store.js';
import { envOfBucket } from './tcb-actions.js';
import type { UrlSigner } from './url-signer.js';

export interface StorageHttpOptions {
  files: FileStore;
  signer: UrlSigner;
  now_s: () => number;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function sendXmlError(res: ServerResponse, status: number, code: string, message: string, resource: string, method = 'GET'): void {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] as string);
  const id = randomUUID();
  // RequestId and TraceId are read unconditionally by the SDK: both must be present.
  const xml = `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n<Code>${esc(code)}</Code>\n<Message>${esc(message)}</Message>\n<Resource>${esc(resource.slice(0, 300))}</Resource>\n<RequestId>${id}</RequestId>\n<TraceId>${id}</TraceId>\n</Error>\n`;
  res.writeHead(status, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(xml), 'Cache-Control': 'no-store' });
  res.end(method === 'HEAD' ? undefined : xml);
}

const UPLOAD_AUTHORIZATION = /^LOCAL-STORAGE t=([0-9]{1,12});sign=([0-9a-f]{64})$/;

/** Whether a request path is the storage's; the caller then hands it to `serveStorage`. */
export function isStoragePath(rawPath: string): boolean {
  return rawPath.startsWith('/storage/');
}

/** Answers one request for `/storage/...` (the caller checked `isStoragePath`). */
export async function serveStorage(req: IncomingMessage, res: ServerResponse, o: StorageHttpOptions): Promise<void> {
  const method = req.method ?? 'GET';
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
  const fail = (status: number, code: string, message: string) => {
    // The rest of a refused upload is drained (up to the gateway's request timeout) so the reply is read.
    req.resume();
    sendXmlError(res, status, code, message, rawPath, method);
  };

  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath.slice('/storage/'.length));
  } catch {
    return fail(400, 'InvalidArgument', 'malformed path');
  }
  const slash = decoded.indexOf('/');
  const env = slash > 0 ? envOfBucket(decoded.slice(0, slash)) : null;
  if (env === null || !ENV_ID_PATTERN.test(env)) return fail(404, 'NoSuchBucket', 'no such bucket');
  const checked = checkCloudPath(decoded.slice(slash + 1), 'path');
  if (!checked.ok) return fail(400, 'InvalidArgument', checked.error.message);
  const { path: cloudPath, type } = checked.data;

  if (method === 'PUT') {
    // The SDK never sends Origin; a page in a browser uploads through /api/storage/upload instead.
    if (req.headers.origin !== undefined) return fail(403, 'AccessDenied', 'browsers upload through /api/storage/upload');
    const m = UPLOAD_AUTHORIZATION.exec(String(req.headers.authorization ?? ''));
    if (!m) return fail(403, 'AccessDenied', 'missing or malformed upload signature');
    const verdict = o.signer.check('upload', env, cloudPath, m[1], m[2], o.now_s());
    if (!verdict.ok) return fail(403, 'AccessDenied', verdict.reason === 'expired' ? 'Request has expired' : 'upload signature does not match');
    const result = await o.files.write(env, cloudPath, type, req);
    if (!result.ok) {
      if (result.reason === 'aborted') return void res.destroy();
      if (result.reason === 'too_large') return fail(400, 'EntityTooLarge', result.message);
      if (result.reason === 'conflict') return fail(409, 'PathConflict', result.message);
      return fail(400, 'InvalidArgument', result.message);
    }
    res.writeHead(200, { 'Content-Length': 0, ETag: `"${randomUUID()}"` });
    res.end();
    return;
  }

  if (method !== 'GET' && method !== 'HEAD') {
    req.resume();
    res.setHeader('Allow', 'GET, HEAD, PUT');
    return fail(405, 'MethodNotAllowed', 'use GET, HEAD or PUT');
  }
  const verdict = o.signer.check('download', env, cloudPath, query.get('t') ?? undefined, query.get('sign') ?? undefined, o.now_s());
  if (!verdict.ok) return fail(403, 'AccessDenied', verdict.reason === 'expired' ? 'the link has expired' : 'the link is not valid');
  const size = o.files.size(env, cloudPath);
  if (size === null) return fail(404, 'NoSuchKey', 'The specified key does not exist.');
  const expires_s = Number(query.get('t'));
  const name = cloudPath.slice(cloudPath.lastIndexOf('/') + 1);
  res.writeHead(200, {
    'Content-Type': type.contentType,
    'Content-Length': size,
    // Private, and never cached past the link's own expiry.
    'Cache-Control': `private, max-age=${Math.max(0, expires_s - o.now_s())}`,
    'X-Content-Type-Options': 'nosniff',
    // Stored files are data: even if one were mistaken for a page it could run nothing.
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Content-Disposition': type.kind === 'export' ? `attachment; filename="${name}"` : 'inline',
  });
  if (method === 'HEAD') return void res.end();
  const stream = o.files.read(env, cloudPath);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
