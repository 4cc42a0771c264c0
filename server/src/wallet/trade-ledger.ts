/**
 * Posting trade postings (docs/ordering.md) inside the caller's transaction. The wallet module is
 * the only writer of `accounts` and `ledger`; orders call these.
 *
 * Trade accounts are not sharded: the ones an order's submit touches belong to one buyer and
 * seller pair (deposit, rebate, credit) or to the order itself (its hold), so concurrent orders
 * of different buyers share no document. Credits are blind increments; debits are read, checked
 * against the account policy (credit down to minus its limit, the rest not below zero) and
 * written. Ledger documents are inserted in one write, keyed: a key already in the ledger is
 * skipped, so a repeated step moves nothing.
 */
import { accountFloor, checkPosting, err, isExternalAccount, ok, MAX_POSTINGS_PER_CALL, type AccountId, type Posting, type Result } from '@channel-router/shared';
import { C } from '../db/collections.js';
import { txGet, type Tx } from '../db/transact.js';
import type { Database } from '../runtime/cloud.js';
import { addToDoc, isSharded } from './account-shards.js';

interface BalanceDoc {
  _id: string;
  balance_fen: number;
}

export interface TradePostOptions {
  /** Limits of the credit accounts this call may debit (the credit line in force). */
  creditLimits?: ReadonlyMap<AccountId, number>;
  /** Postings whose keys the caller proved absent (a guard document read in this transaction): not read again. */
  fresh?: boolean;
  /** Accounts the caller proved new (a new order's hold): their first credit is one write. */
  newAccounts?: ReadonlySet<AccountId>;
}

/** Posts trade postings in `tx`; INSUFFICIENT_FUNDS (or CREDIT_EXCEEDED for a credit account) changes nothing. */
export async function postTrade(db: Database, tx: Tx, postings: readonly Posting[], at_ms: number, opts: TradePostOptions = {}): Promise<Result<{ posted: Posting[]; replayed: Posting[] }>> {
  if (postings.length > MAX_POSTINGS_PER_CALL) throw new Error(`too many postings: ${postings.length}`);
  for (const p of postings) {
    const c = checkPosting(p);
    if (!c.ok) throw new Error(`bad posting: ${c.error.message}`);
    if (isSharded(p.debit) || isSharded(p.credit)) throw new Error(`trade postings do not touch sharded accounts: ${p.key}`);
  }
  const seen = opts.fresh === true ? postings.map(() => null) : await Promise.all(postings.map((p) => txGet<{ _id: string }>(tx, C.ledger, p.key)));
  const fresh = postings.filter((_, i) => seen[i] === null);
  const replayed = postings.filter((_, i) => seen[i] !== null);
  if (fresh.length === 0) return ok({ posted: [], replayed });
  const delta = new Map<string, number>();
  for (const p of fresh) {
    delta.set(p.debit, (delta.get(p.debit) ?? 0) - p.amount_fen);
    delta.set(p.credit, (delta.get(p.credit) ?? 0) + p.amount_fen);
  }
  // Debits first: a refusal must come before any write of this call.
  const debits = [...delta].filter(([id, change]) => change < 0 && !isExternalAccount(id));
  const current = await Promise.all(debits.map(async ([id]) => (await txGet<BalanceDoc>(tx, C.accounts, id))?.balance_fen ?? 0));
  for (let i = 0; i < debits.length; i++) {
    const [id, change] = debits[i]!;
    const floor = accountFloor(id, opts.creditLimits);
    if (current[i]! + change < floor) {
      if (id.startsWith('credit:')) return err('CREDIT_EXCEEDED', `credit available is ${current[i]! - floor} fen, needs ${-change}`, 'tenders');
      return err('INSUFFICIENT_FUNDS', `account ${id} holds ${current[i]} fen, needs ${-change}`, 'tenders');
    }
  }
  for (let i = 0; i < debits.length; i++) {
    const [id, change] = debits[i]!;
    await tx.collection(C.accounts).doc(id).set({ balance_fen: current[i]! + change, updatedAt: at_ms });
  }
  for (const [id, change] of delta) {
    if (change === 0 || (change < 0 && !isExternalAccount(id))) continue;
    if (opts.newAccounts?.has(id) === true && change > 0) await tx.collection(C.accounts).doc(id).set({ balance_fen: change, createdAt: at_ms });
    else await addToDoc(db, tx, id, change, at_ms);
  }
  const docs = fresh.map((p) => {
    const { key, ...rest } = p;
    return { _id: key, ...rest, at: at_ms, accounts: [p.debit, p.credit] };
  });
  await tx.collection(C.ledger).add(docs as unknown as object);
  return ok({ posted: fresh, replayed });
}

/** Balances of several unsharded accounts, one read (display; not transactional). */
export async function readTradeBalances(db: Database, accounts: readonly AccountId[]): Promise<Map<AccountId, number>> {
  const out = new Map<AccountId, number>(accounts.map((a) => [a, 0]));
  if (accounts.length === 0) return out;
  const res = await db.collection(C.accounts).where({ _id: db.command.in([...accounts]) }).limit(accounts.length).get();
  for (const d of res.data as BalanceDoc[]) out.set(d._id, d.balance_fen);
  return out;
}

/** Balances read inside a transaction. */
export async function txTradeBalance(tx: Tx, account: AccountId): Promise<number> {
  return (await txGet<BalanceDoc>(tx, C.accounts, account))?.balance_fen ?? 0;
}
