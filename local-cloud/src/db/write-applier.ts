/**
 * Applies a batch of document writes in one SQLite transaction (all or none), keeps the indexed
 * path states up to date, and turns UNIQUE violations into CloudBase's duplicate-key error.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Catalog } from './catalog.js';
import type { CollectionTable } from './collection-table.js';
import { isPlainObject, type Doc } from './doc-codec.js';
import { duplicateKey, requestFailed, type DbError } from './errors.js';
import { docKey, type DocId } from './ids.js';
import { indexEntries } from './index-keys.js';
import { observePath, T_NUMBER, T_STRING, widen, type PathState } from './path-state.js';
import { entryTableName, quoteIdent } from './sql-schema.js';
import type { WriteClock } from './write-clock.js';

/** One document write. */
export type WriteOp =
  | { kind: 'insert'; collection: string; id: DocId; doc: Doc; text: string }
  | { kind: 'replace'; collection: string; id: DocId; doc: Doc; text: string }
  | { kind: 'delete'; collection: string; id: DocId };

export class WriteApplier {
  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly catalog: Catalog,
    private readonly clock: WriteClock,
  ) {}

  apply(ops: readonly WriteOp[]): void {
    if (ops.length === 0) return;
    this.db.transaction(() => {
      for (const op of ops) this.applyOne(op);
    })();
    for (const op of ops) this.clock.recordWrite(docKey(op.collection, op.id));
  }

  private applyOne(op: WriteOp): void {
    const table = this.catalog.get(op.collection, false);
    try {
      if (op.kind !== 'delete') this.observe(table, op.doc);
      const withEntries = table.multikeyIndexes().length > 0;
      if (op.kind === 'delete') {
        if (!withEntries) {
          table.stmt('DELETE FROM $T WHERE id = ?').run(op.id);
          return;
        }
        const row = table.stmt('DELETE FROM $T WHERE id = ? RETURNING rid').get(op.id) as { rid: number } | undefined;
        if (row) this.syncEntries(table, row.rid, null, false);
      } else if (op.kind === 'insert') {
        const rid = Number(table.stmt('INSERT INTO $T (id, doc) VALUES (?, ?)').run(op.id, op.text).lastInsertRowid);
        if (withEntries) this.syncEntries(table, rid, op.doc, true);
      } else {
        const row = table.stmt('UPDATE $T SET doc = ? WHERE id = ? RETURNING rid').get(op.text, op.id) as { rid: number } | undefined;
        if (!row) throw requestFailed(`document ${String(op.id)} vanished during the update`);
        if (withEntries) this.syncEntries(table, row.rid, op.doc, false);
      }
    } catch (e) {
      if (op.kind !== 'delete' && e instanceof Error && 'code' in e && e.code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw duplicateError(table, op.doc, e.message);
      }
      throw e;
    }
  }

  /**
   * Widens the path states with a document about to be written (persisted in the same
   * transaction); the first array in an indexed field turns its indexes multikey.
   */
  private observe(table: CollectionTable, doc: Doc): void {
    for (const [path, state] of table.paths) {
      const seen: PathState = path === '_id' ? { multikey: false, types: typeof doc._id === 'string' ? T_STRING : T_NUMBER } : observePath(doc, path);
      if (!widen(state, seen)) continue;
      this.catalog.savePathState(table.name, path, state);
      if (!state.multikey) continue;
      for (const spec of [...table.indexes.values()]) {
        if (!spec.multikey && spec.fields.some((f) => f.path === path)) this.catalog.convertToMultikey(table, spec);
      }
    }
  }

  /** Rewrites a document's rows in the entry tables of its multikey indexes. */
  private syncEntries(table: CollectionTable, rid: number, doc: Doc | null, fresh: boolean): void {
    for (const spec of table.multikeyIndexes()) {
      const entries = quoteIdent(entryTableName(table.tbl, spec));
      if (!fresh) table.stmt(`DELETE FROM ${entries} WHERE srid = ?`).run(rid);
      if (!doc) continue;
      const insert = table.stmt(`INSERT INTO ${entries} (srid, ${spec.fields.map((_, i) => `k${i}`).join(', ')}) VALUES (?${', ?'.repeat(spec.fields.length)})`);
      for (const entry of indexEntries(doc, spec)) insert.run(rid, ...entry);
    }
  }
}

/**
 * SQLite names the index for expression indexes ("UNIQUE constraint failed: index 'c1__k_1'") and
 * the columns for plain ones ("UNIQUE constraint failed: c1__k_1__mk.k0"; "c1.id" is `_id`).
 */
function duplicateError(table: CollectionTable, doc: Doc, sqliteMessage: string): DbError {
  const indexName = /index '([^']+)'/.exec(sqliteMessage)?.[1];
  const entryTable = /constraint failed: ([^.\s]+)\.k\d+/.exec(sqliteMessage)?.[1];
  const spec =
    indexName !== undefined
      ? table.indexBySqlName(indexName)
      : entryTable !== undefined
        ? table.multikeyIndexes().find((s) => entryTableName(table.tbl, s) === entryTable)
        : undefined;
  if (!spec) return duplicateKey(table.name, '_id_', { _id: doc._id });
  const key: Record<string, unknown> = {};
  for (const f of spec.fields) key[f.path] = valueAt(doc, f.path) ?? null;
  return duplicateKey(table.name, spec.name, key);
}

function valueAt(doc: Doc, path: string): unknown {
  let cur: unknown = doc;
  for (const seg of path.split('.')) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[seg];
  }
  return cur;
}
