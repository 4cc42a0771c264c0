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
import { runAggregation } from './aggregate.js';
import { Catalog, type IndexInput } from './catalog.js';
import type { CollectionTable } from './collection-table.js';
import type { CollectionSpec } from './collections-file.js';
import { assertStorable, decodeDoc, encodeDoc, isPlainObject, type Doc } from './doc-codec.js';
import { invalidParam, limitExceeded } from './errors.js';
import { assertDocId, newDocId, type DocId } from './ids.js';
import type { IndexSpec } from './index-spec.js';
import { resolveStoreLimits, type StoreLimits } from './limits.js';
import { countMatching, findTexts, matchingRows } from './query-exec.js';
import { planQuery, pointId, type SortSpec } from './query-plan.js';
import { REGISTRY_DDL, SCHEMA_VERSION } from './sql-schema.js';
import { TransactionManager } from './transactions.js';
import { applyModifier, planUpdate, seedFromFilter, type UpdatePlan } from './update-apply.js';
import { WriteApplier, type WriteOp } from './write-applier.js';
import { WriteClock } from './write-clock.js';

export type { WriteOp } from './write-applier.js';

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
   * answers DATABASE_COLLECTION_NOT_EXIST (declare it in collections.json or call createCollection).
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

const LOCKED = /database is locked|SQLITE_BUSY/i;

export class DocumentStore {
  readonly limits: StoreLimits;
  readonly clock = new WriteClock();
  readonly transactions: TransactionManager;
  readonly now: () => number;
  private readonly db: BetterSqlite3.Database;
  private readonly catalog: Catalog;
  private readonly writes: WriteApplier;
  private readonly autoCreate: boolean;
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
      return new DocumentStore(db, options);
    } catch (e) {
      db.close();
      if (e instanceof Error && LOCKED.test(e.message)) {
        throw new Error(`${options.file} is in use by another process (one local cloud per data directory)`);
      }
      throw e;
    }
  }

  private constructor(db: BetterSqlite3.Database, options: StoreOptions) {
    this.db = db;
    this.limits = resolveStoreLimits(options.limits);
    this.now = options.now ?? Date.now;
    this.autoCreate = options.autoCreateCollections ?? false;
    this.catalog = new Catalog(db, this.limits, this.now, options.log ?? (() => {}));
    for (const spec of options.collections ?? []) this.catalog.syncDeclared(spec);
    this.writes = new WriteApplier(db, this.catalog, this.clock);
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
    return this.catalog.names();
  }

  hasCollection(name: string): boolean {
    return this.catalog.find(name) !== undefined;
  }

  /** Creates an empty collection; false when it already existed. */
  createCollection(name: string): boolean {
    return this.catalog.create(name);
  }

  /** Creates an index (tests, benchmarks; declared ones come from collections.json). */
  ensureIndex(collection: string, index: IndexInput): IndexSpec {
    this.table(collection);
    return this.catalog.ensureIndex(collection, index);
  }

  dropIndex(collection: string, name: string): void {
    this.catalog.dropIndex(collection, name);
  }

  listIndexes(collection: string): IndexSpec[] {
    return [...this.table(collection).indexes.values()];
  }

  /** True when no collection holds a document. */
  isEmpty(): boolean {
    for (const table of this.catalog.all()) {
      if (table.stmt('SELECT 1 FROM $T LIMIT 1').get() !== undefined) return false;
    }
    return true;
  }

  /** The table of a collection (created first when auto-creation is on). */
  table(collection: string): CollectionTable {
    return this.catalog.get(collection, this.autoCreate);
  }

  // ---------------------------------------------------------------- reads

  /** Matching documents as stored text (what the wire carries). */
  findTexts(collection: string, query: FindQuery = {}): string[] {
    const table = this.table(collection);
    const id = query.projection === undefined && (query.skip ?? 0) === 0 && query.limit !== 0 ? pointId(query.filter ?? {}) : undefined;
    if (id !== undefined) {
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

  aggregate(collection: string, stages: Doc[]): Doc[] {
    return runAggregation(this.table(collection), stages, this.limits, (name) => this.catalog.find(name));
  }

  /**
   * How SQLite runs a query (EXPLAIN QUERY PLAN lines) and whether the filter and the order are
   * answered in SQL: for tests and benchmarks that must prove an index is used.
   */
  explain(collection: string, filter: Doc, sort?: SortSpec): { plan: string[]; exact: boolean; orderInSql: boolean } {
    const table = this.table(collection);
    const plan = planQuery(filter, sort, table.planContext());
    const sql = `EXPLAIN QUERY PLAN SELECT doc FROM ${plan.from} WHERE ${plan.where}${plan.orderBy ? ` ORDER BY ${plan.orderBy}` : ''}`;
    const rows = table.stmt(sql).all(...plan.params) as { detail: string }[];
    return { plan: rows.map((r) => r.detail), exact: plan.exact, orderInSql: plan.orderBy !== null };
  }

  private boundedQuery(query: FindQuery): FindQuery & { filter: Doc; skip: number; limit: number } {
    const skip = query.skip ?? 0;
    const limit = query.limit ?? this.limits.defaultQueryLimit;
    if (!Number.isSafeInteger(skip) || skip < 0 || skip > this.limits.maxQueryOffset) {
      throw invalidParam(`offset must be an integer 0-${this.limits.maxQueryOffset}`);
    }
    if (!Number.isSafeInteger(limit) || limit < 0) throw invalidParam('limit must be a non-negative integer');
    // limit(0) means "no limit given" to CloudBase's SDK; more than the cap is cut to the cap.
    const bounded = Math.min(limit === 0 ? this.limits.defaultQueryLimit : limit, this.limits.maxQueryLimit);
    return { ...query, filter: query.filter ?? {}, skip, limit: bounded };
  }

  // ---------------------------------------------------------------- writes

  /** Inserts documents atomically (all or none); returns their ids in order. */
  insert(collection: string, docs: Doc[]): DocId[] {
    if (docs.length === 0) throw invalidParam('nothing to insert');
    if (docs.length > this.limits.maxDocsPerInsert) throw limitExceeded(`at most ${this.limits.maxDocsPerInsert} documents per insert`);
    this.table(collection);
    const ops = docs.map((doc) => this.prepareInsert(collection, doc));
    this.writes.apply(ops);
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

  /** doc.update / doc.set / where().update. */
  update(collection: string, filter: Doc, data: unknown, options: UpdateOptions): UpdateResult {
    const table = this.table(collection);
    const plan = planUpdate(data, options.merge);
    const rows = this.rowsToWrite(table, filter, options.multi, 'update');
    const ops: WriteOp[] = [];
    for (const row of rows) {
      const current = decodeDoc(row.doc);
      const next = this.nextVersion(current, plan);
      if (next) ops.push({ kind: 'replace', collection, id: row.id, doc: next.doc, text: next.text });
    }
    if (rows.length === 0 && options.upsert) {
      const seed = seedFromFilter(filter);
      const base: Doc = plan.kind === 'replace' ? { ...(seed._id === undefined ? {} : { _id: seed._id }), ...plan.doc } : seed;
      if (plan.kind === 'modify') applyModifier(base, plan.modifier);
      const insert = this.prepareInsert(collection, base);
      this.writes.apply([insert]);
      return { updated: 0, upsertedId: insert.id };
    }
    this.writes.apply(ops);
    return { updated: ops.length, upsertedId: null };
  }

  /** where().updateAndReturn(): updates the first match and returns it as stored afterwards. */
  updateAndReturn(collection: string, filter: Doc, data: unknown): { updated: number; text: string | null } {
    const table = this.table(collection);
    const plan = planUpdate(data, true);
    const [row] = this.rowsToWrite(table, filter, false, 'update');
    if (!row) return { updated: 0, text: null };
    const next = this.nextVersion(decodeDoc(row.doc), plan);
    if (!next) return { updated: 0, text: row.doc };
    this.writes.apply([{ kind: 'replace', collection, id: row.id, doc: next.doc, text: next.text }]);
    return { updated: 1, text: next.text };
  }

  /** The document after an update (`current` is changed in place), or null when nothing changes. */
  nextVersion(current: Doc, plan: UpdatePlan): { doc: Doc; text: string } | null {
    if (plan.kind === 'replace') {
      const doc: Doc = { _id: current._id, ...plan.doc };
      const text = this.encodeChecked(doc);
      return text === encodeDoc(current) ? null : { doc, text };
    }
    if (!applyModifier(current, plan.modifier)) return null;
    return { doc: current, text: this.encodeChecked(current) };
  }

  remove(collection: string, filter: Doc, options: { multi: boolean }): number {
    const rows = this.rowsToWrite(this.table(collection), filter, options.multi, 'remove');
    this.writes.apply(rows.map((r) => ({ kind: 'delete', collection, id: r.id })));
    return rows.length;
  }

  /** Applies writes in one SQLite transaction: all or none (used by transaction commits). */
  commitWrites(ops: readonly WriteOp[]): void {
    this.writes.apply(ops);
  }

  /** Validates and encodes a document for storage. */
  private encodeChecked(doc: Doc): string {
    assertStorable(doc, this.limits.maxDepth);
    const text = encodeDoc(doc);
    if (text.length > this.limits.maxDocumentBytes) {
      throw limitExceeded(`document exceeds ${this.limits.maxDocumentBytes} bytes`);
    }
    return text;
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
}
