import fc from 'fast-check';
import { find as mingoFind } from 'mingo';
import { describe, expect, it } from 'vitest';
import type { Doc } from './doc-codec.js';
import { MINGO_OPTIONS } from './mingo-options.js';
import { T_DATE, T_NULL, T_NUMBER, T_STRING, type PathState } from './path-state.js';
import { planQuery } from './query-plan.js';
import { DocumentStore } from './store.js';

const paths = (entries: Record<string, PathState>) => ({ paths: new Map(Object.entries({ _id: { multikey: false, types: T_STRING }, ...entries })) });

describe('query planner', () => {
  it('pushes equality on a single-typed indexed path down exactly', () => {
    const plan = planQuery({ code: 'x' }, undefined, paths({ code: { multikey: false, types: T_STRING | T_NULL } }));
    expect(plan).toMatchObject({ exact: true, params: ['x'] });
    expect(plan.where).toBe(`coalesce(json_extract(doc, '$.code'), -9e999) = ?`);
  });

  it('brackets ranges by MongoDB type so $gt on a number never returns strings', () => {
    const plan = planQuery({ n: { $gt: 5 } }, undefined, paths({ n: { multikey: false, types: T_NUMBER } }));
    expect(plan.where).toContain(`> ? AND coalesce(json_extract(doc, '$.n'), -9e999) < ''`);
    const dates = planQuery({ at: { $lt: new Date(0) } }, undefined, paths({ at: { multikey: false, types: T_DATE } }));
    expect(dates.where).toContain(`>= '{"$date":"'`);
    expect(dates.params).toEqual(['{"$date":"1970-01-01T00:00:00.000Z"}']);
  });

  it('is inexact (mingo re-checks) for mixed types, unindexed paths, arrays and other operators', () => {
    const mixed = paths({ v: { multikey: false, types: T_STRING | T_NUMBER } });
    expect(planQuery({ v: 'x' }, undefined, mixed).exact).toBe(false);
    expect(planQuery({ other: 1 }, undefined, mixed)).toMatchObject({ exact: false, where: '1' });
    expect(planQuery({ v: 'x' }, undefined, paths({ v: { multikey: true, types: T_STRING } }))).toMatchObject({ exact: false, where: '1' });
    expect(planQuery({ $or: [{ v: 1 }] }, undefined, mixed).exact).toBe(false);
    expect(planQuery({ v: { $ne: 1 } }, undefined, mixed).where).toBe('1');
  });

  it('orders in SQL only on single-typed, array-free indexed paths', () => {
    const p = paths({ n: { multikey: false, types: T_NUMBER | T_NULL }, m: { multikey: false, types: T_NUMBER | T_STRING } });
    expect(planQuery({}, { n: -1 }, p).orderBy).toBe(`coalesce(json_extract(doc, '$.n'), -9e999) DESC, rid`);
    expect(planQuery({}, { m: 1 }, p).orderBy).toBeNull();
    expect(planQuery({}, { unindexed: 1 }, p).orderBy).toBeNull();
    expect(planQuery({}, undefined, p).orderBy).toBe('rid');
  });
});

// Values of every type MongoDB orders differently, including arrays and missing fields.
const scalar = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0.5, -1.5),
  fc.constantFrom('a', 'b', 'ab', ''),
  fc.boolean(),
  fc.constant(null),
  fc.integer({ min: 0, max: 3 }).map((d) => new Date(Date.UTC(1969 + d, 0, 1))),
);
const value = fc.oneof({ weight: 6, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.record({ x: scalar }) });
const docArb = fc.record({ a: value, b: value, c: scalar }, { requiredKeys: [] });
const field = fc.constantFrom('a', 'b', 'c', 'b.x');
const condition = fc.oneof(
  fc.tuple(field, scalar).map(([f, v]) => ({ [f]: v })),
  fc.tuple(field, fc.constantFrom('$gt', '$gte', '$lt', '$lte', '$ne', '$eq'), scalar).map(([f, op, v]) => ({ [f]: { [op]: v } })),
  fc.tuple(field, fc.array(scalar, { maxLength: 3 })).map(([f, vs]) => ({ [f]: { $in: vs } })),
  fc.tuple(field, fc.boolean()).map(([f, e]) => ({ [f]: { $exists: e } })),
);
const queryArb = fc.record({
  filter: fc.array(condition, { maxLength: 3 }).map((cs) => (cs.length <= 1 ? (cs[0] ?? {}) : { $and: cs })),
  sort: fc.option(fc.tuple(fc.constantFrom('a', 'b', 'c', '_id'), fc.constantFrom(1 as const, -1 as const)).map(([f, d]) => ({ [f]: d })), { nil: undefined }),
  skip: fc.integer({ min: 0, max: 3 }),
  limit: fc.integer({ min: 1, max: 10 }),
});

type IndexKeys = Record<string, 1 | -1>;
const DEFAULT_INDEXES: IndexKeys[] = [{ a: 1 }, { b: 1, c: -1 }, { 'b.x': 1 }];

function agreesWithMingo(
  docs: Doc[],
  queries: { filter: Doc; sort?: Record<string, 1 | -1>; skip: number; limit: number }[],
  exactSeen: { n: number },
  indexes: IndexKeys[] = DEFAULT_INDEXES,
): void {
  const store = DocumentStore.open({ file: ':memory:', autoCreateCollections: true });
  try {
    for (const keys of indexes) store.ensureIndex('c', { keys });
    // structuredClone: fast-check builds null-prototype objects, which mingo cannot hash.
    const all: Doc[] = docs.map((d, i) => ({ _id: `d${String(i).padStart(2, '0')}`, ...structuredClone(d) }));
    if (all.length > 0) store.insert('c', all);
    for (const q of queries) {
      let cursor = mingoFind(all, q.filter, undefined, MINGO_OPTIONS);
      if (q.sort) cursor = cursor.sort(q.sort);
      const expected = (cursor.skip(q.skip).limit(q.limit).all() as Doc[]).map((d) => d._id);
      expect(store.find('c', q).map((d) => d._id)).toEqual(expected);
      expect(store.count('c', q.filter)).toBe(mingoFind(all, q.filter, undefined, MINGO_OPTIONS).all().length);
      const plan = store.explain('c', q.filter, q.sort);
      if (plan.exact || plan.plan.some((line) => line.includes('__mk__'))) exactSeen.n++;
    }
  } finally {
    store.close();
  }
}

describe('pushdown against mingo over the whole collection (property)', () => {
  it('returns what MongoDB semantics (mingo) return, for documents of mixed types, arrays and sub-documents', () => {
    const exact = { n: 0 };
    fc.assert(fc.property(fc.array(docArb, { maxLength: 25 }), fc.array(queryArb, { minLength: 1, maxLength: 5 }), (d, q) => agreesWithMingo(d, q, exact)), { numRuns: 300 });
  });

  it('returns what mingo returns when every path holds one type, where SQLite answers filter, order and limit alone', () => {
    const typedDoc = fc.record(
      {
        a: fc.option(fc.integer({ min: -3, max: 3 }), { nil: null }),
        b: fc.constantFrom('a', 'b', 'ab', ''),
        c: fc.integer({ min: 0, max: 3 }).map((d) => new Date(Date.UTC(1969 + d, 0, 1))),
      },
      { requiredKeys: ['b'] },
    );
    const typedCondition = fc.oneof(
      fc.tuple(fc.constantFrom('$gt', '$gte', '$lt', '$lte', '$eq'), fc.integer({ min: -3, max: 3 })).map(([op, v]) => ({ a: { [op]: v } })),
      fc.constantFrom('a', 'b', 'zz').map((v) => ({ b: v })),
      fc.array(fc.constantFrom('a', 'b', ''), { maxLength: 3 }).map((vs) => ({ b: { $in: vs } })),
      fc.tuple(fc.constantFrom('$gt', '$lte'), fc.integer({ min: 0, max: 3 })).map(([op, d]) => ({ c: { [op]: new Date(Date.UTC(1969 + d, 0, 1)) } })),
      fc.constant({ a: null }),
    );
    const typedQuery = fc.record({
      filter: fc.array(typedCondition, { maxLength: 3 }).map((cs) => (cs.length <= 1 ? (cs[0] ?? {}) : { $and: cs })),
      sort: fc.option(fc.tuple(fc.constantFrom('a', 'b', 'c', '_id'), fc.constantFrom(1 as const, -1 as const)).map(([f, d]) => ({ [f]: d })), { nil: undefined }),
      skip: fc.integer({ min: 0, max: 3 }),
      limit: fc.integer({ min: 1, max: 10 }),
    });
    const exact = { n: 0 };
    fc.assert(fc.property(fc.array(typedDoc, { maxLength: 25 }), fc.array(typedQuery, { minLength: 1, maxLength: 5 }), (d, q) => agreesWithMingo(d, q, exact)), { numRuns: 300 });
    // The property is only meaningful if the exact (SQL-only) path actually ran.
    expect(exact.n).toBeGreaterThan(100);
  });

  it('returns what mingo returns for array fields answered by a multikey index, sorted by its second field', () => {
    const tagged = fc.record({
      tags: fc.oneof(fc.array(fc.constantFrom('x', 'y', 'z', 'w'), { maxLength: 4 }), fc.constantFrom('x', 'y'), fc.constant(null)),
      at: fc.integer({ min: 0, max: 20 }),
    }, { requiredKeys: ['at'] });
    const tagCondition = fc.oneof(
      fc.constantFrom('x', 'y', 'q').map((t) => ({ tags: t })),
      fc.array(fc.constantFrom('x', 'z', 'w'), { maxLength: 3 }).map((ts) => ({ tags: { $in: ts } })),
      fc.tuple(fc.constantFrom('$gt', '$gte', '$lt', '$lte'), fc.constantFrom('x', 'y')).map(([op, t]) => ({ tags: { [op]: t } })),
      fc.tuple(fc.constantFrom('$gt', '$lte'), fc.integer({ min: 0, max: 20 })).map(([op, n]) => ({ at: { [op]: n } })),
      fc.constant({ tags: null }),
    );
    const tagQuery = fc.record({
      filter: fc.array(tagCondition, { minLength: 1, maxLength: 3 }).map((cs) => (cs.length === 1 ? (cs[0] as Doc) : { $and: cs })),
      sort: fc.option(fc.constantFrom<Record<string, 1 | -1>>({ at: -1 }, { at: 1 }, { _id: 1 }), { nil: undefined }),
      skip: fc.integer({ min: 0, max: 3 }),
      limit: fc.integer({ min: 1, max: 10 }),
    });
    const multikeyPlans = { n: 0 };
    fc.assert(
      fc.property(fc.array(tagged, { maxLength: 25 }), fc.array(tagQuery, { minLength: 1, maxLength: 5 }), (d, q) =>
        agreesWithMingo([{ tags: ['x'], at: 0 }, ...d], q, multikeyPlans, [{ tags: 1, at: -1 }]),
      ),
      { numRuns: 300 },
    );
    expect(multikeyPlans.n).toBeGreaterThan(100);
  });
});
