/**
 * A tiny schema toolkit: enough to check every request field (type, presence, length, count,
 * range, enum) and name the faulty field, at a fraction of a general library's size (this code is
 * bundled into the mini-programs too).
 *
 * A schema turns `unknown` into a typed value or the first problem found, with the path of the
 * field at fault (`packaging.itemsPerBox`, `codes[3]`). Objects keep only the keys their shape
 * declares (unknown keys, including `action`, are dropped), so a parsed request never carries
 * fields the server did not ask for.
 */
import { err, ok, type Result } from '../result.js';

/**
 * Which rule a value broke, so that an app can say it in the person's language without reading
 * the English message (which is for developers). `limit` is the bound of the rule, when it has one.
 */
export type ValidationRule =
  | 'type'
  | 'integer'
  | 'required'
  | 'empty'
  | 'min_length'
  | 'max_length'
  | 'control_chars'
  | 'pattern'
  | 'min'
  | 'max'
  | 'range'
  | 'one_of'
  | 'min_items'
  | 'max_items'
  | 'region_code'
  | 'unknown_region'
  | 'check_digit'
  | 'below_min'
  | 'invalid';

export interface ValidationProblem {
  /** The dotted path of the faulty field (`packaging.itemsPerBox`, `codes[3]`); '' for the root. */
  path: string;
  rule: ValidationRule;
  limit?: number;
  /** English, for developers and logs; never shown to a person. */
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | ({ ok: false } & ValidationProblem);

export interface Schema<T> {
  /** Parses `input` found at `path` (dotted; '' for the root). */
  readonly parse: (input: unknown, path: string) => Parsed<T>;
  /** Set by `optional()`: the key may be absent from an object. */
  readonly optional?: boolean;
}

export interface OptionalSchema<T> extends Schema<T | undefined> {
  readonly optional: true;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

function good<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

function bad<T = never>(path: string, message: string, rule: ValidationRule, limit?: number): Parsed<T> {
  return limit === undefined ? { ok: false, path, message, rule } : { ok: false, path, message, rule, limit };
}

function label(path: string): string {
  return path === '' ? 'input' : path;
}

/** `a.b` for an object key, `a[3]` for a list index (the region module names entries the same way). */
export function child(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/**
 * Checks `input` against `schema`: `ok(value)` or `err('INVALID_ARGUMENT', message, field)` with
 * the dotted path of the first faulty field.
 */
export function validate<T>(schema: Schema<T>, input: unknown): Result<T> {
  const r = schema.parse(input, '');
  if (r.ok) return ok(r.value);
  return err('INVALID_ARGUMENT', r.message, r.path === '' ? undefined : r.path, r.limit === undefined ? { rule: r.rule } : { rule: r.rule, limit: r.limit });
}

// ---------------------------------------------------------------------------------------------
// Scalars

// C0 controls and DEL: never meaningful in a name, code or id, and a common injection vector.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

export interface StringOptions {
  /** Minimum length in characters (code points) after trimming; default 1 (required). */
  min?: number;
  /** Maximum length in characters (code points) after trimming. Always required: a limit on everything. */
  max: number;
  /** Trim surrounding white space first; default true. */
  trim?: boolean;
  pattern?: RegExp;
  /** What the pattern means, for the error message ("must be ..."). */
  patternMessage?: string;
  /** Map the accepted value, e.g. to upper case. */
  normalize?: (s: string) => string;
}

export function str(options: StringOptions): Schema<string> {
  const min = options.min ?? 1;
  const { max } = options;
  if (!(Number.isInteger(min) && Number.isInteger(max) && min >= 0 && max >= min)) {
    throw new Error(`str: bad bounds ${min}..${max}`);
  }
  return {
    parse(input, path) {
      if (typeof input !== 'string') return bad(path, `${label(path)} must be a string`, 'type');
      // A code point is at most 2 UTF-16 units: reject huge input before any per-character work.
      if (input.length > 2 * max + 64 && (options.trim === false || input.trim().length > 2 * max)) {
        return bad(path, `${label(path)} must be at most ${max} characters`, 'max_length', max);
      }
      let s = options.trim === false ? input : input.trim();
      if (CONTROL_CHARS.test(s)) return bad(path, `${label(path)} must not contain control characters`, 'control_chars');
      const length = countCodePoints(s);
      if (length < min) {
        return min === 1 ? bad(path, `${label(path)} is required`, 'required') : bad(path, `${label(path)} must be at least ${min} characters`, 'min_length', min);
      }
      if (length > max) return bad(path, `${label(path)} must be at most ${max} characters`, 'max_length', max);
      if (options.pattern !== undefined && !options.pattern.test(s)) {
        return bad(path, `${label(path)} must be ${options.patternMessage ?? `of the form ${options.pattern.source}`}`, 'pattern');
      }
      if (options.normalize !== undefined) s = options.normalize(s);
      return good(s);
    },
  };
}

function countCodePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is a single character.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

export interface IntOptions {
  min: number;
  max: number;
}

/** A safe integer in [min, max]. Numeric strings are not accepted: JSON clients send numbers. */
export function int(options: IntOptions): Schema<number> {
  const { min, max } = options;
  if (!(Number.isSafeInteger(min) && Number.isSafeInteger(max) && max >= min)) throw new Error(`int: bad bounds ${min}..${max}`);
  return {
    parse(input, path) {
      if (typeof input !== 'number' || !Number.isFinite(input)) return bad(path, `${label(path)} must be a number`, 'type');
      if (!Number.isSafeInteger(input)) return bad(path, `${label(path)} must be an integer`, 'integer');
      if (input < min) return bad(path, `${label(path)} must be at least ${min}`, 'min', min);
      if (input > max) return bad(path, `${label(path)} must be at most ${max}`, 'max', max);
      return good(input);
    },
  };
}

/** A finite number in [min, max] (coordinates). */
export function num(options: IntOptions): Schema<number> {
  const { min, max } = options;
  return {
    parse(input, path) {
      if (typeof input !== 'number' || !Number.isFinite(input)) return bad(path, `${label(path)} must be a number`, 'type');
      if (input < min || input > max) return bad(path, `${label(path)} must be between ${min} and ${max}`, 'range');
      return good(input);
    },
  };
}

export function bool(): Schema<boolean> {
  return {
    parse(input, path) {
      return typeof input === 'boolean' ? good(input) : bad(path, `${label(path)} must be true or false`, 'type');
    },
  };
}

/** One of a fixed list of strings. */
export function oneOf<const V extends readonly string[]>(values: V): Schema<V[number]> {
  const allowed = new Set<string>(values);
  return {
    parse(input, path) {
      if (typeof input === 'string' && allowed.has(input)) return good(input as V[number]);
      return bad(path, `${label(path)} must be one of: ${values.join(', ')}`, 'one_of');
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Combinators

/**
 * The key may be absent. `null` counts as absent too (JSON clients often send `null` for "not
 * given"), and the parsed object then simply lacks the key.
 */
export function optional<T>(schema: Schema<T>): OptionalSchema<T> {
  return {
    optional: true,
    parse(input, path) {
      if (input === undefined || input === null) return good(undefined);
      return schema.parse(input, path);
    },
  };
}

export interface ArrayOptions {
  /** Minimum count; default 1 (an empty list is usually a client bug). */
  min?: number;
  /** Maximum count. Always required. */
  max: number;
}

export function array<T>(item: Schema<T>, options: ArrayOptions): Schema<T[]> {
  const min = options.min ?? 1;
  const { max } = options;
  return {
    parse(input, path) {
      if (!Array.isArray(input)) return bad(path, `${label(path)} must be a list`, 'type');
      if (input.length < min) return min === 1 ? bad(path, `${label(path)} must not be empty`, 'empty') : bad(path, `${label(path)} must hold at least ${min} entries`, 'min_items', min);
      if (input.length > max) return bad(path, `${label(path)} must hold at most ${max} entries`, 'max_items', max);
      const out: T[] = [];
      for (let i = 0; i < input.length; i++) {
        const r = item.parse(input[i], child(path, i));
        if (!r.ok) return r;
        out.push(r.value);
      }
      return good(out);
    },
  };
}

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends { optional: true } ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
export type ObjectOf<S extends Shape> = Simplify<
  { [K in RequiredKeys<S>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Exclude<Infer<S[K]>, undefined> }
>;

/** A plain object with the declared keys; other keys are dropped. Keys are checked in declaration order. */
export function object<S extends Shape>(shape: S): Schema<ObjectOf<S>> {
  const keys = Object.keys(shape);
  return {
    parse(input, path) {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        return bad(path, `${label(path)} must be an object`, 'type');
      }
      const record = input as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const key of keys) {
        const schema = shape[key]!;
        const value = Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
        const p = child(path, key);
        if (value === undefined && schema.optional !== true) return bad(p, `${p} is required`, 'required');
        const r = schema.parse(value, p);
        if (!r.ok) return r;
        if (r.value !== undefined) out[key] = r.value;
      }
      return good(out as ObjectOf<S>);
    },
  };
}

/**
 * Adds a check on the parsed value. `check` answers null when fine, or a problem: a message (about
 * the value's own path) or `{ path, message }` with a path relative to it (for cross-field rules).
 */
export function refine<T>(
  schema: Schema<T>,
  check: (value: T) => string | { field?: string; message: string; rule?: ValidationRule } | null,
): Schema<T> {
  return {
    ...(schema.optional === true ? { optional: true } : {}),
    parse(input, path) {
      const r = schema.parse(input, path);
      if (!r.ok) return r;
      if (r.value === undefined) return r;
      const problem = check(r.value);
      if (problem === null) return r;
      if (typeof problem === 'string') return bad(path, `${label(path)} ${problem}`, 'invalid');
      const p = problem.field === undefined ? path : child(path, problem.field);
      return bad(p, `${label(p)} ${problem.message}`, problem.rule ?? 'invalid');
    },
  };
}

/**
 * The first schema whose guard accepts the raw input parses it (a tagged choice by shape, e.g.
 * "a number, or an object"). No guard accepting is an error listing the `expected` forms.
 */
export function either<A, B>(
  first: { when: (input: unknown) => boolean; schema: Schema<A> },
  second: { when: (input: unknown) => boolean; schema: Schema<B> },
  expected: string,
): Schema<A | B> {
  return {
    parse(input, path) {
      if (first.when(input)) return first.schema.parse(input, path);
      if (second.when(input)) return second.schema.parse(input, path);
      return bad(path, `${label(path)} must be ${expected}`, 'type');
    },
  };
}

/**
 * A schema from a validator written as a function answering a Result (e.g. the region module's
 * `validateTerritory(list, field)`), so both kinds of check compose.
 */
export function fromValidator<T>(validator: (input: unknown, field: string) => Result<T>): Schema<T> {
  return {
    parse(input, path) {
      const r = validator(input, path === '' ? 'input' : path);
      return r.ok ? good(r.data) : bad(r.error.field ?? path, r.error.message, r.error.rule ?? 'invalid', r.error.limit);
    },
  };
}

/** Maps a parsed value (e.g. drop a field that means nothing for this kind of org). */
export function map<T, U>(schema: Schema<T>, f: (value: T) => U): Schema<U> {
  return {
    parse(input, path) {
      const r = schema.parse(input, path);
      return r.ok ? good(f(r.value)) : r;
    },
  };
}
