/**
 * Goal: the function runner keeps its bounds and recovers, as seen by an HTTP client: a stuck
 * function times out and its worker is replaced, a full queue answers RATE_LIMITED at once, a
 * crashed instance answers INTERNAL and the next call works, and a rebuilt bundle is picked up.
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../../src/testing.js';
import { FIXTURE_CLOUD, FIXTURE_COLLECTIONS, FIXTURE_FUNCTIONS, postJson } from './helpers.js';

describe('function runner limits', () => {
  let cloud: TestCloud;

  beforeAll(async () => {
    cloud = await startTestCloud({
      ...FIXTURE_CLOUD,
      runnerLimits: { maxWorkers: 1, maxWorkersPerFunction: 1, maxQueuedPerFunction: 2, invocationTimeout_ms: 2_000 },
    });
    // The single worker is warm before the tests count queue places.
    expect(await cloud.call('echo', { action: 'ping' })).toMatchObject({ ok: true });
  });

  afterAll(async () => {
    await cloud?.close();
  });

  it('times out a stuck invocation with TIMEOUT, then serves the next call from a new worker', async () => {
    const started = Date.now();
    const res = await postJson(cloud.url, '/api/fn/echo', { action: 'spin' });
    expect(res.status).toBe(504);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await cloud.call('echo', { action: 'ping' })).toMatchObject({ ok: true, data: { pong: true } });
  });

  it('answers RATE_LIMITED at once beyond one running and two queued calls', async () => {
    const replies = await Promise.all(
      Array.from({ length: 6 }, () => postJson(cloud.url, '/api/fn/echo', { action: 'sleep', ms: 1_000 })),
    );
    const ok = replies.filter((r) => r.status === 200 && r.json().ok === true);
    const limited = replies.filter((r) => r.status === 429);
    expect(ok).toHaveLength(3);
    expect(limited).toHaveLength(3);
    for (const r of limited) {
      expect(r.json()).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
      expect(r.headers['retry-after']).toBe('1');
    }
  });

  it('answers INTERNAL when the instance dies mid-call, and recovers', async () => {
    const res = await postJson(cloud.url, '/api/fn/echo', { action: 'exit' });
    expect(res.status).toBe(500);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await cloud.call('echo', { action: 'ping' })).toMatchObject({ ok: true });
  });

  it('clears the previous caller identity before the next invocation on the same worker', async () => {
    const token = await cloud.login('dealer', 'o-previous');
    const first = await cloud.call<{ sdk: Record<string, string> }>('echo', { action: 'whoami' }, token);
    expect(first.ok && first.data.sdk.WX_OPENID).toBe('o-previous');
    const next = await cloud.call<{ sdk: Record<string, string>; env: Record<string, string> }>('echo', { action: 'whoami' });
    expect(next.ok && next.data.sdk).toEqual({ WX_CLIENTIP: '127.0.0.1' });
    expect(next.ok && next.data.env).toEqual({ WX_CLIENTIP: '127.0.0.1' });
  });

  it('reports its workers in /api/health and never exceeds the worker limit', async () => {
    const health = (await (await fetch(`${cloud.url}/api/health`)).json()) as { data: { runner: { workers: { total: number } } } };
    expect(health.data.runner.workers.total).toBeLessThanOrEqual(1);
  });
});

describe('function bundles', () => {
  let dir: string;
  let cloud: TestCloud;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'channel-router-fns-'));
    cpSync(path.join(FIXTURE_FUNCTIONS, 'echo'), path.join(dir, 'echo'), { recursive: true });
    cpSync(path.join(FIXTURE_FUNCTIONS, 'echo'), path.join(dir, 'broken'), { recursive: true });
    appendFileSync(path.join(dir, 'broken', 'index.js'), '\nthis is not javascript;\n');
    cloud = await startTestCloud({ functionsDir: dir, collectionsFile: FIXTURE_COLLECTIONS });
  });

  afterAll(async () => {
    await cloud?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('picks up a rebuilt bundle without a restart', async () => {
    expect(await cloud.call('echo', { action: 'ping' })).toMatchObject({ ok: true, data: { pong: true } });
    // A later mtime is what marks a rebuild; make sure the clock has moved on.
    await new Promise((r) => setTimeout(r, 20));
    appendFileSync(path.join(dir, 'echo', 'index.js'), '\nmodule.exports = { main: async () => ({ ok: true, data: { rebuilt: true } }) };\n');
    expect(await cloud.call('echo', { action: 'ping' })).toEqual({ ok: true, data: { rebuilt: true } });
  });

  it('answers INTERNAL for a bundle that does not load, with the reason in the server log', async () => {
    const res = await postJson(cloud.url, '/api/fn/broken', { action: 'ping' });
    expect(res.status).toBe(500);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'function failed to load' } });
    expect(cloud.logs().some((l) => l.includes('broken') && l.includes('SyntaxError'))).toBe(true);
  });
});
