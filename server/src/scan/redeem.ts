/**
 * A consumer redeems an item's hidden code (docs/rewards.md#redeem).
 *
 * Once-only, whatever the concurrency: the redemption document's `_id` is the item, and it is
 * inserted in the same transaction that moves the money, its alerts and its penalty. Of fifty
 * simultaneous redeems one commits; the others fail on the duplicate `_id` (or a write conflict,
 * retried into the duplicate) and are answered from the stored redemption. Nothing is ever half
 * done: no redemption without its payment, no payment without its redemption.
 *
 * Requests per paying redeem (bench/backend.bench.ts counts them): the rate-limit windows (1),
 * the custody chain and the person's memberships (2, side by side), then the transaction: start,
 * the budget shard, the redemption, three credits, the debit, the ledger documents, commit (9).
 * Products and orgs come from the instance's short-lived caches.
 */
import { randomInt } from 'node:crypto';
import {
  BUDGET_ACCOUNT,
  computeRedeem,
  err,
  judgeDuplicateRedeem,
  ok,
  verifyCode,
  type ActionRes,
  type RedeemPlan,
  type RedeemReq,
  type Result,
} from '@channel-router/shared';
import { LIMITS, takeTokens } from '../abuse/rate-limit.js';
import { BRAND_ORG_ID } from '../channel/model.js';
import { orgsByIds, territoryOf } from '../channel/orgs.js';
import { loadPerson } from '../channel/person.js';
import { keyring } from '../codes/keyring.js';
import { storeAlerts } from '../custody/store.js';
import { loadUnits } from '../custody/units.js';
import { C } from '../db/collections.js';
import { isDuplicateKey } from '../db/errors.js';
import { getById } from '../db/ops.js';
import { transact, txGet } from '../db/transact.js';
import { regionOf } from '../geo/geocoder.js';
import type { AuthedContext } from '../runtime/action.js';
import { resolveCustody } from '@channel-router/shared';
import { productById } from '../channel/products.js';
import { postFresh } from '../wallet/ledger-store.js';
import { shardDocId, shardIndex, totalOf, txShardBalances } from '../wallet/account-shards.js';
import { rateLimitMultiplier } from '../abuse/config.js';

interface RedemptionDoc {
  _id: string;
  code: string;
  unionId: string;
  /**
   * `pending` only in data written by the version that claimed first and paid in a second step
   * (a stop between the two left it so); the same person's next redeem completes it.
   */
  status: 'pending' | 'paid';
  requestId: string | null;
  at: number;
  reply?: ActionRes<'scan', 'redeem'>;
}

export async function redeem(ctx: AuthedContext, input: RedeemReq): Promise<Result<ActionRes<'scan', 'redeem'>>> {
  const v = verifyCode(input.code, keyring());
  if (!v.ok) return err('INVALID_CODE', v.error.message, 'code');
  if (v.data.kind !== 'hidden') return err('INVALID_CODE', 'this is the visible code; scan the code under the cap to claim the reward', 'code');
  const m = rateLimitMultiplier(ctx.env);
  const checks = [{ limit: LIMITS.redeemPerPerson, subject: ctx.caller.unionId }, { limit: LIMITS.redeemPerAddress, subject: ctx.caller.clientIp }];
  if (!(await takeTokens(ctx.db, checks, ctx.now_ms, m))) {
    return err('RATE_LIMITED', 'too many attempts; try again in a minute');
  }
  const [loaded, person] = await Promise.all([loadUnits(ctx.db, [v.data], () => 'code'), loadPerson(ctx.db, ctx.caller.unionId)]);
  if (!loaded.ok) return loaded;
  const unit = loaded.data[0]!;
  const custody = resolveCustody(unit.chain, BRAND_ORG_ID);

  const [product, consumerRegionCode, orgs] = await Promise.all([
    productById(ctx.db, unit.productId),
    regionOf(input.location),
    orgsByIds(ctx.db, [custody.holderOrgId, custody.allocatedDealerId]),
  ]);
  if (product === null) throw new Error(`product ${unit.productId} of batch ${unit.batch._id} is missing`);
  const holder = orgs.get(custody.holderOrgId);
  if (!holder) throw new Error(`holder ${custody.holderOrgId} is missing`);
  const dealerDoc = custody.allocatedDealerId ? orgs.get(custody.allocatedDealerId) : undefined;
  const at = ctx.now_ms;
  const plan = (budget_fen: number): RedeemPlan =>
    computeRedeem({
      code: v.data.code,
      productId: unit.productId,
      policy: product.policy,
      at,
      redeemer: person,
      holder: { id: holder._id, kind: holder.kind, regionCode: holder.regionCode, firstTierDealerId: holder.kind === 'store' ? holder.firstTierDealerId : null },
      allocatedDealer: dealerDoc ? territoryOf(dealerDoc) : null,
      consumerRegionCode,
      randomInt: (min, max) => randomInt(min, max + 1),
      budgetAvailable_fen: budget_fen,
    });

  // Every account this redeem touches uses the same shard, chosen by the code (account-shards.ts).
  const shard = shardIndex(v.data.code);
  const budgetShard = shardDocId(BUDGET_ACCOUNT, shard);
  // `resume`: complete a claim an earlier version stored as `pending` (see RedemptionDoc).
  const pay = (resume: boolean) =>
    transact<ActionRes<'scan', 'redeem'>>(ctx.db, async (tx) => {
      // The budget shard is the first read: a transaction's snapshot is taken at its first
      // operation, and the local cloud lines up transactions whose first read is a document
      // another one holds (no doomed retries on a hot document).
      const shardBalance_fen = Math.max(0, (await txGet<{ balance_fen: number }>(tx, C.accounts, budgetShard))?.balance_fen ?? 0);
      if (resume) {
        const claim = await txGet<RedemptionDoc>(tx, C.redemptions, unit.unitId);
        if (claim === null || claim.unionId !== ctx.caller.unionId) throw new Error(`redemption ${unit.unitId} to resume is not this person's`);
        if (claim.status === 'paid') return claim.reply ? ok(claim.reply) : err('ALREADY_REDEEMED', 'you have already redeemed this code');
      }
      // With a budget without limit the plan says what this redeem would pay; when the shard
      // holds that much, that plan stands. Otherwise the budget as a whole decides: the other
      // shards are read once here, and postFresh takes from them without reading them again.
      let p = plan(Number.MAX_SAFE_INTEGER);
      const need_fen = p.postings.reduce((n, x) => n + (x.debit === BUDGET_ACCOUNT ? x.amount_fen : 0), 0);
      let read: ReadonlyMap<string, number> = new Map([[budgetShard, shardBalance_fen]]);
      if (need_fen > shardBalance_fen) {
        read = await txShardBalances(tx, BUDGET_ACCOUNT, read);
        p = plan(totalOf(read));
      }
      p.reply.productName = product.name;
      // The claim: a second redeem of this item fails here on the duplicate _id.
      const claim = {
        code: v.data.code,
        unionId: ctx.caller.unionId,
        requestId: input.requestId ?? null,
        status: 'paid',
        at,
        paidAt: at,
        reply: p.reply,
        record: p.redemption,
      } satisfies Omit<RedemptionDoc, '_id'> & { record: unknown; paidAt: number };
      if (resume) await tx.collection(C.redemptions).doc(unit.unitId).update(claim);
      else await tx.collection(C.redemptions).add({ _id: unit.unitId, ...claim });
      // Alerts and the penalty commit with the money (keyed: a retry writes the same documents).
      for (const a of p.alerts) {
        const { key, ...rest } = a;
        await tx.collection(C.alerts).doc(key).set(rest);
      }
      if (p.penalty) {
        const { key, ...rest } = p.penalty;
        await tx.collection(C.penalties).doc(key).set(rest);
      }
      const posted = await postFresh(ctx.db, tx, p.postings, ctx.now_ms, { read, shardKey: v.data.code });
      if (!posted.ok) return posted;
      return ok(p.reply);
    });
  try {
    return await pay(false);
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    return alreadyRedeemed(ctx, input, unit, custody.allocatedDealerId, v.data.code, () => pay(true));
  }
}

/** A second redeem of a spent code: the original reply for the same claim, else ALREADY_REDEEMED (and, by another person, a duplicate_redeem alert). */
async function alreadyRedeemed(
  ctx: AuthedContext,
  input: RedeemReq,
  unit: { unitId: string; productId: string },
  allocatedDealerId: string | null,
  code: string,
  resume: () => Promise<Result<ActionRes<'scan', 'redeem'>>>,
): Promise<Result<ActionRes<'scan', 'redeem'>>> {
  const existing = await getById<RedemptionDoc>(ctx.db, C.redemptions, unit.unitId);
  if (existing === null) throw new Error(`redemption ${unit.unitId} reported as a duplicate but not found`);
  if (existing.unionId !== ctx.caller.unionId) {
    const alert = judgeDuplicateRedeem({
      code,
      productId: unit.productId,
      allocatedDealerId,
      firstRedeemerUnionId: existing.unionId,
      attempt: { unionId: ctx.caller.unionId, regionCode: await regionOf(input.location), at: ctx.now_ms },
    });
    if (alert) await storeAlerts(ctx.db, [alert]);
    return err('ALREADY_REDEEMED', 'this code has already been redeemed');
  }
  // Claimed but never paid: only by the version that claimed and paid in two steps, when it
  // stopped between them. The same person's redeem completes it.
  if (existing.status === 'pending') return resume();
  // The same claim again (its reply was lost): the original answer. Any other attempt: spent.
  const sameClaim = input.requestId !== undefined && existing.requestId === input.requestId && existing.reply !== undefined;
  return sameClaim ? ok(existing.reply!) : err('ALREADY_REDEEMED', 'you have already redeemed this code');
}
