/**
 * Goal: the H5 builds are served under /<app>/ with the right content types and client-side-route
 * fallback, a missing build explains how to build it, and no request path reaches a file outside
 * the app's build folder.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../../src/testing.js';
import { FIXTURE_CLOUD, raw } from './helpers.js';

const SECRET = 'SECRET-OUTSIDE-THE-BUILD';
let root: string;
let cloud: TestCloud;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'channel-router-static-'));
  const h5 = path.join(root, 'miniprogram-admin', 'dist', 'h5');
  mkdirSync(path.join(h5, 'js'), { recursive: true });
  writeFileSync(path.join(h5, 'index.html'), '<!doctype html><title>admin shell</title>');
  writeFileSync(path.join(h5, 'js', 'app.3f2a.js'), 'console.log("app")');
  writeFileSync(path.join(h5, 'app.css'), 'body{}');
  writeFileSync(path.join(h5, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(path.join(root, 'secret.txt'), SECRET);
  writeFileSync(path.join(root, 'miniprogram-admin', 'secret.txt'), SECRET);
  symlinkSync(path.join(root, 'secret.txt'), path.join(h5, 'link-out.txt'));
  cloud = await startTestCloud({ ...FIXTURE_CLOUD, staticRoot: root });
});

afterAll(async () => {
  await cloud?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('static hosting', () => {
  it('serves an index page at / linking the four apps', async () => {
    const res = await raw(cloud.url, { path: '/' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    for (const app of ['admin', 'dealer', 'terminal', 'consumer']) expect(res.text).toContain(`href="/${app}/"`);
    expect(res.text).toContain('not built yet');
  });

  it('serves the build with correct content types', async () => {
    const cases: Array<[string, RegExp, string | null]> = [
      ['/admin/', /^text\/html/, 'admin shell'],
      ['/admin/index.html', /^text\/html/, 'admin shell'],
      ['/admin/js/app.3f2a.js', /^text\/javascript/, 'console.log'],
      ['/admin/app.css', /^text\/css/, 'body{}'],
      ['/admin/logo.png', /^image\/png$/, null],
    ];
    for (const [p, type, content] of cases) {
      const res = await raw(cloud.url, { path: p });
      expect(res.status, p).toBe(200);
      expect(res.headers['content-type'], p).toMatch(type);
      if (content) expect(res.text, p).toContain(content);
    }
  });

  it('redirects /admin to /admin/, falls back to the shell for routes, 404s missing assets', async () => {
    const redirect = await raw(cloud.url, { path: '/admin' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe('/admin/');
    const route = await raw(cloud.url, { path: '/admin/pages/batches/detail?id=3' });
    expect(route.status).toBe(200);
    expect(route.text).toContain('admin shell');
    expect((await raw(cloud.url, { path: '/admin/js/missing.js' })).status).toBe(404);
    expect((await raw(cloud.url, { path: '/elsewhere/' })).status).toBe(404);
  });

  it('explains how to build an app that is not built', async () => {
    const res = await raw(cloud.url, { path: '/dealer/' });
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('not built yet');
    expect(res.text).toContain('npm run build:h5');
  });

  it('supports HEAD and conditional GET, refuses other methods', async () => {
    const head = await raw(cloud.url, { method: 'HEAD', path: '/admin/app.css' });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    const etag = String(head.headers.etag);
    const again = await raw(cloud.url, { path: '/admin/app.css', headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect((await raw(cloud.url, { method: 'POST', path: '/admin/', body: 'x' })).status).toBe(405);
  });

  it('never serves a file outside the build folder', async () => {
    const attempts = [
      '/admin/../secret.txt',
      '/admin/../../secret.txt',
      '/admin/../../../secret.txt',
      '/admin/%2e%2e/%2e%2e/%2e%2e/secret.txt',
      '/admin/..%2f..%2f..%2fsecret.txt',
      '/admin/..%2F..%2Fsecret.txt',
      '/admin/..%5c..%5c..%5csecret.txt',
      '/admin/%252e%252e/%252e%252e/secret.txt',
      '/admin/js/..%00/../../secret.txt',
      '/admin//etc/passwd',
      '/admin/link-out.txt',
      '/admin/%E0%A4%A',
    ];
    for (const p of attempts) {
      const res = await raw(cloud.url, { path: p });
      expect(res.text, p).not.toContain(SECRET);
      expect(res.text, p).not.toContain('root:');
      // A path without an extension may get the app's shell (client-side route); never the file.
      if (res.status === 200) expect(res.text, p).toContain('admin shell');
      else expect([400, 404], p).toContain(res.status);
    }
  });
});
