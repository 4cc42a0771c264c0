/**
 * Runs `work` in a database transaction, retrying on write conflicts with jittered backoff.
 *
 * Why not `db.runTransaction`: it retries only 3 times without pause, which under a hot account
 * (the brand budget) turns contention into failures. Here a business failure returned by `work`
 * (an `Err`) rolls back and is returned as a value; a conflict retries; anything else rolls back
 * and is rethrown (a bug or an outage).
 */
import type { Result } from '@channel-router/shared';
import type { Database } from '../runtime/cloud.js';
import { isTransactionConflict } from './errors.js';

export const TRANSACTION_ATTEMPTS_MAX = 24;
const BACKOFF_BASE_MS = 1;
const BACKOFF_CAP_MS = 40;

// The SDK's transaction typings are loose; this is the subset we use.
export interface TxDoc {
  get(): Promise<{ data: unknown }>;
  set(data: object): Promise<unknown>;
  update(data: object): Promise<{ updated?: number }>;
  remove(): Promise<unknown>;
}
export interface TxCollection {
  doc(id: string): TxDoc;
  add(data: object): Promise<{ id?: string; _id?: string }>;
}
export interface Tx {
  collection(name: string): TxCollection;
}
interface SdkTransaction extends Tx {
  commit(): Promise<unknown>;
  rollback(reason?: unknown): Promise<unknown>;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function transact<T>(db: Database, work: (tx: Tx) => Promise<Result<T>>): Promise<Result<T>> {
  for (let attempt = 1; ; attempt++) {
    const tx = (await (db as unknown as { startTransaction(): Promise<SdkTransaction> }).startTransaction());
    let finished = false;
    try {
      const result = await work(tx);
      if (!result.ok) {
        finished = true;
        await tx.rollback().catch(() => undefined);
        return result;
      }
      await tx.commit();
      finished = true;
      return result;
    } catch (e) {
      if (!finished) await tx.rollback().catch(() => undefined);
      if (!isTransactionConflict(e) || attempt >= TRANSACTION_ATTEMPTS_MAX) throw e;
      const cap_ms = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
      await sleep(Math.random() * cap_ms);
    }
  }
}

/** Reads a document inside a transaction; null when absent. */
export async function txGet<T>(tx: Tx, collection: string, id: string): Promise<T | null> {
  const snap = await tx.collection(collection).doc(id).get();
  const data = snap.data as unknown;
  if (data === null || data === undefined) return null;
  // Depending on the SDK path a doc read answers the doc or a one-element array.
  if (Array.isArray(data)) return (data[0] as T | undefined) ?? null;
  return data as T;
}
