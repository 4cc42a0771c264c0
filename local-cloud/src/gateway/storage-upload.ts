/**
 * POST /api/storage/upload — an H5 app's image upload (receipt photos), the gateway's stand-in
 * for `wx.cloud.uploadFile`:
 *
 *   POST /api/storage/upload
 *   Authorization: Bearer <token>          (required: every upload has an owner)
 *   Content-Type: image/jpeg | image/png | image/webp
 *   <the image bytes>
 *   → 200 { ok: true, data: { fileID, size_bytes, contentType } }
 *   → 400 { ok: false, error: { code: 'INVALID_ARGUMENT', field: 'file', message } }  type, size or content refused
 *   → 401 { ok: false, error: { code: 'UNAUTHENTICATED', message } }
 *
 * The file goes to the caller's own folder, `uploads/<app>/<openId>/<yyyymmdd>/<random>.<ext>`
 * (shared/src/storage/cloud-path.ts), never to a path the client picks: a client cannot overwrite
 * anyone's file, and a function can tell whose upload a fileID is. Limits: the image row of
 * shared/src/storage/limits.ts, the same the SDK's uploads get.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { STORAGE_LIMITS, imageTypeFor, uploadCloudPath } from '@channel-router/shared';
import type { LocalStorage } from '../storage/local-storage.js';
import { authenticate, type ApiContext } from './api-routes.js';
import { errorBody, sendJson } from './http-io.js';

export async function handleStorageUpload(req: IncomingMessage, res: ServerResponse, api: ApiContext, storage: LocalStorage): Promise<void> {
  const refuse = (status: number, code: string, message: string, field?: string) => {
    req.resume();
    sendJson(res, status, errorBody(code, message, field));
  };
  const auth = authenticate(req, api.tokens);
  if (auth.kind !== 'verified') {
    return refuse(401, 'UNAUTHENTICATED', auth.kind === 'refused' ? auth.message : 'sign in to upload', undefined);
  }
  const type = imageTypeFor(req.headers['content-type']);
  if (type === null) return refuse(400, 'INVALID_ARGUMENT', 'Content-Type must be image/jpeg, image/png or image/webp', 'file');
  const max = STORAGE_LIMITS.maxBytes[type.kind];
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    // Refused before a byte is stored; a body this large is not worth draining.
    sendJson(res, 400, errorBody('INVALID_ARGUMENT', `file is larger than ${max} bytes (image limit)`, 'file'), { Connection: 'close' });
    return;
  }
  const cloudPath = uploadCloudPath({ app: auth.app, openId: auth.openId, now_ms: Date.now(), id: randomBytes(12).toString('hex'), ext: type.ext });
  const saved = await storage.save(cloudPath, type, req, ['image']);
  if (!saved.ok) {
    if (saved.reason === 'aborted') return void res.destroy();
    // An oversized body stops being read at the limit; close the connection rather than drain it.
    const headers: Record<string, string> = saved.reason === 'too_large' ? { Connection: 'close' } : {};
    return sendJson(res, 400, errorBody('INVALID_ARGUMENT', saved.message, 'file'), headers);
  }
  sendJson(res, 200, { ok: true, data: { fileID: saved.fileID, size_bytes: saved.size_bytes, contentType: type.contentType } });
}
