/**
 * MongoDB update semantics on one document, through mingo's updater, plus the type errors MongoDB
 * raises and mingo silently skips (`$inc` on a string, `$push` onto a non-array, a path through a
 * scalar): code that would fail in the cloud fails here too.
 */
import { update as mingoUpdate } from 'mingo';
import { isPlainObject, type Doc } from './doc-codec.js';
import { invalidParam, requestFailed } from './errors.js';
import { MINGO_OPTIONS } from './mingo-options.js';
import { tryFastUpdate } from './update-fast.js';

/** Update operators the SDK can produce (db.command: set, remove, inc, mul, push, pull, pullAll, pop, shift, unshift, addToSet, rename, bit, max, min). */
const OPERATORS = new Set(['$set', '$unset', '$inc', '$mul', '$push', '$pull', '$pullAll', '$pop', '$addToSet', '$rename', '$bit', '$max', '$min']);
const NUMERIC_OPS = new Set(['$inc', '$mul']);
const ARRAY_ADD_OPS = new Set(['$push', '$addToSet']);
const ARRAY_REMOVE_OPS = new Set(['$pull', '$pullAll', '$pop']);

export type Modifier = Record<string, Doc>;

export type UpdatePlan = { kind: 'replace'; doc: Doc } | { kind: 'modify'; modifier: Modifier };

/**
 * `merge` (doc.update, where.update): operators apply; plain fields are `$set` (the SDK already
 * encodes them so, raw callers may not). Without merge (doc.set): the data replaces the document.
 */
export function planUpdate(data: unknown, merge: boolean): UpdatePlan {
  if (!isPlainObject(data)) throw invalidParam('update data must be an object');
  const keys = Object.keys(data);
  const operators = keys.filter((k) => k.startsWith('$'));
  if (!merge) {
    if (operators.length > 0) throw invalidParam('a replacement document must not contain update operators');
    if ('_id' in data) throw invalidParam('_id cannot be updated');
    return { kind: 'replace', doc: data };
  }
  const modifier: Modifier = {};
  for (const op of operators) {
    if (!OPERATORS.has(op)) throw invalidParam(`unknown update operator ${op}`);
    const fields = data[op];
    if (!isPlainObject(fields)) throw invalidParam(`${op} needs an object of fields`);
    modifier[op] = { ...fields };
  }
  const plain = keys.filter((k) => !k.startsWith('$'));
  if (plain.length > 0) {
    const set = (modifier.$set ??= {});
    for (const k of plain) set[k] = data[k];
  }
  if (Object.keys(modifier).length === 0) throw invalidParam('update data must not be empty');
  for (const fields of Object.values(modifier)) {
    for (const path of Object.keys(fields)) {
      if (path === '_id' || path.startsWith('_id.')) throw invalidParam('_id cannot be updated');
      if (path === '' || path.split('.').some((s) => s === '')) throw invalidParam(`invalid field path ${JSON.stringify(path)}`);
    }
  }
  return { kind: 'modify', modifier };
}

type Resolved =
  | { kind: 'value'; value: unknown }
  | { kind: 'missing' }
  | { kind: 'blocked'; field: string; holder: unknown }
  | { kind: 'positional' };

function resolvePath(doc: Doc, path: string): Resolved {
  let cur: unknown = doc;
  const segments = path.split('.');
  for (const seg of segments) {
    if (seg.startsWith('$')) return { kind: 'positional' };
    if (cur === undefined) return { kind: 'missing' };
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(seg)) return { kind: 'blocked', field: seg, holder: cur };
      cur = cur[Number(seg)];
    } else if (isPlainObject(cur)) {
      cur = cur[seg];
    } else {
      return { kind: 'blocked', field: seg, holder: cur }; // a scalar, Date or other value has no fields
    }
  }
  return cur === undefined ? { kind: 'missing' } : { kind: 'value', value: cur };
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  return typeof v === 'object' ? 'object' : typeof v;
}

function describe(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 100 ? `${text.slice(0, 100)}...` : text;
}

/** MongoDB's errors for operators applied to the wrong type of value. */
function preflight(doc: Doc, modifier: Modifier): void {
  for (const [op, fields] of Object.entries(modifier)) {
    for (const [path, operand] of Object.entries(fields)) {
      if (NUMERIC_OPS.has(op) && (typeof operand !== 'number' || !Number.isFinite(operand))) {
        throw requestFailed(`Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${describe(operand)}}`);
      }
      const at = resolvePath(doc, path);
      if (at.kind === 'positional' || at.kind === 'missing') continue;
      if (at.kind === 'blocked') {
        if (ARRAY_REMOVE_OPS.has(op) || op === '$unset') continue;
        throw requestFailed(`Cannot create field '${at.field}' in element ${describe(at.holder)} (updating '${path}')`);
      }
      if (NUMERIC_OPS.has(op) && typeof at.value !== 'number') {
        throw requestFailed(`Cannot apply ${op} to a value of non-numeric type. {_id: ${describe(doc._id)}} has the field '${path}' of non-numeric type ${typeName(at.value)}`);
      }
      if ((ARRAY_ADD_OPS.has(op) || ARRAY_REMOVE_OPS.has(op)) && !Array.isArray(at.value)) {
        throw requestFailed(`The field '${path}' must be an array but is of type ${typeName(at.value)} in document {_id: ${describe(doc._id)}}`);
      }
    }
  }
}

/** Applies `modifier` to `doc` in place; true when the document changed. */
export function applyModifier(doc: Doc, modifier: Modifier): boolean {
  preflight(doc, modifier);
  const fast = tryFastUpdate(doc, modifier);
  if (fast !== null) return fast;
  try {
    const changed = mingoUpdate(doc, modifier as Parameters<typeof mingoUpdate>[1], [], undefined, {
      cloneMode: 'deep',
      queryOptions: MINGO_OPTIONS,
    });
    return changed.length > 0;
  } catch (e) {
    throw requestFailed(e instanceof Error ? e.message : String(e));
  }
}

/** The fields of an upsert's new document taken from the filter's equalities (MongoDB does the same). */
export function seedFromFilter(filter: Doc): Doc {
  const seed: Doc = {};
  for (const [k, v] of Object.entries(filter)) {
    if (k.startsWith('$') || k.includes('.')) continue;
    if (isPlainObject(v)) {
      if (Object.keys(v).length === 1 && '$eq' in v) seed[k] = v.$eq;
      continue;
    }
    if (!(v instanceof RegExp)) seed[k] = v;
  }
  return seed;
}
