/**
 * Promotion budgets and per-buyer limits at submit (docs/promotions.md#the-quote): never overspent,
 * whatever the concurrency.
 *
 * `reservePromotionBudgets` takes, before the submit's transaction, what each applied promotion
 * consumes: one conditional update per promotion on its own document (`where budgetLeft ≥ n: inc
 * −n`, atomic in the database, so racing submits can never take the same unit twice) and, for a
 * per-buyer limit, one conditional increment of the buyer's use count (`where uses < limit`). The
 * promotion document is hot (every buyer's submit touches it): a conditional update outside the
 * transaction keeps it out of the submit's read set, so racing submits do not conflict on it.
 *
 * When one of them fails, what was taken is given back at once and submit answers QUOTE_CHANGED.
 * When the submit fails later (stock, funds), submit gives it back (`releasePromotionBudgets`).
 * Once the order exists it records what it took (`promotionsTaken`), and a cancellation or a
 * rejection gives that back in its own transaction (`releasePromotionBudgetsInTx`), so exactly
 * once. A crash between the take and the order's commit leaves the units taken: the budget can then
 * be under-spent, never over-spent.
 */
import type { PromotionConsumption } from '@channel-router/shared';
import { C } from '../db/collections.js';
import { isDuplicateKey } from '../db/errors.js';
import type { Tx } from '../db/transact.js';
import type { Database } from '../runtime/cloud.js';
import { useDocId, type PromotionDoc, type PromotionTaken, type PromotionUseDoc } from './model.js';

/** Most promotions one order consumes (a quote applies at most this many). */
export const PROMOTIONS_PER_ORDER_MAX = 100;

export interface ReserveInput {
  buyerOrgId: string;
  consumption: readonly PromotionConsumption[];
  /** The per-buyer limits of the promotions applied (absent: unlimited). */
  limits: ReadonlyMap<string, number>;
  at_ms: number;
}

export type Reserved = { ok: true; taken: PromotionTaken[] } | { ok: false; promotionId: string; why: 'budget' | 'limit' };

async function takeUse(db: Database, promotionId: string, buyerOrgId: string, limit: number, at_ms: number): Promise<boolean> {
  const _ = db.command;
  const id = useDocId(promotionId, buyerOrgId);
  const res = (await db.collection(C.promotionUses).where({ _id: id, uses: _.lt(limit) }).update({ uses: _.inc(1), updatedAt: at_ms })) as { updated?: number };
  if ((res.updated ?? 0) === 1) return true;
  // No document yet (the buyer's first use), or the limit is reached. Creating the document is a
  // keyed insert: of two racing first uses one inserts, the other fails and tries the update again.
  try {
    const doc: Omit<PromotionUseDoc, '_id'> = { promotionId, buyerOrgId, uses: 1, updatedAt: at_ms };
    await db.collection(C.promotionUses).add({ _id: id, ...doc });
    return true;
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const again = (await db.collection(C.promotionUses).where({ _id: id, uses: _.lt(limit) }).update({ uses: _.inc(1), updatedAt: at_ms })) as { updated?: number };
    return (again.updated ?? 0) === 1;
  }
}

async function takeBudget(db: Database, promotionId: string, amount: number, at_ms: number): Promise<boolean> {
  const _ = db.command;
  const res = (await db.collection(C.promotions).where({ _id: promotionId, budgetLeft: _.gte(amount) }).update({ budgetLeft: _.inc(-amount), updatedAt: at_ms })) as { updated?: number };
  return (res.updated ?? 0) === 1;
}

/** Takes every applied promotion's budget and use, or nothing (what was taken is given back). */
export async function reservePromotionBudgets(db: Database, input: ReserveInput): Promise<Reserved> {
  if (input.consumption.length > PROMOTIONS_PER_ORDER_MAX) throw new Error(`reservePromotionBudgets: ${input.consumption.length} promotions`);
  const taken: PromotionTaken[] = [];
  for (const c of input.consumption) {
    const limit = input.limits.get(c.promotionId);
    const t: PromotionTaken = { promotionId: c.promotionId, budget: 0, uses: 0 };
    if (limit !== undefined) {
      if (!(await takeUse(db, c.promotionId, input.buyerOrgId, limit, input.at_ms))) {
        await releasePromotionBudgets(db, input.buyerOrgId, taken, input.at_ms);
        return { ok: false, promotionId: c.promotionId, why: 'limit' };
      }
      t.uses = 1;
    }
    if (c.budgetKind !== null && c.budget > 0) {
      if (!(await takeBudget(db, c.promotionId, c.budget, input.at_ms))) {
        await releasePromotionBudgets(db, input.buyerOrgId, [...taken, t], input.at_ms);
        return { ok: false, promotionId: c.promotionId, why: 'budget' };
      }
      t.budget = c.budget;
    }
    if (t.uses > 0 || t.budget > 0) taken.push(t);
  }
  return { ok: true, taken };
}

/** Gives back what `reservePromotionBudgets` took, for a submit that failed after it (no order exists). */
export async function releasePromotionBudgets(db: Database, buyerOrgId: string, taken: readonly PromotionTaken[], at_ms: number): Promise<void> {
  const _ = db.command;
  for (const t of taken) {
    if (t.budget > 0) await db.collection(C.promotions).doc(t.promotionId).update({ budgetLeft: _.inc(t.budget), updatedAt: at_ms });
    if (t.uses > 0) await db.collection(C.promotionUses).doc(useDocId(t.promotionId, buyerOrgId)).update({ uses: _.inc(-t.uses), updatedAt: at_ms });
  }
}

/**
 * Gives back an order's promotions inside the transaction that cancels or rejects it: the order's
 * compare-and-set makes that transition happen once, so the units come back once.
 */
export async function releasePromotionBudgetsInTx(db: Database, tx: Tx, order: { buyerOrgId: string; promotionsTaken?: readonly PromotionTaken[] }, at_ms: number): Promise<void> {
  const taken = order.promotionsTaken ?? [];
  if (taken.length > PROMOTIONS_PER_ORDER_MAX) throw new Error('releasePromotionBudgetsInTx: too many promotions');
  const _ = db.command;
  for (const t of taken) {
    if (t.budget > 0) await tx.collection(C.promotions).doc(t.promotionId).update({ budgetLeft: _.inc(t.budget), updatedAt: at_ms });
    if (t.uses > 0) await tx.collection(C.promotionUses).doc(useDocId(t.promotionId, order.buyerOrgId)).update({ uses: _.inc(-t.uses), updatedAt: at_ms });
  }
}

/** The budget left of promotion documents, for a quote (null without a budget). */
export function budgetOf(d: Pick<PromotionDoc, 'budgetLeft'>): number | undefined {
  return d.budgetLeft === null ? undefined : d.budgetLeft;
}
