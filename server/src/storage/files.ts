/**
 * Files the functions put in cloud storage (exports), through the SDK's storage API: the same
 * code on CloudBase and on the local cloud, which serves that API at /tcb (docs/storage.md).
 *
 * The project's limits (shared/src/storage/limits.ts) are checked here, before the upload:
 * CloudBase does not enforce them, so this is where they hold in production.
 */
import { open, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { SNIFF_BYTES, STORAGE_LIMITS, checkCloudPath, checkUpload, err, isUploadOf, ok, parseFileId, type Result } from '@channel-router/shared';
import type { CloudApp } from '../runtime/cloud.js';

export interface StoredFile {
  /** `cloud://<env>.<bucket>/<path>`: keep it to ask for a fresh link later. */
  fileID: string;
  /** A temporary download link. */
  url: string;
  /** When `url` stops working, ms since the epoch. */
  urlExpiresAt_ms: number;
  bytes: number;
}

async function headOf(file: string): Promise<Uint8Array> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * Uploads a local file (streamed, never held in memory) to `cloudPath`, replacing what was there,
 * and answers its fileID with a link valid for `linkMaxAge_s`. A path, type, size or content
 * outside the limits is INVALID_ARGUMENT on `field` and uploads nothing; a storage failure throws
 * (infrastructure, answered INTERNAL by the function).
 */
export async function storeFile(
  app: CloudApp,
  input: { cloudPath: string; localFile: string; linkMaxAge_s: number; now_ms: number },
  field = 'file',
): Promise<Result<StoredFile>> {
  const path = checkCloudPath(input.cloudPath);
  if (!path.ok) return path;
  if (!Number.isInteger(input.linkMaxAge_s) || input.linkMaxAge_s < 1 || input.linkMaxAge_s > STORAGE_LIMITS.tempUrlMaxAge_s) {
    throw new RangeError(`storeFile: linkMaxAge_s must be 1..${STORAGE_LIMITS.tempUrlMaxAge_s}`);
  }
  const bytes = (await stat(input.localFile)).size;
  const checked = checkUpload({ type: path.data.type, size_bytes: bytes, head: await headOf(input.localFile) }, field);
  if (!checked.ok) return checked;

  const { fileID } = (await app.uploadFile({ cloudPath: path.data.path, fileContent: createReadStream(input.localFile) })) as { fileID: string };
  const { fileList } = (await app.getTempFileURL({ fileList: [{ fileID, maxAge: input.linkMaxAge_s }] })) as {
    fileList: Array<{ code?: string; tempFileURL?: string; message?: string }>;
  };
  const link = fileList[0];
  if (link?.code !== 'SUCCESS' || typeof link.tempFileURL !== 'string' || link.tempFileURL === '') {
    throw new Error(`storeFile: no link for ${fileID}: ${link?.code ?? 'no reply'} ${link?.message ?? ''}`);
  }
  return ok({ fileID, url: link.tempFileURL, urlExpiresAt_ms: input.now_ms + input.linkMaxAge_s * 1000, bytes });
}


export interface UploadedImage {
  fileID: string;
  size_bytes: number;
  contentType: string;
}

/**
 * Checks a fileID an app handed in (a receipt photo) before a function keeps it: an image the
 * caller uploaded into their own folder (`isUploadOf`), still there, of an allowed type and within
 * the image limit. Failures are INVALID_ARGUMENT on `field`. The size and type are the stored
 * object's (the SDK's getFileInfo asks its link with HEAD); weapp uploads reach CloudBase without
 * passing the gateway, so this is where their limits hold.
 */
export async function checkUploadedImage(
  app: CloudApp,
  fileID: unknown,
  caller: { app: string | null; openId: string },
  field = 'fileID',
): Promise<Result<UploadedImage>> {
  const id = parseFileId(fileID);
  if (id === null || id.type.kind !== 'image') return err('INVALID_ARGUMENT', `${field} must be the cloud:// fileID of an uploaded image`, field);
  if (caller.app === null || !isUploadOf(fileID, { app: caller.app, openId: caller.openId })) {
    return err('INVALID_ARGUMENT', `${field} is not an upload of yours`, field);
  }
  const { fileList } = (await app.getFileInfo({ fileList: [fileID as string] })) as {
    fileList: Array<{ code?: string; size?: number; contentType?: string; mime?: string }>;
  };
  const info = fileList[0];
  if (info?.code === 'STORAGE_FILE_NONEXIST') return err('INVALID_ARGUMENT', `${field}: no such file (upload it again)`, field);
  if (info?.code !== 'SUCCESS' || typeof info.size !== 'number') throw new Error(`checkUploadedImage: no file info for ${String(fileID)}: ${info?.code ?? 'no reply'}`);
  const max = STORAGE_LIMITS.maxBytes.image;
  if (info.size <= 0 || info.size > max) return err('INVALID_ARGUMENT', `${field}: the image must be 1..${max} bytes`, field);
  if (info.mime !== id.type.contentType) return err('INVALID_ARGUMENT', `${field}: stored as ${info.mime ?? 'unknown type'}, not ${id.type.contentType}`, field);
  return ok({ fileID: fileID as string, size_bytes: info.size, contentType: id.type.contentType });
}

/**
 * Temporary download links for stored files, in ONE storage request (so at most
 * `STORAGE_LIMITS.maxFilesPerRequest` ids). Answers fileID → link; a file that is gone (or any
 * file the storage did not sign) is absent from the map. A storage failure throws.
 */
export async function tempUrls(app: CloudApp, fileIDs: readonly string[], maxAge_s: number): Promise<Map<string, string>> {
  const ids = [...new Set(fileIDs)];
  if (ids.length === 0) return new Map();
  if (ids.length > STORAGE_LIMITS.maxFilesPerRequest) throw new RangeError(`tempUrls: at most ${STORAGE_LIMITS.maxFilesPerRequest} files per request`);
  if (!Number.isInteger(maxAge_s) || maxAge_s < 1 || maxAge_s > STORAGE_LIMITS.tempUrlMaxAge_s) throw new RangeError(`tempUrls: maxAge_s must be 1..${STORAGE_LIMITS.tempUrlMaxAge_s}`);
  const { fileList } = (await app.getTempFileURL({ fileList: ids.map((fileID) => ({ fileID, maxAge: maxAge_s })) })) as {
    fileList?: Array<{ fileID?: string; code?: string; tempFileURL?: string }>;
  };
  const out = new Map<string, string>();
  for (const f of fileList ?? []) {
    if (f.code === 'SUCCESS' && typeof f.fileID === 'string' && typeof f.tempFileURL === 'string' && f.tempFileURL !== '') out.set(f.fileID, f.tempFileURL);
  }
  return out;
}
