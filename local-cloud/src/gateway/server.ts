/**
 * The local cloud's HTTP front door on 127.0.0.1: the §6 API under /api/, the database protocol at
 * /tcb (for the functions' SDK only), and the H5 apps.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { answerPreflight, applyCors } from './cors.js';
import { errorBody, readBody, sendJson } from './http-io.js';
import { handleFunctionCall, handleHealth, handleLogin, type ApiContext } from './api-routes.js';
import { serveStatic, type AppDirs } from './static-apps.js';
import { isStoragePath, type LocalStorage } from '../storage/local-storage.js';
import { handleStorageUpload } from './storage-upload.js';

/** The database protocol handler (local-cloud/src/tcb): it checks the request's signature itself. */
export type TcbHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void | Promise<void>;

export interface GatewayOptions {
  api: ApiContext;
  tcb: TcbHandler | null;
  /** File storage: signed downloads and SDK uploads at /storage/, app uploads at /api/storage/upload. */
  storage?: LocalStorage | null;
  appDirs: AppDirs;
  /** Origins besides loopback ones that may call /api/ from a browser. */
  corsOrigins?: readonly string[];
  /** One line per request (method, path, status, time); off when absent. */
  accessLog?: (line: string) => void;
  /** Unexpected errors of the gateway itself. */
  log: (line: string) => void;
}

/**
 * Host names the gateway answers to. It listens on loopback only; checking Host as well stops a
 * web page that rebinds its own domain name to 127.0.0.1 from talking to it.
 */
const ALLOWED_HOSTNAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

function hostAllowed(req: IncomingMessage): boolean {
  const host = req.headers.host;
  if (!host) return false;
  const hostname = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  return ALLOWED_HOSTNAMES.has((hostname ?? '').toLowerCase());
}

export function createGateway(opts: GatewayOptions): Server {
  const server = createServer((req, res) => {
    const started = performance.now();
    const requestId = randomUUID();
    res.setHeader('X-Request-Id', requestId);
    if (opts.accessLog) {
      res.on('finish', () => {
        opts.accessLog?.(`${req.method} ${(req.url ?? '').slice(0, 200)} ${res.statusCode} ${Math.round(performance.now() - started)}ms`);
      });
    }
    route(req, res, requestId, opts).catch((e: unknown) => {
      opts.log(`[gateway] ${req.method} ${req.url}: ${e instanceof Error ? e.stack : String(e)}`);
      sendJson(res, 500, errorBody('INTERNAL', 'internal error'));
    });
  });
  server.requestTimeout = opts.api.limits.requestTimeout_ms;
  server.headersTimeout = Math.min(opts.api.limits.requestTimeout_ms, 20_000);
  // The SDK in the functions keeps /tcb connections alive for up to 4.8 s idle; the server must
  // not close them first (node's default is 5 s), or a request racing the close fails with ECONNRESET.
  server.keepAliveTimeout = 65_000;
  server.maxConnections = opts.api.limits.maxConnections;
  return server;
}

async function route(req: IncomingMessage, res: ServerResponse, requestId: string, opts: GatewayOptions): Promise<void> {
  if (!hostAllowed(req)) {
    req.resume();
    return sendJson(res, 403, errorBody('FORBIDDEN', 'unexpected Host header'));
  }
  const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
  const method = req.method ?? 'GET';

  if (rawPath === '/tcb') return routeTcb(req, res, method, opts);
  if (isStoragePath(rawPath) && opts.storage) {
    // Downloads may be read by an H5 page on a dev server's origin (images, exports).
    if (method === 'GET' || method === 'HEAD') applyCors(req, res, opts.corsOrigins ?? []);
    return opts.storage.http(req, res);
  }

  if (rawPath.startsWith('/api/')) {
    const cors = opts.corsOrigins ?? [];
    if (method === 'OPTIONS') return answerPreflight(req, res, cors);
    applyCors(req, res, cors);
    if (rawPath === '/api/storage/upload' && opts.storage) {
      if (method !== 'POST') {
        req.resume();
        return sendJson(res, 405, errorBody('METHOD_NOT_ALLOWED', 'use POST'), { Allow: 'POST' });
      }
      return handleStorageUpload(req, res, opts.api, opts.storage);
    }
    return routeApi(req, res, rawPath, method, requestId, opts.api);
  }

  if (method !== 'GET' && method !== 'HEAD') {
    req.resume();
    res.writeHead(405, { Allow: 'GET, HEAD' });
    res.end();
    return;
  }
  if (!serveStatic(req, res, rawPath, opts.appDirs)) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('not found');
  }
}

async function routeApi(req: IncomingMessage, res: ServerResponse, p: string, method: string, requestId: string, api: ApiContext): Promise<void> {
  const methodNotAllowed = (allow: string) => {
    req.resume();
    sendJson(res, 405, errorBody('METHOD_NOT_ALLOWED', `use ${allow}`), { Allow: allow });
  };
  if (p === '/api/health') return method === 'GET' || method === 'HEAD' ? handleHealth(res, api) : methodNotAllowed('GET');
  if (p === '/api/dev/login') return method === 'POST' ? handleLogin(req, res, api) : methodNotAllowed('POST');
  const fn = /^\/api\/fn\/([^/]+)$/.exec(p);
  if (fn?.[1] !== undefined) {
    if (method !== 'POST') return methodNotAllowed('POST');
    let name: string;
    try {
      name = decodeURIComponent(fn[1]);
    } catch {
      name = fn[1];
    }
    return handleFunctionCall(req, res, name, requestId, api);
  }
  req.resume();
  sendJson(res, 404, errorBody('NOT_FOUND', `no API at ${p.slice(0, 100)}`));
}

async function routeTcb(req: IncomingMessage, res: ServerResponse, method: string, opts: GatewayOptions): Promise<void> {
  // Browsers send Origin on cross-origin and on POST requests; the SDK never does. A page in the
  // browser must not reach the database, signed or not.
  if (req.headers.origin !== undefined) {
    req.resume();
    return sendJson(res, 403, { code: 'PERMISSION_DENIED', message: 'the database API is not available to browsers' });
  }
  if (method !== 'POST') {
    req.resume();
    return sendJson(res, 405, { code: 'INVALID_PARAM', message: 'use POST' }, { Allow: 'POST' });
  }
  if (!opts.tcb) {
    req.resume();
    return sendJson(res, 503, { code: 'SYS_ERR', message: 'the database is not available' });
  }
  const body = await readBody(req, opts.api.limits.maxTcbBytes);
  if (!body.ok) {
    if (body.reason === 'aborted') return void res.destroy();
    return sendJson(res, 400, { code: 'INVALID_PARAM', message: `request body exceeds ${opts.api.limits.maxTcbBytes} bytes` });
  }
  await opts.tcb(req, res, body.body);
}
