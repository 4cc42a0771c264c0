// Goal: the fast update path is indistinguishable from mingo's: same document afterwards, same
// "changed" answer, for random documents and random modifiers of the operators it takes.
import fc from 'fast-check';
import { update as mingoUpdate } from 'mingo';
import { describe, expect, it } from 'vitest';
import { MINGO_OPTIONS } from './mingo-options.js';
import { tryFastUpdate } from './update-fast.js';

const field = fc.constantFrom('a', 'b', 'c');
const path = fc.oneof(field, fc.tuple(field, field).map(([x, y]) => `${x}.${y}`));
const scalar = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(0, -0, 1.5), fc.string({ maxLength: 3 }), fc.boolean(), fc.constant(null));
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 2 }), fc.dictionary(field, scalar, { maxKeys: 2 }), fc.date({ min: new Date(0), max: new Date(1e12), noInvalidDate: true }));
const numericDoc = fc.dictionary(field, fc.oneof(fc.integer({ min: -5, max: 5 }), fc.dictionary(field, fc.integer({ min: -5, max: 5 }), { maxKeys: 2 })), { maxKeys: 3 });
const anyDoc = fc.dictionary(field, fc.oneof(value, fc.dictionary(field, value, { maxKeys: 2 })), { maxKeys: 3 });
const modifier = fc.oneof(
  fc.record({ $set: fc.dictionary(path, value, { minKeys: 1, maxKeys: 2 }) }),
  fc.record({ $unset: fc.dictionary(path, fc.constant(''), { minKeys: 1, maxKeys: 2 }) }),
  fc.record({ $inc: fc.dictionary(path, fc.integer({ min: -3, max: 3 }), { minKeys: 1, maxKeys: 2 }) }),
  fc.record({ $mul: fc.dictionary(path, fc.integer({ min: -2, max: 2 }), { minKeys: 1, maxKeys: 2 }) }),
  fc.record({ $min: fc.dictionary(path, fc.integer({ min: -5, max: 5 }), { minKeys: 1, maxKeys: 1 }), $max: fc.dictionary(path, fc.integer({ min: -5, max: 5 }), { minKeys: 1, maxKeys: 1 }) }),
  fc.record({ $set: fc.dictionary(path, value, { minKeys: 1, maxKeys: 1 }), $inc: fc.dictionary(path, fc.integer({ min: -3, max: 3 }), { minKeys: 1, maxKeys: 1 }) }),
);

function viaMingo(doc: Record<string, unknown>, mod: Record<string, Record<string, unknown>>): boolean {
  return mingoUpdate(doc, mod as never, [], undefined, { cloneMode: 'deep', queryOptions: MINGO_OPTIONS }).length > 0;
}

describe('fast update path', () => {
  it('agrees with mingo on random documents and modifiers', () => {
    let fastTaken = 0;
    fc.assert(
      fc.property(fc.oneof(numericDoc, anyDoc), modifier, (doc, mod) => {
        const a = structuredClone({ _id: 'x', ...doc });
        const b = structuredClone(a);
        const fast = tryFastUpdate(a, mod as never);
        if (fast === null) {
          expect(a).toEqual(b); // declined: nothing touched
          return;
        }
        fastTaken++;
        const slow = viaMingo(b, mod as never);
        expect(a).toStrictEqual(b);
        expect(fast).toBe(slow);
      }),
      { numRuns: 3000 },
    );
    // The property must exercise the fast path, not only its refusals.
    expect(fastTaken).toBeGreaterThan(1000);
  });

  it('declines what it does not know: array positions, other operators, non-plain holders', () => {
    expect(tryFastUpdate({ _id: 'x', a: [1, 2] }, { $set: { 'a.0': 5 } })).toBeNull();
    expect(tryFastUpdate({ _id: 'x', a: [1] }, { $push: { a: 2 } })).toBeNull();
    expect(tryFastUpdate({ _id: 'x', a: [{ b: 1 }] }, { $set: { 'a.b': 2 } })).toBeNull();
    expect(tryFastUpdate({ _id: 'x', a: 1 }, { $set: { a: 2 }, $inc: { a: 1 } })).toBeNull();
  });
});
