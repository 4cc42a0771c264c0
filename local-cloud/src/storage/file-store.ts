/**
 * The local cloud's files on disk: `<dataDir>/storage/<env>/<cloud path>`. Cloud paths are checked
 * by shared/src/storage (no `..`, no dot names, ASCII only) and every resolved path is asserted to
 * stay inside the storage root as well, so no request can read or write outside it.
 *
 * A write streams into `<root>/.incoming/<random>`, is flushed to disk, and only then renamed into
 * place: a reader never sees half a file, and a crash leaves at most a stray temporary file.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, readdirSync, renameSync, rmSync, statSync, unlinkSync, type ReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ENV_ID_PATTERN, SNIFF_BYTES, STORAGE_LIMITS, checkUpload, type FileKind, type FileTypeSpec } from '@channel-router/shared';

export const STORAGE_DIR = 'storage';
const INCOMING_DIR = '.incoming';
const STALE_INCOMING_MS = 60 * 60 * 1000;

export type WriteResult = { ok: true; size_bytes: number } | { ok: false; reason: 'too_large' | 'bad_content' | 'aborted' | 'conflict'; message: string };

/** Thrown inside the pipeline to stop a write early; never escapes this file. */
class RefusedWrite extends Error {
  constructor(readonly result: Extract<WriteResult, { ok: false }>) {
    super(result.message);
  }
}

export class FileStore {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = path.resolve(dataDir, STORAGE_DIR);
    const incoming = path.join(this.root, INCOMING_DIR);
    mkdirSync(incoming, { recursive: true });
    // Uploads a crash interrupted. Only old ones: another process on this data directory may be
    // writing the recent ones (an upload lasts at most the gateway's request timeout).
    const stale_ms = Date.now() - STALE_INCOMING_MS;
    for (const name of readdirSync(incoming)) {
      const file = path.join(incoming, name);
      if (statSync(file).mtimeMs < stale_ms) rmSync(file, { force: true });
    }
  }

  /** Absolute path of a checked cloud path of `env`; throws (a bug) if it would leave the root. */
  resolve(env: string, cloudPath: string): string {
    if (!ENV_ID_PATTERN.test(env)) throw new RangeError(`bad env ${JSON.stringify(env)}`);
    const full = path.resolve(this.root, env, cloudPath);
    if (!full.startsWith(path.join(this.root, env) + path.sep)) throw new RangeError(`cloud path ${JSON.stringify(cloudPath)} leaves the storage root`);
    return full;
  }

  /** Size of a stored file, or null when there is none. */
  size(env: string, cloudPath: string): number | null {
    try {
      const st = statSync(this.resolve(env, cloudPath));
      return st.isFile() ? st.size : null;
    } catch {
      return null;
    }
  }

  read(env: string, cloudPath: string): ReadStream {
    return createReadStream(this.resolve(env, cloudPath));
  }

  /** Deletes a file; false when there was none. */
  remove(env: string, cloudPath: string): boolean {
    try {
      unlinkSync(this.resolve(env, cloudPath));
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'EISDIR') return false;
      throw e;
    }
  }

  /**
   * Streams `body` into the file, replacing any previous one. Refused, leaving nothing behind:
   * more than the kind's limit (stopped as soon as it is passed), content not of `type`, a
   * `kinds` list without the type's kind, an aborted upload, or a folder in the way.
   */
  async write(env: string, cloudPath: string, type: FileTypeSpec, body: Readable, kinds?: readonly FileKind[]): Promise<WriteResult> {
    const target = this.resolve(env, cloudPath);
    if (kinds !== undefined && !kinds.includes(type.kind)) {
      body.resume();
      return { ok: false, reason: 'bad_content', message: `file must be ${kinds.join(' or ')}, not ${type.contentType}` };
    }
    const temp = path.join(this.root, INCOMING_DIR, randomUUID());
    const max_bytes = STORAGE_LIMITS.maxBytes[type.kind];
    let size = 0;
    const head: Buffer[] = [];
    let headBytes = 0;
    const check = async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        size += chunk.length;
        // Stop at the first byte over the limit: an oversized upload is never held in full.
        if (size > max_bytes) throw new RefusedWrite({ ok: false, reason: 'too_large', message: `file is larger than ${max_bytes} bytes (${type.kind} limit)` });
        if (headBytes < SNIFF_BYTES) {
          head.push(chunk.subarray(0, SNIFF_BYTES - headBytes));
          headBytes = Math.min(SNIFF_BYTES, headBytes + chunk.length);
        }
        yield chunk;
      }
      const r = checkUpload({ type, size_bytes: size, head: Buffer.concat(head), kinds });
      if (!r.ok) throw new RefusedWrite({ ok: false, reason: 'bad_content', message: r.error.message });
    };
    const sink = createWriteStream(temp, { flags: 'wx' });
    try {
      await pipeline(body, check, sink);
      const fh = await open(temp, 'r+');
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
      mkdirSync(path.dirname(target), { recursive: true });
      renameSync(temp, target);
      const stored = statSync(target).size;
      if (stored !== size) throw new Error(`storage: ${cloudPath} holds ${stored} bytes after writing ${size}`);
      return { ok: true, size_bytes: size };
    } catch (e) {
      // A stream destroyed while still opening creates its file afterwards: wait for it to close,
      // or the temporary file would outlive this removal.
      if (!sink.closed) await new Promise<void>((resolve) => sink.once('close', () => resolve()));
      rmSync(temp, { force: true });
      if (e instanceof RefusedWrite) return e.result;
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST') return { ok: false, reason: 'conflict', message: `${cloudPath} conflicts with a folder or file of the same name` };
      if (code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET' || code === 'ABORT_ERR') return { ok: false, reason: 'aborted', message: 'the upload was interrupted' };
      throw e;
    }
  }
}
