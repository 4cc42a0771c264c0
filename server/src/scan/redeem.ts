/**
 * A consumer redeems an item's hidden code (docs/rewards.md#redeem; the design: docs/money-and-concurrency.md).
 *
 * Once only, whatever the concurrency: the redemption document's `_id` is the item. Of fifty
 * simultaneous redeems one inserts it; the others fail on the duplicate `_id`, give back what
 * they took from the budget, and are answered from the stored redemption.
 *
 * No transaction on the way (each costs a start, a commit and a read per document on CloudBase):
 *
 *   1. rate limits: the person's and the address's windows, one conditional decrement;
 *   2. the custody chain, the redeemer's memberships and any earlier redemption, one request
 *      (redeem-read.ts), side by side with 1;
 *   3. the budget: one conditional decrement of one budget shard (wallet/budget.ts);
 *   4. the claim: the redemption document, carrying what was taken, the postings, alerts,
 *      penalty and reply: one insert, the commit point;
 *   5. the postings (and alerts, penalty when there are any, side by side): one insert.
 *
 * Five requests for a paying redeem of a returning consumer, six for a first-time one (their
 * rate-limit window of the minute is new), in four round trips one after the other. Products and orgs come from short-lived caches.
 * An interruption between 3 and 4 leaves the budget short of what it took (never overspent);
 * between 4 and 5, a claim whose postings the same person's repeat (or a sweep) writes.
 */
import { randomInt } from 'node:crypto';
import {
  BUDGET_ACCOUNT,
  computeRedeem,
  err,
  judgeDuplicateRedeem,
  ok,
  resolveCustody,
  verifyCode,
  type ActionRes,
  type RedeemPlan,
  type RedeemReq,
  type Result,
} from '@channel-router/shared';
import { rateLimitMultiplier } from '../abuse/config.js';
import { LIMITS, takeTokens } from '../abuse/rate-limit.js';
import { BRAND_ORG_ID } from '../channel/model.js';
import { orgsByIds, territoryOf } from '../channel/orgs.js';
import { productById } from '../channel/products.js';
import { keyring } from '../codes/keyring.js';
import { storeAlerts } from '../custody/store.js';
import { C } from '../db/collections.js';
import { isDuplicateKey } from '../db/errors.js';
import { getById, insertOne } from '../db/ops.js';
import { regionOf } from '../geo/geocoder.js';
import type { AuthedContext } from '../runtime/action.js';
import { shardIndex } from '../wallet/account-shards.js';
import { releaseBudget, takeBudget } from '../wallet/budget.js';
import { loadRedeemInputs } from './redeem-read.js';
import { completeRedemption, type RedemptionDoc } from './redeem-record.js';

/** Fen a plan takes from the budget. */
function budgetNeed(p: RedeemPlan): number {
  return p.postings.reduce((n, x) => n + (x.debit === BUDGET_ACCOUNT ? x.amount_fen : 0), 0);
}

/** The functions' clock now (ctx.now_ms is the invocation's start; it may carry an offset). */
function clockOf(ctx: AuthedContext): () => number {
  const offset_ms = ctx.now_ms - Date.now();
  return () => Date.now() + offset_ms;
}

export async function redeem(ctx: AuthedContext, input: RedeemReq): Promise<Result<ActionRes<'scan', 'redeem'>>> {
  const v = verifyCode(input.code, keyring());
  if (!v.ok) return err('INVALID_CODE', v.error.message, 'code');
  if (v.data.kind !== 'hidden') return err('INVALID_CODE', 'this is the visible code; scan the code under the cap to claim the reward', 'code');
  const m = rateLimitMultiplier(ctx.env);
  const checks = [{ limit: LIMITS.redeemPerPerson, subject: ctx.caller.unionId }, { limit: LIMITS.redeemPerAddress, subject: ctx.caller.clientIp }];
  // Side by side: the read does not depend on the limits, and a consumer at the bottle cap waits
  // one round trip less. A refused call so costs the read too (forgeries still cost nothing).
  const [allowed, loaded] = await Promise.all([takeTokens(ctx.db, checks, ctx.now_ms, m), loadRedeemInputs(ctx.db, v.data, ctx.caller.unionId)]);
  if (!allowed) return err('RATE_LIMITED', 'too many attempts; try again in a minute');
  if (!loaded.ok) return loaded;
  const { unit, person, redeemed } = loaded.data;
  const custody = resolveCustody(unit.chain, BRAND_ORG_ID);
  if (redeemed !== null) return alreadyRedeemed(ctx, input, unit, custody.allocatedDealerId, v.data.code, redeemed);

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

  // The money first: once taken, the claim below records it, and a lost race gives it back.
  const taken = await takeBudget(ctx.db, shardIndex(v.data.code), plan, budgetNeed, at);
  const p = taken.plan;
  p.reply.productName = product.name;
  const doc: RedemptionDoc = {
    _id: unit.unitId,
    code: v.data.code,
    unionId: ctx.caller.unionId,
    requestId: input.requestId ?? null,
    status: 'paid',
    at,
    paidAt: at,
    reply: p.reply,
    record: p.redemption,
    budget: taken.parts,
    postings: p.postings,
    alerts: p.alerts,
    penalty: p.penalty,
  };
  try {
    await insertOne(ctx.db, C.redemptions, doc);
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    await releaseBudget(ctx.db, taken.parts, at);
    const existing = await getById<RedemptionDoc>(ctx.db, C.redemptions, unit.unitId);
    if (existing === null) throw new Error(`redemption ${unit.unitId} reported as a duplicate but not found`);
    return alreadyRedeemed(ctx, input, unit, custody.allocatedDealerId, v.data.code, existing);
  }
  await completeRedemption(ctx.db, doc, clockOf(ctx));
  return ok(p.reply);
}

/**
 * A second redeem of a spent code: for the same person, the redemption is completed (a repeat
 * after an interrupted first attempt) and, for the same claim (`requestId`), its original reply
 * given; else ALREADY_REDEEMED (and, by another person, a duplicate_redeem alert).
 */
async function alreadyRedeemed(
  ctx: AuthedContext,
  input: RedeemReq,
  unit: { unitId: string; productId: string },
  allocatedDealerId: string | null,
  code: string,
  existing: RedemptionDoc,
): Promise<Result<ActionRes<'scan', 'redeem'>>> {
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
  await completeRedemption(ctx.db, existing, clockOf(ctx));
  const sameClaim = input.requestId !== undefined && existing.requestId === input.requestId;
  return sameClaim ? ok(existing.reply) : err('ALREADY_REDEEMED', 'you have already redeemed this code');
}
