/**
 * A `/tcb` server on its own (tests, benchmarks, tools): the store, the handler, a loopback
 * HTTP server. The local cloud's gateway mounts the same handler on its own port instead.
 *
 *   const server = await startTcbServer({ dataDir, port: 0 });
 *   const app = tcb.init({ env: 'local', serviceUrl: server.url, ...server.credentials });
 *   ...
 *   await server.close();
 *
 * The SDK also needs `process.env.TENCENTCLOUD = 'true'` in the calling process (otherwise it
 * probes Tencent's metadata host before every request).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { CollectionSpec } from '../db/collections-file.js';
import type { StoreLimits } from '../db/limits.js';
import { DocumentStore } from '../db/store.js';
import { createTcbHandler, DEFAULT_TCB_LIMITS, sendTcbError, type TcbLimits } from './handler.js';
import type { Credentials } from './signature.js';

export const DATABASE_FILE = 'local-cloud.sqlite';

export interface TcbServerOptions {
  /** Directory of the SQLite file; ':memory:' for a throwaway database. */
  dataDir: string;
  /** Default 0 (a free port). Always 127.0.0.1. */
  port?: number;
  /** Default: a random pair, returned in `credentials`. */
  credentials?: Credentials;
  collections?: readonly CollectionSpec[];
  autoCreateCollections?: boolean;
  limits?: Partial<StoreLimits>;
  tcbLimits?: Partial<TcbLimits>;
  durability?: 'normal' | 'full';
  log?: (line: string) => void;
}

export interface TcbServer {
  /** http://127.0.0.1:<port>/tcb: the SDK's `serviceUrl` / TCB_CONTEXT_CNFG URL. */
  url: string;
  port: number;
  credentials: Credentials;
  store: DocumentStore;
  close(): Promise<void>;
}

export function generateCredentials(): Credentials {
  return { secretId: `AKIDlocal${randomBytes(12).toString('hex')}`, secretKey: randomBytes(24).toString('base64url') };
}

const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

/** The body, or null when it exceeds `limit_bytes` (the rest is drained, up to a point, so the answer can be sent). */
function readBody(req: IncomingMessage, limit_bytes: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit_bytes) chunks.push(c);
      else if (size > MAX_DRAIN_BYTES) req.destroy();
    });
    req.on('end', () => resolve(size <= limit_bytes ? Buffer.concat(chunks, size) : null));
    req.on('error', () => resolve(null));
  });
}

export async function startTcbServer(options: TcbServerOptions): Promise<TcbServer> {
  const credentials = options.credentials ?? generateCredentials();
  let file = ':memory:';
  if (options.dataDir !== ':memory:') {
    mkdirSync(options.dataDir, { recursive: true });
    file = path.join(options.dataDir, DATABASE_FILE);
  }
  const store = DocumentStore.open({
    file,
    collections: options.collections,
    autoCreateCollections: options.autoCreateCollections,
    limits: options.limits,
    durability: options.durability,
    log: options.log,
  });
  const tcbLimits: TcbLimits = { ...DEFAULT_TCB_LIMITS, ...options.tcbLimits };
  const handle = createTcbHandler({ store, credentials, log: options.log, limits: tcbLimits });
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== '/tcb') {
      req.resume();
      res.writeHead(404).end();
      return;
    }
    void readBody(req, tcbLimits.maxBodyBytes).then((body) => {
      if (body === null) return sendTcbError(res, 'EXCEED_REQUEST_SIZE_LIMIT', `request body exceeds ${tcbLimits.maxBodyBytes} bytes`);
      handle(req, res, body);
    });
  });
  // Longer than the SDK's idle keep-alive (4.8 s), so the client always closes idle sockets first.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (e) {
    store.close();
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/tcb`,
    port,
    credentials,
    store,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => store.close());
      return closing;
    },
  };
}
