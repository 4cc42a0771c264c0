/**
 * The storage on its own loopback server (conformance tests, tools): the `storage.*` actions at
 * `/tcb` and the file URLs at `/storage/`. The local cloud's gateway mounts the same parts.
 *
 *   const server = await startStorageServer({ dataDir });
 *   const app = tcb.init({ env: server.envId, serviceUrl: server.url, ...server.credentials });
 *   await app.uploadFile({ cloudPath: 'a/b.png', fileContent: buffer });
 *   await server.close();
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendTcbError } from '../tcb/handler.js';
import type { Credentials } from '../tcb/signature.js';
import { generateCredentials } from '../tcb/standalone.js';
import { createLocalStorage, isStoragePath, isStorageRequest, type LocalStorage } from './local-storage.js';

export interface StorageServerOptions {
  dataDir: string;
  envId?: string;
  credentials?: Credentials;
  /** Seconds since 1970 (tests move it forward to expire links). */
  now_s?: () => number;
  log?: (line: string) => void;
}

export interface StorageServer {
  /** http://127.0.0.1:<port>/tcb: the SDK's `serviceUrl`. */
  url: string;
  envId: string;
  credentials: Credentials;
  storage: LocalStorage;
  close(): Promise<void>;
}

/** Storage API requests are small JSON bodies (at most 50 file IDs). */
const MAX_TCB_BODY_BYTES = 256 * 1024;

export async function startStorageServer(o: StorageServerOptions): Promise<StorageServer> {
  const credentials = o.credentials ?? generateCredentials();
  const envId = o.envId ?? 'local-storage';
  let base = '';
  const storage = createLocalStorage({ dataDir: o.dataDir, credentials, envId, baseUrl: () => base, now_s: o.now_s, log: o.log });
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (isStoragePath(path)) {
      void storage.http(req, res).catch(() => res.destroy());
      return;
    }
    if (path !== '/tcb' || req.method !== 'POST') {
      req.resume();
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_TCB_BODY_BYTES) chunks.push(c);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (size > MAX_TCB_BODY_BYTES) return sendTcbError(res, 'EXCEED_REQUEST_SIZE_LIMIT', `request body exceeds ${MAX_TCB_BODY_BYTES} bytes`);
      const body = Buffer.concat(chunks);
      if (!isStorageRequest(body)) return sendTcbError(res, 'INVALID_ACTION', 'this server serves the storage actions only');
      storage.tcb(req, res, body);
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let closing: Promise<void> | null = null;
  return {
    url: `${base}/tcb`,
    envId,
    credentials,
    storage,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
