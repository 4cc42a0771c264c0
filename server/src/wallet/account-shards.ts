/**
 * Where an account's balance is stored: hot accounts are split over shard documents.
 *
 * Why: every paying redeem debits the brand budget and credits the selling store and its dealer.
 * Kept in one document each, those are written by every concurrent redeem transaction, and
 * transactions that write one document run one at a time (MongoDB's write conflicts; CloudBase
 * and the local cloud alike). Split over SHARD_COUNT documents, a redeem touches one shard of each,
 * chosen by its code, so redeems of different codes mostly run side by side.
 *
 * - Logical accounts (what the ledger, the rules and the apps know) are unchanged: `brand:budget`,
 *   `org:<id>`. Their balance is the sum of their shards. Ledger documents name logical accounts.
 * - Shard 0 is the document named like the account (the document an unsharded account has), shard
 *   k > 0 is `<account>~<k>`. Other accounts (persons, holds, external) have one document.
 * - A redeem's credits and its budget debit go to shard `shardIndex(code)` of each account, so two
 *   redeems either share no document or line up on their first read (the budget shard).
 * - The budget is funded evenly across its shards; a debit larger than its shard holds takes the
 *   rest from the other shards in the same transaction; INSUFFICIENT_FUNDS only when all shards
 *   together fall short. The rule "no internal account below zero" holds for every shard.
 */
import { BUDGET_ACCOUNT, type AccountId } from '@channel-router/shared';
import { C } from '../db/collections.js';
import { txGet, type Tx } from '../db/transact.js';
import type { Database } from '../runtime/cloud.js';
import { foldedAfter, watermarkOf } from './folded-credits.js';

export const SHARD_COUNT = 16;
const SHARD_SEPARATOR = '~';

export function isSharded(account: AccountId): boolean {
  return account === BUDGET_ACCOUNT || account.startsWith('org:');
}

/** The documents holding `account`'s balance, shard 0 first. */
export function shardDocIds(account: AccountId): string[] {
  if (!isSharded(account)) return [account];
  return Array.from({ length: SHARD_COUNT }, (_, k) => shardDocId(account, k));
}

export function shardDocId(account: AccountId, k: number): string {
  if (!Number.isInteger(k) || k < 0 || k >= SHARD_COUNT) throw new RangeError(`shard ${k} out of range`);
  if (!isSharded(account)) return account;
  return k === 0 ? account : `${account}${SHARD_SEPARATOR}${k}`;
}

/** The logical account a balance document belongs to. */
export function accountOfDoc(docId: string): AccountId {
  const at = docId.lastIndexOf(SHARD_SEPARATOR);
  if (at < 0) return docId;
  const account = docId.slice(0, at);
  return isSharded(account) ? account : docId;
}

/** Which shard a call with this key (a redeem's code, a posting's key) uses: FNV-1a, stable everywhere. */
export function shardIndex(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % SHARD_COUNT;
}

interface BalanceDoc {
  _id: string;
  balance_fen: number;
}

/**
 * Wallets (persons, orgs) are credited by redeems without touching their balance documents: the
 * redeem's postings carry `creditFolded`, and the wallet's balance is its documents plus those
 * credits (folded-credits.ts). External accounts, the budget and holds are never so credited.
 */
export function hasFoldedCredits(account: AccountId): boolean {
  return account.startsWith('person:') || account.startsWith('org:');
}

/**
 * A balance read outside any transaction (for display): the documents (one `_id in` read), then
 * the folded credits after the wallet's watermark (folded-credits.ts): two requests.
 */
export async function readBalance(db: Database, account: AccountId): Promise<number> {
  const ids = shardDocIds(account);
  const res = await db.collection(C.accounts).where({ _id: db.command.in(ids) }).limit(ids.length).get();
  const docs = res.data as Array<BalanceDoc & { foldedUpTo_ms?: unknown }>;
  const documents_fen = docs.reduce((sum, d) => sum + d.balance_fen, 0);
  if (!hasFoldedCredits(account)) return documents_fen;
  const upTo_ms = watermarkOf(docs.find((d) => d._id === ids[0]));
  return documents_fen + (await foldedAfter(db, account, upTo_ms, upTo_ms)).live_fen;
}

/** Balances of every shard of `account` read inside `tx`, side by side, by document id (absent documents: 0). */
export async function txShardBalances(tx: Tx, account: AccountId, known: ReadonlyMap<string, number> = new Map()): Promise<Map<string, number>> {
  const ids = shardDocIds(account);
  const balances = await Promise.all(ids.map(async (id) => known.get(id) ?? (await txGet<BalanceDoc>(tx, C.accounts, id))?.balance_fen ?? 0));
  return new Map(ids.map((id, k) => [id, balances[k]!]));
}

/** The balance of an account from its shard balances. */
export function totalOf(shards: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const b of shards.values()) sum += b;
  return sum;
}

/** Adds `amount_fen` (may be negative for external accounts) to one balance document. */
export async function addToDoc(db: Database, tx: Tx, docId: string, amount_fen: number, at_ms: number): Promise<void> {
  const accounts = tx.collection(C.accounts);
  const res = await accounts.doc(docId).update({ balance_fen: db.command.inc(amount_fen), updatedAt: at_ms });
  if ((res.updated ?? 0) === 0) await accounts.doc(docId).set({ balance_fen: amount_fen, createdAt: at_ms });
}

/** How a credit of `amount_fen` to `account` is laid on its documents. */
export function creditPlan(account: AccountId, amount_fen: number, shardKey: string): Array<[string, number]> {
  if (!isSharded(account)) return [[account, amount_fen]];
  if (account !== BUDGET_ACCOUNT) return [[shardDocId(account, shardIndex(shardKey)), amount_fen]];
  // The budget is spent from every shard: fund them evenly (the remainder to the first ones).
  const base = Math.floor(amount_fen / SHARD_COUNT);
  const extra = amount_fen - base * SHARD_COUNT;
  const out: Array<[string, number]> = [];
  for (let k = 0; k < SHARD_COUNT; k++) {
    const part = base + (k < extra ? 1 : 0);
    if (part > 0) out.push([shardDocId(account, k), part]);
  }
  return out;
}

/**
 * Plans taking `amount_fen` from `account`: from its `preferred` shard first, then from the
 * others, each read once (`known` holds balances this transaction already read). `writes` are the
 * new balances of the shards taken from; `covered` is false when all shards together hold less.
 *
 * `folded_fen`: the account's folded credits (hasFoldedCredits), read before the transaction.
 * They only ever grow, so a stale figure understates the balance and never lets it go below zero.
 * What the documents lack is taken from shard 0, which then holds a negative part of a balance
 * that is, as a whole, not negative. Debits of such accounts all go through this transaction on
 * their documents, so two of them cannot spend the same folded credit.
 */
export async function planDebit(
  tx: Tx,
  account: AccountId,
  amount_fen: number,
  preferred: number,
  known: ReadonlyMap<string, number>,
  folded_fen = 0,
): Promise<{ covered: boolean; writes: Array<[string, number]>; available_fen: number }> {
  if (!(Number.isSafeInteger(amount_fen) && amount_fen > 0)) throw new Error(`planDebit: bad amount ${amount_fen}`);
  if (!(Number.isSafeInteger(folded_fen) && folded_fen >= 0)) throw new Error(`planDebit: bad folded credits ${folded_fen}`);
  const ids = shardDocIds(account);
  const first = preferred % ids.length;
  const order = [ids[first]!, ...ids.filter((_, k) => k !== first)];
  const next = new Map<string, number>();
  const seen = new Map<string, number>();
  let left = amount_fen;
  let available_fen = folded_fen;
  for (const id of order) {
    const balance = known.get(id) ?? (await txGet<BalanceDoc>(tx, C.accounts, id))?.balance_fen ?? 0;
    seen.set(id, balance);
    if (balance < 0 && !hasFoldedCredits(account)) throw new Error(`balance document ${id} is below zero: ${balance}`);
    available_fen += balance;
    const take = Math.min(Math.max(0, balance), left);
    if (take > 0) {
      next.set(id, balance - take);
      left -= take;
    }
    if (left === 0) return { covered: true, writes: [...next], available_fen };
  }
  if (available_fen < amount_fen) return { covered: false, writes: [], available_fen };
  // The rest is backed by folded credits: shard 0 carries it.
  const zero = ids[0]!;
  next.set(zero, (next.get(zero) ?? seen.get(zero) ?? 0) - left);
  return { covered: true, writes: [...next], available_fen };
}
