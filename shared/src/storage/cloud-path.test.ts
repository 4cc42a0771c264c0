/**
 * Goal: cloud paths that could climb out of a folder or break a URL are refused, file IDs round-trip
 * in CloudBase's `cloud://<env>.<bucket>/<path>` form, and an upload passes only with an allowed
 * type, a size within its kind's limit and content that matches its type.
 */
import { describe, expect, it } from 'vitest';
import { checkCloudPath, checkUpload, contentMatches, formatFileId, imageTypeFor, isUploadOf, parseFileId, uploadCloudPath } from './cloud-path.js';
import { FILE_TYPES, STORAGE_LIMITS } from './limits.js';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);

describe('checkCloudPath', () => {
  it.each([
    ['..', 'parent'],
    ['a/../b.png', 'parent inside'],
    ['./a.png', 'dot segment'],
    ['/a.png', 'leading slash'],
    ['a//b.png', 'empty segment'],
    ['a\\..\\b.png', 'backslash'],
    ['a/.hidden.png', 'hidden name'],
    ['a/b%2f..png', 'percent escape'],
    ['a/b c.png', 'space'],
    ['a/回执.png', 'non-ASCII'],
    ['a/b.png\u0000.jpg', 'NUL'],
    ['a/b.exe', 'type not allowed'],
    ['a/b', 'no extension'],
    ['a/b.PNG/', 'trailing slash'],
    [`${'a/'.repeat(STORAGE_LIMITS.maxPathSegments)}b.png`, 'too deep'],
    [`${'a'.repeat(STORAGE_LIMITS.maxCloudPathChars)}.png`, 'too long'],
    ['', 'empty'],
  ])('refuses %j (%s) naming the field', (path) => {
    const r = checkCloudPath(path);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'cloudPath' } });
  });

  it('accepts the project paths and finds their type (extension case-insensitive)', () => {
    expect(checkCloudPath('exports/batches/bat_1/codes-1.csv')).toEqual({ ok: true, data: { path: 'exports/batches/bat_1/codes-1.csv', type: FILE_TYPES.csv } });
    const r = checkCloudPath('uploads/dealer/o-1/20260101/x.JPG');
    expect(r.ok && r.data.type.contentType).toBe('image/jpeg');
  });
});

describe('file IDs', () => {
  it('round-trips cloud://<env>.<bucket>/<path>', () => {
    const id = formatFileId({ env: 'local-dev', bucket: 'local-dev-1250000000', path: 'a/b.png' });
    expect(id).toBe('cloud://local-dev.local-dev-1250000000/a/b.png');
    expect(parseFileId(id)).toMatchObject({ env: 'local-dev', bucket: 'local-dev-1250000000', path: 'a/b.png' });
  });

  it.each(['https://x/a.png', 'cloud://nobucket/a.png', 'cloud://env.bucket', 'cloud://env.bucket/../a.png', 'cloud://Env.bucket/a.png', 42])('refuses %j', (id) => {
    expect(parseFileId(id)).toBeNull();
  });
});

describe('checkUpload', () => {
  it('accepts a PNG within the image limit', () => {
    expect(checkUpload({ type: FILE_TYPES.png!, size_bytes: 1000, head: PNG })).toEqual({ ok: true, data: FILE_TYPES.png });
  });

  it('refuses a file over its kind limit, an empty one, and content that is not its type', () => {
    const max = STORAGE_LIMITS.maxBytes.image;
    expect(checkUpload({ type: FILE_TYPES.png!, size_bytes: max + 1, head: PNG })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'file' } });
    expect(checkUpload({ type: FILE_TYPES.png!, size_bytes: 0, head: PNG })).toMatchObject({ ok: false });
    expect(checkUpload({ type: FILE_TYPES.png!, size_bytes: 100, head: JPEG })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not image\/png/) } });
  });

  it('refuses a kind the caller does not take (an app uploads images only)', () => {
    expect(checkUpload({ type: FILE_TYPES.csv!, size_bytes: 10, head: new TextEncoder().encode('a,b\n'), kinds: ['image'] })).toMatchObject({ ok: false });
  });

  it('sniffs each allowed type', () => {
    expect(contentMatches(FILE_TYPES.jpg!, JPEG)).toBe(true);
    expect(contentMatches(FILE_TYPES.webp!, new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe(true);
    expect(contentMatches(FILE_TYPES.pdf!, new TextEncoder().encode('%PDF-1.7'))).toBe(true);
    expect(contentMatches(FILE_TYPES.csv!, new TextEncoder().encode('code,parent\n'))).toBe(true);
    expect(contentMatches(FILE_TYPES.csv!, Uint8Array.from([0x61, 0, 0x62]))).toBe(false);
    expect(contentMatches(FILE_TYPES.pdf!, JPEG)).toBe(false);
  });
});

describe('uploads', () => {
  it('are stored in the caller folder and recognised as theirs only', () => {
    const path = uploadCloudPath({ app: 'dealer', openId: 'o-1', now_ms: Date.UTC(2026, 11, 4), id: 'u1', ext: 'png' });
    expect(path).toBe('uploads/dealer/o-1/20261204/u1.png');
    const id = formatFileId({ env: 'local-dev', bucket: 'b-1', path });
    expect(isUploadOf(id, { app: 'dealer', openId: 'o-1' })).toBe(true);
    expect(isUploadOf(id, { app: 'dealer', openId: 'o-12' })).toBe(false);
    expect(isUploadOf(id, { app: 'terminal', openId: 'o-1' })).toBe(false);
  });

  it('maps an image Content-Type to its file type', () => {
    expect(imageTypeFor('image/png; charset=binary')).toBe(FILE_TYPES.png);
    expect(imageTypeFor('text/csv')).toBeNull();
    expect(imageTypeFor(undefined)).toBeNull();
  });
});
