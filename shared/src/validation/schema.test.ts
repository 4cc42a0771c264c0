import { describe, expect, it } from 'vitest';
import { array, bool, either, int, num, object, oneOf, optional, refine, str, validate, type Infer } from './schema.js';

function fieldOf(r: ReturnType<typeof validate>): string | undefined {
  if (r.ok) throw new Error('expected a failure');
  expect(r.error.code).toBe('INVALID_ARGUMENT');
  return r.error.field;
}

describe('str', () => {
  const s = object({ name: str({ max: 5 }) });

  it('trims and accepts within bounds', () => {
    expect(validate(s, { name: '  ab ' })).toEqual({ ok: true, data: { name: 'ab' } });
  });

  it('rejects missing, wrong type, empty after trim, too long, control characters — naming the field', () => {
    expect(fieldOf(validate(s, {}))).toBe('name');
    expect(fieldOf(validate(s, { name: 5 }))).toBe('name');
    expect(fieldOf(validate(s, { name: '   ' }))).toBe('name');
    expect(fieldOf(validate(s, { name: 'abcdef' }))).toBe('name');
    expect(fieldOf(validate(s, { name: 'a\u0000b' }))).toBe('name');
    expect(fieldOf(validate(s, { name: 'x'.repeat(1_000_000) }))).toBe('name');
  });

  it('counts characters, not UTF-16 units: five Chinese characters or emoji fit in max 5', () => {
    expect(validate(s, { name: '渠道路由器' }).ok).toBe(true);
    expect(validate(s, { name: '😀😀😀😀😀' }).ok).toBe(true);
    expect(validate(s, { name: '😀😀😀😀😀😀' }).ok).toBe(false);
  });

  it('applies a pattern and a normalisation', () => {
    const up = str({ max: 8, pattern: /^[a-z]+$/i, patternMessage: 'letters', normalize: (x) => x.toUpperCase() });
    expect(validate(up, 'abc')).toEqual({ ok: true, data: 'ABC' });
    const r = validate(up, 'ab1');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('letters');
  });
});

describe('int and num', () => {
  it('accepts safe integers in range only; strings are not numbers', () => {
    const s = object({ n: int({ min: 1, max: 10 }) });
    expect(validate(s, { n: 10 }).ok).toBe(true);
    for (const n of [0, 11, 1.5, '5', Number.NaN, Infinity, 2 ** 60, null, true]) {
      expect(fieldOf(validate(s, { n })), String(n)).toBe('n');
    }
  });

  it('num bounds finite numbers', () => {
    const s = num({ min: -90, max: 90 });
    expect(validate(s, 12.5).ok).toBe(true);
    expect(validate(s, 90.0001).ok).toBe(false);
    expect(validate(s, Number.NaN).ok).toBe(false);
  });
});

describe('array', () => {
  const s = object({ codes: array(str({ max: 3 }), { max: 2 }) });

  it('names the faulty element by index, and the list for a bad count', () => {
    expect(fieldOf(validate(s, { codes: ['a', 'abcd'] }))).toBe('codes[1]');
    expect(fieldOf(validate(s, { codes: [] }))).toBe('codes');
    expect(fieldOf(validate(s, { codes: ['a', 'b', 'c'] }))).toBe('codes');
    expect(fieldOf(validate(s, { codes: 'a' }))).toBe('codes');
  });
});

describe('object, optional, oneOf, refine, either', () => {
  const s = object({
    kind: oneOf(['a', 'b'] as const),
    inner: object({ x: int({ min: 0, max: 5 }) }),
    note: optional(str({ max: 10 })),
    flag: optional(bool()),
  });

  it('keeps only declared keys: unknown keys, including prototype tricks, are dropped', () => {
    const r = validate(s, JSON.parse('{"kind":"a","inner":{"x":1,"y":2},"extra":1,"__proto__":{"admin":true}}'));
    expect(r).toEqual({ ok: true, data: { kind: 'a', inner: { x: 1 } } });
    if (r.ok) expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('treats null as absent for optional keys, and omits them from the result', () => {
    const r = validate(s, { kind: 'b', inner: { x: 0 }, note: null });
    expect(r).toEqual({ ok: true, data: { kind: 'b', inner: { x: 0 } } });
  });

  it('names nested fields with dotted paths', () => {
    expect(fieldOf(validate(s, { kind: 'c', inner: { x: 1 } }))).toBe('kind');
    expect(fieldOf(validate(s, { kind: 'a', inner: { x: 9 } }))).toBe('inner.x');
    expect(fieldOf(validate(s, { kind: 'a', inner: { x: 1 }, flag: 'yes' }))).toBe('flag');
  });

  it('rejects a non-object input without naming a field', () => {
    for (const input of [null, [], 'x', 3]) {
      const r = validate(s, input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.field).toBeUndefined();
    }
  });

  it('refine can point at a sibling field for cross-field rules', () => {
    const range = refine(object({ min: int({ min: 0, max: 9 }), max: int({ min: 0, max: 9 }) }), (v) =>
      v.min <= v.max ? null : { field: 'max', message: 'must be at least min' },
    );
    expect(fieldOf(validate(object({ r: range }), { r: { min: 5, max: 1 } }))).toBe('r.max');
  });

  it('either picks a branch by the input shape', () => {
    const e = either({ when: (v) => typeof v === 'number', schema: int({ min: 0, max: 9 }) }, { when: (v) => typeof v === 'string', schema: str({ max: 2 }) }, 'a digit or short text');
    expect(validate(e, 3)).toEqual({ ok: true, data: 3 });
    expect(validate(e, 'ab')).toEqual({ ok: true, data: 'ab' });
    expect(validate(e, true).ok).toBe(false);
  });

  it('infers the parsed type, with optional keys optional', () => {
    type T = Infer<typeof s>;
    const t: T = { kind: 'a', inner: { x: 1 } };
    expect(t.note).toBeUndefined();
  });
});

describe('problems carry the rule broken and its bound', () => {
  // Goal: an app can word a problem from { field, rule, limit } alone, never from the English text.
  const broke = (r: ReturnType<typeof validate>) => {
    if (r.ok) throw new Error('expected a failure');
    return { field: r.error.field, rule: r.error.rule, limit: r.error.limit };
  };
  const s = object({
    name: str({ min: 2, max: 4 }),
    code: str({ max: 9, pattern: /^[A-Z]+$/ }),
    n: int({ min: 1, max: 10 }),
    kind: oneOf(['a', 'b'] as const),
    list: array(str({ max: 3 }), { max: 2 }),
  });
  const good = { name: 'ab', code: 'AB', n: 5, kind: 'a', list: ['x'] };

  it('names each rule with its limit where it has one', () => {
    expect(broke(validate(s, { ...good, name: undefined }))).toEqual({ field: 'name', rule: 'required', limit: undefined });
    expect(broke(validate(s, { ...good, name: 'a' }))).toEqual({ field: 'name', rule: 'min_length', limit: 2 });
    expect(broke(validate(s, { ...good, name: 'abcde' }))).toEqual({ field: 'name', rule: 'max_length', limit: 4 });
    expect(broke(validate(s, { ...good, code: 'ab' }))).toEqual({ field: 'code', rule: 'pattern', limit: undefined });
    expect(broke(validate(s, { ...good, n: 0 }))).toEqual({ field: 'n', rule: 'min', limit: 1 });
    expect(broke(validate(s, { ...good, n: 11 }))).toEqual({ field: 'n', rule: 'max', limit: 10 });
    expect(broke(validate(s, { ...good, n: 1.5 }))).toEqual({ field: 'n', rule: 'integer', limit: undefined });
    expect(broke(validate(s, { ...good, n: '5' }))).toEqual({ field: 'n', rule: 'type', limit: undefined });
    expect(broke(validate(s, { ...good, kind: 'c' }))).toEqual({ field: 'kind', rule: 'one_of', limit: undefined });
    expect(broke(validate(s, { ...good, list: [] }))).toEqual({ field: 'list', rule: 'empty', limit: undefined });
    expect(broke(validate(s, { ...good, list: ['a', 'b', 'c'] }))).toEqual({ field: 'list', rule: 'max_items', limit: 2 });
    expect(broke(validate(s, { ...good, list: ['a', 'bcde'] }))).toEqual({ field: 'list[1]', rule: 'max_length', limit: 3 });
  });

  it('lets a refinement name its own rule, and calls an unnamed one invalid', () => {
    const named = refine(object({ min: int({ min: 0, max: 9 }), max: int({ min: 0, max: 9 }) }), (v) => (v.min <= v.max ? null : { field: 'max', message: 'must be at least min', rule: 'below_min' }));
    expect(broke(validate(named, { min: 5, max: 1 }))).toEqual({ field: 'max', rule: 'below_min', limit: undefined });
    const unnamed = refine(int({ min: 0, max: 9 }), (v) => (v % 2 === 0 ? null : 'must be even'));
    expect(broke(validate(object({ x: unnamed }), { x: 3 }))).toEqual({ field: 'x', rule: 'invalid', limit: undefined });
  });
});
