/**
 * Cloud paths and file IDs. A file lives at a cloud path (`exports/batches/bat_1/codes.csv`) in
 * an environment's bucket; CloudBase names it `cloud://<env>.<bucket>/<path>`.
 *
 * Paths are deliberately narrower than CloudBase's: ASCII letters, digits, `_`, `-` and `.`, no
 * segment starting with a dot (so no `.`, `..` or hidden names), `/` between segments only. Every
 * path the project makes fits, a path can never climb out of its folder on a disk, and a URL holds
 * it unescaped.
 */
import { err, ok, type Result } from '../result.js';
import { FILE_TYPES, STORAGE_LIMITS, type FileKind, type FileTypeSpec } from './limits.js';

const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;
/** CloudBase environment ids: lower-case letters, digits, `-` and `_`, at most 40. */
export const ENV_ID_PATTERN = /^[a-z0-9_-]{1,40}$/;
const BUCKET = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const FILE_ID_PREFIX = 'cloud://';

export interface CloudPath {
  path: string;
  type: FileTypeSpec;
}

/** Checks a cloud path and finds its file type; `field` names it in the error. */
export function checkCloudPath(path: unknown, field = 'cloudPath'): Result<CloudPath> {
  if (typeof path !== 'string' || path === '') return err('INVALID_ARGUMENT', `${field} must be a non-empty string`, field);
  if (path.length > STORAGE_LIMITS.maxCloudPathChars) {
    return err('INVALID_ARGUMENT', `${field} is longer than ${STORAGE_LIMITS.maxCloudPathChars} characters`, field);
  }
  const segments = path.split('/');
  if (segments.length > STORAGE_LIMITS.maxPathSegments) {
    return err('INVALID_ARGUMENT', `${field} has more than ${STORAGE_LIMITS.maxPathSegments} segments`, field);
  }
  for (const s of segments) {
    if (s.length > STORAGE_LIMITS.maxSegmentChars || !SEGMENT.test(s)) {
      return err('INVALID_ARGUMENT', `${field} segments are 1-${STORAGE_LIMITS.maxSegmentChars} of A-Z a-z 0-9 _ - . not starting with a dot, between single slashes`, field);
    }
  }
  const name = segments[segments.length - 1] as string;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  // hasOwnProperty, not `in` or Object.hasOwn: no prototype names, and older phone engines lack hasOwn.
  const type = Object.prototype.hasOwnProperty.call(FILE_TYPES, ext) ? FILE_TYPES[ext] : undefined;
  if (type === undefined) {
    return err('INVALID_ARGUMENT', `${field} must end in one of .${Object.keys(FILE_TYPES).join(', .')}`, field);
  }
  return ok({ path, type });
}

export interface FileId {
  env: string;
  bucket: string;
  path: string;
}

export function formatFileId(id: FileId): string {
  if (!ENV_ID_PATTERN.test(id.env) || !BUCKET.test(id.bucket)) throw new RangeError(`formatFileId: bad env or bucket ${id.env}.${id.bucket}`);
  return `${FILE_ID_PREFIX}${id.env}.${id.bucket}/${id.path}`;
}

/** The parts of a `cloud://<env>.<bucket>/<path>` file ID; null when it is not one (or its path is not allowed here). */
export function parseFileId(fileID: unknown): (FileId & { type: FileTypeSpec }) | null {
  if (typeof fileID !== 'string' || !fileID.startsWith(FILE_ID_PREFIX) || fileID.length > 512) return null;
  const rest = fileID.slice(FILE_ID_PREFIX.length);
  const slash = rest.indexOf('/');
  if (slash < 0) return null;
  const host = rest.slice(0, slash);
  const dot = host.indexOf('.');
  if (dot < 0) return null;
  const env = host.slice(0, dot);
  const bucket = host.slice(dot + 1);
  if (!ENV_ID_PATTERN.test(env) || !BUCKET.test(bucket)) return null;
  const p = checkCloudPath(rest.slice(slash + 1));
  if (!p.ok) return null;
  return { env, bucket, path: p.data.path, type: p.data.type };
}

/**
 * Whether the first bytes of a file look like its declared type. Images and PDFs carry a magic
 * number; a CSV must be text (no NUL byte, no UTF-16 byte-order mark). `head` is at most the first
 * SNIFF_BYTES bytes; shorter only when the whole file is shorter.
 */
export const SNIFF_BYTES = 16;

export function contentMatches(type: FileTypeSpec, head: Uint8Array): boolean {
  const starts = (sig: readonly number[], at = 0) => head.length >= at + sig.length && sig.every((b, i) => head[at + i] === b);
  switch (type.contentType) {
    case 'image/jpeg':
      return starts([0xff, 0xd8, 0xff]);
    case 'image/png':
      return starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'image/webp':
      return starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8);
    case 'application/pdf':
      return starts([0x25, 0x50, 0x44, 0x46, 0x2d]);
    case 'text/csv':
      return !head.includes(0) && !starts([0xff, 0xfe]) && !starts([0xfe, 0xff]);
    default:
      return false;
  }
}

/** The checks every upload passes before it is stored: type, size, content. */
export function checkUpload(input: { type: FileTypeSpec; size_bytes: number; head: Uint8Array; kinds?: readonly FileKind[] }, field = 'file'): Result<FileTypeSpec> {
  const { type, size_bytes, head } = input;
  if (input.kinds !== undefined && !input.kinds.includes(type.kind)) {
    return err('INVALID_ARGUMENT', `${field} must be ${input.kinds.join(' or ')}, not ${type.contentType}`, field);
  }
  const max = STORAGE_LIMITS.maxBytes[type.kind];
  if (!Number.isSafeInteger(size_bytes) || size_bytes <= 0) return err('INVALID_ARGUMENT', `${field} is empty`, field);
  if (size_bytes > max) return err('INVALID_ARGUMENT', `${field} is larger than ${max} bytes (${type.kind} limit)`, field);
  if (!contentMatches(type, head)) return err('INVALID_ARGUMENT', `${field} content is not ${type.contentType}`, field);
  return ok(type);
}

/** The file type for an uploaded image's Content-Type (parameters ignored), or null when not allowed. */
export function imageTypeFor(contentType: unknown): FileTypeSpec | null {
  if (typeof contentType !== 'string') return null;
  const mime = contentType.split(';')[0]!.trim().toLowerCase();
  for (const t of Object.values(FILE_TYPES)) if (t.kind === 'image' && t.contentType === mime) return t;
  return null;
}

/**
 * Where an app's upload is stored: `uploads/<app>/<openId>/<yyyymmdd>/<id>.<ext>`. The caller's
 * own folder, so a function receiving a fileID can check whose upload it is (`isUploadOf`).
 */
export function uploadCloudPath(input: { app: string; openId: string; now_ms: number; id: string; ext: string }): string {
  const day = new Date(input.now_ms).toISOString().slice(0, 10).replace(/-/g, '');
  const path = `uploads/${input.app}/${input.openId}/${day}/${input.id}.${input.ext}`;
  const checked = checkCloudPath(path);
  if (!checked.ok) throw new RangeError(`uploadCloudPath: ${checked.error.message}`);
  return path;
}

/** Whether `fileID` is an upload made by this caller (see uploadCloudPath). */
export function isUploadOf(fileID: unknown, caller: { app: string; openId: string }): boolean {
  const id = parseFileId(fileID);
  return id !== null && id.path.startsWith(`uploads/${caller.app}/${caller.openId}/`);
}
