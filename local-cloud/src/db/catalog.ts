/**
 * The collections of one SQLite file: their tables, declared indexes and indexed-path states,
 * kept in memory and in the lc_* registry tables (see sql-schema.ts).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { CollectionTable } from './collection-table.js';
import type { CollectionSpec } from './collections-file.js';
import { collectionNotExist, DbError, limitExceeded, requestFailed } from './errors.js';
import { assertCollectionName, parseIndexSpec, sameIndex, type IndexSpec } from './index-spec.js';
import type { StoreLimits } from './limits.js';
import { T_BOOL, T_DATE, T_NULL, T_NUMBER, T_OTHER, T_STRING, type PathState } from './path-state.js';
import { indexEntries } from './index-keys.js';
import { decodeDoc } from './doc-codec.js';
import { createEntryTableSql, createIndexSql, createTableSql, entryTableName, quoteIdent, sqlIndexName, tableName } from './sql-schema.js';

export type IndexInput = IndexSpec | { keys: Record<string, 1 | -1>; unique?: boolean; name?: string };

export class Catalog {
  private readonly tables = new Map<string, CollectionTable>();

  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly limits: StoreLimits,
    private readonly now: () => number,
    private readonly log: (line: string) => void,
  ) {
    this.load();
  }

  names(): string[] {
    return [...this.tables.keys()].sort();
  }

  all(): IterableIterator<CollectionTable> {
    return this.tables.values();
  }

  find(name: string): CollectionTable | undefined {
    return this.tables.get(name);
  }

  /** The table of a collection; created first when `autoCreate`, else DATABASE_COLLECTION_NOT_EXIST. */
  get(name: string, autoCreate: boolean): CollectionTable {
    const t = this.tables.get(name);
    if (t) return t;
    assertCollectionName(name);
    if (!autoCreate) throw collectionNotExist(name);
    this.create(name);
    return this.tables.get(name) as CollectionTable;
  }

  /** Creates an empty collection; false when it already existed. */
  create(name: string): boolean {
    assertCollectionName(name);
    if (this.tables.has(name)) return false;
    if (this.tables.size >= this.limits.maxCollections) {
      throw new DbError('DATABASE_COLLECTION_EXCEED_LIMIT', `at most ${this.limits.maxCollections} collections`);
    }
    const tbl = this.db.transaction(() => {
      const cid = Number(this.db.prepare('INSERT INTO lc_collections (name, created_ms) VALUES (?, ?)').run(name, this.now()).lastInsertRowid);
      this.db.exec(createTableSql(tableName(cid)));
      this.savePathState(name, '_id', { multikey: false, types: 0 });
      return tableName(cid);
    })();
    const table = new CollectionTable(this.db, name, tbl);
    table.paths.set('_id', { multikey: false, types: 0 });
    this.tables.set(name, table);
    return true;
  }

  /** Creates (or, when a same-named index differs, recreates) an index. */
  ensureIndex(collection: string, index: IndexInput): IndexSpec {
    const spec = 'fields' in index ? index : parseIndexSpec(index, `${collection} index`);
    const table = this.get(collection, false);
    const existing = table.indexes.get(spec.name);
    if (existing && sameIndex(existing, spec)) return existing;
    if (existing) this.dropIndex(collection, spec.name);
    if (table.indexes.size >= this.limits.maxIndexesPerCollection) {
      throw limitExceeded(`at most ${this.limits.maxIndexesPerCollection} indexes per collection`);
    }
    let created: IndexSpec = { ...spec, multikey: false };
    this.db.transaction(() => {
      for (const f of spec.fields) {
        if (!table.paths.has(f.path)) {
          const state = this.scanPathState(table, f.path);
          table.paths.set(f.path, state);
          this.savePathState(collection, f.path, state);
        }
      }
      try {
        if (spec.fields.some((f) => table.paths.get(f.path)?.multikey)) {
          created = this.buildEntryTable(table, spec);
        } else {
          this.db.exec(createIndexSql(table.tbl, spec));
          this.saveSpec(collection, created);
        }
      } catch (e) {
        if (e instanceof Error && /UNIQUE constraint failed/.test(e.message)) {
          throw requestFailed(`cannot create unique index ${spec.name} on ${collection}: existing documents hold duplicate keys`);
        }
        throw e;
      }
    })();
    table.indexes.set(spec.name, created);
    table.forgetStatements();
    return created;
  }

  /**
   * Turns an expression index into a multikey index (a field now holds an array): builds its
   * entry table from the stored documents and drops the expression index. Runs inside the
   * caller's SQLite transaction (the write that brought the first array).
   */
  convertToMultikey(table: CollectionTable, spec: IndexSpec): IndexSpec {
    this.db.exec(`DROP INDEX IF EXISTS ${quoteIdent(sqlIndexName(table.tbl, spec))}`);
    const converted = this.buildEntryTable(table, spec);
    table.indexes.set(spec.name, converted);
    table.forgetStatements();
    this.log(`[db] index ${table.name}.${spec.name} holds arrays: now a multikey index`);
    return converted;
  }

  private buildEntryTable(table: CollectionTable, spec: IndexSpec): IndexSpec {
    this.db.exec(createEntryTableSql(table.tbl, spec));
    const insert = this.db.prepare(`INSERT INTO ${quoteIdent(entryTableName(table.tbl, spec))} (srid, ${spec.fields.map((_, i) => `k${i}`).join(', ')}) VALUES (${['?', ...spec.fields.map(() => '?')].join(', ')})`);
    // In slices: the connection cannot insert while a SELECT over it is still being iterated.
    const slice = table.stmt('SELECT rid, doc FROM $T WHERE rid > ? ORDER BY rid LIMIT 1000');
    for (let after = 0; ; ) {
      const rows = slice.all(after) as { rid: number; doc: string }[];
      if (rows.length === 0) break;
      for (const row of rows) for (const entry of indexEntries(decodeDoc(row.doc), spec)) insert.run(row.rid, ...entry);
      after = (rows[rows.length - 1] as { rid: number }).rid;
    }
    const multikey: IndexSpec = { ...spec, multikey: true };
    this.saveSpec(table.name, multikey);
    return multikey;
  }

  private saveSpec(collection: string, spec: IndexSpec): void {
    this.db.prepare('INSERT OR REPLACE INTO lc_indexes (collection, name, spec) VALUES (?, ?, ?)').run(collection, spec.name, JSON.stringify(spec));
  }

  dropIndex(collection: string, name: string): void {
    const table = this.get(collection, false);
    const spec = table.indexes.get(name);
    if (!spec) return;
    this.db.exec(`DROP INDEX IF EXISTS ${quoteIdent(sqlIndexName(table.tbl, spec))}`);
    this.db.exec(`DROP TABLE IF EXISTS ${quoteIdent(entryTableName(table.tbl, spec))}`);
    this.db.prepare('DELETE FROM lc_indexes WHERE collection = ? AND name = ?').run(collection, name);
    table.indexes.delete(name);
    table.forgetStatements();
  }

  /** Makes a declared collection exist with exactly its declared indexes. */
  syncDeclared(spec: CollectionSpec): void {
    if (this.create(spec.name)) this.log(`[db] created collection ${spec.name}`);
    const table = this.get(spec.name, false);
    for (const declared of spec.indexes) this.ensureIndex(spec.name, declared);
    for (const name of [...table.indexes.keys()]) {
      if (!spec.indexes.some((s) => s.name === name)) {
        this.dropIndex(spec.name, name);
        this.log(`[db] dropped index ${spec.name}.${name} (no longer declared)`);
      }
    }
  }

  savePathState(collection: string, path: string, state: PathState): void {
    this.db.prepare('INSERT OR REPLACE INTO lc_paths (collection, path, multikey, types) VALUES (?, ?, ?, ?)').run(collection, path, state.multikey ? 1 : 0, state.types);
  }

  private load(): void {
    const rows = this.db.prepare('SELECT cid, name FROM lc_collections').all() as { cid: number; name: string }[];
    for (const { cid, name } of rows) this.tables.set(name, new CollectionTable(this.db, name, tableName(cid)));
    for (const row of this.db.prepare('SELECT collection, spec FROM lc_indexes').all() as { collection: string; spec: string }[]) {
      const spec = JSON.parse(row.spec) as IndexSpec;
      this.tables.get(row.collection)?.indexes.set(spec.name, spec);
    }
    const paths = this.db.prepare('SELECT collection, path, multikey, types FROM lc_paths').all() as { collection: string; path: string; multikey: number; types: number }[];
    for (const p of paths) this.tables.get(p.collection)?.paths.set(p.path, { multikey: p.multikey === 1, types: p.types });
    // A path state missing from the registry is recomputed from the documents, and an index over
    // a path that holds arrays becomes multikey (databases written before multikey indexes).
    this.db.transaction(() => {
      for (const table of this.tables.values()) {
        for (const path of ['_id', ...[...table.indexes.values()].flatMap((s) => s.fields.map((f) => f.path))]) {
          if (table.paths.has(path)) continue;
          const state = this.scanPathState(table, path);
          table.paths.set(path, state);
          this.savePathState(table.name, path, state);
        }
        for (const spec of [...table.indexes.values()]) {
          if (!spec.multikey && spec.fields.some((f) => table.paths.get(f.path)?.multikey)) this.convertToMultikey(table, spec);
        }
      }
    })();
  }

  /** Path state of the stored documents, computed in SQL. */
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
