import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCloudTransport, createGatewayTransport, toReply } from './transports.js';
import { devLogin } from './dev-login.js';

/**
 * Goal: the gateway transport speaks the gateway's HTTP (docs/actions.md#local-gateway) exactly (POST /api/fn/<name>, Bearer token,
 * JSON event) and turns every failure a phone meets into a value. It runs against a real HTTP
 * server on loopback that behaves like the gateway's edges (unknown function, HTML error page,
 * a reply that never comes).
 */
let baseUrl = '';
const seen: Array<{ url: string; auth: string | undefined; body: unknown }> = [];
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  let raw = '';
  req.on('data', (c) => (raw += c));
  req.on('end', () => {
    seen.push({ url: req.url ?? '', auth: req.headers['authorization'], body: raw === '' ? null : JSON.parse(raw) });
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body);
    };
    if (req.url === '/api/fn/scan') return send(200, JSON.stringify({ ok: true, data: { genuine: true, verifications: 2 } }));
    if (req.url === '/api/fn/wallet') return send(200, JSON.stringify({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'no token' } }));
    if (req.url === '/api/fn/weird') return send(200, JSON.stringify({ ok: false, error: { code: 'SOMETHING_NEW', message: 'x' } }));
    if (req.url === '/api/fn/html') return send(502, '<html>Bad gateway</html>');
    if (req.url === '/api/fn/bad') return send(400, JSON.stringify({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'malformed JSON' } }));
    if (req.url === '/api/fn/slow') return; // never answers
    if (req.url === '/api/dev/login') return send(200, JSON.stringify({ token: 'tok-1' }));
    return send(404, JSON.stringify({ error: 'unknown function' }));
  });
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('createGatewayTransport', () => {
  it('POSTs the event to /api/fn/<name> with the Bearer token and returns the function reply', async () => {
    const t = createGatewayTransport({ baseUrl: `${baseUrl}/`, getToken: () => 'tok-1', fetch });
    const r = await t('scan', { action: 'verify', code: 'C' }, { timeout_ms: 2000 });
    expect(r).toEqual({ ok: true, data: { genuine: true, verifications: 2 } });
    expect(seen.at(-1)).toEqual({ url: '/api/fn/scan', auth: 'Bearer tok-1', body: { action: 'verify', code: 'C' } });
  });

  it('sends no Authorization header when logged out, and passes business errors through', async () => {
    const t = createGatewayTransport({ baseUrl, getToken: () => null, fetch });
    const r = await t('wallet', { action: 'balance' }, { timeout_ms: 2000 });
    expect(r).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'no token' } });
    expect(seen.at(-1)!.auth).toBeUndefined();
  });

  it('turns unknown functions, error pages, unknown codes, silence and a dead server into values', async () => {
    const t = createGatewayTransport({ baseUrl, getToken: () => 't', fetch });
    expect((await t('nope', { action: 'x' }, { timeout_ms: 2000 })).ok).toBe(false);
    expect(await t('nope', { action: 'x' }, { timeout_ms: 2000 })).toMatchObject({ error: { code: 'BAD_REPLY' } });
    expect(await t('html', { action: 'x' }, { timeout_ms: 2000 })).toMatchObject({ error: { code: 'BAD_REPLY' } });
    expect(await t('bad', { action: 'x' }, { timeout_ms: 2000 })).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } });
    expect(await t('weird', { action: 'x' }, { timeout_ms: 2000 })).toMatchObject({ error: { code: 'INTERNAL' } });
    const started = Date.now();
    expect(await t('slow', { action: 'x' }, { timeout_ms: 150 })).toMatchObject({ error: { code: 'NETWORK' } });
    expect(Date.now() - started).toBeLessThan(1500);
    const dead = createGatewayTransport({ baseUrl: 'http://127.0.0.1:1', getToken: () => null, fetch });
    expect(await dead('scan', { action: 'verify' }, { timeout_ms: 2000 })).toMatchObject({ error: { code: 'NETWORK' } });
  });

  it('rejects a malformed function name as a bug', async () => {
    const t = createGatewayTransport({ baseUrl, getToken: () => null, fetch });
    await expect(t('../admin', { action: 'x' }, { timeout_ms: 100 })).rejects.toThrow();
  });
});

describe('devLogin', () => {
  it('posts app and openId to /api/dev/login and returns the token', async () => {
    const r = await devLogin({ baseUrl, fetch, app: 'consumer', openId: 'demo-consumer-1' });
    expect(r).toEqual({ ok: true, data: { token: 'tok-1' } });
    expect(seen.at(-1)).toMatchObject({ url: '/api/dev/login', body: { app: 'consumer', openId: 'demo-consumer-1' } });
    const down = await devLogin({ baseUrl: 'http://127.0.0.1:1', fetch, app: 'consumer', openId: 'demo-consumer-1' });
    expect(down.ok === false && down.error.userMessage).toBe('网络不稳定，请重试');
  });
});

describe('createCloudTransport', () => {
  it('unwraps callFunction().result and maps a rejected call to NETWORK', async () => {
    const calls: unknown[] = [];
    const ok = createCloudTransport(async (o) => {
      calls.push(o);
      return { result: { ok: true, data: { balance: 5 } }, errMsg: 'cloud.callFunction:ok' } as { result: unknown };
    });
    expect(await ok('wallet', { action: 'balance' }, { timeout_ms: 1000 })).toEqual({ ok: true, data: { balance: 5 } });
    expect(calls).toEqual([{ name: 'wallet', data: { action: 'balance' } }]);
    const failing = createCloudTransport(async () => {
      throw { errCode: -404011, errMsg: 'cloud.callFunction:fail' };
    });
    expect(await failing('wallet', { action: 'balance' }, { timeout_ms: 1000 })).toMatchObject({ error: { code: 'NETWORK' } });
    const hanging = createCloudTransport(() => new Promise(() => {}));
    expect(await hanging('wallet', { action: 'balance' }, { timeout_ms: 50 })).toMatchObject({ error: { code: 'NETWORK' } });
  });

  it('treats a function that returned no reply shape as BAD_REPLY', () => {
    expect(toReply(undefined)).toMatchObject({ ok: false, error: { code: 'BAD_REPLY' } });
    expect(toReply({ errorMessage: 'crash' })).toMatchObject({ ok: false, error: { code: 'BAD_REPLY' } });
    expect(toReply({ ok: false, error: { code: 'FORBIDDEN', message: 'm', field: 'orgId' } })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'm', field: 'orgId' },
    });
  });

  it('keeps the details a refusal carries for the next step (a CSV import\'s bad rows), and nothing that is not an object', () => {
    const errors = [{ row: 2, column: 'price', message: 'below the floor' }];
    expect(toReply({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'm', field: 'csv', details: { errors } } })).toEqual({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'm', field: 'csv', details: { errors } } });
    expect(toReply({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'm', details: [1] } })).toEqual({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'm' } });
  });
});
