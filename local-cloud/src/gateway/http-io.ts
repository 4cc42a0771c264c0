/** Small HTTP helpers of the gateway: bounded body reading, JSON replies, the client address. */
import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

export type BodyResult = { ok: true; body: Buffer } | { ok: false; reason: 'too_large' | 'aborted' };

/**
 * Reads the whole request body, refusing more than `limit_bytes` (by Content-Length up front, or
 * while streaming for chunked bodies). On refusal the rest of the body is drained, not read into
 * memory, so the connection can still carry the 400 reply.
 */
export function readBody(req: IncomingMessage, limit_bytes: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > limit_bytes) {
      if (declared > MAX_DRAIN_BYTES) req.destroy();
      else req.resume();
      resolve({ ok: false, reason: 'too_large' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (r: BodyResult) => {
      if (done) return;
      done = true;
      resolve(r);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Draining a refused body is polite up to a point; a client still sending after that is cut off.
      if (size > MAX_DRAIN_BYTES) req.destroy();
      if (done) return;
      if (size > limit_bytes) {
        chunks.length = 0;
        finish({ ok: false, reason: 'too_large' });
        return; // keep consuming (and dropping) the rest
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish({ ok: true, body: Buffer.concat(chunks, size) }));
    req.on('error', () => finish({ ok: false, reason: 'aborted' }));
    req.on('close', () => finish({ ok: false, reason: 'aborted' }));
  });
}

/** Sends a JSON reply; `body` may be a ready JSON string (function replies are passed through). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

export function errorBody(code: string, message: string, field?: string): { ok: false; error: Record<string, string> } {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, field } };
}

/**
 * The caller's address for WX_CLIENTIP. X-Forwarded-For is honoured only when the gateway is told
 * to trust it (tests simulating many clients): otherwise any client could pick its own address and
 * slip past the per-address rate limits.
 */
export function clientIp(req: IncomingMessage, trustForwardedFor: boolean): string {
  if (trustForwardedFor) {
    const fwd = req.headers['x-forwarded-for'];
    const first = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(',')[0]?.trim();
    if (first && first.length <= 64 && /^[0-9A-Fa-f.:]+$/.test(first)) return first;
  }
  const raw = req.socket.remoteAddress ?? '';
  return raw.startsWith('::ffff:') ? raw.slice('::ffff:'.length) : raw;
}
