/**
 * CloudBase's storage actions on the `/tcb` protocol, as @cloudbase/node-sdk 3.18.3
 * (src/storage/index.ts) sends them, and the reply each one expects:
 *
 * | action                       | request fields                                  | reply                                                       |
 * |------------------------------|-------------------------------------------------|-------------------------------------------------------------|
 * | storage.getUploadMetadata    | path (the cloud path), method 'put'             | data: { url, token, authorization, fileId, cosFileId, download_url } |
 * | storage.batchGetDownloadUrl  | file_list: [{ fileid, max_age?, url_type? }]    | data.download_list: [{ fileID, tempFileURL, code, message? }] |
 * | storage.batchDeleteFile      | fileid_list: [fileID]                           | data.delete_list: [{ fileID, code, message? }]              |
 *
 * `uploadFile` asks for upload metadata, then PUTs the bytes to `url` with `authorization` as a
 * header (http-routes.ts); `downloadFile` gets a download URL (max_age 600) and GETs it. A file
 * that does not exist is a per-file `code: 'STORAGE_FILE_NONEXIST'`, not a failed request, as in
 * CloudBase. Requests are signed like the database's and checked with the same verifier.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ENV_ID_PATTERN, STORAGE_LIMITS, checkCloudPath, formatFileId, parseFileId } from '@channel-router/shared';
import { SignatureVerifier, type Credentials } from '../tcb/signature.js';
import type { FileStore } from './file-store.js';
import type { UrlSigner } from './url-signer.js';

/** The bucket of an environment (CloudBase's look like `7465-<env>-<appid>`). */
export function bucketFor(env: string): string {
  return `${env}-local`;
}

export function envOfBucket(bucket: string): string | null {
  return bucket.endsWith('-local') ? bucket.slice(0, -'-local'.length) : null;
}

/** Where the storage is reached from outside: `http://127.0.0.1:<port>`. */
export type BaseUrl = (req: IncomingMessage) => string;

export interface StorageTcbOptions {
  files: FileStore;
  signer: UrlSigner;
  credentials: Credentials;
  baseUrl: BaseUrl;
  /** Seconds since 1970 for the expiry of the links handed out (tests move it forward). */
  now_s: () => number;
  log: (line: string) => void;
}

type Params = Record<string, unknown>;
type Reply = Record<string, unknown>;

class ActionError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const invalid = (message: string) => new ActionError('INVALID_PARAM', message);

/** Upload and download URLs of one file. */
export function storageUrls(base: string, signer: UrlSigner, env: string, cloudPath: string) {
  const fileUrl = `${base}/storage/${bucketFor(env)}/${cloudPath}`;
  return {
    uploadUrl: fileUrl,
    uploadAuthorization: (expires_s: number) => `LOCAL-STORAGE t=${expires_s};sign=${signer.sign('upload', env, cloudPath, expires_s)}`,
    downloadUrl: (expires_s: number) => `${fileUrl}?sign=${signer.sign('download', env, cloudPath, expires_s)}&t=${expires_s}`,
  };
}

function envOf(params: Params): string {
  const env = params.envName;
  if (typeof env !== 'string' || !ENV_ID_PATTERN.test(env)) throw invalid('envName must be a CloudBase environment id');
  return env;
}

/** A file ID of this environment, or the per-file error to answer for it. */
function fileOf(env: string, fileID: unknown): { path: string } | { code: string; message: string } {
  const id = parseFileId(fileID);
  if (id === null) return { code: 'INVALID_PARAM', message: 'not a cloud://<env>.<bucket>/<path> file ID this storage can hold' };
  if (id.env !== env || id.bucket !== bucketFor(env)) return { code: 'STORAGE_FILE_NONEXIST', message: 'the file is not in this environment' };
  return { path: id.path };
}

function fileList(params: Params, name: string): unknown[] {
  const list = params[name];
  if (!Array.isArray(list) || list.length === 0) throw invalid(`${name} must be a non-empty array`);
  if (list.length > STORAGE_LIMITS.maxFilesPerRequest) throw new ActionError('LIMIT_EXCEEDED', `at most ${STORAGE_LIMITS.maxFilesPerRequest} files per request`);
  return list;
}

type Action = (params: Params, req: IncomingMessage, o: StorageTcbOptions) => Reply;

const getUploadMetadata: Action = (params, req, o) => {
  const env = envOf(params);
  const checked = checkCloudPath(params.path, 'path');
  if (!checked.ok) throw invalid(checked.error.message);
  const cloudPath = checked.data.path;
  const urls = storageUrls(o.baseUrl(req), o.signer, env, cloudPath);
  const fileId = formatFileId({ env, bucket: bucketFor(env), path: cloudPath });
  const expires_s = o.now_s() + STORAGE_LIMITS.uploadUrlLifetime_s;
  return {
    data: {
      url: urls.uploadUrl,
      // COS hands out a temporary security token; the local storage needs none but the SDK sends the header.
      token: 'local',
      authorization: urls.uploadAuthorization(expires_s),
      fileId,
      cosFileId: randomUUID(),
      download_url: urls.uploadUrl,
    },
  };
};

const batchGetDownloadUrl: Action = (params, req, o) => {
  const env = envOf(params);
  const base = o.baseUrl(req);
  const now_s = o.now_s();
  const download_list = fileList(params, 'file_list').map((item) => {
    const entry = typeof item === 'object' && item !== null ? (item as Params) : {};
    const fileID = typeof entry.fileid === 'string' ? entry.fileid : '';
    let maxAge_s: number = STORAGE_LIMITS.tempUrlMaxAge_s;
    if (entry.max_age !== undefined && entry.max_age !== null) {
      const m = entry.max_age;
      if (typeof m !== 'number' || !Number.isSafeInteger(m) || m < 1) return { fileID, tempFileURL: '', code: 'INVALID_PARAM', message: 'maxAge must be a positive integer of seconds' };
      // CloudBase caps a link at one day.
      maxAge_s = Math.min(m, STORAGE_LIMITS.tempUrlMaxAge_s);
    }
    const f = fileOf(env, fileID);
    if ('code' in f) return { fileID, tempFileURL: '', ...f };
    if (o.files.size(env, f.path) === null) return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', message: 'no such file' };
    return { fileID, tempFileURL: storageUrls(base, o.signer, env, f.path).downloadUrl(now_s + maxAge_s), code: 'SUCCESS' };
  });
  return { data: { download_list } };
};

const batchDeleteFile: Action = (params, _req, o) => {
  const env = envOf(params);
  const delete_list = fileList(params, 'fileid_list').map((fileID) => {
    const f = fileOf(env, fileID);
    const id = typeof fileID === 'string' ? fileID : '';
    if ('code' in f) return { fileID: id, ...f };
    return o.files.remove(env, f.path) ? { fileID: id, code: 'SUCCESS' } : { fileID: id, code: 'STORAGE_FILE_NONEXIST', message: 'no such file' };
  });
  return { data: { delete_list } };
};

const ACTIONS: Readonly<Record<string, Action>> = Object.freeze({
  'storage.getUploadMetadata': getUploadMetadata,
  'storage.batchGetDownloadUrl': batchGetDownloadUrl,
  'storage.batchDeleteFile': batchDeleteFile,
});

const STORAGE_ACTION_FIELD = Buffer.from('"action":"storage.');
/** The SDK writes `action` first; looking near the start is enough and skips large database bodies. */
const PEEK_BYTES = 256;

/** Whether a /tcb body is a storage request (found without parsing it). */
export function isStorageRequest(body: Buffer): boolean {
  const at = body.subarray(0, PEEK_BYTES).indexOf(STORAGE_ACTION_FIELD);
  return at >= 0;
}

export type StorageTcbHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

function send(res: ServerResponse, reply: Reply): void {
  const text = JSON.stringify(reply);
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

/** Serves the storage actions of `/tcb`: the same envelope and signature rules as the database's. */
export function createStorageTcbHandler(o: StorageTcbOptions): StorageTcbHandler {
  const verifier = new SignatureVerifier(o.credentials);
  return (req, res, body) => {
    const requestId = randomUUID();
    const fail = (code: string, message: string) => send(res, { code, message, requestId });
    let params: Params;
    try {
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      params = parsed as Params;
    } catch {
      return fail('INVALID_PARAM', 'request body must be a JSON object');
    }
    // Request signatures are checked against the machine's clock, like the database's; `now_s`
    // only dates the links this storage hands out.
    const verdict = verifier.verify({ method: req.method ?? 'POST', url: req.url ?? '/', headers: req.headers, params }, Math.floor(Date.now() / 1000));
    if (!verdict.ok) return fail('SIGN_PARAM_INVALID', `signature check failed: ${verdict.message}`);
    const name = params.action;
    if (typeof name !== 'string' || !Object.hasOwn(ACTIONS, name)) return fail('INVALID_ACTION', `unsupported action ${JSON.stringify(name)?.slice(0, 80)}`);
    try {
      send(res, { requestId, ...(ACTIONS[name] as Action)(params, req, o) });
    } catch (e) {
      if (e instanceof ActionError) return fail(e.code, e.message);
      o.log(`[storage] ${name} failed: ${e instanceof Error ? e.stack : String(e)}`);
      fail('SYS_ERR', 'internal error');
    }
  };
}
