import { Aggregator } from 'mingo';
import { afterEach, describe, expect, it } from 'vitest';
import { MINGO_OPTIONS } from './mingo-options.js';
import { DocumentStore, type StoreOptions } from './store.js';

const stores: DocumentStore[] = [];
function open(options: Partial<StoreOptions> = {}): DocumentStore {
  const s = DocumentStore.open({ file: ':memory:', autoCreateCollections: true, ...options });
  stores.push(s);
  return s;
}
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

const orgs = [
  { _id: 'd1', kind: 'dealer', region: '440100' },
  { _id: 'd2', kind: 'dealer', region: '440300' },
  { _id: 's1', kind: 'store', upstreamId: 'd1' },
];
const units = [
  { _id: 'u1', holder: 's1', dealers: ['d1', 'd2'], qty: 2 },
  { _id: 'u2', holder: 'd2', dealers: [], qty: 5 },
  { _id: 'u3', qty: 1 },
  { _id: 'u4', holder: 's1', dealers: ['d2'], qty: 3 },
];

describe('aggregation', () => {
  it('runs match, group, sort, skip, limit, project, unwind and count as MongoDB does', () => {
    const s = open();
    s.insert('units', units);
    const stages = [
      { $match: { qty: { $gte: 1 } } },
      { $unwind: '$dealers' },
      { $group: { _id: '$dealers', total: { $sum: '$qty' }, n: { $sum: 1 } } },
      { $sort: { total: -1 } },
      { $skip: 0 },
      { $limit: 5 },
      { $project: { _id: 0, dealer: '$_id', total: 1 } },
    ];
    expect(s.aggregate('units', stages)).toEqual([{ dealer: 'd2', total: 5 }, { dealer: 'd1', total: 2 }]);
    expect(s.aggregate('units', [{ $match: { holder: 's1' } }, { $count: 'n' }])).toEqual([{ n: 2 }]);
  });

  it('$lookup loads only the foreign documents it needs and matches like a full lookup', () => {
    const s = open();
    s.insert('orgs', orgs);
    s.insert('units', units);
    for (const [localField, foreignField] of [['holder', '_id'], ['dealers', '_id'], ['holder', 'upstreamId']] as const) {
      const lookup = { $lookup: { from: 'orgs', localField, foreignField, as: 'joined' } };
      const expected = new Aggregator([lookup], { ...MINGO_OPTIONS, collectionResolver: () => orgs.map((o) => ({ ...o })) }).run(units.map((u) => ({ ...u })));
      expect(s.aggregate('units', [lookup])).toEqual(expected);
    }
  });

  it('$lookup with a sub-pipeline that uses no outer variable answers what mingo answers, and what a correlated one answers too', () => {
    // Goal: the shortcut for uncorrelated sub-pipelines (computed once, narrowed by the planner)
    // gives MongoDB's result; a correlated one ($$ variables) still goes through the engine.
    const s = open();
    s.insert('orgs', orgs);
    s.insert('units', units);
    const lookups = [
      { $lookup: { from: 'units', pipeline: [{ $match: { _id: { $in: ['u1', 'u3', 'nope'] } } }, { $limit: 5 }], as: 'picked' } },
      { $lookup: { from: 'units', pipeline: [{ $match: { holder: 's1' } }, { $project: { qty: 1 } }], as: 'atStore' } },
      { $lookup: { from: 'units', pipeline: [{ $match: { holder: 'nobody' } }], as: 'none' } },
      { $lookup: { from: 'units', let: { id: '$_id' }, pipeline: [{ $match: { $expr: { $eq: ['$holder', '$$id'] } } }], as: 'held' } },
    ];
    for (const lookup of lookups) {
      const stages = [{ $match: { kind: 'store' } }, lookup];
      const expected = new Aggregator(stages, { ...MINGO_OPTIONS, collectionResolver: () => units.map((u) => ({ ...u })) }).run(orgs.map((o) => ({ ...o })));
      expect(s.aggregate('orgs', stages)).toEqual(expected);
    }
    expect((s.aggregate('orgs', [{ $match: { _id: 's1' } }, lookups[0]!])[0]?.picked as Array<{ _id: string }>).map((u) => u._id)).toEqual(['u1', 'u3']);
  });

  it('$lookup from a missing collection joins nothing', () => {
    const s = open();
    s.insert('units', units);
    const out = s.aggregate('units', [{ $lookup: { from: 'nothing_here', localField: 'holder', foreignField: '_id', as: 'j' } }, { $limit: 1 }]);
    expect(out[0]?.j).toEqual([]);
  });

  it('refuses stages that would write or run scripts', () => {
    const s = open();
    s.insert('units', units);
    expect(() => s.aggregate('units', [{ $out: 'copy' }])).toThrow(expect.objectContaining({ code: 'DATABASE_INVALID_OPERRATOR' }));
    expect(() => s.aggregate('units', [{ $match: { $where: 'true' } }])).toThrow(/scriptEnabled/);
  });

  it('bounds its output', () => {
    const s = open({ limits: { maxAggregateOutputDocs: 3 } });
    s.insert('units', units);
    expect(() => s.aggregate('units', [{ $match: {} }])).toThrow(/add a \$limit stage/);
    expect(s.aggregate('units', [{ $limit: 3 }])).toHaveLength(3);
  });
});
