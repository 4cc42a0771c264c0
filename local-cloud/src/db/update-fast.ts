/**
 * The common updates without mingo: `$set`, `$unset`, `$inc`, `$mul`, `$min` and `$max` on paths
 * through plain objects. mingo builds a fresh operator context (copies of a few hundred operator
 * tables) on every update, which cost ~0.1 ms of the main thread per write; the functions' writes
 * are almost all of this simple kind (counters, balances, status fields).
 *
 * Contract: `tryFastUpdate` either applies the whole modifier and answers whether the document
 * changed, exactly as mingo would (update-fast.test.ts compares the two on random updates), or
 * answers `null` having touched nothing, and the caller takes mingo's path.
 * Precondition: the modifier passed `preflight` (type errors are raised there).
 */
import { isPlainObject, type Doc } from './doc-codec.js';

const FAST_OPERATORS = new Set(['$set', '$unset', '$inc', '$mul', '$min', '$max']);
/** Paths deeper than this take mingo's path (documents are at most 32 levels deep anyway). */
const PATH_DEPTH_MAX = 8;

/** Values the fast path copies and compares: JSON-like values and Dates. */
function isSimple(v: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return true;
  if (v instanceof Date) return true;
  if (Array.isArray(v)) return v.every((x) => isSimple(x, depth + 1));
  if (isPlainObject(v) && Object.getPrototypeOf(v) === Object.prototype) return Object.values(v).every((x) => x !== undefined && isSimple(x, depth + 1));
  return false;
}

function copy(v: unknown): unknown {
  if (v instanceof Date) return new Date(v.getTime());
  if (Array.isArray(v)) return v.map(copy);
  if (isPlainObject(v)) {
    const out: Doc = {};
    for (const [k, x] of Object.entries(v)) out[k] = copy(x);
    return out;
  }
  return v;
}

/** MongoDB's equality for simple values (field order matters for objects, as in BSON). */
function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  }
  if (isPlainObject(a) || isPlainObject(b)) {
    if (!isPlainObject(a) || !isPlainObject(b)) return false;
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same(a[k], b[k]));
  }
  return Object.is(a, b) || (a === b);
}

interface Step {
  op: string;
  parent: Doc | null; // null: an intermediate object is missing (created on apply)
  segments: string[];
  operand: unknown;
}

/** The object holding the last segment of `segments`, or null when an intermediate is missing; undefined when not fast. */
function holderOf(doc: Doc, segments: readonly string[]): Doc | null | undefined {
  let cur: Doc = doc;
  for (let i = 0; i < segments.length - 1; i++) {
    const next = cur[segments[i]!];
    if (next === undefined) return null;
    if (!isPlainObject(next)) return undefined;
    cur = next;
  }
  return cur;
}

export function tryFastUpdate(doc: Doc, modifier: Record<string, Doc>): boolean | null {
  const steps: Step[] = [];
  const paths: string[] = [];
  for (const [op, fields] of Object.entries(modifier)) {
    if (!FAST_OPERATORS.has(op)) return null;
    for (const [path, operand] of Object.entries(fields)) {
      const segments = path.split('.');
      if (segments.length > PATH_DEPTH_MAX || segments.some((s) => s === '' || s.startsWith('$') || /^\d+$/.test(s))) return null;
      const parent = holderOf(doc, segments);
      if (parent === undefined) return null;
      const current = parent === null ? undefined : parent[segments[segments.length - 1]!];
      if (current !== undefined && !isSimple(current)) return null;
      if (op === '$set' && !isSimple(operand)) return null;
      if ((op === '$inc' || op === '$mul') && (typeof operand !== 'number' || (current !== undefined && typeof current !== 'number'))) return null;
      if ((op === '$min' || op === '$max') && (typeof operand !== 'number' || (current !== undefined && typeof current !== 'number'))) return null;
      steps.push({ op, parent, segments, operand });
      paths.push(path);
    }
  }
  // Two operators on one path, or on a path and its prefix, is a conflict: mingo's path decides.
  const sorted = [...paths].sort();
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1] || sorted[i]!.startsWith(`${sorted[i - 1]}.`)) return null;
  }

  let changed = false;
  for (const s of steps) {
    const last = s.segments[s.segments.length - 1]!;
    let parent = s.parent;
    if (parent === null) {
      if (s.op === '$unset') continue;
      parent = doc;
      for (const seg of s.segments.slice(0, -1)) {
        if (parent[seg] === undefined) parent[seg] = {};
        parent = parent[seg] as Doc;
      }
    }
    const had = Object.prototype.hasOwnProperty.call(parent, last);
    const current = parent[last];
    switch (s.op) {
      case '$set':
        if (had && same(current, s.operand)) break;
        parent[last] = copy(s.operand);
        changed = true;
        break;
      case '$unset':
        if (!had) break;
        delete parent[last];
        changed = true;
        break;
      case '$inc': {
        const next = (had ? (current as number) : 0) + (s.operand as number);
        parent[last] = next;
        if (!had || next !== current) changed = true;
        break;
      }
      case '$mul': {
        // mingo writes 0 × −1 = −0 yet reports no change (0 === −0): so do we.
        const next = had ? (current as number) * (s.operand as number) : 0;
        parent[last] = next;
        if (!had || next !== current) changed = true;
        break;
      }
      case '$min':
      case '$max': {
        const better = !had || (s.op === '$min' ? (s.operand as number) < (current as number) : (s.operand as number) > (current as number));
        if (!better) break;
        parent[last] = s.operand;
        changed = true;
        break;
      }
    }
  }
  return changed;
}
