import { afterEach, describe, expect, it } from 'vitest';
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

const merge = { merge: true, upsert: false };
const conflict = expect.objectContaining({ code: 'DATABASE_TRANSACTION_CONFLICT' });

describe('transactions', () => {
  it('commits all writes at once and shows its own writes before the commit', () => {
    const s = open();
    s.insert('acc', [{ _id: 'a', bal: 10 }]);
    const tx = s.transactions.start();
    s.transactions.update(tx, 'acc', 'a', { $inc: { bal: -3 } }, merge);
    const id = s.transactions.insert(tx, 'ledger', { amount: 3 });
    expect(JSON.parse(s.transactions.get(tx, 'acc', 'a') ?? 'null')).toEqual({ _id: 'a', bal: 7 });
    expect(s.findById('acc', 'a')).toEqual({ _id: 'a', bal: 10 });
    expect(s.find('ledger')).toEqual([]);
    s.transactions.commit(tx);
    expect(s.findById('acc', 'a')).toEqual({ _id: 'a', bal: 7 });
    expect(s.findById('ledger', id)).toEqual({ _id: id, amount: 3 });
  });

  it('discards everything on abort', () => {
    const s = open();
    s.insert('acc', [{ _id: 'a', bal: 10 }]);
    const tx = s.transactions.start();
    s.transactions.remove(tx, 'acc', 'a');
    s.transactions.insert(tx, 'acc', { _id: 'b' });
    s.transactions.abort(tx);
    expect(s.find('acc')).toEqual([{ _id: 'a', bal: 10 }]);
    expect(() => s.transactions.commit(tx)).toThrow(/aborted/);
  });

  it('lets the first writer of a document win; the second writer conflicts at once and is aborted', () => {
    const s = open();
    s.insert('acc', [{ _id: 'a', bal: 10 }]);
    const t1 = s.transactions.start();
    const t2 = s.transactions.start();
    s.transactions.get(t1, 'acc', 'a');
    s.transactions.get(t2, 'acc', 'a');
    s.transactions.update(t1, 'acc', 'a', { $inc: { bal: -1 } }, merge);
    expect(() => s.transactions.update(t2, 'acc', 'a', { $inc: { bal: -1 } }, merge)).toThrow(conflict);
    expect(() => s.transactions.commit(t2)).toThrow(conflict);
    s.transactions.commit(t1);
    expect(s.findById('acc', 'a')?.bal).toBe(9);
  });

  it('conflicts when a document was changed after the snapshot, taken at the first operation (no lost update)', () => {
    const s = open();
    s.insert('acc', [{ _id: 'a', bal: 10 }, { _id: 'b', bal: 0 }]);
    const t1 = s.transactions.start();
    const t2 = s.transactions.start();
    const t3 = s.transactions.start();
    s.transactions.get(t2, 'acc', 'b'); // t2's snapshot: before t1 commits
    s.transactions.update(t1, 'acc', 'a', { $set: { bal: 9 } }, merge);
    s.transactions.commit(t1);
    expect(() => s.transactions.get(t2, 'acc', 'a')).toThrow(conflict);
    // t3 started before the commit but had not read anything: its snapshot is after it.
    expect(JSON.parse(s.transactions.get(t3, 'acc', 'a') ?? 'null')).toEqual({ _id: 'a', bal: 9 });
  });

  it('lines up first operations on a held document instead of letting them conflict', async () => {
    const s = open();
    s.insert('acc', [{ _id: 'a', bal: 10 }]);
    const t1 = s.transactions.start();
    s.transactions.update(t1, 'acc', 'a', { $inc: { bal: -1 } }, merge);
    const t2 = s.transactions.start();
    const t3 = s.transactions.start();
    const order: string[] = [];
    const turn2 = s.transactions.turnFor(t2, 'acc', 'a');
    const turn3 = s.transactions.turnFor(t3, 'acc', 'a');
    expect(turn2).not.toBeNull();
    expect(turn3).not.toBeNull();
    const t2done = turn2!.then(() => {
      order.push('t2');
      const bal = (JSON.parse(s.transactions.get(t2, 'acc', 'a') as string) as { bal: number }).bal;
      s.transactions.update(t2, 'acc', 'a', { $set: { bal: bal - 1 } }, merge);
      s.transactions.commit(t2);
    });
    const t3done = turn3!.then(() => {
      order.push('t3');
      const bal = (JSON.parse(s.transactions.get(t3, 'acc', 'a') as string) as { bal: number }).bal;
      s.transactions.update(t3, 'acc', 'a', { $set: { bal: bal - 1 } }, merge);
      s.transactions.commit(t3);
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual([]);
    s.transactions.commit(t1);
    await Promise.all([t2done, t3done]);
    expect(order).toEqual(['t2', 't3']);
    expect(s.findById('acc', 'a')?.bal).toBe(7);
    expect(s.transactions.stats()).toMatchObject({ committed: 3, conflicts: 0, queued: 2 });
  });

  it('fails the commit when a write outside any transaction overtook one of its documents', () => {
    const s = open();
    s.insert('acc', [{ _id: 'a', bal: 10 }]);
    const tx = s.transactions.start();
    s.transactions.update(tx, 'acc', 'a', { $inc: { bal: -5 } }, merge);
    s.update('acc', { _id: 'a' }, { $inc: { bal: 100 } }, { multi: false, merge: true, upsert: false });
    expect(() => s.transactions.commit(tx)).toThrow(conflict);
    expect(s.findById('acc', 'a')?.bal).toBe(110);
  });

  it('applies nothing when a unique index refuses one write at commit', () => {
    const s = open();
    s.ensureIndex('codes', { keys: { code: 1 }, unique: true });
    s.insert('codes', [{ code: 'taken' }]);
    const tx = s.transactions.start();
    s.transactions.insert(tx, 'codes', { code: 'fresh' });
    s.transactions.insert(tx, 'codes', { code: 'taken' });
    expect(() => s.transactions.commit(tx)).toThrow(expect.objectContaining({ code: 'DATABASE_DUPLICATE_WRITE' }));
    expect(s.count('codes')).toBe(1);
  });

  it('refuses inserting an _id that exists, seen through the transaction', () => {
    const s = open();
    const tx = s.transactions.start();
    s.transactions.insert(tx, 'c', { _id: 'x' });
    expect(() => s.transactions.insert(tx, 'c', { _id: 'x' })).toThrow(/E11000/);
  });

  it('upserts with set semantics inside a transaction', () => {
    const s = open();
    const tx = s.transactions.start();
    expect(s.transactions.update(tx, 'c', 'k', { v: 1 }, { merge: false, upsert: true })).toEqual({ updated: 0, upsertedId: 'k' });
    s.transactions.commit(tx);
    expect(s.findById('c', 'k')).toEqual({ _id: 'k', v: 1 });
  });

  it('expires a transaction after its timeout', () => {
    let now = 1_000_000;
    const s = open({ now: () => now, limits: { transactionTimeout_ms: 5000 } });
    s.insert('c', [{ _id: 'a' }]);
    const tx = s.transactions.start();
    s.transactions.update(tx, 'c', 'a', { $set: { x: 1 } }, merge);
    now += 5001;
    expect(() => s.transactions.commit(tx)).toThrow(expect.objectContaining({ code: 'DATABASE_TRANSACTION_FAIL', message: expect.stringMatching(/expired after 5000 ms/) }));
    expect(s.findById('c', 'a')).toEqual({ _id: 'a' });
    // Its hold on the document is gone too.
    const next = s.transactions.start();
    s.transactions.update(next, 'c', 'a', { $set: { x: 2 } }, merge);
    s.transactions.commit(next);
    expect(s.findById('c', 'a')).toEqual({ _id: 'a', x: 2 });
  });

  it('bounds open transactions and operations per transaction', () => {
    const s = open({ limits: { maxOpenTransactions: 2, maxOpsPerTransaction: 3 } });
    const t1 = s.transactions.start();
    s.transactions.start();
    expect(() => s.transactions.start()).toThrow(expect.objectContaining({ code: 'EXCEED_REQUEST_LIMIT' }));
    s.transactions.abort(t1);
    const t3 = s.transactions.start();
    for (let i = 0; i < 3; i++) s.transactions.get(t3, 'c', `d${i}`);
    expect(() => s.transactions.get(t3, 'c', 'd4')).toThrow(/at most 3 operations/);
  });

  it('answers an unknown transaction id with DATABASE_TRANSACTION_FAIL', () => {
    const s = open();
    expect(() => s.transactions.get('nope', 'c', 'a')).toThrow(expect.objectContaining({ code: 'DATABASE_TRANSACTION_FAIL' }));
  });

  it('keeps no write-tracking memory once no transaction is open', () => {
    const s = open();
    const tx = s.transactions.start();
    s.insert('c', Array.from({ length: 50 }, () => ({})));
    expect(s.clock.trackedKeys).toBe(50);
    s.transactions.abort(tx);
    expect(s.clock.trackedKeys).toBe(0);
  });
});
