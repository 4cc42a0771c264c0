/**
 * The one table of limits on stored files (docs/storage.md). The local cloud's storage enforces
 * it on every upload (the SDK's PUT and the gateway's /api/storage/upload); the functions check it
 * before they upload, and the apps before they send. CloudBase itself only bounds a simple upload
 * at 5 GB, so in production these checks are the project's own.
 */

/** What a stored file is for: photos the apps upload, files the functions export. */
export type FileKind = 'image' | 'export';

export interface FileTypeSpec {
  /** File name extension, lower case, without the dot. */
  ext: string;
  /** Served (and expected at upload) as this Content-Type. */
  contentType: string;
  kind: FileKind;
}

/** Allowed file types by extension. Anything else is refused. */
export const FILE_TYPES: Readonly<Record<string, FileTypeSpec>> = Object.freeze({
  jpg: { ext: 'jpg', contentType: 'image/jpeg', kind: 'image' },
  jpeg: { ext: 'jpeg', contentType: 'image/jpeg', kind: 'image' },
  png: { ext: 'png', contentType: 'image/png', kind: 'image' },
  webp: { ext: 'webp', contentType: 'image/webp', kind: 'image' },
  csv: { ext: 'csv', contentType: 'text/csv', kind: 'export' },
  pdf: { ext: 'pdf', contentType: 'application/pdf', kind: 'export' },
});

export const STORAGE_LIMITS = Object.freeze({
  /**
   * Largest file per kind. A phone photo is 2-6 MB; receipts need no more. An export is a batch's
   * print file: about 90 bytes a row, so 256 MiB is roughly 3 million codes (a CloudBase function
   * has 512 MB of /tmp to stage it). Larger batches are printed with `npm run print`.
   */
  maxBytes: Object.freeze({ image: 10 * 1024 * 1024, export: 256 * 1024 * 1024 } satisfies Record<FileKind, number>),
  /** A cloud path (`folder/name.ext`): characters, and folders deep. */
  maxCloudPathChars: 256,
  maxPathSegments: 8,
  /** One path segment (folder or file name). */
  maxSegmentChars: 128,
  /** Files per getTempFileURL / deleteFile call (CloudBase's own bound). */
  maxFilesPerRequest: 50,
  /** Temporary download URL lifetime: CloudBase's default and its maximum (one day). */
  tempUrlMaxAge_s: 86_400,
  /** How long an upload URL from getUploadMetadata stays valid. */
  uploadUrlLifetime_s: 600,
});
