/**
 * Keys of a multikey index for one document, with MongoDB's rules: an array on the path (at the
 * end or on the way) contributes one key per element, an empty array one null key, a missing
 * field a null key; at most one field of a compound index may hold an array ("cannot index
 * parallel arrays"). Keys are encoded as the expression indexes store them, so query parameters
 * (query-plan.ts) compare the same way: numbers and strings as such, booleans 1/0, dates as their
 * stored text, null/missing as -Infinity, anything else as its JSON text.
 */
import { ObjectId } from 'bson';
import { encodeDate, encodeDoc, isPlainObject, type Doc } from './doc-codec.js';
import { limitExceeded, requestFailed } from './errors.js';
import type { IndexSpec } from './index-spec.js';

/** Entries of one document in one index, at most this many. */
export const MAX_INDEX_ENTRIES_PER_DOC = 10_000;

export function encodeKey(value: unknown): unknown {
  if (value === null || value === undefined) return -Infinity;
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : encodeDoc(value);
    case 'boolean':
      return value ? 1 : 0;
    default:
      if (value instanceof Date) return encodeDate(value);
      if (value instanceof ObjectId) return JSON.stringify({ $oid: value.toHexString() });
      return encodeDoc(value);
  }
}

interface FieldKeys {
  values: unknown[];
  /** Whether an array was crossed: such a field is the document's multikey field. */
  viaArray: boolean;
}

function keysAt(value: unknown, segments: readonly string[], i: number, out: FieldKeys): void {
  if (Array.isArray(value)) {
    out.viaArray = true;
    if (i === segments.length) {
      if (value.length === 0) out.values.push(undefined);
      else for (const el of value) out.values.push(el);
    } else {
      for (const el of value) keysAt(el, segments, i, out);
    }
    return;
  }
  if (i === segments.length) {
    out.values.push(value);
    return;
  }
  keysAt(isPlainObject(value) ? value[segments[i] as string] : undefined, segments, i + 1, out);
}

/** The distinct key tuples of `doc` in `spec`, encoded. */
export function indexEntries(doc: Doc, spec: IndexSpec): unknown[][] {
  const perField = spec.fields.map((f) => {
    const out: FieldKeys = { values: [], viaArray: false };
    keysAt(doc, f.path.split('.'), 0, out);
    return out;
  });
  const arrays = spec.fields.filter((_, i) => perField[i]?.viaArray).map((f) => f.path);
  if (arrays.length > 1) throw requestFailed(`cannot index parallel arrays [${arrays.join('] [')}] (index ${spec.name})`);
  let entries: unknown[][] = [[]];
  for (const field of perField) {
    const keys = [...new Set(field.values.map(encodeKey))];
    entries = entries.flatMap((prefix) => keys.map((k) => [...prefix, k]));
  }
  if (entries.length > MAX_INDEX_ENTRIES_PER_DOC) {
    throw limitExceeded(`a document may add at most ${MAX_INDEX_ENTRIES_PER_DOC} entries to index ${spec.name}`);
  }
  return entries;
}
