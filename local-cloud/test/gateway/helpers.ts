/** Shared bits of the gateway tests: the fixture functions and a raw HTTP request helper. */
import { request } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURE_FUNCTIONS = fileURLToPath(new URL('../fixtures/functions', import.meta.url));
/** Declares the fixture function's collection. */
export const FIXTURE_COLLECTIONS = fileURLToPath(new URL('../fixtures/collections.json', import.meta.url));
/** startTestCloud options for a cloud running the fixture functions. */
export const FIXTURE_CLOUD = { functionsDir: FIXTURE_FUNCTIONS, collectionsFile: FIXTURE_COLLECTIONS } as const;
export const REPO = path.resolve(FIXTURE_FUNCTIONS, '../../../..');

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = any>(): T;
}

/**
 * A request with exactly the given path and body bytes (fetch would normalise `..` in paths and
 * cannot send a malformed Host header).
 */
export function raw(
  url: string,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

export function postJson(url: string, p: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return raw(url, { method: 'POST', path: p, body: text, headers: { 'Content-Type': 'application/json', ...headers } });
}
