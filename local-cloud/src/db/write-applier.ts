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
import { observePath, T_NUMBER, T_STRING, widen, type PathState } from './path-state.js';
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
      if (op.kind === 'delete') {
        table.stmt('DELETE FROM $T WHERE id = ?').run(op.id);
        return;
      }
      this.observe(table, op.doc);
      if (op.kind === 'insert') {
        table.stmt('INSERT INTO $T (id, doc) VALUES (?, ?)').run(op.id, op.text);
      } else if (table.stmt('UPDATE $T SET doc = ? WHERE id = ?').run(op.text, op.id).changes !== 1) {
        throw requestFailed(`document ${String(op.id)} vanished during the update`);
      }
    } catch (e) {
      if (op.kind !== 'delete' && e instanceof Error && 'code' in e && e.code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw duplicateError(table, op.doc, e.message);
      }
      throw e;
    }
  }

  /** Widens the path states with a document about to be written (persisted in the same transaction). */
  private observe(table: CollectionTable, doc: Doc): void {
    for (const [path, state] of table.paths) {
      const seen: PathState = path === '_id' ? { multikey: false, types: typeof doc._id === 'string' ? T_STRING : T_NUMBER } : observePath(doc, path);
      if (widen(state, seen)) this.catalog.savePathState(table.name, path, state);
    }
  }
}

function duplicateError(table: CollectionTable, doc: Doc, sqliteMessage: string): DbError {
  const indexName = /index '([^']+)'/.exec(sqliteMessage)?.[1];
  const spec = indexName === undefined ? undefined : table.indexBySqlName(indexName);
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
