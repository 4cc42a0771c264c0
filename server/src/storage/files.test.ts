/**
 * Goal: what a function keeps from storage is checked: `storeFile` refuses a path, type or
 * content outside the limits before uploading anything, and `checkUploadedImage` accepts only an
 * image the caller uploaded into their own folder and that is still there.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLocalSecrets } from '../../../local-cloud/src/secrets.js';
import { startTestCloud, type TestCloud } from '../../../local-cloud/src/testing.js';
import type { CloudApp } from '../runtime/cloud.js';
import { checkUploadedImage, storeFile, tempUrls } from './files.js';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('receipt photo')]);
const FIXTURE_FUNCTIONS = path.resolve(import.meta.dirname, '../../../local-cloud/test/fixtures/functions');

let cloud: TestCloud;
let app: CloudApp;
let token: string;
const work = mkdtempSync(path.join(tmpdir(), 'files-test-'));

beforeAll(async () => {
  process.env.TENCENTCLOUD = 'true';
  cloud = await startTestCloud({ functionsDir: FIXTURE_FUNCTIONS });
  app = tcb.init({ env: 'local-dev', serviceUrl: `${cloud.url}/tcb`, ...loadLocalSecrets(cloud.dataDir).credentials });
  token = await cloud.login('dealer', 'o-d1');
});

afterAll(async () => {
  await cloud?.close();
  rmSync(work, { recursive: true, force: true });
});

async function uploadAsDealer(bytes: Buffer): Promise<string> {
  const res = await fetch(`${cloud.url}/api/storage/upload`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' }, body: bytes });
  const body = (await res.json()) as { data: { fileID: string } };
  return body.data.fileID;
}

describe('storeFile', () => {
  it('uploads a local file and answers its fileID and a working link', async () => {
    const file = path.join(work, 'a.csv');
    writeFileSync(file, 'level,code\n');
    const r = await storeFile(app, { cloudPath: 'exports/test/a.csv', localFile: file, linkMaxAge_s: 60, now_ms: Date.now() });
    expect(r).toMatchObject({ ok: true, data: { fileID: 'cloud://local-dev.local-dev-local/exports/test/a.csv', bytes: 11 } });
    expect(r.ok && (await (await fetch(r.data.url)).text())).toBe('level,code\n');
  });

  it('refuses a bad path, a type not allowed and content not of its type, uploading nothing', async () => {
    const bin = path.join(work, 'b.bin');
    writeFileSync(bin, Buffer.from([0, 1, 2, 3]));
    for (const cloudPath of ['../x.csv', 'exports/x.exe']) {
      expect(await storeFile(app, { cloudPath, localFile: bin, linkMaxAge_s: 60, now_ms: 0 })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'cloudPath' } });
    }
    expect(await storeFile(app, { cloudPath: 'exports/x.csv', localFile: bin, linkMaxAge_s: 60, now_ms: 0 })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'file' } });
    expect(cloud.cloud.storage.files.size('local-dev', 'exports/x.csv')).toBeNull();
  });
});

describe('checkUploadedImage', () => {
  it('accepts the caller own upload with its size and type', async () => {
    const fileID = await uploadAsDealer(PNG);
    expect(await checkUploadedImage(app, fileID, { app: 'dealer', openId: 'o-d1' })).toEqual({ ok: true, data: { fileID, size_bytes: PNG.length, contentType: 'image/png' } });
  });

  it('refuses another person upload, a non-image, a malformed and a deleted fileID', async () => {
    const fileID = await uploadAsDealer(PNG);
    const refused = { ok: false, error: { code: 'INVALID_ARGUMENT', field: 'fileID' } };
    expect(await checkUploadedImage(app, fileID, { app: 'dealer', openId: 'o-d2' })).toMatchObject(refused);
    expect(await checkUploadedImage(app, fileID, { app: 'terminal', openId: 'o-d1' })).toMatchObject(refused);
    expect(await checkUploadedImage(app, fileID, { app: null, openId: 'o-d1' })).toMatchObject(refused);
    expect(await checkUploadedImage(app, 'cloud://local-dev.local-dev-local/uploads/dealer/o-d1/20260101/x.csv', { app: 'dealer', openId: 'o-d1' })).toMatchObject(refused);
    expect(await checkUploadedImage(app, 'https://example.com/a.png', { app: 'dealer', openId: 'o-d1' })).toMatchObject(refused);
    await app.deleteFile({ fileList: [fileID] });
    expect(await checkUploadedImage(app, fileID, { app: 'dealer', openId: 'o-d1' })).toMatchObject({ ...refused, error: { ...refused.error, message: expect.stringMatching(/no such file/) } });
  });
});

describe('tempUrls', () => {
  it('signs every file of a page in one storage request; a missing file gets no link', async () => {
    const a = await uploadAsDealer(PNG);
    const b = await uploadAsDealer(Buffer.concat([PNG, Buffer.from('2')]));
    const gone = 'cloud://local-dev.local-dev-local/uploads/dealer/o-d1/20260101/gone.png';
    let calls = 0;
    const counted = { getTempFileURL: (req: never) => (calls++, app.getTempFileURL(req)) } as unknown as CloudApp;
    const links = await tempUrls(counted, [a, b, a, gone], 60);
    expect(calls).toBe(1);
    expect([...links.keys()].sort()).toEqual([a, b].sort());
    expect(Buffer.from(await (await fetch(links.get(b)!)).arrayBuffer())).toEqual(Buffer.concat([PNG, Buffer.from('2')]));
    expect(await tempUrls(counted, [], 60)).toEqual(new Map());
    expect(calls).toBe(1);
  });
});
