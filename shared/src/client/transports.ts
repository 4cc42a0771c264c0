/**
 * The two ways an app reaches the cloud functions (docs/actions.md#local-gateway):
 * - h5: the gateway, `POST <baseUrl>/api/fn/<name>` with `Authorization: Bearer <token>`;
 * - weapp: `wx.cloud.callFunction`, handed in by the app (this package imports no Taro or wx).
 * Both turn every failure into a reply value; neither throws.
 */
import { platformErrorText, postForText, withDeadline } from './deadline.js';
import type { PostLike } from './deadline.js';
import { isClientErrorCode } from './messages.js';
import type { RawReply, Transport } from './types.js';

/** Cloud function names are short identifiers; anything else is a bug in the caller. */
const FUNCTION_NAME = /^[a-z][a-zA-Z0-9_-]{0,63}$/;

function assertFunctionName(fn: string): void {
  if (!FUNCTION_NAME.test(fn)) throw new Error(`transport: bad function name ${JSON.stringify(fn)}`);
}

function failure(code: 'NETWORK' | 'BAD_REPLY', message: string): RawReply {
  return { ok: false, error: { code, message } };
}

/**
 * Checks that `body` is a function reply (`{ ok: true, data }` or `{ ok: false, error: { code,
 * message } }`). An unknown error code is kept as INTERNAL so the page still shows plain words.
 */
export function toReply(body: unknown): RawReply {
  if (typeof body !== 'object' || body === null) return failure('BAD_REPLY', 'reply is not an object');
  const b = body as { ok?: unknown; data?: unknown; error?: unknown };
  if (b.ok === true) return { ok: true, data: b.data };
  if (b.ok === false && typeof b.error === 'object' && b.error !== null) {
    const e = b.error as { code?: unknown; message?: unknown; field?: unknown; details?: unknown };
    const message = typeof e.message === 'string' ? e.message : '';
    const code = isClientErrorCode(e.code) ? e.code : 'INTERNAL';
    const error: { code: typeof code; message: string; field?: string; details?: Record<string, unknown> } = {
      code,
      message: code === e.code ? message : `unknown error code ${String(e.code)}: ${message}`,
    };
    if (typeof e.field === 'string') error.field = e.field;
    // What the caller needs next (a CSV import's bad rows, a changed quote): kept as sent.
    if (typeof e.details === 'object' && e.details !== null && !Array.isArray(e.details)) error.details = e.details as Record<string, unknown>;
    return { ok: false, error };
  }
  return failure('BAD_REPLY', 'reply has neither ok:true nor ok:false with an error');
}

// ---------------------------------------------------------------------------------------------
// h5: the gateway

/** The part of `fetch` the gateway transport uses (so tests and older browsers can supply one). */
export type FetchLike = PostLike<string>;

export interface GatewayTransportOptions {
  /** Origin of the gateway, e.g. `http://127.0.0.1:8787`; `''` means the page's own origin. */
  baseUrl: string;
  /** The token from `/api/dev/login` (or null when not logged in: public actions still work). */
  getToken: () => string | null | undefined;
  fetch: FetchLike;
}

/** Largest reply body the client reads (history pages and exports stay far below). */
const MAX_REPLY_CHARS = 8 * 1024 * 1024;

export function createGatewayTransport(options: GatewayTransportOptions): Transport {
  const base = options.baseUrl.replace(/\/+$/, '');
  return async (fn, event, { timeout_ms }) => {
    assertFunctionName(fn);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const token = options.getToken();
    if (typeof token === 'string' && token !== '') headers['authorization'] = `Bearer ${token}`;
    return withDeadline(timeout_ms, async (signal): Promise<RawReply> => {
      const res = await postForText(options.fetch, `${base}/api/fn/${fn}`, headers, JSON.stringify(event), signal);
      if (!res.ok) return res.reply;
      const { status, text } = res;
      if (text.length > MAX_REPLY_CHARS) return failure('BAD_REPLY', `reply too large (${text.length} chars)`);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return failure('BAD_REPLY', `HTTP ${status}, body is not JSON`);
      }
      // The gateway answers 200 with the function's reply; 400 carries an INVALID_ARGUMENT reply;
      // anything else (404 unknown function, 5xx) is not a function reply unless it parses as one.
      const reply = toReply(body);
      if (status !== 200 && reply.ok) return failure('BAD_REPLY', `HTTP ${status}`);
      if (status !== 200 && !reply.ok && reply.error.code === 'BAD_REPLY') return failure('BAD_REPLY', `HTTP ${status}`);
      return reply;
    });
  };
}

// ---------------------------------------------------------------------------------------------
// weapp: wx.cloud.callFunction

/** `Taro.cloud.callFunction` / `wx.cloud.callFunction`, promise form. */
export type CallFunction = (options: { name: string; data: Record<string, unknown> }) => Promise<{ result?: unknown }>;

export function createCloudTransport(callFunction: CallFunction): Transport {
  return async (fn, event, { timeout_ms }) => {
    assertFunctionName(fn);
    return withDeadline(timeout_ms, async (): Promise<RawReply> => {
      try {
        const res = await callFunction({ name: fn, data: event });
        return toReply(res?.result);
      } catch (e) {
        // callFunction rejects on no network, a function crash or timeout (errCode -404xxx/-501xxx).
        return failure('NETWORK', `callFunction failed: ${platformErrorText(e)}`);
      }
    });
  };
}
