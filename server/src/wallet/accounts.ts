/**
 * Opening an account. Only the wallet module writes accounts (docs/boundaries.md): other modules
 * ask it to open one, e.g. when an org is created.
 */
import { C } from '../db/collections.js';
import { isDuplicateKey } from '../db/errors.js';
import { insertOne } from '../db/ops.js';
import type { Database } from '../runtime/cloud.js';

/** Accounts exist before money moves so that transactions only update them. Idempotent. */
export async function ensureAccount(ctx: { db: Database; now_ms: number }, accountId: string): Promise<void> {
  try {
    await insertOne(ctx.db, C.accounts, { _id: accountId, balance_fen: 0, createdAt: ctx.now_ms });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
}
