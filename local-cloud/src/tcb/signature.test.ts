import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import tcb from '@cloudbase/node-sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { SignatureVerifier, type SignedRequest } from './signature.js';

process.env.TENCENTCLOUD = 'true';
const credentials = { secretId: 'AKIDtestsecretid', secretKey: 'test-secret-key' };

/** A request exactly as the real SDK signs and sends it, captured by a dummy server. */
async function captureSdkRequest(): Promise<SignedRequest & { now_s: number }> {
  let captured: { method: string; url: string; headers: IncomingHttpHeaders; body: string } | undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      captured = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() };
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"requestId":"r","data":{"list":[]}}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tcb`;
    const app = tcb.init({ env: 'test-env', serviceUrl: url, ...credentials });
    const db = app.database();
    await db.collection('orders').where({ status: 'new', n: db.command.gt(3) }).orderBy('at', 'desc').limit(5).get();
  } finally {
    server.close();
  }
  if (!captured) throw new Error('nothing captured');
  return { method: captured.method, url: captured.url, headers: captured.headers, params: JSON.parse(captured.body) as Record<string, unknown>, now_s: Math.floor(Date.now() / 1000) };
}

describe('TC3 signature verification', () => {
  let signed: SignedRequest & { now_s: number };
  const verifier = new SignatureVerifier(credentials);
  beforeAll(async () => {
    signed = await captureSdkRequest();
  });

  it('accepts a request signed by @cloudbase/node-sdk with the same credentials', () => {
    expect(signed.headers.authorization).toMatch(/^TC3-HMAC-SHA256 Credential=AKIDtestsecretid\/\d{4}-\d\d-\d\d\/tcb\/tc3_request, SignedParams=/);
    expect(verifier.verify(signed, signed.now_s)).toEqual({ ok: true });
  });

  it('rejects another secret key, another SecretId and a missing signature', () => {
    expect(new SignatureVerifier({ ...credentials, secretKey: 'other' }).verify(signed, signed.now_s)).toEqual({ ok: false, message: 'signature mismatch' });
    expect(new SignatureVerifier({ ...credentials, secretId: 'AKIDother' }).verify(signed, signed.now_s)).toMatchObject({ ok: false, message: 'unknown SecretId' });
    const { authorization: _drop, ...headers } = signed.headers;
    expect(verifier.verify({ ...signed, headers }, signed.now_s)).toMatchObject({ ok: false, message: 'missing Authorization' });
  });

  it('rejects a tampered body, an added body field, a tampered header or URL', () => {
    expect(verifier.verify({ ...signed, params: { ...signed.params, collectionName: 'wallets' } }, signed.now_s)).toMatchObject({ ok: false });
    expect(verifier.verify({ ...signed, params: { ...signed.params, transactionId: 'x' } }, signed.now_s)).toMatchObject({ ok: false, message: 'body parameters differ from SignedParams' });
    expect(verifier.verify({ ...signed, headers: { ...signed.headers, 'x-tcb-source': 'evil' } }, signed.now_s)).toMatchObject({ ok: false, message: 'signature mismatch' });
    expect(verifier.verify({ ...signed, url: signed.url.replace('seqId=', 'seqId=1') }, signed.now_s)).toMatchObject({ ok: false, message: 'signature mismatch' });
  });

  it('rejects a signature older than 10 minutes (replayed later)', () => {
    expect(verifier.verify(signed, signed.now_s + 601)).toMatchObject({ ok: false, message: 'signature expired' });
    expect(verifier.verify(signed, signed.now_s + 300)).toEqual({ ok: true });
  });
});
