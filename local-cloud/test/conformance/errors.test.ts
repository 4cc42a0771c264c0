/**
 * Goal: failures reach the caller as CloudBase's errors: a duplicate _id or unique key is a
 * DATABASE_DUPLICATE_WRITE carrying MongoDB's E11000 text, an unknown collection is
 * DATABASE_COLLECTION_NOT_EXIST, and a request signed with the wrong secret is refused.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeConformance, TARGET, type Db } from './target.js';

const COLL = 'conf_unique';

describeConformance('errors', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = target().db;
    await target().freshCollection(COLL);
    await target().ensureUniqueIndex(COLL, { key: 1 });
  });

  const duplicate = expect.objectContaining({ message: expect.stringMatching(/E11000 duplicate key/) });

  it('refuses a second document with the same _id', async () => {
    await db.collection(COLL).add({ _id: 'dup', key: 'k-dup' });
    const second = db.collection(COLL).add({ _id: 'dup', key: 'k-other' });
    await expect(second).rejects.toEqual(duplicate);
    await expect(second.catch((e: { code: string }) => e.code)).resolves.toBe(TARGET === 'local' ? 'DATABASE_DUPLICATE_WRITE' : expect.any(String));
  });

  it('refuses a second document with the same unique key (one redeem per code)', async () => {
    await db.collection(COLL).add({ key: 'redeem:ABC' });
    await expect(db.collection(COLL).add({ key: 'redeem:ABC' })).rejects.toEqual(duplicate);
    expect((await db.collection(COLL).where({ key: 'redeem:ABC' }).count()).total).toBe(1);
  });

  it('refuses an update that would duplicate a unique key, leaving the document as it was', async () => {
    await db.collection(COLL).add([{ _id: 'u1', key: 'one' }, { _id: 'u2', key: 'two' }]);
    await expect(db.collection(COLL).doc('u2').update({ key: 'one' })).rejects.toEqual(duplicate);
    expect((await db.collection(COLL).doc('u2').get()).data[0].key).toBe('two');
  });

  it('answers DATABASE_COLLECTION_NOT_EXIST for a collection that was never created', async () => {
    await expect(db.collection('conf_never_created').get()).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' });
  });

  it('refuses requests signed with the wrong secret key', async () => {
    const forged = target().forgedDb();
    const attempt = forged.collection(COLL).where({ key: 'one' }).remove();
    await expect(attempt).rejects.toMatchObject({ code: expect.any(String) });
    if (TARGET === 'local') await expect(attempt).rejects.toMatchObject({ code: 'SIGN_PARAM_INVALID' });
    expect((await db.collection(COLL).where({ key: 'one' }).count()).total).toBe(1);
  });
});
