/**
 * The real HTTP call: a reply's headers come back lower-cased with its exact body, and a server
 * that never answers ends as a value (status 0) after the timeout, not as a throw or a hang.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fetchHttp } from './http.js';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/silent') return; // never answers
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      res.writeHead(200, { 'Wechatpay-Serial': 'PUB_KEY_ID_1', 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ method: req.method, auth: req.headers.authorization, body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

it('sends method, headers and body; answers the status, lower-case headers and the exact body', async () => {
  const res = await fetchHttp(2_000)({ method: 'POST', url: `${base}/echo`, headers: { Authorization: 'WECHATPAY2-SHA256-RSA2048 x' }, body: '{"a":1}' });
  expect(res.status).toBe(200);
  expect(res.headers['wechatpay-serial']).toBe('PUB_KEY_ID_1');
  expect(JSON.parse(res.body)).toEqual({ method: 'POST', auth: 'WECHATPAY2-SHA256-RSA2048 x', body: '{"a":1}' });
});

it('a silent server is status 0 after the timeout', async () => {
  const res = await fetchHttp(200)({ method: 'GET', url: `${base}/silent`, headers: {} });
  expect(res.status).toBe(0);
  expect(res.body).toMatch(/TimeoutError|abort/i);
});

it('refuses a timeout outside (0, 60 s]', () => {
  expect(() => fetchHttp(0)).toThrow();
  expect(() => fetchHttp(60_001)).toThrow();
});
