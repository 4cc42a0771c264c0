/**
 * Goal: the local cloud serves storage on its gateway port: a function's SDK uploads, links,
 * downloads and deletes files through TCB_CONTEXT_CNFG like it reaches the database; an H5 app
 * uploads an image at /api/storage/upload only when signed in, only within the image limits, and
 * only into its own folder; nothing refused is stored.
 */
import { request } from 'node:http';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { STORAGE_LIMITS } from '@channel-router/shared';
import { createGatewayUploadTransport, createImageUploader } from '@channel-router/shared/src/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLocalSecrets } from '../../src/secrets.js';
import { startTestCloud, type TestCloud } from '../../src/testing.js';
import { FIXTURE_CLOUD, raw } from './helpers.js';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('gateway png')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('gateway jpeg')]);

let cloud: TestCloud;
let token: string;

beforeAll(async () => {
  process.env.TENCENTCLOUD = 'true';
  cloud = await startTestCloud(FIXTURE_CLOUD);
  token = await cloud.login('dealer', 'o-dealer-1');
});

afterAll(async () => {
  await cloud?.close();
});

/** Every file under the data directory's storage folder, except uploads in progress. */
function storedFiles(): string[] {
  const root = path.join(cloud.dataDir, 'storage');
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as Array<{ isFile(): boolean; parentPath: string; name: string }>)
    .filter((e) => e.isFile() && !e.parentPath.includes('.incoming'))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

function upload(body: Buffer, headers: Record<string, string>) {
  return raw(cloud.url, { method: 'POST', path: '/api/storage/upload', body, headers: { 'Content-Length': String(body.length), ...headers } });
}

describe('storage from a function (SDK through TCB_CONTEXT_CNFG)', () => {
  it('uploads, links, downloads and deletes', async () => {
    const reply = await cloud.call<{ fileID: string; url: string; same: boolean }>('echo', { action: 'store', cloudPath: 'fn/a.png', base64: PNG.toString('base64') });
    expect(reply).toMatchObject({ ok: true, data: { fileID: 'cloud://local-dev.local-dev-local/fn/a.png', same: true } });
    // Deleted at the end of the call: the link it handed out no longer serves the file.
    expect(reply.ok && (await fetch(reply.data.url)).status).toBe(404);
  });

  it('hands out links the caller can open', async () => {
    const reply = await cloud.call<{ url: string }>('echo', { action: 'store', cloudPath: 'fn/kept.png', base64: PNG.toString('base64'), keep: true });
    if (!reply.ok) throw new Error(JSON.stringify(reply));
    expect(reply.data.url.startsWith(`${cloud.url}/storage/`)).toBe(true);
    const res = await fetch(reply.data.url, { headers: { Origin: 'http://localhost:10086' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:10086');
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
  });
});

describe('POST /api/storage/upload', () => {
  it('stores a signed-in app user image in their own folder and answers its fileID', async () => {
    const res = await upload(PNG, { Authorization: `Bearer ${token}`, 'Content-Type': 'image/png' });
    expect(res.status).toBe(200);
    const body = res.json<{ ok: true; data: { fileID: string; size_bytes: number; contentType: string } }>();
    expect(body.data).toMatchObject({ size_bytes: PNG.length, contentType: 'image/png' });
    expect(body.data.fileID).toMatch(/^cloud:\/\/local-dev\.local-dev-local\/uploads\/dealer\/o-dealer-1\/\d{8}\/[0-9a-f]{24}\.png$/);

    // The file is what was sent, readable through the SDK's link like any other.
    const app = tcb.init({ env: 'local-dev', serviceUrl: `${cloud.url}/tcb`, ...loadLocalSecrets(cloud.dataDir).credentials });
    const { fileList } = await app.getTempFileURL({ fileList: [body.data.fileID] });
    const got = await fetch(fileList[0].tempFileURL);
    expect(Buffer.from(await got.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('refuses what it must not store, storing nothing', async () => {
    const before = storedFiles();
    const cases: Array<[string, Buffer, Record<string, string>, number, string | undefined]> = [
      ['no token', PNG, { 'Content-Type': 'image/png' }, 401, undefined],
      ['forged token', PNG, { Authorization: `Bearer ${token}x`, 'Content-Type': 'image/png' }, 401, undefined],
      ['type not allowed', Buffer.from('<html>'), { Authorization: `Bearer ${token}`, 'Content-Type': 'text/html' }, 400, 'file'],
      ['a CSV (apps upload images only)', Buffer.from('a,b\n'), { Authorization: `Bearer ${token}`, 'Content-Type': 'text/csv' }, 400, 'file'],
      ['content not its type', JPEG, { Authorization: `Bearer ${token}`, 'Content-Type': 'image/png' }, 400, 'file'],
      ['empty', Buffer.alloc(0), { Authorization: `Bearer ${token}`, 'Content-Type': 'image/png' }, 400, 'file'],
    ];
    for (const [name, body, headers, status, field] of cases) {
      const res = await upload(body, headers);
      expect(res.status, name).toBe(status);
      expect(res.json().error, name).toMatchObject(field ? { code: 'INVALID_ARGUMENT', field } : { code: 'UNAUTHENTICATED' });
    }
    expect(storedFiles()).toEqual(before);
  });

  it('refuses an image over the limit, declared or streamed, storing nothing', async () => {
    const before = storedFiles();
    const max = STORAGE_LIMITS.maxBytes.image;
    const declared = await raw(cloud.url, {
      method: 'POST',
      path: '/api/storage/upload',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'image/png', 'Content-Length': String(max + 1) },
      body: PNG,
    });
    expect(declared.status).toBe(400);
    expect(declared.json().error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'file' });

    // Chunked, no length given: refused once the limit is passed.
    const streamed = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const u = new URL(cloud.url);
      let answered = false;
      const req = request({ host: u.hostname, port: u.port, method: 'POST', path: '/api/storage/upload', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'image/png' } }, (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      });
      // Writes after the server answered and closed may fail; only a failure before the answer counts.
      req.on('error', (e) => (answered ? undefined : reject(e)));
      const chunk = Buffer.alloc(1 << 20, 0x41);
      PNG.copy(chunk);
      let sent = 0;
      const pump = () => {
        while (!answered && sent <= max + chunk.length) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
    expect(streamed.status).toBe(400);
    expect(JSON.parse(streamed.text).error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'file' });
    expect(storedFiles()).toEqual(before);
  });

  it('takes POST only, and a browser cannot PUT into storage directly', async () => {
    expect((await raw(cloud.url, { method: 'GET', path: '/api/storage/upload' })).status).toBe(405);
    const put = await raw(cloud.url, { method: 'PUT', path: '/storage/local-dev-local/x/a.png', headers: { Origin: 'http://localhost:10086' }, body: PNG });
    expect(put.status).toBe(403);
    expect(put.text).toMatch(/<Code>AccessDenied<\/Code>/);
  });
});

describe('the apps image uploader (shared/src/client) against the gateway', () => {
  it('uploads an image and answers its fileID; refusals come back as values with plain words', async () => {
    const uploader = createImageUploader(createGatewayUploadTransport({ baseUrl: cloud.url, getToken: () => token, fetch: (url, init) => fetch(url, init as RequestInit) }));
    const r = await uploader.uploadImage({ contentType: 'image/png', size_bytes: PNG.length, data: PNG });
    expect(r.ok && r.data).toMatchObject({ fileID: expect.stringMatching(/^cloud:\/\/local-dev\.local-dev-local\/uploads\/dealer\/o-dealer-1\//), size_bytes: PNG.length });

    // Declared as PNG, but the bytes are a JPEG: the gateway refuses, the client says why.
    const wrong = await uploader.uploadImage({ contentType: 'image/png', size_bytes: JPEG.length, data: JPEG });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'file', userMessage: expect.stringMatching(/JPG、PNG 或 WEBP/) } });

    const anonymous = createImageUploader(createGatewayUploadTransport({ baseUrl: cloud.url, getToken: () => null, fetch: (url, init) => fetch(url, init as RequestInit) }));
    expect(await anonymous.uploadImage({ contentType: 'image/png', size_bytes: PNG.length, data: PNG })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});
