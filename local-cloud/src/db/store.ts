/**
 * The document store: CloudBase collections on one SQLite file.
 *
 * Durability: WAL journal with `synchronous=NORMAL` by default. Each commit is appended to the
 * WAL with write() before the call returns, so a crash of the process (kill -9, an uncaught
 * exception, OOM) loses no acknowledged write; only a crash of the operating system or a power
 * cut can lose the last commits, and never corrupts the file. `durability: 'full'` adds an fsync
 * per commit (about 0.6 ms here, on the single event-loop thread) for power-loss safety.
 *
 * The file is opened in exclusive locking mode: a second local cloud on the same data directory
 * fails at open instead of silently breaking transaction isolation (kept in this process's memory).
 *
 * All calls are synchronous: a request's database work runs to completion on the event loop, so
 * no two requests interleave inside SQLite; transactions spanning several requests are handled by
 * TransactionManager.
 */
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { CollectionTable } from './collection-table.js';
import type { CollectionSpec } from './collections-file.js';
import { assertStorable, decodeDoc, encodeDoc, isPlainObject, type Doc } from './doc-codec.js';
import {
  collectionNotExist,
  DbError,
  duplicateKey,
  invalidParam,
  limitExceeded,
  requestFailed,
} from './errors.js';
import { assertDocId, docKey, newDocId, type DocId } from './ids.js';
import { assertCollectionName, parseIndexSpec, sameIndex, type IndexSpec } from './index-spec.js';
import { resolveStoreLimits, type StoreLimits } from './limits.js';
import { observePath, T_BOOL, T_DATE, T_NULL, T_NUMBER, T_OTHER, T_STRING, widen, type PathState } from './path-state.js';
import { planQuery, pointId, type SortSpec } from './query-plan.js';
import { countMatching, findTexts, matchingRows } from './query-exec.js';
import { runAggregation } from './aggregate.js';
import { createIndexSql, createTableSql, quoteIdent, REGISTRY_DDL, SCHEMA_VERSION, sqlIndexName, tableName } from './sql-schema.js';
import { applyModifier, planUpdate, seedFromFilter } from './update-apply.js';
import { TransactionManager } from './transactions.js';
import { WriteClock } from './write-clock.js';

export interface StoreOptions {
  /** SQLite file path, or ':memory:'. */
  file: string;
  /** 'normal' (default): survives a process crash; 'full': also a power cut. */
  durability?: 'normal' | 'full';
  limits?: Partial<StoreLimits>;
  /** Declared collections and indexes (database/collections.json), created and synced at open. */
  collections?: readonly CollectionSpec[];
  /**
   * Create a collection on first use. Default false: like CloudBase, an undeclared collection
   * answers DATABASE_COLLECTION_NOT_EXIST (create it in collections.json or with createCollection).
   */
  autoCreateCollections?: boolean;
  /** Clock for ids, `db.serverDate()` and transaction timeouts (tests). */
  now?: () => number;
  log?: (line: string) => void;
}

export interface FindQuery {
  filter?: Doc;
  sort?: SortSpec;
  skip?: number;
  /** Default limits.defaultQueryLimit; at most limits.maxQueryLimit. */
  limit?: number;
  projection?: Doc;
}

export interface UpdateOptions {
  /** Every matching document (where().update) rather than the first. */
  multi: boolean;
  /** true: operators / fields merged into the document; false: the data replaces it. */
  merge: boolean;
  /** Insert when nothing matches. */
  upsert: boolean;
}

export interface UpdateResult {
  /** Documents changed (a no-op update does not count, as in CloudBase). */
  updated: number;
  upsertedId: DocId | null;
}

/** One document write, as applied at commit. */
export type WriteOp =
  | { kind: 'insert'; collection: string; id: DocId; doc: Doc; text: string }
  | { kind: 'replace'; collection: string; id: DocId; doc: Doc; text: string }
  | { kind: 'delete'; collection: string; id: DocId };

const NOT_LOCKED = /database is locked|SQLITE_BUSY/i;

export class DocumentStore {
  readonly limits: StoreLimits;
  readonly clock = new WriteClock();
  readonly transactions: TransactionManager;
  readonly now: () => number;
  private readonly db: BetterSqlite3.Database;
  private readonly tables = new Map<string, CollectionTable>();
  private readonly autoCreate: boolean;
  private readonly log: (line: string) => void;
  private closed = false;

  static open(options: StoreOptions): DocumentStore {
    // A short busy timeout: the only other holder of the lock would be another process, and then
    // failing fast with a clear message beats waiting.
    const db = new Database(options.file, { timeout: 200 });
    try {
      if (options.file !== ':memory:') {
        // Before WAL is enabled: with exclusive locking SQLite keeps the WAL index in heap memory.
        db.pragma('locking_mode = EXCLUSIVE');
        db.pragma('journal_mode = WAL');
      }
      db.pragma(`synchronous = ${options.durability === 'full' ? 'FULL' : 'NORMAL'}`);
      db.pragma('cache_size = -65536');
      db.pragma('temp_store = MEMORY');
      db.exec(REGISTRY_DDL);
      // A write takes the exclusive lock now, not at the first request.
      db.prepare('INSERT OR REPLACE INTO lc_meta (key, value) VALUES (?, ?)').run('schema_version', String(SCHEMA_VERSION));
    } catch (e) {
      db.close();
      if (e instanceof Error && NOT_LOCKED.test(e.message)) {
        throw new Error(`${options.file} is in use by another process (one local cloud per data directory)`);
      }
      throw e;
    }
    return new DocumentStore(db, options);
  }

  private constructor(db: BetterSqlite3.Database, options: StoreOptions) {
    this.db = db;
    this.limits = resolveStoreLimits(options.limits);
    this.now = options.now ?? Date.now;
    this.autoCreate = options.autoCreateCollections ?? false;
    this.log = options.log ?? (() => {});
    this.loadRegistry();
    for (const spec of options.collections ?? []) this.syncDeclaredCollection(spec);
    this.transactions = new TransactionManager(this, this.clock, this.limits, this.now);
  }

  /** Checkpoints the WAL into the database file and closes it. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.transactions.shutdown();
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.db.close();
    }
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  // ---------------------------------------------------------------- collections and indexes

  collectionNames(): string[] {
    return [...this.tables.keys()].sort();
  }

  hasCollection(name: string): boolean {
    return this.tables.has(name);
  }

  /** Creates an empty collection; false when it already existed. */
  createCollection(name: string): boolean {
    assertCollectionName(name);
    if (this.tables.has(name)) return false;
    if (this.tables.size >= this.limits.maxCollections) {
      throw new DbError('DATABASE_COLLECTION_EXCEED_LIMIT', `at most ${this.limits.maxCollections} collections`);
    }
    const create = this.db.transaction(() => {
      const cid = Number(this.db.prepare('INSERT INTO lc_collections (name, created_ms) VALUES (?, ?)').run(name, this.now()).lastInsertRowid);
      const tbl = tableName(cid);
      this.db.exec(createTableSql(tbl));
      this.db.prepare('INSERT OR REPLACE INTO lc_paths (collection, path, multikey, types) VALUES (?, ?, 0, 0)').run(name, '_id');
      return tbl;
    });
    const tbl = create();
    const table = new CollectionTable(this.db, name, tbl);
    table.paths.set('_id', { multikey: false, types: 0 });
    this.tables.set(name, table);
    return true;
  }

  /** Creates (or, when a same-named index differs, recreates) an index. */
  ensureIndex(collection: string, index: IndexSpec | { keys: Record<string, 1 | -1>; unique?: boolean; name?: string }): IndexSpec {
    const spec = 'fields' in index ? index : parseIndexSpec(index, `${collection} index`);
    const table = this.table(collection);
    const existing = table.indexes.get(spec.name);
    if (existing && sameIndex(existing, spec)) return existing;
    if (existing) this.dropIndex(collection, spec.name);
    if (table.indexes.size >= this.limits.maxIndexesPerCollection) {
      throw limitExceeded(`at most ${this.limits.maxIndexesPerCollection} indexes per collection`);
    }
    const build = this.db.transaction(() => {
      try {
        this.db.exec(createIndexSql(table.tbl, spec));
      } catch (e) {
        if (e instanceof Error && /UNIQUE constraint failed/.test(e.message)) {
          throw requestFailed(`cannot create unique index ${spec.name} on ${collection}: existing documents hold duplicate keys`);
        }
        throw e;
      }
      this.db.prepare('INSERT OR REPLACE INTO lc_indexes (collection, name, spec) VALUES (?, ?, ?)').run(collection, spec.name, JSON.stringify(spec));
      for (const f of spec.fields) {
        if (!table.paths.has(f.path)) {
          const state = this.scanPathState(table, f.path);
          table.paths.set(f.path, state);
          this.savePathState(collection, f.path, state);
        }
      }
    });
    build();
    table.indexes.set(spec.name, spec);
    table.forgetStatements();
    return spec;
  }

  dropIndex(collection: string, name: string): void {
    const table = this.table(collection);
    const spec = table.indexes.get(name);
    if (!spec) return;
    this.db.exec(`DROP INDEX IF EXISTS ${quoteIdent(sqlIndexName(table.tbl, spec))}`);
    this.db.prepare('DELETE FROM lc_indexes WHERE collection = ? AND name = ?').run(collection, name);
    table.indexes.delete(name);
    table.forgetStatements();
  }

  listIndexes(collection: string): IndexSpec[] {
    return [...this.table(collection).indexes.values()];
  }

  /** True when no collection holds a document. */
  isEmpty(): boolean {
    for (const table of this.tables.values()) {
      if (table.stmt('SELECT 1 FROM $T LIMIT 1').get() !== undefined) return false;
    }
    return true;
  }

  /** The table of a collection; creates it when auto-creation is on. */
  table(collection: string): CollectionTable {
    const t = this.tables.get(collection);
    if (t) return t;
    assertCollectionName(collection);
    if (!this.autoCreate) throw collectionNotExist(collection);
    this.createCollection(collection);
    return this.tables.get(collection) as CollectionTable;
  }

  // ---------------------------------------------------------------- reads

  /** Matching documents as stored text (what the wire carries). */
  findTexts(collection: string, query: FindQuery = {}): string[] {
    const table = this.table(collection);
    const filter = query.filter ?? {};
    const id = query.projection === undefined && (query.skip ?? 0) === 0 ? pointId(filter) : undefined;
    if (id !== undefined && (query.limit ?? 1) >= 1) {
      const row = table.stmt('SELECT doc FROM $T WHERE id = ?').get(id) as { doc: string } | undefined;
      return row ? [row.doc] : [];
    }
    return findTexts(table, this.boundedQuery(query), this.limits);
  }

  find(collection: string, query: FindQuery = {}): Doc[] {
    return this.findTexts(collection, query).map(decodeDoc);
  }

  findById(collection: string, id: DocId): Doc | null {
    const text = this.readText(collection, id);
    return text === undefined ? null : decodeDoc(text);
  }

  /** Stored text of one document, or undefined. */
  readText(collection: string, id: DocId): string | undefined {
    const row = this.table(collection).stmt('SELECT doc FROM $T WHERE id = ?').get(id) as { doc: string } | undefined;
    return row?.doc;
  }

  count(collection: string, filter: Doc = {}): number {
    return countMatching(this.table(collection), filter, this.limits);
  }

  /**
   * How SQLite runs a query (EXPLAIN QUERY PLAN lines) and whether the filter and the order are
   * answered in SQL: for tests and benchmarks that must prove an index is used.
   */
  explain(collection: string, filter: Doc, sort?: SortSpec): { plan: string[]; exact: boolean; orderInSql: boolean } {
    const table = this.table(collection);
    const plan = planQuery(filter, sort, table.paths);
    const sql = `EXPLAIN QUERY PLAN SELECT doc FROM $T WHERE ${plan.where}${plan.orderBy ? ` ORDER BY ${plan.orderBy}` : ''}`;
    const rows = table.stmt(sql).all(...plan.params) as { detail: string }[];
    return { plan: rows.map((r) => r.detail), exact: plan.exact, orderInSql: plan.orderBy !== null };
  }

  aggregate(collection: string, stages: Doc[]): Doc[] {
    const table = this.table(collection);
    return runAggregation(table, stages, this.limits, (name) => this.tables.get(name));
  }

  private boundedQuery(query: FindQuery): Required<Pick<FindQuery, 'filter' | 'skip' | 'limit'>> & FindQuery {
    const skip = query.skip ?? 0;
    const limit = query.limit ?? this.limits.defaultQueryLimit;
    if (!Number.isSafeInteger(skip) || skip < 0 || skip > this.limits.maxQueryOffset) {
      throw invalidParam(`offset must be an integer 0-${this.limits.maxQueryOffset}`);
    }
    if (!Number.isSafeInteger(limit) || limit < 0) throw invalidParam('limit must be a non-negative integer');
    return { ...query, filter: query.filter ?? {}, skip, limit: Math.min(limit === 0 ? this.limits.defaultQueryLimit : limit, this.limits.maxQueryLimit) };
  }

  // ---------------------------------------------------------------- writes

  /** Inserts documents atomically (all or none); returns their ids in order. */
  insert(collection: string, docs: Doc[]): DocId[] {
    if (docs.length === 0) throw invalidParam('nothing to insert');
    if (docs.length > this.limits.maxDocsPerInsert) throw limitExceeded(`at most ${this.limits.maxDocsPerInsert} documents per insert`);
    this.table(collection);
    const ops = docs.map((doc) => this.prepareInsert(collection, doc));
    this.commitWrites(ops);
    return ops.map((op) => op.id);
  }

  /** Validates a new document and gives it an `_id` when it has none (the caller's object is not changed). */
  prepareInsert(collection: string, doc: Doc): WriteOp & { kind: 'insert' } {
    if (!isPlainObject(doc)) throw invalidParam('a document must be an object');
    const id = doc._id === undefined ? newDocId(this.now()) : doc._id;
    assertDocId(id);
    const full: Doc = doc._id === undefined ? { _id: id, ...doc } : doc;
    return { kind: 'insert', collection, id, doc: full, text: this.encodeChecked(full) };
  }

  /** Validates and encodes a document for storage. */
  encodeChecked(doc: Doc): string {
    assertStorable(doc, this.limits.maxDepth);
    const text = encodeDoc(doc);
    if (text.length > this.limits.maxDocumentBytes) {
      throw limitExceeded(`document exceeds ${this.limits.maxDocumentBytes} bytes`);
    }
    return text;
  }

  /** doc.update / doc.set / where().update. */
  update(collection: string, filter: Doc, data: unknown, options: UpdateOptions): UpdateResult {
    const table = this.table(collection);
    const plan = planUpdate(data, options.merge);
    const rows = this.rowsToWrite(table, filter, options.multi, 'update');
    const ops: WriteOp[] = [];
    for (const row of rows) {
      const current = decodeDoc(row.doc);
      const next = this.nextVersion(current, plan);
      if (next) ops.push({ kind: 'replace', collection, id: current._id as DocId, doc: next.doc, text: next.text });
    }
    if (rows.length === 0 && options.upsert) {
      const seed = seedFromFilter(filter);
      const base: Doc = plan.kind === 'replace' ? { ...(seed._id === undefined ? {} : { _id: seed._id }), ...plan.doc } : seed;
      if (plan.kind === 'modify') applyModifier(base, plan.modifier);
      const insert = this.prepareInsert(collection, base);
      this.commitWrites([insert]);
      return { updated: 0, upsertedId: insert.id };
    }
    this.commitWrites(ops);
    return { updated: ops.length, upsertedId: null };
  }

  /** The document after an update, or null when the update changes nothing. */
  nextVersion(current: Doc, plan: ReturnType<typeof planUpdate>): { doc: Doc; text: string } | null {
    if (plan.kind === 'replace') {
      const doc: Doc = { _id: current._id, ...plan.doc };
      const text = this.encodeChecked(doc);
      return text === encodeDoc(current) ? null : { doc, text };
    }
    const doc = current; // decoded fresh for this call: safe to change in place
    if (!applyModifier(doc, plan.modifier)) return null;
    return { doc, text: this.encodeChecked(doc) };
  }

  remove(collection: string, filter: Doc, options: { multi: boolean }): number {
    const table = this.table(collection);
    const rows = this.rowsToWrite(table, filter, options.multi, 'remove');
    this.commitWrites(rows.map((r) => ({ kind: 'delete', collection, id: r.id })));
    return rows.length;
  }

  /** The first match, or every match (refusing more than limits.maxDocsPerWrite before any write). */
  private rowsToWrite(table: CollectionTable, filter: Doc, multi: boolean, what: string): { id: DocId; doc: string }[] {
    if (!multi) return matchingRows(table, filter, 1, this.limits);
    const rows = matchingRows(table, filter, this.limits.maxDocsPerWrite + 1, this.limits);
    if (rows.length > this.limits.maxDocsPerWrite) {
      throw limitExceeded(`${what} matches more than ${this.limits.maxDocsPerWrite} documents; narrow the query`);
    }
    return rows;
  }

  /**
   * Applies writes in one SQLite transaction: all or none. Unique index violations come back as
   * DATABASE_DUPLICATE_WRITE with MongoDB's E11000 text.
   */
  commitWrites(ops: readonly WriteOp[]): void {
    if (ops.length === 0) return;
    const apply = this.db.transaction(() => {
      for (const op of ops) this.applyWrite(op);
    });
    apply();
    for (const op of ops) this.clock.recordWrite(docKey(op.collection, op.id));
  }

  private applyWrite(op: WriteOp): void {
    const table = this.table(op.collection);
    try {
      if (op.kind === 'delete') {
        table.stmt('DELETE FROM $T WHERE id = ?').run(op.id);
        return;
      }
      this.observeDoc(table, op.doc);
      if (op.kind === 'insert') {
        table.stmt('INSERT INTO $T (id, doc) VALUES (?, ?)').run(op.id, op.text);
      } else if (table.stmt('UPDATE $T SET doc = ? WHERE id = ?').run(op.text, op.id).changes !== 1) {
        throw requestFailed(`document ${String(op.id)} vanished during the update`);
      }
    } catch (e) {
      if (op.kind !== 'delete' && e instanceof Error && 'code' in e && e.code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw this.duplicateError(table, op.doc, e.message);
      }
      throw e;
    }
  }

  private duplicateError(table: CollectionTable, doc: Doc, sqliteMessage: string): DbError {
    const indexName = /index '([^']+)'/.exec(sqliteMessage)?.[1];
    const spec = indexName === undefined ? undefined : table.indexBySqlName(indexName);
    if (!spec) return duplicateKey(table.name, '_id_', { _id: doc._id });
    const key: Record<string, unknown> = {};
    for (const f of spec.fields) key[f.path] = valueAt(doc, f.path) ?? null;
    return duplicateKey(table.name, spec.name, key);
  }

  /** Widens the path states with a document about to be written (persisted in the same transaction). */
  private observeDoc(table: CollectionTable, doc: Doc): void {
    for (const [path, state] of table.paths) {
      const seen: PathState = path === '_id' ? { multikey: false, types: typeof doc._id === 'string' ? T_STRING : T_NUMBER } : observePath(doc, path);
      if (widen(state, seen)) this.savePathState(table.name, path, state);
    }
  }

  // ---------------------------------------------------------------- registry

  private loadRegistry(): void {
    const rows = this.db.prepare('SELECT cid, name FROM lc_collections').all() as { cid: number; name: string }[];
    for (const { cid, name } of rows) this.tables.set(name, new CollectionTable(this.db, name, tableName(cid)));
    for (const row of this.db.prepare('SELECT collection, spec FROM lc_indexes').all() as { collection: string; spec: string }[]) {
      this.tables.get(row.collection)?.indexes.set((JSON.parse(row.spec) as IndexSpec).name, JSON.parse(row.spec) as IndexSpec);
    }
    const paths = this.db.prepare('SELECT collection, path, multikey, types FROM lc_paths').all() as { collection: string; path: string; multikey: number; types: number }[];
    for (const p of paths) this.tables.get(p.collection)?.paths.set(p.path, { multikey: p.multikey === 1, types: p.types });
    for (const table of this.tables.values()) {
      for (const path of ['_id', ...[...table.indexes.values()].flatMap((s) => s.fields.map((f) => f.path))]) {
        if (!table.paths.has(path)) {
          const state = this.scanPathState(table, path);
          table.paths.set(path, state);
          this.savePathState(table.name, path, state);
        }
      }
    }
  }

  private syncDeclaredCollection(spec: CollectionSpec): void {
    if (this.createCollection(spec.name)) this.log(`[db] created collection ${spec.name}`);
    const table = this.table(spec.name);
    for (const declared of spec.indexes) this.ensureIndex(spec.name, declared);
    for (const name of [...table.indexes.keys()]) {
      if (!spec.indexes.some((s) => s.name === name)) {
        this.dropIndex(spec.name, name);
        this.log(`[db] dropped index ${spec.name}.${name} (no longer declared)`);
      }
    }
  }

  private savePathState(collection: string, path: string, state: PathState): void {
    this.db.prepare('INSERT OR REPLACE INTO lc_paths (collection, path, multikey, types) VALUES (?, ?, ?, ?)').run(collection, path, state.multikey ? 1 : 0, state.types);
  }

  /** Path state of existing documents, computed in SQL (index creation, damaged registry). */
  private scanPathState(table: CollectionTable, path: string): PathState {
    if (path === '_id') {
      const kinds = table.stmt('SELECT DISTINCT typeof(id) AS t FROM $T').all() as { t: string }[];
      return { multikey: false, types: kinds.reduce((m, k) => m | (k.t === 'text' ? T_STRING : T_NUMBER), 0) };
    }
    const segments = path.split('.');
    let multikey = false;
    for (let i = 1; i <= segments.length && !multikey; i++) {
      const prefix = `$.${segments.slice(0, i).join('.')}`;
      multikey = table.stmt(`SELECT 1 FROM $T WHERE json_type(doc, '${prefix}') = 'array' LIMIT 1`).get() !== undefined;
    }
    const jp = `$.${path}`;
    const kinds = table
      .stmt(`SELECT DISTINCT json_type(doc, '${jp}') AS t, (json_extract(doc, '${jp}') LIKE '{"$date":%') AS d FROM $T`)
      .all() as { t: string | null; d: number | null }[];
    let types = 0;
    for (const { t, d } of kinds) {
      if (t === null || t === 'null') types |= T_NULL;
      else if (t === 'integer' || t === 'real') types |= T_NUMBER;
      else if (t === 'text') types |= T_STRING;
      else if (t === 'true' || t === 'false') types |= T_BOOL;
      else if (t === 'object') types |= d === 1 ? T_DATE : T_OTHER;
    }
    return { multikey, types };
  }
}

function valueAt(doc: Doc, path: string): unknown {
  let cur: unknown = doc;
  for (const seg of path.split('.')) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[seg];
  }
  return cur;
}
