/**
 * Goal: an app's image upload is checked against the limits before anything is sent, answers a
 * fileID or an error with plain words (never throws), and on weapp goes into the caller's own
 * folder. (The h5 path against a real gateway is tested in local-cloud/test/gateway/storage.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { STORAGE_LIMITS } from '../storage/limits.js';
import { createCloudUploadTransport, createImageUploader, type CloudUploadFile } from './uploads.js';

const OWNER = { app: 'dealer', openId: 'o-d1' };

function weapp(uploadFile: CloudUploadFile, owner: typeof OWNER | null = OWNER) {
  return createImageUploader(createCloudUploadTransport({ uploadFile, owner: () => owner, newId: () => 'f1', now_ms: () => Date.UTC(2026, 11, 4) }), { timeout_ms: 1_000 });
}

describe('createImageUploader', () => {
  it('refuses a type or size outside the limits without sending anything', async () => {
    const sent: unknown[] = [];
    const uploader = weapp(async (o) => {
      sent.push(o);
      return { fileID: 'cloud://e.b/x.png' };
    });
    for (const file of [
      { contentType: 'image/gif', size_bytes: 10, path: '/tmp/a.gif' },
      { contentType: 'application/pdf', size_bytes: 10, path: '/tmp/a.pdf' },
      { contentType: 'image/png', size_bytes: STORAGE_LIMITS.maxBytes.image + 1, path: '/tmp/a.png' },
      { contentType: 'image/png', size_bytes: 0, path: '/tmp/a.png' },
    ]) {
      const r = await uploader.uploadImage(file);
      expect(r, file.contentType).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'file', userMessage: expect.stringMatching(/10MB/) } });
    }
    expect(sent).toEqual([]);
  });

  it('weapp: uploads into the caller folder and answers the fileID', async () => {
    const sent: Array<{ cloudPath: string; filePath: string }> = [];
    const uploader = weapp(async (o) => {
      sent.push(o);
      return { fileID: `cloud://prod-1.7072-prod-1-1250000000/${o.cloudPath}` };
    });
    const r = await uploader.uploadImage({ contentType: 'image/jpeg', size_bytes: 1234, path: 'wxfile://tmp/a.jpg' });
    expect(sent).toEqual([{ cloudPath: 'uploads/dealer/o-d1/20261204/f1.jpg', filePath: 'wxfile://tmp/a.jpg' }]);
    expect(r).toEqual({ ok: true, data: { fileID: 'cloud://prod-1.7072-prod-1-1250000000/uploads/dealer/o-d1/20261204/f1.jpg', size_bytes: 1234, contentType: 'image/jpeg' } });
  });

  it('turns a failed or odd platform answer into an error value', async () => {
    const rejected = await weapp(async () => Promise.reject({ errMsg: 'cloud.uploadFile:fail network' })).uploadImage({ contentType: 'image/png', size_bytes: 1, path: 'p' });
    expect(rejected).toMatchObject({ ok: false, error: { code: 'NETWORK', userMessage: expect.any(String) } });
    const odd = await weapp(async () => ({ fileID: 'https://not-a-file-id/x.png' })).uploadImage({ contentType: 'image/png', size_bytes: 1, path: 'p' });
    expect(odd).toMatchObject({ ok: false, error: { code: 'BAD_REPLY' } });
    const anonymous = await weapp(async () => ({ fileID: 'x' }), null).uploadImage({ contentType: 'image/png', size_bytes: 1, path: 'p' });
    expect(anonymous).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', userMessage: '请先登录再上传图片' } });
  });
});
