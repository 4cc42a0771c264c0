/**
 * Image uploads from the apps (receipt photos), the same way on both platforms:
 *
 *   const uploader = createImageUploader(createGatewayUploadTransport({ baseUrl, getToken, fetch }));   // h5
 *   const uploader = createImageUploader(createCloudUploadTransport({ uploadFile: Taro.cloud.uploadFile, ... })); // weapp
 *   const r = await uploader.uploadImage({ contentType: 'image/jpeg', size_bytes, data | path });
 *   if (r.ok) submit({ receiptFileID: r.data.fileID }); else toast(r.error.userMessage);
 *
 * The file's type and size are checked against shared/src/storage/limits.ts before anything is
 * sent (the gateway and the local storage check them again). The answer is a fileID
 * (`cloud://<env>.<bucket>/uploads/<app>/<openId>/...`) to hand to a function. Failures are
 * values, never exceptions, like every client call.
 */
import { platformErrorText, postForText, withDeadline } from './deadline.js';
import type { PostLike } from './deadline.js';
import { STORAGE_LIMITS } from '../storage/limits.js';
import { imageTypeFor, parseFileId, uploadCloudPath } from '../storage/cloud-path.js';
import type { FileTypeSpec } from '../storage/limits.js';
import { userMessage } from './messages.js';
import type { ClientResult, RawReply } from './types.js';

/** An image the person picked. */
export interface ImageFile {
  /** As the picker reports it: image/jpeg, image/png or image/webp. */
  contentType: string;
  size_bytes: number;
  /** h5: the bytes (a Blob, ArrayBuffer or Uint8Array), sent as the request body. */
  data?: unknown;
  /** weapp: the temporary file path from chooseMedia / chooseImage. */
  path?: string;
}

export interface UploadedImage {
  fileID: string;
  size_bytes: number;
  contentType: string;
}

export interface UploadCallOptions {
  timeout_ms: number;
}

/** Sends one checked image; never throws (failures are NETWORK / BAD_REPLY replies). */
export type ImageUploadTransport = (file: ImageFile, type: FileTypeSpec, options: UploadCallOptions) => Promise<RawReply>;

export interface ImageUploader {
  uploadImage(file: ImageFile): Promise<ClientResult<UploadedImage>>;
}

const ACTION = 'storage.uploadImage';
/** A 10 MB photo over a slow phone connection. */
export const DEFAULT_UPLOAD_TIMEOUT_MS = 60_000;

function failed(code: 'INVALID_ARGUMENT' | 'NETWORK' | 'BAD_REPLY', message: string, field?: string): RawReply {
  return field === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, field } };
}

/** Checks an image against the limits before it is sent. */
export function checkImageFile(file: ImageFile): { ok: true; type: FileTypeSpec } | { ok: false; reply: RawReply } {
  const type = imageTypeFor(file.contentType);
  if (type === null) return { ok: false, reply: failed('INVALID_ARGUMENT', 'only JPEG, PNG and WEBP images can be uploaded', 'file') };
  const max = STORAGE_LIMITS.maxBytes.image;
  if (!Number.isSafeInteger(file.size_bytes) || file.size_bytes <= 0) return { ok: false, reply: failed('INVALID_ARGUMENT', 'the image is empty', 'file') };
  if (file.size_bytes > max) return { ok: false, reply: failed('INVALID_ARGUMENT', `the image is larger than ${max} bytes`, 'file') };
  return { ok: true, type };
}

export function createImageUploader(transport: ImageUploadTransport, options: { timeout_ms?: number } = {}): ImageUploader {
  const timeout_ms = options.timeout_ms ?? DEFAULT_UPLOAD_TIMEOUT_MS;
  const toResult = (reply: RawReply): ClientResult<UploadedImage> => {
    if (!reply.ok) {
      const { code, message, field } = reply.error;
      return { ok: false, error: { code, message, ...(field === undefined ? {} : { field }), userMessage: userMessage(code, ACTION, field) } };
    }
    const d = reply.data as Partial<UploadedImage> | null;
    if (typeof d !== 'object' || d === null || parseFileId(d.fileID) === null || typeof d.size_bytes !== 'number' || typeof d.contentType !== 'string') {
      return toResult(failed('BAD_REPLY', 'upload reply has no valid fileID'));
    }
    return { ok: true, data: { fileID: d.fileID as string, size_bytes: d.size_bytes, contentType: d.contentType } };
  };
  return {
    async uploadImage(file) {
      const checked = checkImageFile(file);
      if (!checked.ok) return toResult(checked.reply);
      return toResult(await transport(file, checked.type, { timeout_ms }));
    },
  };
}

/** The part of `fetch` an upload uses. */
export type UploadFetchLike = PostLike<unknown>;

/** h5: `POST <baseUrl>/api/storage/upload` with the image as the body (see the gateway's storage-upload.ts). */
export function createGatewayUploadTransport(options: { baseUrl: string; getToken: () => string | null | undefined; fetch: UploadFetchLike }): ImageUploadTransport {
  const base = options.baseUrl.replace(/\/+$/, '');
  return async (file, type, { timeout_ms }) => {
    if (file.data === undefined) return failed('INVALID_ARGUMENT', 'h5 uploads need the image bytes (data)', 'file');
    const headers: Record<string, string> = { 'content-type': type.contentType };
    const token = options.getToken();
    if (typeof token === 'string' && token !== '') headers['authorization'] = `Bearer ${token}`;
    return withDeadline(timeout_ms, async (signal): Promise<RawReply> => {
      const res = await postForText(options.fetch, `${base}/api/storage/upload`, headers, file.data, signal);
      if (!res.ok) return res.reply;
      const { status, text } = res;
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return failed('BAD_REPLY', `HTTP ${status}, body is not JSON`);
      }
      const b = body as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown; field?: unknown } };
      if (status === 200 && b.ok === true) return { ok: true, data: b.data };
      const code = b.error?.code;
      if (b.ok === false && (code === 'INVALID_ARGUMENT' || code === 'UNAUTHENTICATED')) {
        const message = typeof b.error?.message === 'string' ? b.error.message : '';
        const field = typeof b.error?.field === 'string' ? b.error.field : undefined;
        return field === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, field } };
      }
      return failed('BAD_REPLY', `HTTP ${status}`);
    });
  };
}

/** `Taro.cloud.uploadFile` / `wx.cloud.uploadFile`, promise form. */
export type CloudUploadFile = (options: { cloudPath: string; filePath: string }) => Promise<{ fileID?: unknown }>;

/**
 * weapp: `wx.cloud.uploadFile` straight to CloudBase storage, into the same per-caller folder the
 * gateway uses (`uploadCloudPath`). `owner` is the signed-in app user; `newId` a random file name
 * (the app supplies one: this package has no random source of its own).
 */
export function createCloudUploadTransport(options: {
  uploadFile: CloudUploadFile;
  owner: () => { app: string; openId: string } | null;
  newId: () => string;
  now_ms?: () => number;
}): ImageUploadTransport {
  return async (file, type, { timeout_ms }) => {
    if (file.path === undefined) return failed('INVALID_ARGUMENT', 'weapp uploads need the image file path', 'file');
    const owner = options.owner();
    if (owner === null) return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'sign in to upload' } };
    const cloudPath = uploadCloudPath({ ...owner, now_ms: (options.now_ms ?? Date.now)(), id: options.newId(), ext: type.ext });
    return withDeadline(timeout_ms, async (): Promise<RawReply> => {
      try {
        const res = await options.uploadFile({ cloudPath, filePath: file.path as string });
        if (typeof res?.fileID !== 'string') return failed('BAD_REPLY', 'uploadFile answered no fileID');
        return { ok: true, data: { fileID: res.fileID, size_bytes: file.size_bytes, contentType: type.contentType } };
      } catch (e) {
        return failed('NETWORK', `uploadFile failed: ${platformErrorText(e)}`);
      }
    });
  };
}
