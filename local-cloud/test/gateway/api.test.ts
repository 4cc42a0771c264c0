/**
 * Goal: the gateway's API behaves as channel-router.md §6 says, through real HTTP, with the real
 * SDK in the fixture function and the real database behind /tcb: sign-in, identity that only a
 * verified token can set, and every refused request (bad JSON, oversize, unknown function, missing
 * or forged token) leaving the database untouched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../src/gateway/tokens.js';
import { loadLocalSecrets } from '../../src/secrets.js';
import { startTestCloud, type TestCloud } from '../../src/testing.js';
import { FIXTURE_CLOUD, postJson, raw } from './helpers.js';

let cloud: TestCloud;
let alice: string;

beforeAll(async () => {
  cloud = await startTestCloud(FIXTURE_CLOUD);
  alice = await cloud.login('consumer', 'o-alice', 'u-alice');
});

afterAll(async () => {
  await cloud?.close();
});

async function docCount(): Promise<number> {
  const reply = await cloud.call<{ total: number }>('echo', { action: 'count' });
  if (!reply.ok) throw new Error(`count failed: ${JSON.stringify(reply)}`);
  return reply.data.total;
}

async function readDoc(key: string): Promise<unknown> {
  const reply = await cloud.call<{ doc: unknown }>('echo', { action: 'read', key });
  if (!reply.ok) throw new Error(`read failed: ${JSON.stringify(reply)}`);
  return reply.data.doc;
}

describe('POST /api/dev/login', () => {
  it('issues a token for a valid app and openId, unionId defaulting to openId', async () => {
    const res = await postJson(cloud.url, '/api/dev/login', { app: 'admin', openId: 'o-admin' });
    expect(res.status).toBe(200);
    const body = res.json<{ token: string; expiresAt: string }>();
    expect(body.token).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());
    const who = await cloud.call<any>('echo', { action: 'whoami' }, body.token);
    expect(who.ok && who.data.sdk).toMatchObject({ WX_OPENID: 'o-admin', WX_UNIONID: 'o-admin', WX_APPID: 'local-admin' });
  });

  it.each([
    [{ app: 'nope', openId: 'o1' }, 'app'],
    [{ app: 'admin' }, 'openId'],
    [{ app: 'admin', openId: '' }, 'openId'],
    [{ app: 'admin', openId: 'x'.repeat(129) }, 'openId'],
    [{ app: 'admin', openId: 'has space' }, 'openId'],
    [{ app: 'admin', openId: 'o1', unionId: 42 }, 'unionId'],
  ])('refuses %j naming the field %s', async (body, field) => {
    const res = await postJson(cloud.url, '/api/dev/login', body);
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field } });
  });

  it('refuses malformed JSON', async () => {
    const res = await postJson(cloud.url, '/api/dev/login', '{"app":');
    expect(res.status).toBe(400);
    expect(res.json().error.code).toBe('INVALID_ARGUMENT');
  });
});

describe('POST /api/fn/<name>: identity', () => {
  it('passes the verified identity to the function (process.env, getCloudbaseContext, context, userInfo)', async () => {
    const reply = await cloud.call<any>('echo', { action: 'whoami' }, alice);
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    const expected = { WX_OPENID: 'o-alice', WX_UNIONID: 'u-alice', WX_APPID: 'local-consumer', WX_CLIENTIP: '127.0.0.1' };
    expect(reply.data.sdk).toEqual(expected);
    expect(reply.data.env).toEqual(expected);
    expect(reply.data.fromContextArg).toEqual(expected);
    expect(reply.data.userInfo).toEqual({ openId: 'o-alice', appId: 'local-consumer' });
    expect(reply.data.functionName).toBe('echo');
  });

  it('ignores identity sent in the body, with or without a token', async () => {
    const spoof = { userInfo: { openId: 'o-mallory', appId: 'local-admin' }, WX_OPENID: 'o-mallory', openId: 'o-mallory' };
    const signedIn = await cloud.call<any>('echo', { action: 'whoami', ...spoof }, alice);
    expect(signedIn.ok && signedIn.data.sdk.WX_OPENID).toBe('o-alice');
    expect(signedIn.ok && signedIn.data.userInfo).toEqual({ openId: 'o-alice', appId: 'local-consumer' });

    const anonymous = await cloud.call<any>('echo', { action: 'whoami', ...spoof });
    expect(anonymous.ok).toBe(true);
    if (!anonymous.ok) return;
    expect(anonymous.data.sdk).toEqual({ WX_CLIENTIP: '127.0.0.1' });
    expect(anonymous.data.userInfo).toBeNull();
  });

  it('passes the client address as WX_CLIENTIP', async () => {
    const reply = await cloud.call<any>('echo', { action: 'whoami' }, alice, { ip: '203.0.113.7' });
    expect(reply.ok && reply.data.sdk.WX_CLIENTIP).toBe('203.0.113.7');
  });

  it('keeps each caller identity through concurrent invocations', async () => {
    const users = Array.from({ length: 12 }, (_, i) => `o-user-${i}`);
    const tokens = await Promise.all(users.map((u) => cloud.login('terminal', u)));
    const replies = await Promise.all(tokens.map((t) => cloud.call<any>('echo', { action: 'whoami-after', ms: 30 }, t)));
    replies.forEach((r, i) => {
      expect(r.ok && r.data).toEqual({ before: users[i], after: users[i] });
    });
  });

  it('lets a signed-in caller write and read back through the database', async () => {
    const w = await cloud.call('echo', { action: 'write', key: 'k-alice', value: 7 }, alice);
    expect(w).toEqual({ ok: true, data: { key: 'k-alice' } });
    expect(await readDoc('k-alice')).toMatchObject({ _id: 'k-alice', value: 7, by: 'o-alice' });
  });
});

describe('POST /api/fn/<name>: refused requests change nothing', () => {
  const attempt = { action: 'write', key: 'k-refused', value: 1 };

  it('malformed JSON → 400', async () => {
    const before = await docCount();
    const res = await postJson(cloud.url, '/api/fn/echo', '{"action":"write",', { Authorization: `Bearer ${alice}` });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/JSON/) } });
    expect(await docCount()).toBe(before);
  });

  it('a JSON body that is not an object → 400', async () => {
    const res = await postJson(cloud.url, '/api/fn/echo', '[1,2]', { Authorization: `Bearer ${alice}` });
    expect(res.status).toBe(400);
    expect(res.json().error.code).toBe('INVALID_ARGUMENT');
  });

  it('oversize body (> 256 KiB) → 400', async () => {
    const before = await docCount();
    const big = { ...attempt, value: 'x'.repeat(256 * 1024) };
    const res = await postJson(cloud.url, '/api/fn/echo', big, { Authorization: `Bearer ${alice}` });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/exceeds 262144 bytes/) } });
    expect(await docCount()).toBe(before);
    expect(await readDoc('k-refused')).toBeNull();
  });

  it('unknown function → 404, names that are not function names too', async () => {
    for (const p of ['/api/fn/nope', '/api/fn/..%2Fecho', '/api/fn/%E0%A4%A']) {
      const res = await postJson(cloud.url, p, attempt, { Authorization: `Bearer ${alice}` });
      expect(res.status, p).toBe(404);
      expect(res.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });

  it('missing token → the function runs anonymously: public actions work, others answer UNAUTHENTICATED', async () => {
    const before = await docCount();
    const denied = await postJson(cloud.url, '/api/fn/echo', attempt);
    expect(denied.status).toBe(200);
    expect(denied.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const pub = await cloud.call('echo', { action: 'ping' });
    expect(pub).toMatchObject({ ok: true, data: { pong: true } });
    expect(await docCount()).toBe(before);
  });

  it('forged, malformed or expired token → UNAUTHENTICATED from the gateway, even for public actions', async () => {
    const before = await docCount();
    const [v, payload, sig] = alice.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, openId: 'o-mallory' })).toString('base64url');
    const secrets = loadLocalSecrets(cloud.dataDir);
    const otherKey = createTokenService(Buffer.alloc(32, 7), 60_000).issue({ app: 'admin', openId: 'o-x', unionId: 'o-x' }).token;
    const expired = createTokenService(secrets.tokenSecret, 60_000).issue({ app: 'admin', openId: 'o-old', unionId: 'o-old' }, Date.now() - 3_600_000).token;
    const headers = [
      `Bearer ${v}.${forgedPayload}.${sig}`,
      `Bearer ${otherKey}`,
      `Bearer ${expired}`,
      'Bearer not-a-token',
      `Bearer ${alice.slice(0, -2)}`,
      'Basic dXNlcjpwYXNz',
      'Bearer',
    ];
    for (const authorization of headers) {
      for (const event of [attempt, { action: 'ping' }]) {
        const res = await postJson(cloud.url, '/api/fn/echo', event, { Authorization: authorization });
        expect(res.status, authorization).toBe(200);
        expect(res.json(), authorization).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      }
    }
    expect(await docCount()).toBe(before);
    expect(await readDoc('k-refused')).toBeNull();
  });
});

describe('POST /api/fn/<name>: failures of the function', () => {
  it('a throw becomes INTERNAL without the message or stack; the detail goes to the server log', async () => {
    const res = await postJson(cloud.url, '/api/fn/echo', { action: 'throw' });
    expect(res.status).toBe(500);
    const body = res.json();
    expect(body).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'internal error' } });
    expect(res.text).not.toMatch(/internal detail|at main|\.ts:/);
    expect(cloud.logs().some((l) => l.includes('internal detail that must not reach the client'))).toBe(true);
  });
});

describe('other routes', () => {
  it('GET /api/health reports the functions', async () => {
    const res = await raw(cloud.url, { path: '/api/health' });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, data: { status: 'ok', functions: ['echo'] } });
  });

  it('wrong methods and unknown API paths get JSON errors', async () => {
    expect((await raw(cloud.url, { path: '/api/fn/echo' })).status).toBe(405);
    expect((await raw(cloud.url, { path: '/api/dev/login' })).status).toBe(405);
    const unknown = await raw(cloud.url, { path: '/api/nothing' });
    expect(unknown.status).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');
  });

  it('allows CORS from loopback dev servers only', async () => {
    const pre = await raw(cloud.url, {
      method: 'OPTIONS',
      path: '/api/fn/echo',
      headers: { Origin: 'http://localhost:10086', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('http://localhost:10086');
    expect(String(pre.headers['access-control-allow-headers'])).toMatch(/Authorization/);

    const evil = await postJson(cloud.url, '/api/fn/echo', { action: 'ping' }, { Origin: 'https://evil.example' });
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers only to loopback Host names', async () => {
    const res = await raw(cloud.url, { path: '/api/health', headers: { Host: 'evil.example' } });
    expect(res.status).toBe(403);
  });
});
