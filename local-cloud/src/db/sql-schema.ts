/**
 * SQLite layout.
 *
 * - `lc_collections(cid, name)`: one table per collection, `c<cid>(rid INTEGER PRIMARY KEY, id, doc)`.
 *   `id` is the document's `_id` (a string or a number, stored as such: no type affinity), unique;
 *   `doc` is the document's text (see doc-codec.ts). `rid` keeps insertion order.
 * - Every declared index becomes an expression index on
 *   `coalesce(json_extract(doc, '$.<path>'), -9e999)`: json_extract gives SQLite's own number/text
 *   for scalars; null and missing both become -Infinity, which sorts first as MongoDB sorts null
 *   first, and which makes a unique index treat "missing" as one value, as MongoDB does. A query
 *   written with the same expression (query-plan.ts) is answered from the index.
 * - An index over a field that held an array (MongoDB's multikey index) lives in an entry table
 *   `c<cid>__<index>__mk(srid, k0, k1, ...)`: one row per array element, keys encoded as
 *   index-keys.ts does, indexed on (k0, k1, ..., srid). Queries join it to the collection table.
 * - `lc_indexes` keeps each collection's index specs, `lc_paths` the path states (path-state.ts).
 */
import type { IndexSpec } from './index-spec.js';

export const SCHEMA_VERSION = 1;

export const REGISTRY_DDL = `
CREATE TABLE IF NOT EXISTS lc_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS lc_collections (cid INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS lc_indexes (collection TEXT NOT NULL, name TEXT NOT NULL, spec TEXT NOT NULL, PRIMARY KEY (collection, name));
CREATE TABLE IF NOT EXISTS lc_paths (collection TEXT NOT NULL, path TEXT NOT NULL, multikey INTEGER NOT NULL, types INTEGER NOT NULL, PRIMARY KEY (collection, path));
`;

/** SQL text of a field's index key. `path` is already validated (identifiers joined by dots). */
export function fieldExpr(path: string): string {
  return path === '_id' ? 'id' : `coalesce(json_extract(doc, '$.${path}'), -9e999)`;
}

/** The SQLite literal standing for null/missing in index keys. */
export const NULL_KEY_SQL = '-9e999';

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function createTableSql(tbl: string): string {
  return `CREATE TABLE IF NOT EXISTS ${quoteIdent(tbl)} (rid INTEGER PRIMARY KEY, id NOT NULL, doc TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS ${quoteIdent(`${tbl}__id_`)} ON ${quoteIdent(tbl)}(id);`;
}

export function sqlIndexName(tbl: string, spec: IndexSpec): string {
  return `${tbl}__${spec.name}`;
}

export function createIndexSql(tbl: string, spec: IndexSpec): string {
  const cols = spec.fields.map((f) => `${fieldExpr(f.path)}${f.order === -1 ? ' DESC' : ''}`).join(', ');
  return `CREATE ${spec.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${quoteIdent(sqlIndexName(tbl, spec))} ON ${quoteIdent(tbl)}(${cols})`;
}

export function tableName(cid: number): string {
  return `c${cid}`;
}

/** Entry table of a multikey index. */
export function entryTableName(tbl: string, spec: IndexSpec): string {
  return `${tbl}__${spec.name}__mk`;
}

export function entryIndexName(tbl: string, spec: IndexSpec): string {
  return `${entryTableName(tbl, spec)}__keys`;
}

export function createEntryTableSql(tbl: string, spec: IndexSpec): string {
  const table = quoteIdent(entryTableName(tbl, spec));
  const keys = spec.fields.map((_, i) => `k${i}`);
  const ordered = spec.fields.map((f, i) => `k${i}${f.order === -1 ? ' DESC' : ''}`);
  // A unique multikey index: no two documents share a key (one document's repeated elements are
  // stored once). Otherwise the document id ends the key, so equal keys keep insertion order.
  const indexCols = spec.unique ? ordered.join(', ') : [...ordered, 'srid'].join(', ');
  return `CREATE TABLE IF NOT EXISTS ${table} (srid INTEGER NOT NULL, ${keys.join(', ')});
CREATE INDEX IF NOT EXISTS ${quoteIdent(`${entryTableName(tbl, spec)}__rid`)} ON ${table}(srid);
CREATE ${spec.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${quoteIdent(entryIndexName(tbl, spec))} ON ${table}(${indexCols});`;
}
