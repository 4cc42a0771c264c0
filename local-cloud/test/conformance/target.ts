/**
 * Where the conformance suite runs: the one place that chooses.
 *
 * - TCB_ENV, TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY all set: a real CloudBase
 *   environment (the local server is not started). Create the collections and the unique index
 *   listed in ./collections.json in that environment first.
 * - Otherwise: the local cloud's /tcb server on a temporary data directory; the real-cloud run
 *   reports itself skipped.
 *
 * Either way the tests talk to the database only through the real @cloudbase/node-sdk.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { afterAll, beforeAll, describe } from 'vitest';
import type { StoreLimits } from '../../src/db/limits.js';
import { startTcbServer, type TcbServer } from '../../src/tcb/standalone.js';

export type TargetKind = 'local' | 'cloud';

const env = process.env;
export const TARGET: TargetKind = env.TCB_ENV && env.TENCENTCLOUD_SECRETID && env.TENCENTCLOUD_SECRETKEY ? 'cloud' : 'local';

if (TARGET === 'local') {
  // Without it the SDK probes Tencent's metadata host before every request. Never set it for the
  // real cloud from outside Tencent: it would switch the SDK to the internal endpoint.
  env.TENCENTCLOUD = 'true';
}

let announced = false;
function announce(): void {
  if (announced) return;
  announced = true;
  console.info(
    TARGET === 'cloud'
      ? `[conformance] running against the real CloudBase environment ${env.TCB_ENV}`
      : '[conformance] real CloudBase: skipped (set TCB_ENV, TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY to run this suite against it); running against the local cloud',
  );
}

// The SDK's typings are loose; the suite uses the database API only.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = any;

export interface Target {
  kind: TargetKind;
  db: Db;
  /** A database handle whose requests are signed with a wrong secret key. */
  forgedDb(): Db;
  /** Creates the collection if needed and empties it. */
  freshCollection(name: string): Promise<void>;
  /** Local: creates the unique index. Cloud: it must exist already (see collections.json). */
  ensureUniqueIndex(collection: string, keys: Record<string, 1 | -1>): Promise<void>;
  close(): Promise<void>;
}

export interface TargetOptions {
  /** Limits of the local server (ignored for the cloud). */
  localLimits?: Partial<StoreLimits>;
}

async function openLocal(options: TargetOptions): Promise<Target> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lc-conformance-'));
  const server: TcbServer = await startTcbServer({ dataDir, limits: options.localLimits });
  const init = (secretKey: string) => tcb.init({ env: 'local-conformance', serviceUrl: server.url, secretId: server.credentials.secretId, secretKey }).database();
  const db = init(server.credentials.secretKey);
  return {
    kind: 'local',
    db,
    forgedDb: () => init(`${server.credentials.secretKey}x`),
    freshCollection: (name) => fresh(db, name),
    ensureUniqueIndex: async (collection, keys) => {
      server.store.ensureIndex(collection, { keys, unique: true });
    },
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function openCloud(): Target {
  const init = (secretKey: string) => tcb.init({ env: env.TCB_ENV, secretId: env.TENCENTCLOUD_SECRETID, secretKey, timeout: 30_000 }).database();
  const db = init(env.TENCENTCLOUD_SECRETKEY as string);
  return {
    kind: 'cloud',
    db,
    forgedDb: () => init(`${env.TENCENTCLOUD_SECRETKEY}x`),
    freshCollection: (name) => fresh(db, name),
    ensureUniqueIndex: async () => {},
    close: async () => {},
  };
}

async function fresh(db: Db, name: string): Promise<void> {
  try {
    await db.createCollection(name);
  } catch (e) {
    if ((e as { code?: string }).code !== 'DATABASE_COLLECTION_ALREADY_EXIST') throw e;
  }
  const _ = db.command;
  // Batches keep each remove within the store's per-request limit.
  for (;;) {
    const { deleted } = (await db.collection(name).where({ _id: _.exists(true) }).remove()) as { deleted: number };
    if (!deleted) break;
  }
}

/**
 * Registers the suite twice: `[local]` and `[cloud]`; the one not chosen by TARGET is skipped
 * (so a run without cloud credentials lists the cloud suite as skipped).
 */
export function describeConformance(name: string, body: (target: () => Target) => void, options: TargetOptions = {}): void {
  for (const kind of ['local', 'cloud'] as const) {
    describe.skipIf(TARGET !== kind)(`[${kind}] ${name}`, () => {
      let target: Target | undefined;
      beforeAll(async () => {
        announce();
        target = kind === 'local' ? await openLocal(options) : openCloud();
      });
      afterAll(async () => {
        await target?.close();
      });
      body(() => {
        if (!target) throw new Error('conformance target not open');
        return target;
      });
    });
  }
}
