/**
 * The `/tcb` endpoint: CloudBase's database protocol, for @cloudbase/node-sdk pointed here with
 * `TCB_CONTEXT_CNFG='{"URL":"http://127.0.0.1:<port>/tcb"}'` (or `init({ serviceUrl })`).
 *
 * Shape (plain node:http):
 *
 *   const handle = createTcbHandler({ store, credentials });
 *   // for POST /tcb, after reading the body (bounded):
 *   handle(req, res, body);   // always answers (at once, or after a transaction's turn)
 *
 * `req` must be the original request (its URL, Host and signed headers are part of the
 * signature). Every answer is HTTP 200 with JSON: `{ requestId, ... }` on success,
 * `{ code, message, requestId }` on failure, which the SDK throws as an error with that `code`
 * (HTTP errors would reach the caller as a bare status number instead).
 *
 * Only requests signed with `credentials` (TC3-HMAC-SHA256, see signature.ts) reach the store;
 * anything else answers SIGN_PARAM_INVALID.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isDbError } from '../db/errors.js';
import type { DocumentStore } from '../db/store.js';
import { ACTIONS } from './actions.js';
import { RequestParams, type Params } from './request-params.js';
import { SignatureVerifier, type Credentials } from './signature.js';

export interface TcbLimits {
  /** Request body (the gateway reads it; checked again here). */
  maxBodyBytes: number;
}

export const DEFAULT_TCB_LIMITS: Readonly<TcbLimits> = Object.freeze({ maxBodyBytes: 32 * 1024 * 1024 });

export interface TcbHandlerOptions {
  store: DocumentStore;
  credentials: Credentials;
  limits?: Partial<TcbLimits>;
  /** Unexpected errors (bugs). Default: stderr. */
  log?: (line: string) => void;
  /** Seconds since 1970, for signature expiry (tests). */
  now_s?: () => number;
}

/** Answers every request; synchronously, except a transaction's first operation that waits its turn. */
export type TcbHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

function send(res: ServerResponse, reply: Record<string, unknown>): void {
  const text = JSON.stringify(reply);
  res.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/** A cloud-shaped error answer, for callers that refuse a request before the handler sees it. */
export function sendTcbError(res: ServerResponse, code: string, message: string): void {
  send(res, { code, message, requestId: randomUUID() });
}

export function createTcbHandler(options: TcbHandlerOptions): TcbHandler {
  const { store } = options;
  const limits: TcbLimits = { ...DEFAULT_TCB_LIMITS, ...options.limits };
  const verifier = new SignatureVerifier(options.credentials);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const now_s = options.now_s ?? (() => Math.floor(Date.now() / 1000));

  return (req, res, body) => {
    const requestId = randomUUID();
    const fail = (code: string, message: string) => send(res, { code, message, requestId });

    if (body.length > limits.maxBodyBytes) return fail('EXCEED_REQUEST_SIZE_LIMIT', `request body exceeds ${limits.maxBodyBytes} bytes`);
    let params: Params;
    try {
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      params = parsed as Params;
    } catch {
      return fail('INVALID_PARAM', 'request body must be a JSON object');
    }

    const verdict = verifier.verify({ method: req.method ?? 'POST', url: req.url ?? '/', headers: req.headers, params }, now_s());
    if (!verdict.ok) return fail('SIGN_PARAM_INVALID', `signature check failed: ${verdict.message}`);

    const action = typeof params.action === 'string' ? ACTIONS[params.action] : undefined;
    if (!action || !Object.hasOwn(ACTIONS, params.action as string)) {
      return fail('INVALID_ACTION', `unsupported action ${JSON.stringify(params.action)?.slice(0, 80)}`);
    }
    if (!store.isOpen) return fail('SYS_ERR', 'the database is closed');
    const failed = (e: unknown) => {
      if (isDbError(e)) return fail(e.code, e.message);
      log(`[tcb] ${String(params.action)} failed: ${e instanceof Error ? e.stack : String(e)}`);
      fail('SYS_ERR', 'internal error');
    };
    try {
      const reply = action(new RequestParams(params, store.now(), store.limits.maxDepth), store);
      if (reply instanceof Promise) {
        // A transaction's first operation waiting for its turn on a held document.
        reply.then((r) => (store.isOpen ? send(res, { requestId, ...r }) : fail('SYS_ERR', 'the database is closed')), failed);
      } else {
        send(res, { requestId, ...reply });
      }
    } catch (e) {
      failed(e);
    }
  };
}
