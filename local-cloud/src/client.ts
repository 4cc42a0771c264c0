/**
 * A small HTTP client of the gateway's API, used by the demo seed, the tests and the benchmarks.
 * It talks to the local cloud exactly as the H5 apps do.
 */
import type { AppName } from './runner/sdk-env.js';

export type Reply<T = unknown> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; field?: string } };

export interface CallOptions {
  /** Simulated client address (X-Forwarded-For); honoured only by a cloud started with trustForwardedFor. */
  ip?: string;
}

export interface LocalCloudClient {
  readonly url: string;
  /** Signs in through POST /api/dev/login; resolves to the bearer token. */
  login(app: AppName, openId: string, unionId?: string): Promise<string>;
  /** Calls POST /api/fn/<fn>; resolves to the reply body whatever the HTTP status. */
  call<T = unknown>(fn: string, event: Record<string, unknown>, token?: string, opts?: CallOptions): Promise<Reply<T>>;
}

/** Per request; the gateway's own limits are far lower than this, it only stops a hung test. */
const CLIENT_TIMEOUT_MS = 60_000;

export function createClient(url: string): LocalCloudClient {
  const base = url.replace(/\/$/, '');
  return {
    url: base,
    async login(app, openId, unionId) {
      const res = await fetch(`${base}/api/dev/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(unionId === undefined ? { app, openId } : { app, openId, unionId }),
        signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
      });
      const body = (await res.json()) as { token?: unknown; error?: { message?: string } };
      if (res.status !== 200 || typeof body.token !== 'string') {
        throw new Error(`login(${app}, ${openId}) failed: ${res.status} ${body.error?.message ?? ''}`);
      }
      return body.token;
    },
    async call<T>(fn: string, event: Record<string, unknown>, token?: string, opts: CallOptions = {}) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (token !== undefined) headers.Authorization = `Bearer ${token}`;
      if (opts.ip !== undefined) headers['X-Forwarded-For'] = opts.ip;
      const res = await fetch(`${base}/api/fn/${encodeURIComponent(fn)}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(event),
        signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
      });
      return (await res.json()) as Reply<T>;
    },
  };
}
