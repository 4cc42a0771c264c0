/**
 * Goal: aggregation through @cloudbase/node-sdk behaves as in CloudBase for the stages the
 * product uses: match, group, sort, skip, limit, project, lookup, unwind, count.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeConformance, type Db } from './target.js';

const ORDERS = 'conf_agg_orders';
const SHOPS = 'conf_agg_shops';

describeConformance('aggregation', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = target().db;
    await target().freshCollection(ORDERS);
    await target().freshCollection(SHOPS);
    await db.collection(SHOPS).add([
      { _id: 's1', name: 'North', region: '440106' },
      { _id: 's2', name: 'South', region: '440305' },
    ]);
    await db.collection(ORDERS).add([
      { _id: 'o1', shop: 's1', fen: 100, items: ['a', 'b'] },
      { _id: 'o2', shop: 's1', fen: 250, items: ['a'] },
      { _id: 'o3', shop: 's2', fen: 40, items: ['c'] },
      { _id: 'o4', shop: 's3', fen: 10, items: [] },
    ]);
  });

  it('matches, groups, sorts and projects', async () => {
    const $ = db.command.aggregate;
    const res = await db
      .collection(ORDERS)
      .aggregate()
      .match({ fen: db.command.gte(40) })
      .group({ _id: '$shop', total: $.sum('$fen'), orders: $.sum(1), biggest: $.max('$fen') })
      .sort({ total: -1 })
      .project({ _id: 0, shop: '$_id', total: 1, orders: 1, biggest: 1 })
      .end();
    expect(res.data).toEqual([
      { shop: 's1', total: 350, orders: 2, biggest: 250 },
      { shop: 's2', total: 40, orders: 1, biggest: 40 },
    ]);
  });

  it('skips and limits', async () => {
    const res = await db.collection(ORDERS).aggregate().sort({ fen: 1 }).skip(1).limit(2).project({ fen: 1 }).end();
    expect(res.data).toEqual([{ _id: 'o3', fen: 40 }, { _id: 'o1', fen: 100 }]);
  });

  it('unwinds arrays and counts', async () => {
    const unwound = await db.collection(ORDERS).aggregate().unwind('$items').group({ _id: '$items', n: db.command.aggregate.sum(1) }).sort({ _id: 1 }).end();
    expect(unwound.data).toEqual([{ _id: 'a', n: 2 }, { _id: 'b', n: 1 }, { _id: 'c', n: 1 }]);
    const counted = await db.collection(ORDERS).aggregate().match({ shop: 's1' }).count('orders').end();
    expect(counted.data).toEqual([{ orders: 2 }]);
  });

  it('looks up documents of another collection', async () => {
    const res = await db
      .collection(ORDERS)
      .aggregate()
      .lookup({ from: SHOPS, localField: 'shop', foreignField: '_id', as: 'shopDoc' })
      .sort({ _id: 1 })
      .project({ fen: 1, shopDoc: 1 })
      .end();
    expect(res.data.map((d: { _id: string; shopDoc: { name: string }[] }) => [d._id, d.shopDoc.map((s) => s.name)])).toEqual([
      ['o1', ['North']],
      ['o2', ['North']],
      ['o3', ['South']],
      ['o4', []],
    ]);
  });
});
