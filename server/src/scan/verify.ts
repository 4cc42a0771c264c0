/**
 * Public authenticity check of a code (`scan.verify`, docs/codes.md#security). A forged code is refused before any
 * database read. Each verification of a visible code joins the code's bounded history, from which
 * a copied code (many people in far-apart regions) is detected.
 */
import {
  appendVerification,
  detectClonedCode,
  err,
  ok,
  resolveCustody,
  verifyCode,
  type ActionRes,
  type Result,
  type VerificationRecord,
  type VerifyReq,
} from '@channel-router/shared';
import { createHash } from 'node:crypto';
import { LIMITS, takeTokens } from '../abuse/rate-limit.js';
import { rateLimitMultiplier } from '../abuse/config.js';
import { BRAND_ORG_ID } from '../channel/model.js';
import { keyring } from '../codes/keyring.js';
import { storeAlerts } from '../custody/store.js';
import { loadUnits } from '../custody/units.js';
import { productById } from '../channel/products.js';
import { C } from '../db/collections.js';
import { transact, txGet } from '../db/transact.js';
import { regionOf } from '../geo/geocoder.js';
import type { ActionContext } from '../runtime/action.js';

interface VerificationDoc {
  count: number;
  history: VerificationRecord[];
}

function actorKey(ctx: ActionContext): string {
  if (ctx.caller) return `u:${ctx.caller.unionId}`;
  // Anonymous: a hash of the address, so the history holds no raw IP addresses.
  const address = ctx.env.WX_CLIENTIP ?? '';
  return `ip:${createHash('sha256').update(ctx.env.ADDRESS_SALT ?? 'channel-router').update(address).digest('hex').slice(0, 16)}`;
}

export async function verify(ctx: ActionContext, input: VerifyReq): Promise<Result<ActionRes<'scan', 'verify'>>> {
  const v = verifyCode(input.code, keyring());
  if (!v.ok) return err('INVALID_CODE', v.error.message, 'code');
  const m = rateLimitMultiplier(ctx.env);
  const person = ctx.caller?.unionId ?? '';
  const address = ctx.caller?.clientIp ?? ctx.env.WX_CLIENTIP ?? '';
  const checks = [{ limit: LIMITS.verifyPerPerson, subject: person }, { limit: LIMITS.verifyPerAddress, subject: address }];
  if (!(await takeTokens(ctx.db, checks, ctx.now_ms, m))) {
    return err('RATE_LIMITED', 'too many checks; try again in a minute');
  }
  const loaded = await loadUnits(ctx.db, [v.data], () => 'code');
  if (!loaded.ok) return ok({ genuine: false, verifications: 0 });
  const unit = loaded.data[0]!;
  const record: VerificationRecord = { actorKey: actorKey(ctx), regionCode: await regionOf(input.location), at: ctx.now_ms };
  const updated = await transact<VerificationDoc>(ctx.db, async (tx) => {
    const doc = await txGet<VerificationDoc>(tx, C.verifications, unit.unitId);
    const next: VerificationDoc = { count: (doc?.count ?? 0) + 1, history: appendVerification(doc?.history ?? [], record) };
    await tx.collection(C.verifications).doc(unit.unitId).set(next);
    return ok(next);
  });
  if (!updated.ok) return updated;
  if (v.data.kind === 'visible') {
    const custody = resolveCustody(unit.chain, BRAND_ORG_ID);
    const alert = detectClonedCode({
      code: v.data.code,
      productId: unit.productId,
      allocatedDealerId: custody.allocatedDealerId,
      history: updated.data.history,
      current: record,
      actorUnionId: ctx.caller?.unionId ?? null,
    });
    if (alert) await storeAlerts(ctx.db, [alert]);
  }
  const product = await productById(ctx.db, unit.productId);
  return ok({ genuine: true, productId: unit.productId, ...(product ? { productName: product.name } : {}), level: v.data.level, verifications: updated.data.count });
}
