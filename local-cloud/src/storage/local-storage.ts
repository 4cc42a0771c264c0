/**
 * The local cloud's file storage: CloudBase's storage API for the SDK in the functions (the
 * `storage.*` actions of `/tcb`), the signed upload and download URLs those actions hand out, and
 * the gateway's upload for the H5 apps. Files live under `<dataDir>/storage/<env>/`.
 *
 *   const storage = createLocalStorage({ dataDir, credentials, envId, baseUrl: () => url });
 *   // /tcb body with "action":"storage.…"  → storage.tcb(req, res, body)
 *   // GET|HEAD|PUT /storage/…              → storage.http(req, res)
 *   // POST /api/storage/upload (gateway)   → storage.save(env, cloudPath, type, req, kinds)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { formatFileId, type FileKind, type FileTypeSpec } from '@channel-router/shared';
import type { Credentials } from '../tcb/signature.js';
import { FileStore, type WriteResult } from './file-store.js';
import { serveStorage } from './http-routes.js';
import { bucketFor, createStorageTcbHandler, isStorageRequest, storageUrls, type StorageTcbHandler } from './tcb-actions.js';
import { UrlSigner } from './url-signer.js';

export { isStorageRequest } from './tcb-actions.js';
export { isStoragePath } from './http-routes.js';

export interface LocalStorageOptions {
  dataDir: string;
  /** The local credentials: `/tcb` requests must be signed with them; URL signatures derive from the key. */
  credentials: Credentials;
  /** The environment the gateway's uploads go to. */
  envId: string;
  /** Origin the URLs point to (`http://127.0.0.1:<port>`); default: the request's Host. */
  baseUrl?: () => string;
  /** Seconds since 1970 (tests move it to expire links). */
  now_s?: () => number;
  log?: (line: string) => void;
}

export interface LocalStorage {
  readonly envId: string;
  readonly files: FileStore;
  /** Serves a `/tcb` request whose body `isStorageRequest`. */
  tcb: StorageTcbHandler;
  /** Serves `/storage/...` (uploads from the SDK, signed downloads). */
  http: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** Stores an upload of `envId` (checked against the limits) and names its file ID. */
  save(cloudPath: string, type: FileTypeSpec, body: Readable, kinds?: readonly FileKind[]): Promise<{ ok: true; fileID: string; size_bytes: number } | Extract<WriteResult, { ok: false }>>;
  /** A signed download URL of a stored file of `envId`, valid for `maxAge_s`. */
  downloadUrl(cloudPath: string, maxAge_s: number): string;
}

export function createLocalStorage(o: LocalStorageOptions): LocalStorage {
  const files = new FileStore(o.dataDir);
  const signer = new UrlSigner(o.credentials.secretKey);
  const now_s = o.now_s ?? (() => Math.floor(Date.now() / 1000));
  const log = o.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const baseUrl = (req?: IncomingMessage) => o.baseUrl?.() ?? `http://${req?.headers.host ?? '127.0.0.1'}`;
  return {
    envId: o.envId,
    files,
    tcb: createStorageTcbHandler({ files, signer, credentials: o.credentials, baseUrl, now_s, log }),
    http: (req, res) => serveStorage(req, res, { files, signer, now_s }),
    async save(cloudPath, type, body, kinds) {
      const r = await files.write(o.envId, cloudPath, type, body, kinds);
      if (!r.ok) return r;
      return { ok: true, fileID: formatFileId({ env: o.envId, bucket: bucketFor(o.envId), path: cloudPath }), size_bytes: r.size_bytes };
    },
    downloadUrl: (cloudPath, maxAge_s) => storageUrls(baseUrl(), signer, o.envId, cloudPath).downloadUrl(now_s() + maxAge_s),
  };
}

type TcbLike = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void | Promise<void>;

/** Wraps a database `/tcb` handler so that storage requests go to the storage instead. */
export function withStorage(storage: LocalStorage, database: TcbLike): TcbLike {
  return (req, res, body) => (isStorageRequest(body) ? storage.tcb(req, res, body) : database(req, res, body));
}
