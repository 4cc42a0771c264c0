/**
 * Files the functions put in cloud storage (exports), through the SDK's storage API: the same
 * code on CloudBase and on the local cloud, which serves that API at /tcb (docs/storage.md).
 *
 * The project's limits (shared/src/storage/limits.ts) are checked here, before the upload:
 * CloudBase does not enforce them, so this is where they hold in production.
 */
import { open, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { SNIFF_BYTES, STORAGE_LIMITS, checkCloudPath, checkUpload, ok, type Result } from '@channel-router/shared';
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

/** The largest file of a kind, for callers that can tell before writing that theirs would not fit. */
export function maxFileBytes(kind: keyof typeof STORAGE_LIMITS.maxBytes): number {
  return STORAGE_LIMITS.maxBytes[kind];
}
