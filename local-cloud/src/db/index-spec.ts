/**
 * Index declarations: MongoDB's createIndex shape (`{ "keys": { "code": 1, "at": -1 }, "unique": true }`),
 * as declared in database/collections.json and as created in the CloudBase console.
 */
import { invalidParam } from './errors.js';

export interface IndexField {
  /** Dotted field path, e.g. `profile.city`. */
  path: string;
  order: 1 | -1;
}

export interface IndexSpec {
  /** MongoDB's default name when not given: `code_1_at_-1`. */
  name: string;
  fields: IndexField[];
  unique: boolean;
  /**
   * Set by the store once a document held an array in one of the fields: the index then lives in
   * an entry table with one row per array element (MongoDB's multikey index), not in an
   * expression index. Never declared.
   */
  multikey?: boolean;
}

export const MAX_INDEX_FIELDS = 8;
const SEGMENT = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const COLLECTION_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
const INDEX_NAME = /^[A-Za-z0-9_.-]{1,120}$/;

export function isValidCollectionName(name: unknown): name is string {
  return typeof name === 'string' && COLLECTION_NAME.test(name);
}

export function assertCollectionName(name: unknown): asserts name is string {
  if (!isValidCollectionName(name)) {
    throw invalidParam(`collection name must match ${COLLECTION_NAME.source}, got ${JSON.stringify(name)?.slice(0, 80)}`);
  }
}

/** A path an index may cover: plain identifiers joined by dots (no `_id`: it has its own unique index). */
export function isIndexablePath(path: string): boolean {
  const segments = path.split('.');
  return segments.length <= 10 && segments.every((s) => SEGMENT.test(s)) && path !== '_id';
}

export function defaultIndexName(fields: readonly IndexField[]): string {
  return fields.map((f) => `${f.path}_${f.order}`).join('_');
}

/** Validates `{ keys, unique?, name? }` (from the declaration file or a programmatic call). */
export function parseIndexSpec(raw: unknown, where: string): IndexSpec {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalidParam(`${where}: index must be an object`);
  const r = raw as Record<string, unknown>;
  const keys = r.keys;
  if (typeof keys !== 'object' || keys === null || Array.isArray(keys)) {
    throw invalidParam(`${where}: "keys" must be an object like { "field": 1 }`);
  }
  const fields: IndexField[] = [];
  for (const [path, order] of Object.entries(keys as Record<string, unknown>)) {
    if (!isIndexablePath(path)) throw invalidParam(`${where}: field path ${JSON.stringify(path)} is not indexable`);
    if (order !== 1 && order !== -1) throw invalidParam(`${where}: order of ${path} must be 1 or -1`);
    fields.push({ path, order });
  }
  if (fields.length === 0 || fields.length > MAX_INDEX_FIELDS) {
    throw invalidParam(`${where}: an index covers 1-${MAX_INDEX_FIELDS} fields`);
  }
  if (new Set(fields.map((f) => f.path)).size !== fields.length) throw invalidParam(`${where}: a field appears twice`);
  if (r.unique !== undefined && typeof r.unique !== 'boolean') throw invalidParam(`${where}: "unique" must be a boolean`);
  const name = r.name === undefined ? defaultIndexName(fields) : r.name;
  if (typeof name !== 'string' || !INDEX_NAME.test(name)) throw invalidParam(`${where}: index name must match ${INDEX_NAME.source}`);
  return { name, fields, unique: r.unique === true };
}

export function sameIndex(a: IndexSpec, b: IndexSpec): boolean {
  return (
    a.unique === b.unique &&
    a.fields.length === b.fields.length &&
    a.fields.every((f, i) => f.path === b.fields[i]?.path && f.order === b.fields[i]?.order)
  );
}
