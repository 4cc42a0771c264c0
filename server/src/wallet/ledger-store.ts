/**
 * Applies ledger postings inside a transaction: every posting debits one account and credits
 * another, is stored once under its idempotency key, and never drives an internal account below
 * zero. Ledger documents are never updated or removed; a correction is a new posting.
 *
 * Cost matters here (every redeem pays through it), so:
 * - credits are blind increments (no read): they cannot break the non-negative rule;
 * - debits are read, checked and written, and come last, so the window in which a concurrent
 *   writer of a hot account (the brand budget) conflicts is as short as possible;
 * - all ledger documents of a call are inserted in one write.
 */
import { checkPosting, err, isExternalAccount, ok, MAX_POSTINGS_PER_CALL, type Posting, type Result } from '@channel-router/shared';
import { C } from '../db/collections.js';
import { txGet, type Tx } from '../db/transact.js';
import type { Database } from '../runtime/cloud.js';

export interface LedgerDoc extends Omit<Posting, 'key'> {
  _id: string;
  /** Both sides, so that an account's history is one indexed read. */
  accounts: [string, string];
}

interface AccountDoc {
  _id: string;
  balance_fen: number;
}

/**
 * Posts postings known not to be in the ledger yet: the caller proves it with a guard document
 * read in the same transaction (e.g. a redemption still `pending`). Saves one read per posting.
 * `read`: balances of debited accounts the caller already read in this same transaction (not
 * read again).
 */
export async function postFresh(
  db: Database,
  tx: Tx,
  postings: readonly Posting[],
  at_ms: number,
  read: ReadonlyMap<string, number> = new Map(),
): Promise<Result<Posting[]>> {
  if (postings.length === 0) return ok([]);
  if (postings.length > MAX_POSTINGS_PER_CALL) throw new Error(`too many postings: ${postings.length}`);
  for (const p of postings) {
    const c = checkPosting(p);
    if (!c.ok) throw new Error(`bad posting: ${c.error.message}`); // postings come from the rules: a bug
  }
  const delta = new Map<string, number>();
  for (const p of postings) {
    delta.set(p.debit, (delta.get(p.debit) ?? 0) - p.amount_fen);
    delta.set(p.credit, (delta.get(p.credit) ?? 0) + p.amount_fen);
  }
  const accounts = tx.collection(C.accounts);
  for (const [id, change] of delta) {
    if (change <= 0 && !isExternalAccount(id)) continue;
    if (change === 0) continue;
    // External accounts may go negative, and credits only raise a balance: no read needed.
    const res = await accounts.doc(id).update({ balance_fen: db.command.inc(change), updatedAt: at_ms });
    if ((res.updated ?? 0) === 0) await accounts.doc(id).set({ balance_fen: change, createdAt: at_ms });
  }
  for (const [id, change] of delta) {
    if (change >= 0 || isExternalAccount(id)) continue;
    const balance = read.get(id) ?? (await txGet<AccountDoc>(tx, C.accounts, id))?.balance_fen ?? 0;
    if (balance + change < 0) return err('INSUFFICIENT_FUNDS', `account ${id} holds ${balance} fen, needs ${-change}`);
    await accounts.doc(id).update({ balance_fen: balance + change, updatedAt: at_ms });
  }
  const docs = postings.map((p) => {
    const { key, ...rest } = p;
    return { _id: key, ...rest, at: at_ms, accounts: [p.debit, p.credit] };
  });
  await tx.collection(C.ledger).add(docs as unknown as object);
  return ok([...postings]);
}

/** Posts what is not in the ledger yet (one read per posting); a replay changes nothing. */
export async function applyPostings(db: Database, tx: Tx, postings: readonly Posting[], at_ms: number): Promise<Result<{ posted: Posting[]; replayed: Posting[] }>> {
  const seen = await Promise.all(postings.map((p) => txGet<LedgerDoc>(tx, C.ledger, p.key)));
  const fresh = postings.filter((_, i) => seen[i] === null);
  const replayed = postings.filter((_, i) => seen[i] !== null);
  const posted = await postFresh(db, tx, fresh, at_ms);
  if (!posted.ok) return posted;
  return ok({ posted: posted.data, replayed });
}
