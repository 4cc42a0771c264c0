// Goal: the storage layout of hot accounts is a pure, stable function of the account and the key:
// credits land whole on one shard (or, for the budget, spread evenly and exactly), shard documents
// map back to their account, and the shard of a key never changes between releases.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountOfDoc, creditPlan, isSharded, SHARD_COUNT, shardDocId, shardDocIds, shardIndex } from './account-shards.js';

describe('account shards', () => {
  it('shards the budget and org wallets only', () => {
    expect(isSharded('brand:budget')).toBe(true);
    expect(isSharded('org:org_abc')).toBe(true);
    for (const id of ['person:u1', 'hold:withdrawal:wd1', 'external:funding', 'external:payout']) {
      expect(isSharded(id), id).toBe(false);
      expect(shardDocIds(id)).toEqual([id]);
      expect(creditPlan(id, 77, 'k')).toEqual([[id, 77]]);
    }
  });

  it('names shard 0 like the account and maps every shard document back to it', () => {
    const ids = shardDocIds('org:org_abc');
    expect(ids).toHaveLength(SHARD_COUNT);
    expect(ids[0]).toBe('org:org_abc');
    expect(new Set(ids).size).toBe(SHARD_COUNT);
    for (const id of ids) expect(accountOfDoc(id)).toBe('org:org_abc');
    // A person id that happens to contain the separator stays itself.
    expect(accountOfDoc('person:a~3')).toBe('person:a~3');
    expect(() => shardDocId('brand:budget', SHARD_COUNT)).toThrow(RangeError);
  });

  it('spreads a budget credit over every shard, exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000_000 }), (amount) => {
        const parts = creditPlan('brand:budget', amount, 'fund:x');
        expect(parts.reduce((s, [, a]) => s + a, 0)).toBe(amount);
        const sizes = parts.map(([, a]) => a);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        expect(parts.length).toBe(Math.min(SHARD_COUNT, amount));
      }),
    );
  });

  it('credits an org wallet on the shard of the key, whole', () => {
    const [[doc, amount]] = creditPlan('org:s1', 50, 'CODE123') as [[string, number]];
    expect(amount).toBe(50);
    expect(doc).toBe(shardDocId('org:s1', shardIndex('CODE123')));
  });

  it('keeps the shard of a key stable (FNV-1a), and uses every shard', () => {
    // Fixed values: changing the hash would move live balances' future writes, not break them,
    // but it must be a decision, not an accident.
    expect([shardIndex(''), shardIndex('a'), shardIndex('0123456789ABCDEFGHJKMNPQRS')]).toEqual([0x811c9dc5 % 16, 0xe40c292c % 16, 6]);
    const seen = new Set(Array.from({ length: 2000 }, (_, i) => shardIndex(`code-${i}`)));
    expect(seen.size).toBe(SHARD_COUNT);
  });
});
