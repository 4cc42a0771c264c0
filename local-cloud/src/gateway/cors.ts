/**
 * CORS for the H5 dev servers (Taro's dev server runs on another port of the same machine).
 * Only loopback origins, plus any listed explicitly: a random web page open in the developer's
 * browser gets no CORS grant. Tokens travel in the Authorization header, never in cookies, so
 * credentials are never allowed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isAllowedOrigin(origin: string, extra: readonly string[]): boolean {
  if (extra.includes(origin)) return true;
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && LOOPBACK_HOSTS.has(u.hostname);
  } catch {
    return false;
  }
}

/** Adds CORS headers when the request's origin is allowed. */
export function applyCors(req: IncomingMessage, res: ServerResponse, extra: readonly string[]): void {
  const origin = req.headers.origin;
  if (!origin || !isAllowedOrigin(origin, extra)) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Expose-Headers', 'X-Request-Id, Retry-After');
}

/** Answers a preflight request. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse, extra: readonly string[]): void {
  applyCors(req, res, extra);
  res.writeHead(204, {
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Request-Id',
    'Access-Control-Max-Age': '600',
  });
  res.end();
}
