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
import { checkPosting, err, isExternalAccount, isTradeAccount, ok, MAX_POSTINGS_PER_CALL, type Posting, type Result } from '@channel-router/shared';
import { C } from '../db/collections.js';
import { transact, txGet, type Tx } from '../db/transact.js';
import type { Database } from '../runtime/cloud.js';
import { isDuplicateKey } from '../db/errors.js';
import { insertMany } from '../db/ops.js';
import { addToDoc, creditPlan, hasFoldedCredits, planDebit, shardIndex } from './account-shards.js';

export interface LedgerDoc extends Omit<Posting, 'key'> {
  _id: string;
  /** Both sides, so that an account's history is one indexed read. */
  accounts: [string, string];
  /**
   * The credit is not in the credited account's balance documents: the balance adds it up from
   * the ledger (folded-credits.ts). Set on a redeem's postings, whose debit (the
   * budget) was taken before they were written.
   */
  creditFolded?: true;
  /** For folded credits: the writer's clock when it inserted the posting (folded-credits.ts). */
  postedAt_ms?: number;
}

export interface PostOptions {
  /** Balances of balance documents this transaction already read, by document id: not read again. */
  read?: ReadonlyMap<string, number>;
  /** Chooses the shard of sharded accounts (account-shards.ts); default: the first posting's key. */
  shardKey?: string;
  /** Folded credits of debited accounts, read before the transaction (account-shards.ts, planDebit). */
  folded?: ReadonlyMap<string, number>;
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
    const debit = await planDebit(tx, id, -change, shardIndex(shardKey), opts.read ?? new Map(), opts.folded?.get(id) ?? 0);
    if (!debit.covered) return err('INSUFFICIENT_FUNDS', `account ${id} holds ${debit.available_fen} fen, needs ${-change}`);
    for (const [docId, balance_fen] of debit.writes) {
      // A wallet credited only by redeems (folded credits) may have no balance document yet.
      const res = await tx.collection(C.accounts).doc(docId).update({ balance_fen, updatedAt: at_ms });
      if ((res.updated ?? 0) === 0) await tx.collection(C.accounts).doc(docId).set({ balance_fen, createdAt: at_ms });
    }
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

/**
 * Writes a redeem's credits to trade accounts (a sell-through `dealerRebate` sent to the dealer's
 * rebate account, docs/promotions.md#rebate-programs), whose debits were already taken from the
 * budget's documents: the trade ledger reads balances from documents only, so these credits are
 * not folded but added to the account's document, in one transaction with their ledger entries.
 * Idempotent: a key already in the ledger moves nothing (completing an interrupted redeem again).
 */
export async function insertTradeCredits(db: Database, postings: readonly Posting[], at_ms: number): Promise<void> {
  if (postings.length === 0) return;
  if (postings.length > MAX_POSTINGS_PER_CALL) throw new Error(`too many postings: ${postings.length}`);
  const r = await transact(db, async (tx) => {
    for (const p of postings) {
      const c = checkPosting(p);
      if (!c.ok) throw new Error(`bad posting: ${c.error.message}`);
      if (!isTradeAccount(p.credit)) throw new Error(`posting ${p.key}: ${p.credit} is not a trade account`);
      if ((await txGet<LedgerDoc>(tx, C.ledger, p.key)) !== null) continue;
      const { key, ...rest } = p;
      await tx.collection(C.ledger).doc(key).set({ ...rest, at: at_ms, accounts: [p.debit, p.credit] });
      await addToDoc(db, tx, p.credit, p.amount_fen, at_ms);
    }
    return ok(true);
  });
  if (!r.ok) throw new Error(`insertTradeCredits: ${r.error.message}`);
}

/**
 * Writes a redeem's postings, whose debits were already taken from the budget's documents and
 * whose credits are folded (LedgerDoc.creditFolded): one insert. Idempotent: a repeat (completing
 * an interrupted redeem) inserts only what is missing, with the same content.
 */
export async function insertFoldedPostings(db: Database, postings: readonly Posting[], at_ms: number, postedAt_ms: number): Promise<void> {
  if (postings.length === 0) return;
  if (postings.length > MAX_POSTINGS_PER_CALL) throw new Error(`too many postings: ${postings.length}`);
  const docs = postings.map((p) => {
    const c = checkPosting(p);
    if (!c.ok) throw new Error(`bad posting: ${c.error.message}`);
    if (isExternalAccount(p.credit) || !hasFoldedCredits(p.credit)) throw new Error(`posting ${p.key}: ${p.credit} cannot take folded credits`);
    const { key, ...rest } = p;
    return { _id: key, ...rest, at: at_ms, accounts: [p.debit, p.credit], creditFolded: true, postedAt_ms } satisfies LedgerDoc;
  });
  try {
    await insertMany(db, C.ledger, docs);
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const ids = docs.map((d) => d._id);
    const res = await db.collection(C.ledger).where({ _id: db.command.in(ids) }).limit(ids.length).get();
    const present = new Set((res.data as LedgerDoc[]).map((d) => d._id));
    const missing = docs.filter((d) => !present.has(d._id));
    if (missing.length > 0) await insertMany(db, C.ledger, missing);
  }
}
