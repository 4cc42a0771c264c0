/**
 * A throw-away local cloud for integration tests: its own temporary data directory, a free port,
 * no demo data. Functions run exactly as under `npm start` (real SDK, real database protocol).
 *
 *   const cloud = await startTestCloud();
 *   const token = await cloud.login('admin', 'o-admin-1');
 *   const reply = await cloud.call('channel', { action: 'me' }, token);
 *   await cloud.close();
 *
 * Set LOCAL_CLOUD_LOG=1 to see the functions' console output while a test runs.
 *
 * `cloud.db` looks behind the API: it reads collections straight from the store (on this thread,
 * no /tcb request) and counts the /tcb requests the functions made, so a test can prove that a
 * refused call changed nothing and a benchmark can count database operations per action.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CallOptions, Reply } from './client.js';
import type { OpenDatabase } from './database.js';
import { decodeDoc, type Doc } from './db/doc-codec.js';
import type { DocumentStore } from './db/store.js';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from './local-cloud.js';
import type { AppName } from './runner/sdk-env.js';
import { sqliteDatabase } from './tcb/open-database.js';

export interface TestCloud {
  readonly url: string;
  readonly dataDir: string;
  readonly cloud: LocalCloud;
  login(app: AppName, openId: string, unionId?: string): Promise<string>;
  call<T = unknown>(fn: string, event: Record<string, unknown>, token?: string, opts?: CallOptions): Promise<Reply<T>>;
  /** Log lines (function console output, runner diagnostics) collected so far; at most the last 2,000. */
  logs(): readonly string[];
  /** The database behind /tcb, for checks and counts (see the file comment). */
  readonly db: TestDatabase;
  /** Stops the cloud and deletes its data directory. */
  close(): Promise<void>;
}

export interface TcbRequestCount {
  /** Requests that reached the /tcb handler: each is one database operation of a function. */
  total: number;
  /** By protocol action (`database.getDocument`, `database.startTransaction`, ...). */
  byAction: Record<string, number>;
  /**
   * Main-thread time spent inside the handler (signature check, parsing, SQLite, the reply), the
   * synchronous part only: what /tcb costs the event loop, for benchmarks that look for where time goes.
   */
  handler_ms: number;
  /** `handler_ms` by protocol action. */
  handlerByAction_ms: Record<string, number>;
}

export interface TestDatabase {
  /** The open store (the default SQLite engine only; absent with a custom `openDatabase`). */
  readonly store: DocumentStore | null;
  /** Every document of a collection, in `_id` order, decoded. */
  all(collection: string): Doc[];
  /**
   * Every collection's documents as stored text, by collection and `_id`: two snapshots are equal
   * exactly when nothing was written in between. Meant for small test databases.
   */
  snapshot(): Record<string, Record<string, string>>;
  /** /tcb requests served since the cloud started (a copy; subtract two to count a call's operations). */
  tcbRequests(): TcbRequestCount;
}

const MAX_LOG_LINES = 2_000;
const ACTION_FIELD = Buffer.from('"action":"');
/** Longest protocol action name looked at (`database.aggregateDocuments` is 28 characters). */
const MAX_ACTION_NAME = 64;

/** The protocol action of a /tcb body, found without parsing the (possibly large) JSON. */
function tcbActionOf(body: Buffer): string {
  const at = body.indexOf(ACTION_FIELD);
  if (at < 0) return '(none)';
  const start = at + ACTION_FIELD.length;
  const end = body.indexOf(0x22 /* " */, start);
  if (end < 0 || end - start > MAX_ACTION_NAME) return '(malformed)';
  return body.toString('latin1', start, end);
}

/** Wraps an engine so that its store is kept and its /tcb requests are counted. */
function observed(open: OpenDatabase, count: TcbRequestCount): OpenDatabase {
  return async (o) => {
    const inner = await open(o);
    return {
      ...inner,
      handler: (req, res, body) => {
        count.total++;
        const action = tcbActionOf(body);
        count.byAction[action] = (count.byAction[action] ?? 0) + 1;
        const started = performance.now();
        try {
          return inner.handler(req, res, body);
        } finally {
          const spent_ms = performance.now() - started;
          count.handler_ms += spent_ms;
          count.handlerByAction_ms[action] = (count.handlerByAction_ms[action] ?? 0) + spent_ms;
        }
      },
    };
  };
}

export async function startTestCloud(opts: Omit<LocalCloudOptions, 'port' | 'dataDir'> & { dataDir?: string } = {}): Promise<TestCloud> {
  const ownDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'channel-router-test-'));
  const lines: string[] = [];
  const echo = process.env.LOCAL_CLOUD_LOG === '1';
  const log = (line: string) => {
    lines.push(line);
    if (lines.length > MAX_LOG_LINES) lines.splice(0, lines.length - MAX_LOG_LINES);
    if (echo) process.stderr.write(`${line}\n`);
  };
  let store: DocumentStore | null = null;
  const count: TcbRequestCount = { total: 0, byAction: {}, handler_ms: 0, handlerByAction_ms: {} };
  const engine = opts.openDatabase ?? sqliteDatabase({ collectionsFile: opts.collectionsFile, onOpen: (s) => (store = s) });
  let cloud: LocalCloud;
  try {
    cloud = await startLocalCloud({ seed: 'none', trustForwardedFor: true, log, ...opts, openDatabase: observed(engine, count), port: 0, dataDir });
  } catch (e) {
    if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  const needStore = (): DocumentStore => {
    if (store === null) throw new Error('cloud.db reads need the default database engine (no custom openDatabase)');
    return store;
  };
  const rows = (s: DocumentStore, collection: string) =>
    s.table(collection).stmt('SELECT id, doc FROM $T ORDER BY id').all() as Array<{ id: string | number; doc: string }>;
  const db: TestDatabase = {
    get store() {
      return store;
    },
    all: (collection) => rows(needStore(), collection).map((r) => decodeDoc(r.doc)),
    snapshot() {
      const s = needStore();
      const out: Record<string, Record<string, string>> = {};
      for (const name of s.collectionNames()) {
        const docs: Record<string, string> = {};
        for (const r of rows(s, name)) docs[String(r.id)] = r.doc;
        out[name] = docs;
      }
      return out;
    },
    tcbRequests: () => ({ total: count.total, byAction: { ...count.byAction }, handler_ms: count.handler_ms, handlerByAction_ms: { ...count.handlerByAction_ms } }),
  };
  return {
    url: cloud.url,
    dataDir,
    cloud,
    db,
    login: (app, openId, unionId) => cloud.client.login(app, openId, unionId),
    call: (fn, event, token, callOpts) => cloud.client.call(fn, event, token, callOpts),
    logs: () => lines,
    async close() {
      await cloud.close();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
