/**
 * Taking money from the brand's reward budget without a transaction on the hot path.
 *
 * The budget is kept in SHARD_COUNT balance documents (account-shards.ts). A redeem takes what it
 * pays from one shard with one conditional decrement (`where balance ≥ n: inc −n`): a single
 * document update, atomic in the database, so racing redeems can never take the same fen twice
 * and no shard goes below zero. When that shard holds less than is needed (the budget running low,
 * or spread thin), a transaction reads every shard once, lets the caller decide what it pays with
 * the budget as a whole, and takes it from as many shards as needed.
 *
 * What was taken (`parts`) is stored in the redemption document, so a redeem that loses the race
 * for its code gives exactly that back (`releaseBudget`).
 */
import { BUDGET_ACCOUNT, ok } from '@channel-router/shared';
import { C } from '../db/collections.js';
import { transact } from '../db/transact.js';
import type { Database } from '../runtime/cloud.js';
import { planDebit, shardDocId, totalOf, txShardBalances } from './account-shards.js';

/** Balance documents and the fen taken from each. */
export type BudgetParts = Array<[string, number]>;

export interface BudgetTaken<P> {
  plan: P;
  parts: BudgetParts;
}

/**
 * Takes from the budget what `decide(available_fen)` says it needs (`need(plan)` fen), trying
 * shard `shard` alone first (`decide(MAX_SAFE_INTEGER)`: the budget is assumed to cover it).
 * `decide` must answer a plan needing no more than `available_fen`.
 */
export async function takeBudget<P>(db: Database, shard: number, decide: (available_fen: number) => P, need: (plan: P) => number, at_ms: number): Promise<BudgetTaken<P>> {
  const first = decide(Number.MAX_SAFE_INTEGER);
  const wanted_fen = need(first);
  if (wanted_fen === 0) return { plan: first, parts: [] };
  const id = shardDocId(BUDGET_ACCOUNT, shard);
  const _ = db.command;
  const res = (await db.collection(C.accounts).where({ _id: id, balance_fen: _.gte(wanted_fen) }).update({ balance_fen: _.inc(-wanted_fen), updatedAt: at_ms })) as { updated?: number };
  if ((res.updated ?? 0) === 1) return { plan: first, parts: [[id, wanted_fen]] };
  // Slow path: the budget as a whole decides, every shard read once, in one transaction (a
  // concurrent fast-path decrement of a shard it read makes it conflict and retry).
  const r = await transact<BudgetTaken<P>>(db, async (tx) => {
    const shards = await txShardBalances(tx, BUDGET_ACCOUNT);
    const plan = decide(totalOf(shards));
    const n = need(plan);
    if (n === 0) return ok({ plan, parts: [] });
    const debit = await planDebit(tx, BUDGET_ACCOUNT, n, shard, shards);
    if (!debit.covered) throw new Error(`takeBudget: plan needs ${n} fen of ${debit.available_fen}`);
    const parts: BudgetParts = [];
    for (const [docId, balance_fen] of debit.writes) {
      parts.push([docId, shards.get(docId)! - balance_fen]);
      await tx.collection(C.accounts).doc(docId).update({ balance_fen, updatedAt: at_ms });
    }
    return ok({ plan, parts });
  });
  if (!r.ok) throw new Error(`takeBudget: ${r.error.message}`);
  return r.data;
}

/** Gives back what takeBudget took (a redeem that lost the race for its code). */
export async function releaseBudget(db: Database, parts: BudgetParts, at_ms: number): Promise<void> {
  const _ = db.command;
  await Promise.all(parts.map(([id, fen]) => db.collection(C.accounts).doc(id).update({ balance_fen: _.inc(fen), updatedAt: at_ms })));
}
