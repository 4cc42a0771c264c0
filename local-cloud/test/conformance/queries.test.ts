/**
 * Goal: queries through @cloudbase/node-sdk behave as in CloudBase: every query operator,
 * ordering, skip/limit with the default of 100 and the cap of 1,000, projection and count.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeConformance, type Db } from './target.js';

const COLL = 'conf_query';
const BULK = 'conf_query_bulk';

const fruit = [
  { _id: 'q01', n: 1, s: 'apple', tags: ['red', 'fruit'], box: { w: 10, h: 2 }, ok: true, at: new Date('2024-01-01T00:00:00Z'), items: [{ k: 'a', v: 1 }, { k: 'b', v: 5 }] },
  { _id: 'q02', n: 2, s: 'banana', tags: ['yellow', 'fruit'], box: { w: 20, h: 2 }, ok: false, at: new Date('2024-02-01T00:00:00Z'), items: [{ k: 'a', v: 7 }] },
  { _id: 'q03', n: 3, s: 'cherry', tags: ['red'], box: { w: 5, h: 1 }, ok: true, at: new Date('2024-03-01T00:00:00Z'), items: [] },
  { _id: 'q04', n: 4, s: 'date', tags: [], ok: true, at: new Date('2024-04-01T00:00:00Z') },
  { _id: 'q05', n: 5, s: 'elder', tags: ['black', 'berry', 'fruit'], box: { w: 20, h: 3 }, note: null },
];

const ids = (res: { data: { _id: string }[] }) => res.data.map((d) => d._id);

describeConformance('queries', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = target().db;
    await target().freshCollection(COLL);
    await db.collection(COLL).add(fruit);
  });

  const where = async (q: unknown) => ids(await db.collection(COLL).where(q).orderBy('_id', 'asc').get());

  it('eq, neq, gt, gte, lt, lte', async () => {
    const _ = db.command;
    expect(await where({ s: 'banana' })).toEqual(['q02']);
    expect(await where({ n: _.eq(3) })).toEqual(['q03']);
    expect(await where({ n: _.neq(3) })).toEqual(['q01', 'q02', 'q04', 'q05']);
    expect(await where({ n: _.gt(3) })).toEqual(['q04', 'q05']);
    expect(await where({ n: _.gte(3) })).toEqual(['q03', 'q04', 'q05']);
    expect(await where({ n: _.lt(2) })).toEqual(['q01']);
    expect(await where({ n: _.lte(2) })).toEqual(['q01', 'q02']);
    expect(await where({ at: _.gte(new Date('2024-02-01T00:00:00Z')).and(_.lt(new Date('2024-04-01T00:00:00Z'))) })).toEqual(['q02', 'q03']);
  });

  it('in, nin, exists, and array membership', async () => {
    const _ = db.command;
    expect(await where({ s: _.in(['apple', 'date', 'fig']) })).toEqual(['q01', 'q04']);
    expect(await where({ n: _.nin([1, 2, 3]) })).toEqual(['q04', 'q05']);
    expect(await where({ box: _.exists(false) })).toEqual(['q04']);
    expect(await where({ note: _.exists(true) })).toEqual(['q05']);
    expect(await where({ tags: 'red' })).toEqual(['q01', 'q03']);
  });

  it('and, or, nor, not', async () => {
    const _ = db.command;
    expect(await where(_.and([{ tags: 'fruit' }, { n: _.gt(1) }]))).toEqual(['q02', 'q05']);
    expect(await where(_.or([{ s: 'apple' }, { n: _.gte(5) }]))).toEqual(['q01', 'q05']);
    expect(await where(_.nor([{ tags: 'fruit' }, { ok: false }]))).toEqual(['q03', 'q04']);
    expect(await where({ n: _.not(_.gt(2)) })).toEqual(['q01', 'q02']);
    expect(await where({ n: _.gt(1).and(_.lt(4)), ok: true })).toEqual(['q03']);
  });

  it('elemMatch, size, nested fields', async () => {
    const _ = db.command;
    expect(await where({ items: _.elemMatch({ k: 'a', v: _.gt(5) }) })).toEqual(['q02']);
    expect(await where({ tags: _.size(2) })).toEqual(['q01', 'q02']);
    expect(await where({ box: { w: 20 } })).toEqual(['q02', 'q05']);
    expect(await where({ 'box.h': _.gte(2) })).toEqual(['q01', 'q02', 'q05']);
  });

  it('orders by one and by two fields', async () => {
    expect(ids(await db.collection(COLL).orderBy('n', 'desc').get())).toEqual(['q05', 'q04', 'q03', 'q02', 'q01']);
    const two = await db.collection(COLL).where({ box: db.command.exists(true) }).orderBy('box.w', 'desc').orderBy('n', 'asc').get();
    expect(ids(two)).toEqual(['q02', 'q05', 'q01', 'q03']);
  });

  it('skips and limits', async () => {
    expect(ids(await db.collection(COLL).orderBy('n', 'asc').skip(1).limit(2).get())).toEqual(['q02', 'q03']);
    expect(ids(await db.collection(COLL).orderBy('n', 'asc').skip(10).get())).toEqual([]);
  });

  it('projects fields in and out, keeping _id', async () => {
    const only = await db.collection(COLL).where({ _id: 'q01' }).field({ s: true, 'box.w': true }).get();
    expect(only.data).toEqual([{ _id: 'q01', s: 'apple', box: { w: 10 } }]);
    const without = (await db.collection(COLL).doc('q03').field({ items: false, tags: false, at: false }).get()).data[0];
    expect(without).toEqual({ _id: 'q03', n: 3, s: 'cherry', box: { w: 5, h: 1 }, ok: true });
  });

  it('counts', async () => {
    const _ = db.command;
    expect((await db.collection(COLL).count()).total).toBe(5);
    expect((await db.collection(COLL).where({ tags: 'fruit', n: _.gt(1) }).count()).total).toBe(2);
  });

  it('returns dates as Date objects and keeps numbers exact', async () => {
    const [doc] = (await db.collection(COLL).doc('q02').get()).data;
    expect(doc.at).toBeInstanceOf(Date);
    expect(doc.at.toISOString()).toBe('2024-02-01T00:00:00.000Z');
    expect(doc.box).toEqual({ w: 20, h: 2 });
  });

  it('returns 100 documents by default and at most 1,000 per get', async () => {
    await target().freshCollection(BULK);
    for (let start = 0; start < 1100; start += 100) {
      await db.collection(BULK).add(Array.from({ length: 100 }, (_, i) => ({ i: start + i })));
    }
    expect((await db.collection(BULK).get()).data).toHaveLength(100);
    const capped = await db.collection(BULK).orderBy('i', 'asc').limit(5000).get();
    expect(capped.data).toHaveLength(1000);
    expect(capped.data[999].i).toBe(999);
    expect((await db.collection(BULK).count()).total).toBe(1100);
  }, 120_000);
});
