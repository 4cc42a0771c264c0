/**
 * Applies ledger postings inside a transaction: every posting debits one account and credits
 * another, is stored once under its idempotency key, and never drives an internal account below
 * zero. Ledger documents are never updated or removed; a correction is a new posting.
 *
 * Cost matters here (every redeem pays through it), so:
 * - credits are blind increments (no read): they cannot break the non-negative rule;
 * - debits are read, checked and written, and come last, so the window in which a concurrent
 *   writer of a hot account (the brand budget) conflicts is as short as possible;
 * - hot accounts are split over shards (account-shards.ts): a call writes one shard of each;
 * - all ledger documents of a call are inserted in one write.
 */
import { checkPosting, err, isExternalAccount, ok, MAX_POSTINGS_PER_CALL, type Posting, type Result } from '@channel-router/shared';
import { C } from '../db/collections.js';
import { txGet, type Tx } from '../db/transact.js';
import type { Database } from '../runtime/cloud.js';
import { addToDoc, creditPlan, planDebit, shardIndex } from './account-shards.js';

export interface LedgerDoc extends Omit<Posting, 'key'> {
  _id: string;
  /** Both sides, so that an account's history is one indexed read. */
  accounts: [string, string];
}

export interface PostOptions {
  /** Balances of balance documents this transaction already read, by document id: not read again. */
  read?: ReadonlyMap<string, number>;
  /** Chooses the shard of sharded accounts (account-shards.ts); default: the first posting's key. */
  shardKey?: string;
}

/**
 * Posts postings known not to be in the ledger yet: the caller proves it with a guard document
 * read in the same transaction (e.g. a redemption not yet claimed). Saves one read per posting.
 */
export async function postFresh(db: Database, tx: Tx, postings: readonly Posting[], at_ms: number, opts: PostOptions = {}): Promise<Result<Posting[]>> {
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
  const shardKey = opts.shardKey ?? postings[0]!.key;
  for (const [id, change] of delta) {
    if (change === 0 || (change < 0 && !isExternalAccount(id))) continue;
    // External accounts may go negative, and credits only raise a balance: no read needed.
    const parts: Array<[string, number]> = change > 0 ? creditPlan(id, change, shardKey) : [[id, change]];
    for (const [docId, part] of parts) await addToDoc(db, tx, docId, part, at_ms);
  }
  for (const [id, change] of delta) {
    if (change >= 0 || isExternalAccount(id)) continue;
    const debit = await planDebit(tx, id, -change, shardIndex(shardKey), opts.read ?? new Map());
    if (!debit.covered) return err('INSUFFICIENT_FUNDS', `account ${id} holds ${debit.available_fen} fen, needs ${-change}`);
    for (const [docId, balance_fen] of debit.writes) await tx.collection(C.accounts).doc(docId).update({ balance_fen, updatedAt: at_ms });
  }
  const docs = postings.map((p) => {
    const { key, ...rest } = p;
    return { _id: key, ...rest, at: at_ms, accounts: [p.debit, p.credit] };
  });
  await tx.collection(C.ledger).add(docs as unknown as object);
  return ok([...postings]);
}

/** Posts what is not in the ledger yet (one read per posting); a replay changes nothing. */
export async function applyPostings(db: Database, tx: Tx, postings: readonly Posting[], at_ms: number, opts: PostOptions = {}): Promise<Result<{ posted: Posting[]; replayed: Posting[] }>> {
  const seen = await Promise.all(postings.map((p) => txGet<LedgerDoc>(tx, C.ledger, p.key)));
  const fresh = postings.filter((_, i) => seen[i] === null);
  const replayed = postings.filter((_, i) => seen[i] !== null);
  const posted = await postFresh(db, tx, fresh, at_ms, opts);
  if (!posted.ok) return posted;
  return ok({ posted: posted.data, replayed });
}
