/**
 * Small wrappers over SDK calls whose failures may come back as a value (`{ code, message }`)
 * rather than a throw, depending on the SDK path: here they always throw, so callers handle
 * expected failures (a duplicate key) in one way.
 */
import type { Database } from '../runtime/cloud.js';
import { isDuplicateKey } from './errors.js';

interface MaybeError {
  code?: unknown;
  message?: unknown;
}

export function throwIfCode<T>(res: T): T {
  const r = res as MaybeError | null;
  if (r && typeof r === 'object' && typeof r.code === 'string' && r.code !== '') {
    const e = new Error(String(r.message ?? r.code)) as Error & { code: string };
    e.code = r.code;
    throw e;
  }
  return res;
}

/** Inserts one document (its `_id` if given: a duplicate throws, see isDuplicateKey). */
export async function insertOne(db: Database, collection: string, doc: object): Promise<string> {
  const res = throwIfCode(await db.collection(collection).add(doc)) as { id?: string; _id?: string };
  return String(res.id ?? res._id ?? (doc as { _id?: string })._id ?? '');
}

export async function insertMany(db: Database, collection: string, docs: readonly object[]): Promise<void> {
  if (docs.length === 0) return;
  throwIfCode(await db.collection(collection).add(docs as object[]));
}

/** A document by id, or null. */
export async function getById<T>(db: Database, collection: string, id: string): Promise<T | null> {
  const res = throwIfCode(await db.collection(collection).doc(id).get()) as { data?: unknown };
  const data = res.data;
  if (Array.isArray(data)) return (data[0] as T | undefined) ?? null;
  return (data as T | undefined) ?? null;
}

/** Inserts documents with known ids; those already there (an earlier attempt) are left as they are. */
export async function insertManyOnce(db: Database, collection: string, docs: Array<{ _id: string }>): Promise<void> {
  try {
    await insertMany(db, collection, docs);
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const ids = docs.map((d) => d._id);
    const res = await db.collection(collection).where({ _id: db.command.in(ids) }).limit(ids.length).get();
    const present = new Set((res.data as Array<{ _id: string }>).map((d) => d._id));
    const missing = docs.filter((d) => !present.has(d._id));
    if (missing.length > 0) await insertMany(db, collection, missing);
  }
}
