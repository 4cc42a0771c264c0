/**
 * The one HTTP call the production providers make, injectable so tests replay recorded replies.
 * A timeout, a network failure or an unreadable reply is a value (`status: 0`), never a throw.
 */
export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  /** 0: no reply (timeout, network); `body` then says why. */
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
}

export type HttpCall = (req: HttpRequest) => Promise<HttpResponse>;

/** Replies of WeChat's APIs are small; a larger one is cut (and will fail to parse or verify). */
const RESPONSE_BODY_LENGTH_MAX = 256 * 1024;

export function fetchHttp(timeout_ms: number): HttpCall {
  if (!(Number.isInteger(timeout_ms) && timeout_ms > 0 && timeout_ms <= 60_000)) throw new Error('timeout_ms must be in (0, 60000]');
  return async (req) => {
    try {
      const res = await fetch(req.url, {
        method: req.method,
        headers: req.headers,
        ...(req.body === undefined ? {} : { body: req.body }),
        signal: AbortSignal.timeout(timeout_ms),
      });
      const headers: Record<string, string> = {};
      res.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
      const body = (await res.text()).slice(0, RESPONSE_BODY_LENGTH_MAX);
      return { status: res.status, headers, body };
    } catch (e) {
      return { status: 0, headers: {}, body: e instanceof Error ? `${e.name}: ${e.message}` : 'request failed' };
    }
  };
}
