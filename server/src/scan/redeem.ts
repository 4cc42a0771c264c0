/**
 * A consumer redeems an item's hidden code (spec §5).
 *
 * Once-only, whatever the concurrency: the redemption document's `_id` is the item, inserted
 * before any money moves; of fifty simultaneous redeems one inserts it, the rest are refused.
 * The money then moves in one transaction that also marks the redemption paid, so a crash in
 * between leaves a `pending` redemption that the same person's retry completes (the ledger's
 * idempotency keys make that safe), never a double payment.
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
import { LIMITS, takeToken } from '../abuse/rate-limit.js';
import { BRAND_ORG_ID } from '../channel/model.js';
import { orgsByIds, territoryOf } from '../channel/orgs.js';
import { loadPerson } from '../channel/person.js';
import { keyring } from '../codes/keyring.js';
import { storeAlerts } from '../custody/store.js';
import { loadUnits } from '../custody/units.js';
import { C } from '../db/collections.js';
import { isDuplicateKey } from '../db/errors.js';
import { getById, insertOne } from '../db/ops.js';
import { transact, txGet } from '../db/transact.js';
import { regionOf } from '../geo/geocoder.js';
import type { AuthedContext } from '../runtime/action.js';
import { resolveCustody } from '@channel-router/shared';
import { productById } from '../channel/products.js';
import { postFresh } from '../wallet/ledger-store.js';
import { rateLimitMultiplier } from '../abuse/config.js';

interface RedemptionDoc {
  _id: string;
  code: string;
  unionId: string;
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
  if (!(await takeToken(ctx.db, LIMITS.redeemPerPerson, ctx.caller.unionId, ctx.now_ms, m)) || !(await takeToken(ctx.db, LIMITS.redeemPerAddress, ctx.caller.clientIp, ctx.now_ms, m))) {
    return err('RATE_LIMITED', 'too many attempts; try again in a minute');
  }
  const loaded = await loadUnits(ctx.db, [v.data], () => 'code');
  if (!loaded.ok) return loaded;
  const unit = loaded.data[0]!;

  // The claim: first insert wins.
  let claim: RedemptionDoc = { _id: unit.unitId, code: v.data.code, unionId: ctx.caller.unionId, requestId: input.requestId ?? null, status: 'pending', at: ctx.now_ms };
  let fresh = true;
  try {
    await insertOne(ctx.db, C.redemptions, claim);
  } catch (e) {
    fresh = false;
    if (!isDuplicateKey(e)) throw e;
    const existing = await getById<RedemptionDoc>(ctx.db, C.redemptions, unit.unitId);
    if (existing === null) throw e;
    if (existing.unionId !== ctx.caller.unionId) {
      const custody = resolveCustody(unit.chain, BRAND_ORG_ID);
      const alert = judgeDuplicateRedeem({
        code: v.data.code,
        productId: unit.productId,
        allocatedDealerId: custody.allocatedDealerId,
        firstRedeemerUnionId: existing.unionId,
        attempt: { unionId: ctx.caller.unionId, regionCode: await regionOf(input.location), at: ctx.now_ms },
      });
      if (alert) await storeAlerts(ctx.db, [alert]);
      return err('ALREADY_REDEEMED', 'this code has already been redeemed');
    }
    if (existing.status === 'paid') {
      // The same claim again (its reply was lost): the original answer. Any other attempt: spent.
      const sameClaim = input.requestId !== undefined && existing.requestId === input.requestId && existing.reply !== undefined;
      return sameClaim ? ok(existing.reply!) : err('ALREADY_REDEEMED', 'you have already redeemed this code');
    }
    claim = existing; // our own earlier attempt did not finish: complete it
  }

  const custody = resolveCustody(unit.chain, BRAND_ORG_ID);
  const [person, product, consumerRegionCode] = await Promise.all([
    loadPerson(ctx.db, ctx.caller.unionId),
    productById(ctx.db, unit.productId),
    regionOf(input.location),
  ]);
  if (product === null) throw new Error(`product ${unit.productId} of batch ${unit.batch._id} is missing`);
  const holderId = custody.holderOrgId;
  const orgs = await orgsByIds(ctx.db, [holderId, custody.allocatedDealerId]);
  const holder = orgs.get(holderId);
  if (!holder) throw new Error(`holder ${holderId} is missing`);
  const dealerDoc = custody.allocatedDealerId ? orgs.get(custody.allocatedDealerId) : undefined;
  const at = claim.at;
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

  const paid = await transact<ActionRes<'scan', 'redeem'>>(ctx.db, async (tx) => {
    // The budget (the hot account every paying redeem writes) is the transaction's first read.
    // A transaction's snapshot is taken at its first operation (MongoDB's and the local cloud's
    // rule), so reading the budget later would not shorten the conflict window; reading it first
    // lets the local cloud line such transactions up on it instead of failing and retrying them
    // (bench/backend.bench.ts: ~2.5 retries per redeem under 16 clients before, none after).
    const budget = await txGet<{ balance_fen: number }>(tx, C.accounts, BUDGET_ACCOUNT);
    // A claim this call just inserted cannot be paid yet: no need to read it. (Were the same
    // person's retry resuming it at once, both transactions write the claim and the ledger keys,
    // so one of them conflicts, retries, and then finds it paid.)
    const guard = fresh ? null : await txGet<RedemptionDoc>(tx, C.redemptions, unit.unitId);
    if (guard?.status === 'paid' && guard.reply) return ok(guard.reply);
    // Alerts and the penalty commit with the money (keyed: a retry writes the same documents).
    // The plan's alerts do not depend on the budget, so a plan against zero lists them.
    const evidence = plan(0);
    for (const a of evidence.alerts) {
      const { key, ...rest } = a;
      await tx.collection(C.alerts).doc(key).set(rest);
    }
    if (evidence.penalty) {
      const { key, ...rest } = evidence.penalty;
      await tx.collection(C.penalties).doc(key).set(rest);
    }
    const budget_fen = Math.max(0, budget?.balance_fen ?? 0);
    const p = plan(budget_fen);
    p.reply.productName = product.name;
    // The budget's balance was read above, in this transaction: no second read.
    const posted = await postFresh(ctx.db, tx, p.postings, ctx.now_ms, new Map([[BUDGET_ACCOUNT, budget_fen]]));
    if (!posted.ok) return posted;
    await tx.collection(C.redemptions).doc(unit.unitId).update({ status: 'paid', reply: p.reply, record: p.redemption, paidAt: ctx.now_ms });
    return ok(p.reply);
  });
  return paid;
}
