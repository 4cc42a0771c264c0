import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DocumentStore, type StoreOptions } from './store.js';

const dirs: string[] = [];
const stores: DocumentStore[] = [];

function tempFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lc-store-'));
  dirs.push(dir);
  return path.join(dir, 'db.sqlite');
}

function open(options: Partial<StoreOptions> = {}): DocumentStore {
  const s = DocumentStore.open({ file: ':memory:', autoCreateCollections: true, ...options });
  stores.push(s);
  return s;
}

afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('collections', () => {
  it('refuses an undeclared collection unless auto-creation is on, like CloudBase', () => {
    const s = open({ autoCreateCollections: false });
    expect(() => s.find('missing')).toThrow(expect.objectContaining({ code: 'DATABASE_COLLECTION_NOT_EXIST' }));
    expect(s.createCollection('missing')).toBe(true);
    expect(s.createCollection('missing')).toBe(false);
    expect(s.find('missing')).toEqual([]);
  });

  it('creates declared collections and indexes at open, and drops indexes no longer declared', () => {
    const file = tempFile();
    const first = DocumentStore.open({ file, collections: [{ name: 'events', indexes: [{ name: 'code_1', fields: [{ path: 'code', order: 1 }], unique: false }] }] });
    expect(first.listIndexes('events').map((i) => i.name)).toEqual(['code_1']);
    first.close();
    const second = DocumentStore.open({ file, collections: [{ name: 'events', indexes: [{ name: 'at_-1', fields: [{ path: 'at', order: -1 }], unique: false }] }] });
    stores.push(second);
    expect(second.listIndexes('events').map((i) => i.name)).toEqual(['at_-1']);
  });

  it('validates collection names', () => {
    const s = open();
    expect(() => s.createCollection('bad name')).toThrow(expect.objectContaining({ code: 'INVALID_PARAM' }));
  });
});

describe('documents', () => {
  it('generates 32-hex ids when _id is absent and keeps given ones', () => {
    const s = open();
    const [generated, given] = s.insert('c', [{ a: 1 }, { _id: 'mine', a: 2 }]);
    expect(generated).toMatch(/^[0-9a-f]{32}$/);
    expect(given).toBe('mine');
    expect(s.findById('c', 'mine')).toEqual({ _id: 'mine', a: 2 });
  });

  it('rejects a second document with the same _id with an E11000 DATABASE_DUPLICATE_WRITE, atomically', () => {
    const s = open();
    s.insert('c', [{ _id: 'x' }]);
    expect(() => s.insert('c', [{ _id: 'y' }, { _id: 'x' }])).toThrow(
      expect.objectContaining({ code: 'DATABASE_DUPLICATE_WRITE', message: expect.stringMatching(/^E11000 duplicate key error collection: c index: _id_ dup key: \{ _id: "x" \}/) }),
    );
    expect(s.findById('c', 'y')).toBeNull();
  });

  it('enforces unique indexes on insert and update, treating a missing field as null', () => {
    const s = open();
    s.ensureIndex('users', { keys: { unionId: 1, orgId: 1 }, unique: true });
    s.insert('users', [{ unionId: 'u', orgId: 'o1' }, { unionId: 'u', orgId: 'o2' }]);
    expect(() => s.insert('users', [{ unionId: 'u', orgId: 'o1' }])).toThrow(/index: unionId_1_orgId_1 dup key: \{ unionId: "u", orgId: "o1" \}/);
    expect(() => s.update('users', { orgId: 'o2' }, { $set: { orgId: 'o1' } }, { multi: false, merge: true, upsert: false })).toThrow(/E11000/);
    s.insert('users', [{ unionId: 'solo' }]);
    expect(() => s.insert('users', [{ unionId: 'solo', orgId: null }])).toThrow(/E11000/);
  });

  it('refuses to build a unique index over existing duplicates', () => {
    const s = open();
    s.insert('c', [{ k: 1 }, { k: 1 }]);
    expect(() => s.ensureIndex('c', { keys: { k: 1 }, unique: true })).toThrow(/duplicate keys/);
    expect(s.listIndexes('c')).toEqual([]);
  });

  it('counts a no-op update as not updated, as CloudBase does', () => {
    const s = open();
    const [id] = s.insert('c', [{ a: 1 }]);
    expect(s.update('c', { _id: id }, { $set: { a: 1 } }, { multi: false, merge: true, upsert: false }).updated).toBe(0);
    expect(s.update('c', { _id: id }, { $set: { a: 2 } }, { multi: false, merge: true, upsert: false }).updated).toBe(1);
  });

  it('replaces with set semantics and upserts a missing document under the queried _id', () => {
    const s = open();
    s.insert('c', [{ _id: 'd', a: 1, b: 2 }]);
    s.update('c', { _id: 'd' }, { c: 3 }, { multi: false, merge: false, upsert: true });
    expect(s.findById('c', 'd')).toEqual({ _id: 'd', c: 3 });
    expect(s.update('c', { _id: 'new' }, { c: 4 }, { multi: false, merge: false, upsert: true })).toEqual({ updated: 0, upsertedId: 'new' });
    expect(s.findById('c', 'new')).toEqual({ _id: 'new', c: 4 });
  });

  it('raises MongoDB type errors that mingo alone would skip', () => {
    const s = open();
    s.insert('c', [{ _id: 'd', s: 'text', n: 1, o: 'scalar' }]);
    const upd = (data: unknown) => () => s.update('c', { _id: 'd' }, data, { multi: false, merge: true, upsert: false });
    expect(upd({ $inc: { s: 1 } })).toThrow(/non-numeric type/);
    expect(upd({ $inc: { n: 'x' } })).toThrow(/non-numeric argument/);
    expect(upd({ $push: { s: 1 } })).toThrow(/must be an array/);
    expect(upd({ $set: { 'o.x': 1 } })).toThrow(/Cannot create field 'x'/);
    expect(upd({ $set: { _id: 'e' } })).toThrow(/_id/);
    expect(s.findById('c', 'd')).toEqual({ _id: 'd', s: 'text', n: 1, o: 'scalar' });
  });

  it('limits where-updates and removes, refusing before any write', () => {
    const s = open({ limits: { maxDocsPerWrite: 3 } });
    s.insert('c', [1, 2, 3, 4].map((n) => ({ n })));
    expect(() => s.update('c', {}, { $set: { x: 1 } }, { multi: true, merge: true, upsert: false })).toThrow(expect.objectContaining({ code: 'EXCEED_REQUEST_LIMIT' }));
    expect(s.count('c', { x: 1 })).toBe(0);
    expect(() => s.remove('c', {}, { multi: true })).toThrow(/more than 3/);
    expect(s.remove('c', { n: { $lte: 2 } }, { multi: true })).toBe(2);
    expect(s.remove('c', {}, { multi: false })).toBe(1);
    expect(s.count('c')).toBe(1);
  });

  it('bounds documents per insert and document size', () => {
    const s = open({ limits: { maxDocsPerInsert: 2, maxDocumentBytes: 100 } });
    expect(() => s.insert('c', [{}, {}, {}])).toThrow(/at most 2 documents/);
    expect(() => s.insert('c', [{ big: 'x'.repeat(200) }])).toThrow(/exceeds 100 bytes/);
  });
});

describe('queries', () => {
  it('applies default limit 100, caps limit at 1000, skips and projects', () => {
    const s = open();
    for (let i = 0; i < 3; i++) s.insert('c', Array.from({ length: 500 }, (_, j) => ({ n: i * 500 + j, extra: 'x' })));
    expect(s.find('c').length).toBe(100);
    expect(s.find('c', { limit: 5000 }).length).toBe(1000);
    const page = s.find('c', { sort: { n: -1 }, skip: 10, limit: 3, projection: { n: 1 } });
    expect(page.map((d) => d.n)).toEqual([1489, 1488, 1487]);
    expect(Object.keys(page[0] ?? {})).toEqual(['_id', 'n']);
  });

  it('answers equality and ranges on indexed fields from the index, without scanning', () => {
    const s = open();
    s.ensureIndex('events', { keys: { code: 1, at: -1 } });
    s.insert('events', [{ code: 'a', at: new Date(1) }, { code: 'b', at: new Date(2) }]);
    const eq = s.explain('events', { code: 'a' }, { at: -1 });
    expect(eq.plan.join(' ')).toMatch(/USING INDEX c\d+__code_1_at_-1/);
    expect(eq.plan.join(' ')).not.toMatch(/TEMP B-TREE/);
    expect(eq).toMatchObject({ exact: true, orderInSql: true });
    const range = s.explain('events', { code: 'a', at: { $gte: new Date(0) } });
    expect(range.plan.join(' ')).toMatch(/USING INDEX .*\(<expr>=\? AND <expr>>\? AND <expr><\?\)/);
    expect(s.explain('events', { other: 1 }).plan.join(' ')).toMatch(/SCAN/);
  });

  it('stops pushing down a path once it held an array, keeping MongoDB semantics', () => {
    const s = open();
    s.ensureIndex('c', { keys: { tag: 1 } });
    s.insert('c', [{ tag: 'a' }, { tag: 'b' }]);
    expect(s.explain('c', { tag: 'a' }).exact).toBe(true);
    s.insert('c', [{ tag: ['a', 'c'] }]);
    expect(s.explain('c', { tag: 'a' }).exact).toBe(false);
    expect(s.find('c', { filter: { tag: 'a' } }).length).toBe(2);
    expect(s.count('c', { tag: 'c' })).toBe(1);
  });

  it('answers an array field from a multikey index, like the ledger history by account, newest first', () => {
    const s = open();
    s.ensureIndex('ledger', { keys: { accounts: 1, at: -1 } });
    s.insert('ledger', [{ _id: 'seed', accounts: 'budget', at: 0 }]);
    expect(s.listIndexes('ledger')[0]?.multikey).toBe(false);
    const postings = Array.from({ length: 300 }, (_, i) => ({ _id: `p${i}`, accounts: [`acct${i % 7}`, 'budget'], at: 1000 + i }));
    s.insert('ledger', postings);
    expect(s.listIndexes('ledger')[0]?.multikey).toBe(true);
    const plan = s.explain('ledger', { accounts: 'acct3' }, { at: -1 });
    expect(plan.plan.join(' ')).toMatch(/SEARCH s USING (COVERING )?INDEX c\d+__accounts_1_at_-1__mk__keys \(k0=\?\)/);
    expect(plan.plan.join(' ')).not.toMatch(/TEMP B-TREE/);
    const page = s.find('ledger', { filter: { accounts: 'acct3' }, sort: { at: -1 }, skip: 2, limit: 3 });
    const expected = postings.filter((p) => p.accounts.includes('acct3')).sort((a, b) => b.at - a.at).slice(2, 5).map((p) => p._id);
    expect(page.map((d) => d._id)).toEqual(expected);
    // Every posting touches 'budget' once, however many elements match: no duplicates.
    expect(s.count('ledger', { accounts: { $in: ['budget', 'acct1'] } })).toBe(301);
    s.update('ledger', { _id: 'p3' }, { $set: { accounts: ['moved'] } }, { multi: false, merge: true, upsert: false });
    expect(s.find('ledger', { filter: { accounts: 'moved' } }).map((d) => d._id)).toEqual(['p3']);
    s.remove('ledger', { _id: 'p3' }, { multi: false });
    expect(s.count('ledger', { accounts: 'moved' })).toBe(0);
  });

  it('builds an index over existing arrays as multikey, refuses parallel arrays, and keeps unique multikey keys unique', () => {
    const s = open();
    s.insert('c', [{ _id: 'a', tags: ['x', 'y'], n: [1, 2] }]);
    expect(s.ensureIndex('c', { keys: { tags: 1 } }).multikey).toBe(true);
    expect(s.find('c', { filter: { tags: 'y' } }).map((d) => d._id)).toEqual(['a']);
    expect(() => s.ensureIndex('c', { keys: { tags: 1, n: 1 } })).toThrow(/cannot index parallel arrays \[tags\] \[n\]/);
    s.ensureIndex('c', { keys: { tags: 1, m: 1 } });
    expect(() => s.insert('c', [{ tags: ['p'], m: [1] }])).toThrow(/cannot index parallel arrays/);
    s.insert('c', [{ tags: ['p'], m: 1 }]);
    s.ensureIndex('codes', { keys: { codes: 1 }, unique: true });
    s.insert('codes', [{ _id: 'b1', codes: ['A', 'B', 'A'] }]);
    expect(() => s.insert('codes', [{ _id: 'b2', codes: ['C', 'B'] }])).toThrow(/E11000 .* index: codes_1/);
    s.insert('codes', [{ _id: 'b3', codes: ['C'] }]);
  });

  it('keeps path states across a reopen', () => {
    const file = tempFile();
    const first = DocumentStore.open({ file, autoCreateCollections: true });
    first.ensureIndex('c', { keys: { tag: 1 } });
    first.insert('c', [{ tag: ['x'] }]);
    first.close();
    const second = DocumentStore.open({ file });
    stores.push(second);
    expect(second.explain('c', { tag: 'x' }).exact).toBe(false);
    expect(second.find('c', { filter: { tag: 'x' } }).length).toBe(1);
  });

  it('refuses a large in-memory sort and a runaway scan with a clear limit error', () => {
    const s = open({ limits: { maxInMemorySortDocs: 10, maxScanDocs: 50 } });
    s.insert('c', Array.from({ length: 40 }, (_, i) => ({ n: i })));
    expect(() => s.find('c', { sort: { n: 1 } })).toThrow(/declare an index/);
    s.insert('c', Array.from({ length: 40 }, (_, i) => ({ n: i })));
    expect(() => s.count('c', { n: { $mod: [2, 0] } })).toThrow(/examined more than 50/);
  });
});

describe('durability and locking', () => {
  it('keeps data across close and reopen', () => {
    const file = tempFile();
    const first = DocumentStore.open({ file, autoCreateCollections: true });
    first.insert('c', [{ _id: 'keep', at: new Date(5) }]);
    first.close();
    const second = DocumentStore.open({ file });
    stores.push(second);
    expect(second.findById('c', 'keep')).toEqual({ _id: 'keep', at: new Date(5) });
    expect(second.isEmpty()).toBe(false);
  });

  it('refuses a second store on the same file while the first is open', () => {
    const file = tempFile();
    stores.push(DocumentStore.open({ file }));
    expect(() => DocumentStore.open({ file })).toThrow(/in use by another process/);
  });
});
