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
