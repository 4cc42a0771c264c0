/**
 * What the store has seen at each indexed field path: whether any document held an array on the
 * way (a "multikey" path, where MongoDB equality means "some element equals") and which value
 * types occurred. The query planner pushes a condition down to SQLite only where the index answers
 * it the way MongoDB would, and trusts SQLite's order only for a path holding a single type.
 *
 * The state only ever grows (deletes do not shrink it): a too-wide state costs speed, never
 * correctness.
 */
import { isPlainObject, type Doc } from './doc-codec.js';

export const T_NULL = 1; // null or missing
export const T_NUMBER = 2;
export const T_STRING = 4;
export const T_BOOL = 8;
export const T_DATE = 16;
export const T_OTHER = 32; // objects, ObjectId, non-finite numbers, regular expressions

export interface PathState {
  multikey: boolean;
  types: number;
}

export function typeBit(value: unknown): number {
  if (value === null || value === undefined) return T_NULL;
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? T_NUMBER : T_OTHER;
    case 'string':
      return T_STRING;
    case 'boolean':
      return T_BOOL;
    default:
      return value instanceof Date ? T_DATE : T_OTHER;
  }
}

/** The type and array-ness of `path` in `doc`, as json_extract would see it. */
export function observePath(doc: Doc, path: string): PathState {
  let cur: unknown = doc;
  for (const segment of path.split('.')) {
    if (Array.isArray(cur)) return { multikey: true, types: T_NULL };
    if (!isPlainObject(cur)) return { multikey: false, types: T_NULL };
    cur = cur[segment];
  }
  if (Array.isArray(cur)) return { multikey: true, types: T_NULL };
  return { multikey: false, types: typeBit(cur) };
}

/** Merges an observation into a state; true when the state grew. */
export function widen(state: PathState, seen: PathState): boolean {
  const multikey = state.multikey || seen.multikey;
  const types = state.types | seen.types;
  if (multikey === state.multikey && types === state.types) return false;
  state.multikey = multikey;
  state.types = types;
  return true;
}

/** True when every type in `state` is in `allowed` (null/missing always allowed). */
export function typesWithin(state: PathState, allowed: number): boolean {
  return (state.types & ~(allowed | T_NULL)) === 0;
}
