/**
 * Folded credits (ledger-store.ts, LedgerDoc.creditFolded): a redeem credits wallets by its
 * postings alone; a wallet's balance is its documents plus those credits. So that a busy store's
 * balance does not sum its whole history on every read, the documents take in ("roll up") the
 * credits posted before a watermark, kept on the wallet's shard 0 as `foldedUpTo_ms`:
 *
 *   balance = Σ balance documents + Σ folded credits with postedAt_ms > foldedUpTo_ms
 *
 * `postedAt_ms` is the writer's clock when it inserts a posting (not the redeem's time: a claim
 * completed later gets its insertion time). A posting stamped t is in the database before
 * t + the function's time limit; the watermark stays FOLD_LAG_MS behind the clock, far more than
 * any function runs plus clock skew between instances, so no posting can appear behind it once it
 * has moved: rolled credits are final. The roll-up happens in a debit's transaction on the wallet
 * (withdrawal, penalty deduction), which writes shard 0 anyway.
 */
import { C } from '../db/collections.js';
import type { Tx } from '../db/transact.js';
import type { Database } from '../runtime/cloud.js';
import { hasFoldedCredits, shardDocId } from './account-shards.js';

/** Default watermark lag: CloudBase functions run at most 15 minutes; twice that. */
export const FOLD_LAG_MS_DEFAULT = 30 * 60_000;
const FOLD_LAG_MS_MIN = 1;
const ROLL_STEP_MS = 60_000;

/** The lag, configurable for tests through the functions' environment (`WALLET_FOLD_LAG_MS`). */
export function foldLag_ms(env: Record<string, string | undefined>): number {
  const n = Number(env.WALLET_FOLD_LAG_MS);
  return env.WALLET_FOLD_LAG_MS !== undefined && Number.isSafeInteger(n) && n >= FOLD_LAG_MS_MIN ? n : FOLD_LAG_MS_DEFAULT;
}

export interface FoldedView {
  /** The watermark read on shard 0 (0: nothing rolled up yet). */
  upTo_ms: number;
  /** Folded credits after the watermark (what the balance adds to the documents). */
  live_fen: number;
  /** Of those, the ones that may be rolled up now (posted at or before `rollTo_ms`). */
  rollable_fen: number;
  rollTo_ms: number;
}

/** The watermark stored on a wallet's shard 0 document (0 when absent). */
export function watermarkOf(doc: { foldedUpTo_ms?: unknown } | null | undefined): number {
  const w = doc?.foldedUpTo_ms;
  return typeof w === 'number' && Number.isSafeInteger(w) && w > 0 ? w : 0;
}

/** Sums `account`'s folded credits after `upTo_ms`, and those up to `rollTo_ms`: one request. */
export async function foldedAfter(db: Database, account: string, upTo_ms: number, rollTo_ms: number): Promise<{ live_fen: number; rollable_fen: number }> {
  if (!hasFoldedCredits(account)) return { live_fen: 0, rollable_fen: 0 };
  const _ = db.command;
  const $ = _.aggregate;
  const res = (await db
    .collection(C.ledger)
    .aggregate()
    .match({ accounts: account, credit: account, creditFolded: true, postedAt_ms: _.gt(upTo_ms) })
    .group({
      _id: null,
      live_fen: $.sum('$amount_fen'),
      rollable_fen: $.sum($.cond({ if: $.lte(['$postedAt_ms', rollTo_ms]), then: '$amount_fen', else: 0 })),
    })
    .end()) as { data?: Array<{ live_fen: number; rollable_fen: number }> };
  const row = res.data?.[0];
  return { live_fen: row?.live_fen ?? 0, rollable_fen: row?.rollable_fen ?? 0 };
}

/** What a debit of `account` needs to know before its transaction: the watermark and the credits after it. */
export async function foldedView(db: Database, account: string, now_ms: number, lag_ms: number): Promise<FoldedView> {
  if (!hasFoldedCredits(account)) return { upTo_ms: 0, live_fen: 0, rollable_fen: 0, rollTo_ms: 0 };
  const zero = await db.collection(C.accounts).doc(shardDocId(account, 0)).get();
  const upTo_ms = watermarkOf(((zero as { data?: unknown[] }).data?.[0] ?? null) as { foldedUpTo_ms?: unknown } | null);
  // In whole steps, so that concurrent debits of one wallet agree on where to roll to and the
  // watermark moves at most once a step (a debit that finds it moved reads the view again).
  const step_ms = Math.min(ROLL_STEP_MS, lag_ms);
  const rollTo_ms = Math.max(upTo_ms, Math.floor((now_ms - lag_ms) / step_ms) * step_ms);
  const sums = await foldedAfter(db, account, upTo_ms, rollTo_ms);
  return { upTo_ms, rollTo_ms, ...sums };
}

/**
 * Inside the debit's transaction, after its shard documents were read (`shards`): checks that the
 * watermark is still the one `view` was computed for (else the caller retries: another debit rolled
 * up meanwhile), rolls the rollable credits into shard 0, and answers the balances to debit from
 * (shard 0 raised by them) and the folded credits that remain.
 */
export async function rollUp(tx: Tx, account: string, view: FoldedView, shards: ReadonlyMap<string, number>, at_ms: number): Promise<{ shards: Map<string, number>; folded_fen: number } | 'moved'> {
  const out = new Map(shards);
  if (!hasFoldedCredits(account)) return { shards: out, folded_fen: 0 };
  const zeroId = shardDocId(account, 0);
  const zero = await tx.collection(C.accounts).doc(zeroId).get();
  const doc = ((zero as { data?: unknown }).data ?? null) as unknown;
  const stored = (Array.isArray(doc) ? doc[0] : doc) as { foldedUpTo_ms?: unknown; balance_fen?: number } | null | undefined;
  if (watermarkOf(stored) !== view.upTo_ms) return 'moved';
  // Nothing to take in: the watermark stays (moving it would only make concurrent debits retry).
  if (view.rollable_fen === 0) return { shards: out, folded_fen: view.live_fen };
  const balance_fen = (shards.get(zeroId) ?? 0) + view.rollable_fen;
  out.set(zeroId, balance_fen);
  const res = await tx.collection(C.accounts).doc(zeroId).update({ balance_fen, foldedUpTo_ms: view.rollTo_ms, updatedAt: at_ms });
  if ((res.updated ?? 0) === 0) await tx.collection(C.accounts).doc(zeroId).set({ balance_fen, foldedUpTo_ms: view.rollTo_ms, createdAt: at_ms });
  return { shards: out, folded_fen: view.live_fen - view.rollable_fen };
}

/**
 * Balances from what is stored (for checks and tools that read the collections directly):
 * documents by logical account, plus folded credits after each wallet's watermark.
 */
export function balancesFromStorage(
  accounts: ReadonlyArray<{ _id: string; balance_fen: number; foldedUpTo_ms?: unknown }>,
  ledger: ReadonlyArray<{ credit: string; amount_fen: number; creditFolded?: unknown; postedAt_ms?: unknown }>,
  accountOf: (docId: string) => string,
): Map<string, number> {
  const balances = new Map<string, number>();
  const watermark = new Map<string, number>();
  for (const a of accounts) {
    const id = accountOf(a._id);
    balances.set(id, (balances.get(id) ?? 0) + a.balance_fen);
    if (a._id === shardDocId(id, 0)) watermark.set(id, watermarkOf(a));
  }
  for (const p of ledger) {
    if (p.creditFolded !== true) continue;
    if (typeof p.postedAt_ms === 'number' && p.postedAt_ms <= (watermark.get(p.credit) ?? 0)) continue;
    balances.set(p.credit, (balances.get(p.credit) ?? 0) + p.amount_fen);
  }
  return balances;
}
