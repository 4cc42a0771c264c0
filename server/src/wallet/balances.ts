/** A balance read outside any transaction (for display). */
import { C } from '../db/collections.js';
import { getById } from '../db/ops.js';
import type { Database } from '../runtime/cloud.js';

export async function readBalance(db: Database, accountId: string): Promise<number> {
  const doc = await getById<{ balance_fen: number }>(db, C.accounts, accountId);
  return doc?.balance_fen ?? 0;
}
