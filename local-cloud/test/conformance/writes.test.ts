/**
 * Goal: writes through @cloudbase/node-sdk behave as in CloudBase: add one and many, doc
 * get/update/set/remove, where-update and where-remove, every update operator, db.serverDate().
 */
import { beforeAll, expect, it } from 'vitest';
import { describeConformance, type Db } from './target.js';

const COLL = 'conf_write';

describeConformance('writes', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = target().db;
    await target().freshCollection(COLL);
  });

  const read = async (id: string) => (await db.collection(COLL).doc(id).get()).data[0];

  it('adds one document with a generated id and many in order', async () => {
    const one = await db.collection(COLL).add({ kind: 'one', n: 1 });
    expect(typeof one.id).toBe('string');
    expect(one.id.length).toBeGreaterThanOrEqual(20);
    expect(await read(one.id)).toEqual({ _id: one.id, kind: 'one', n: 1 });
    const many = await db.collection(COLL).add([{ _id: 'w-a', kind: 'many', n: 1 }, { _id: 'w-b', kind: 'many', n: 2 }]);
    expect(many.ids).toEqual(['w-a', 'w-b']);
  });

  it('gets a missing document as an empty list', async () => {
    expect((await db.collection(COLL).doc('does-not-exist').get()).data).toEqual([]);
  });

  it('updates by merging fields (nested objects merge too) and reports updated: 1', async () => {
    await db.collection(COLL).add({ _id: 'w-merge', a: 1, nested: { x: 1, y: 1 } });
    const res = await db.collection(COLL).doc('w-merge').update({ b: 2, nested: { y: 2 } });
    expect(res.updated).toBe(1);
    expect(await read('w-merge')).toEqual({ _id: 'w-merge', a: 1, b: 2, nested: { x: 1, y: 2 } });
  });

  it('reports updated: 0 for a missing document', async () => {
    expect((await db.collection(COLL).doc('w-missing').update({ a: 1 })).updated).toBe(0);
  });

  it('sets (replaces) an existing document and upserts a missing one', async () => {
    await db.collection(COLL).add({ _id: 'w-set', a: 1, b: 2 });
    await db.collection(COLL).doc('w-set').set({ c: 3 });
    expect(await read('w-set')).toEqual({ _id: 'w-set', c: 3 });
    const created = await db.collection(COLL).doc('w-set-new').set({ d: 4 });
    expect(created.upsertedId).toBe('w-set-new');
    expect(await read('w-set-new')).toEqual({ _id: 'w-set-new', d: 4 });
  });

  it('removes one document', async () => {
    await db.collection(COLL).add({ _id: 'w-rm' });
    expect((await db.collection(COLL).doc('w-rm').remove()).deleted).toBe(1);
    expect((await db.collection(COLL).doc('w-rm').remove()).deleted).toBe(0);
  });

  it('updates and removes every match of a where()', async () => {
    const _ = db.command;
    await db.collection(COLL).add([1, 2, 3, 4].map((n) => ({ group: 'bulk', n })));
    const upd = await db.collection(COLL).where({ group: 'bulk', n: _.gte(2) }).update({ big: true });
    expect(upd.updated).toBe(3);
    expect((await db.collection(COLL).where({ group: 'bulk', big: true }).count()).total).toBe(3);
    const rm = await db.collection(COLL).where({ group: 'bulk', n: _.lt(3) }).remove();
    expect(rm.deleted).toBe(2);
    expect((await db.collection(COLL).where({ group: 'bulk' }).count()).total).toBe(2);
  });

  it('applies every update operator', async () => {
    const _ = db.command;
    await db.collection(COLL).add({ _id: 'w-ops', s: 'x', gone: 1, n: 10, m: 3, list: [1, 2, 3, 2], set: ['a'], lo: 5, hi: 5, q: [1, 2, 3] });
    await db.collection(COLL).doc('w-ops').update({
      s: _.set({ deep: true }),
      gone: _.remove(),
      n: _.inc(-4),
      m: _.mul(2.5),
      list: _.pull(2),
      set: _.addToSet('b'),
      lo: _.min(3),
      hi: _.max(9),
      q: _.push([4, 5]),
      fresh: _.inc(1),
    });
    expect(await read('w-ops')).toEqual({ _id: 'w-ops', s: { deep: true }, n: 6, m: 7.5, list: [1, 3], set: ['a', 'b'], lo: 3, hi: 9, q: [1, 2, 3, 4, 5], fresh: 1 });
    await db.collection(COLL).doc('w-ops').update({ set: _.addToSet('a'), lo: _.min(4), hi: _.max(1), q: _.pop() });
    expect(await read('w-ops')).toMatchObject({ set: ['a', 'b'], lo: 3, hi: 9, q: [1, 2, 3, 4] });
    await db.collection(COLL).doc('w-ops').update({ q: _.shift(), list: _.unshift([0]) });
    expect(await read('w-ops')).toMatchObject({ q: [2, 3, 4], list: [0, 1, 3] });
  });

  it('updates the first match and returns it with updateAndReturn', async () => {
    const _ = db.command;
    await db.collection(COLL).add({ _id: 'w-seq', name: 'invoice', next: 41 });
    const res = await db.collection(COLL).where({ name: 'invoice' }).updateAndReturn({ next: _.inc(1) });
    expect(res.updated).toBe(1);
    expect(res.doc).toEqual({ _id: 'w-seq', name: 'invoice', next: 42 });
  });

  it('stores db.serverDate() as the server clock and dates as dates', async () => {
    const before = Date.now();
    const { id } = await db.collection(COLL).add({ at: db.serverDate(), later: db.serverDate({ offset: 60_000 }), given: new Date('2020-05-05T05:05:05.005Z') });
    const doc = await read(id);
    expect(doc.at).toBeInstanceOf(Date);
    // A real cloud's clock may differ a little from this machine's.
    expect(Math.abs(doc.at.getTime() - before)).toBeLessThan(120_000);
    expect(doc.later.getTime() - doc.at.getTime()).toBe(60_000);
    expect(doc.given.toISOString()).toBe('2020-05-05T05:05:05.005Z');
  });
});
