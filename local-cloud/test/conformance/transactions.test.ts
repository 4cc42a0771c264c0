/**
 * Goal: transactions through @cloudbase/node-sdk behave as in CloudBase: runTransaction commits
 * atomically, a throw or rollback() discards everything, concurrent writers of one document
 * conflict (DATABASE_TRANSACTION_CONFLICT, which runTransaction retries) and no update is lost.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeConformance, TARGET, type Db } from './target.js';

const COLL = 'conf_tx';
const LOCAL_TIMEOUT_MS = 3000;

describeConformance(
  'transactions',
  (target) => {
    let db: Db;
    beforeAll(async () => {
      db = target().db;
      await target().freshCollection(COLL);
      await db.collection(COLL).add([
        { _id: 'acct-a', balance: 100 },
        { _id: 'acct-b', balance: 0 },
        { _id: 'counter', value: 0 },
      ]);
    });

    const balance = async (id: string) => (await db.collection(COLL).doc(id).get()).data[0]?.balance;

    it('commits a transfer and a ledger entry together, and sees its own writes', async () => {
      const result = await db.runTransaction(async (tx: Db) => {
        const a = (await tx.collection(COLL).doc('acct-a').get()).data;
        await tx.collection(COLL).doc('acct-a').update({ balance: a.balance - 30 });
        await tx.collection(COLL).doc('acct-b').update({ balance: db.command.inc(30) });
        const ledger = await tx.collection(COLL).add({ kind: 'ledger', amount: 30 });
        const seen = (await tx.collection(COLL).doc('acct-a').get()).data.balance;
        return { ledgerId: ledger.id, seen };
      });
      expect(result.seen).toBe(70);
      expect(await balance('acct-a')).toBe(70);
      expect(await balance('acct-b')).toBe(30);
      expect((await db.collection(COLL).doc(result.ledgerId).get()).data[0]).toMatchObject({ kind: 'ledger', amount: 30 });
    });

    it('reads a missing document as null and projects fields inside a transaction', async () => {
      const seen = await db.runTransaction(async (tx: Db) => ({
        missing: (await tx.collection(COLL).doc('tx-nobody').get()).data,
        projected: (await tx.collection(COLL).doc('acct-b').field({ balance: true }).get()).data,
      }));
      expect(seen).toEqual({ missing: null, projected: { _id: 'acct-b', balance: 30 } });
    });

    it('discards every write when the callback throws, and rethrows', async () => {
      const boom = new Error('insufficient');
      await expect(
        db.runTransaction(async (tx: Db) => {
          await tx.collection(COLL).doc('acct-a').update({ balance: 0 });
          await tx.collection(COLL).add({ _id: 'tx-ghost' });
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect(await balance('acct-a')).toBe(70);
      expect((await db.collection(COLL).doc('tx-ghost').get()).data).toEqual([]);
    });

    it('discards every write on rollback(reason), which runTransaction rejects with', async () => {
      await expect(
        db.runTransaction(async (tx: Db) => {
          await tx.collection(COLL).doc('acct-b').update({ balance: 999 });
          await tx.rollback('not enough');
        }),
      ).rejects.toBe('not enough');
      expect(await balance('acct-b')).toBe(30);
    });

    it('loses no update with 50 concurrent writers of one counter: final value equals successes', async () => {
      const writers = Array.from({ length: 50 }, () =>
        db.runTransaction(async (tx: Db) => {
          const doc = (await tx.collection(COLL).doc('counter').get()).data;
          await tx.collection(COLL).doc('counter').update({ value: doc.value + 1 });
        }),
      );
      const outcomes = await Promise.allSettled(writers);
      const successes = outcomes.filter((o) => o.status === 'fulfilled').length;
      const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as { code?: string }] : []));
      const final = (await db.collection(COLL).doc('counter').get()).data[0].value;
      expect(final).toBe(successes);
      expect(successes).toBeGreaterThan(0);
      // Every failure is a conflict that survived runTransaction's retries, never anything else.
      for (const f of failures) expect(f.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    }, 120_000);

    it('retries a transaction that conflicted and then succeeds', async () => {
      let attempts = 0;
      await db.runTransaction(async (tx: Db) => {
        attempts += 1;
        const doc = (await tx.collection(COLL).doc('counter').get()).data;
        if (attempts === 1) {
          // A write outside the transaction overtakes it: its commit must conflict.
          await db.collection(COLL).doc('counter').update({ value: db.command.inc(100) });
        }
        await tx.collection(COLL).doc('counter').update({ value: doc.value + 1 });
      });
      expect(attempts).toBe(2);
    });

    it.skipIf(TARGET !== 'local')('aborts a transaction that outlives its timeout (local limit)', async () => {
      const tx = await db.startTransaction();
      await tx.collection(COLL).doc('acct-a').update({ balance: 1 });
      await new Promise((r) => setTimeout(r, LOCAL_TIMEOUT_MS + 300));
      await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
      expect(await balance('acct-a')).toBe(70);
    });
  },
  { localLimits: { transactionTimeout_ms: LOCAL_TIMEOUT_MS } },
);
