/**
 * Goal: the file store keeps files inside its folder whatever path it is handed, replaces a file
 * only once a complete, accepted upload is on disk, and leaves nothing behind when it refuses one.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { FILE_TYPES, STORAGE_LIMITS } from '@channel-router/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { FileStore } from './file-store.js';

const dir = mkdtempSync(path.join(tmpdir(), 'file-store-'));
const store = new FileStore(dir);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('body of the png')]);
const png = FILE_TYPES.png!;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const incoming = () => readdirSync(path.join(store.root, '.incoming'));

describe('FileStore', () => {
  it('refuses (as a bug) any path that would leave its folder', () => {
    for (const p of ['../x.png', 'a/../../x.png', '/etc/passwd', '..']) expect(() => store.resolve('local-dev', p), p).toThrow(RangeError);
    expect(() => store.resolve('../up', 'a.png')).toThrow(RangeError);
    expect(store.resolve('local-dev', 'a/b.png')).toBe(path.join(dir, 'storage', 'local-dev', 'a', 'b.png'));
  });

  it('stores, replaces and removes a file', async () => {
    expect(await store.write('local-dev', 'a/b.png', png, Readable.from([PNG]))).toEqual({ ok: true, size_bytes: PNG.length });
    const second = Buffer.concat([PNG, PNG]);
    expect(await store.write('local-dev', 'a/b.png', png, Readable.from([second.subarray(0, 5), second.subarray(5)]))).toEqual({ ok: true, size_bytes: second.length });
    expect(readFileSync(store.resolve('local-dev', 'a/b.png')).equals(second)).toBe(true);
    expect(store.remove('local-dev', 'a/b.png')).toBe(true);
    expect(store.remove('local-dev', 'a/b.png')).toBe(false);
    expect(store.size('local-dev', 'a/b.png')).toBeNull();
  });

  it('refuses an oversized, mistyped or empty upload, keeping the previous file and no temporary one', async () => {
    await store.write('local-dev', 'keep.png', png, Readable.from([PNG]));
    const max = STORAGE_LIMITS.maxBytes.image;
    const chunk = Buffer.alloc(1 << 20);
    PNG.copy(chunk);
    let pulled = 0;
    const endless = Readable.from(
      (function* () {
        for (;;) {
          pulled += chunk.length;
          yield chunk;
        }
      })(),
    );
    expect(await store.write('local-dev', 'keep.png', png, endless)).toMatchObject({ ok: false, reason: 'too_large' });
    // Stopped at the limit, not after reading everything offered.
    expect(pulled).toBeLessThanOrEqual(max + 2 * chunk.length);
    expect(await store.write('local-dev', 'keep.png', png, Readable.from([Buffer.from('GIF89a not a png')]))).toMatchObject({ ok: false, reason: 'bad_content' });
    expect(await store.write('local-dev', 'keep.png', png, Readable.from([]))).toMatchObject({ ok: false, reason: 'bad_content' });
    expect(await store.write('local-dev', 'keep.png', png, Readable.from([PNG]), ['export'])).toMatchObject({ ok: false, reason: 'bad_content' });
    expect(readFileSync(store.resolve('local-dev', 'keep.png')).equals(PNG)).toBe(true);
    expect(incoming()).toEqual([]);
  });

  it('answers a conflict when a file stands where a folder must go', async () => {
    await store.write('local-dev', 'f.png', png, Readable.from([PNG]));
    expect(await store.write('local-dev', 'f.png/inner.png', png, Readable.from([PNG]))).toMatchObject({ ok: false, reason: 'conflict' });
    expect(incoming()).toEqual([]);
  });
});
