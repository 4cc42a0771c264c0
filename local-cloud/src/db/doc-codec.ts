/**
 * How documents travel and rest.
 *
 * Stored and returned documents are relaxed EJSON text with one twist: every Date is written as
 * `{"$date":"<ISO-8601>"}` (bson writes dates before 1970 as `$numberLong`). ISO strings of years
 * 0-9999 have a fixed width, so SQLite compares two stored dates in time order; the query planner
 * relies on that to answer date ranges from an index. The SDK parses this text with its own
 * `EJSON.parse`, so stored text goes out on the wire unchanged (no decode/encode on a plain read).
 *
 * Requests carry canonical EJSON (`{"$numberInt":"1"}`) from the SDK: `parseWireValue` turns it
 * into plain JS values for mingo (numbers, Date, RegExp) and resolves `db.serverDate()`.
 */
import { BSONRegExp, EJSON, ObjectId } from 'bson';
import { invalidParam } from './errors.js';

export type Doc = Record<string, unknown>;

/** 0000-01-01T00:00:00.000Z .. 9999-12-31T23:59:59.999Z: the dates with a fixed-width ISO form. */
const MIN_ISO_DATE_MS = new Date('0000-01-01T00:00:00.000Z').getTime();
const MAX_ISO_DATE_MS = new Date('9999-12-31T23:59:59.999Z').getTime();

export function isPlainObject(value: unknown): value is Doc {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The stored form of a Date, also used by the query planner to compare against the index. */
export function encodeDate(date: Date): string {
  return JSON.stringify({ $date: dateToIso(date) });
}

function dateToIso(date: Date): string {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw invalidParam('invalid Date value');
  if (ms < MIN_ISO_DATE_MS || ms > MAX_ISO_DATE_MS) {
    throw invalidParam(`dates must lie in the years 0000-9999, got ${ms} ms since 1970`);
  }
  return date.toISOString();
}

/** `JSON.stringify` replacer: `holder[key]` is the value before `toJSON` ran. */
function storageReplacer(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  if (raw instanceof Date) return { $date: dateToIso(raw) };
  if (typeof raw === 'number' && !Number.isFinite(raw)) return { $numberDouble: String(raw) };
  if (typeof raw === 'bigint') return { $numberLong: raw.toString() };
  if (raw instanceof RegExp) return { $regularExpression: { pattern: raw.source, options: raw.flags } };
  if (raw instanceof ObjectId) return { $oid: raw.toHexString() };
  if (typeof raw === 'object' && raw !== null && '_bsontype' in raw) {
    return EJSON.serialize(raw, { relaxed: true });
  }
  if (typeof raw === 'function' || typeof raw === 'symbol') {
    throw invalidParam(`field ${key} holds a ${typeof raw}, which cannot be stored`);
  }
  return value;
}

/** Document → stored/wire text. */
export function encodeDoc(doc: unknown): string {
  return JSON.stringify(doc, storageReplacer);
}

/** Stored text → document. Only objects with a `$`-key are type wrappers (stored field names never start with `$`). */
export function decodeDoc(text: string): Doc {
  const value = JSON.parse(text) as Doc;
  return text.includes('{"$') ? (reviveWrappers(value) as Doc) : value;
}

function reviveWrappers(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = reviveWrappers(value[i]);
    return value;
  }
  if (typeof value !== 'object' || value === null) return value;
  const obj = value as Doc;
  const keys = Object.keys(obj);
  const first = keys[0];
  if (first !== undefined && first.startsWith('$')) {
    if (first === '$date' && typeof obj.$date === 'string') return new Date(obj.$date);
    if (first === '$oid' && typeof obj.$oid === 'string') return new ObjectId(obj.$oid);
    if (first === '$numberDouble' && typeof obj.$numberDouble === 'string') return Number(obj.$numberDouble);
    if (first === '$regularExpression') return toJsRegExp(EJSON.deserialize(obj) as BSONRegExp);
    return EJSON.deserialize(obj, { relaxed: true });
  }
  for (const k of keys) obj[k] = reviveWrappers(obj[k]);
  return obj;
}

function toJsRegExp(re: BSONRegExp): RegExp {
  const flags = re.options.split('').sort().join('');
  if (!/^[imsu]*$/.test(flags)) throw invalidParam(`regular expression option not supported: ${re.options}`);
  try {
    return new RegExp(re.pattern, flags);
  } catch {
    throw invalidParam(`invalid regular expression: ${re.pattern.slice(0, 100)}`);
  }
}

/**
 * A request field holding EJSON text (query, data, order, projection, stage value) → plain
 * values. `now_ms` resolves `db.serverDate({ offset })` (`{"$tcb_server_date":{"offset":n}}`).
 */
export function parseWireValue(text: string, now_ms: number, maxDepth: number): unknown {
  let parsed: unknown;
  try {
    parsed = EJSON.parse(text, { relaxed: true });
  } catch (e) {
    throw invalidParam(`malformed EJSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  return normalizeWire(parsed, now_ms, maxDepth, 0);
}

function normalizeWire(value: unknown, now_ms: number, maxDepth: number, depth: number): unknown {
  if (depth > maxDepth) throw invalidParam(`nesting deeper than ${maxDepth} levels`);
  if (Array.isArray(value)) return value.map((v) => normalizeWire(v, now_ms, maxDepth, depth + 1));
  if (value instanceof BSONRegExp) return toJsRegExp(value);
  if (!isPlainObject(value)) return value;
  if ('$tcb_server_date' in value) {
    const spec = value.$tcb_server_date;
    const offset = isPlainObject(spec) ? spec.offset : undefined;
    const offset_ms = typeof offset === 'number' && Number.isFinite(offset) ? offset : 0;
    return new Date(now_ms + offset_ms);
  }
  const out: Doc = {};
  for (const [k, v] of Object.entries(value)) out[k] = normalizeWire(v, now_ms, maxDepth, depth + 1);
  return out;
}

/**
 * A document about to be stored: field names must not start with `$` or contain `.` (MongoDB's
 * rule, and the codec's: `$`-keys mark type wrappers), nesting is bounded.
 */
export function assertStorable(doc: Doc, maxDepth: number): void {
  checkStorable(doc, maxDepth, 0, '');
}

function checkStorable(value: unknown, maxDepth: number, depth: number, at: string): void {
  if (depth > maxDepth) throw invalidParam(`document nesting deeper than ${maxDepth} levels at ${at || '(root)'}`);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) checkStorable(value[i], maxDepth, depth + 1, `${at}.${i}`);
    return;
  }
  if (value === undefined && depth === 0) throw invalidParam('document must be an object');
  if (!isPlainObject(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (k === '' || k.startsWith('$') || k.includes('.')) {
      throw invalidParam(`field name ${JSON.stringify(k)} at ${at || '(root)'} must not be empty, start with $ or contain a dot`);
    }
    checkStorable(v, maxDepth, depth + 1, at ? `${at}.${k}` : k);
  }
}
