/**
 * An inspector (稽查) scans a unit: its custody, its history, and the verdict at the org where
 * the inspector stands (given) or at the holder.
 */
import { err, judgeInspection, ok, resolveCustody, type ActionRes, type EventView, type InspectReq, type Result } from '@channel-router/shared';
import { hasBrandRole, membershipsOf } from '../channel/access.js';
import { BRAND_ORG_ID, orgRef } from '../channel/model.js';
import { orgsByIds, territoryOf } from '../channel/orgs.js';
import { storeAlerts } from '../custody/store.js';
import { loadUnits, verifyCodes } from '../custody/units.js';
import { C } from '../db/collections.js';
import type { AuthedContext } from '../runtime/action.js';

const EVENTS_SHOWN_MAX = 200;

interface EventDoc {
  eventId: string;
  bizStep: EventView['bizStep'];
  at: number;
  orgId: string | null;
  toOrgId?: string;
  actorUnionId: string;
  regionCode: string | null;
}

export async function inspect(ctx: AuthedContext, input: InspectReq): Promise<Result<ActionRes<'scan', 'inspect'>>> {
  const verified = verifyCodes([input.code], () => 'code');
  if (!verified.ok) return verified;
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  if (!hasBrandRole(ms, ['inspector', 'admin'])) return err('FORBIDDEN', 'only brand inspectors and admins can inspect');
  const loaded = await loadUnits(ctx.db, verified.data, () => 'code');
  if (!loaded.ok) return loaded;
  const unit = loaded.data[0]!;
  const custody = resolveCustody(unit.chain, BRAND_ORG_ID);
  const observedId = input.orgId ?? custody.holderOrgId;
  const chainIds = unit.chain.map((s) => s.unitId);
  const [orgs, events] = await Promise.all([
    orgsByIds(ctx.db, [observedId, custody.allocatedDealerId]),
    ctx.db.collection(C.events).where({ unitId: ctx.db.command.in(chainIds) }).orderBy('at', 'desc').limit(EVENTS_SHOWN_MAX).get(),
  ]);
  const observed = orgs.get(observedId);
  if (!observed) return err('NOT_FOUND', 'organisation not found', 'orgId');
  const dealer = custody.allocatedDealerId ? orgs.get(custody.allocatedDealerId) ?? null : null;
  const { verdict, alert } = judgeInspection({
    code: unit.code,
    unitId: unit.unitId,
    productId: unit.productId,
    quantity: unit.itemCount,
    allocatedDealer: dealer ? territoryOf(dealer) : null,
    observedOrg: orgRef(observed),
    inspectorUnionId: ctx.caller.unionId,
    at: ctx.now_ms,
  });
  if (alert) await storeAlerts(ctx.db, [alert]);
  const views: EventView[] = (events.data as EventDoc[]).map((e) => ({
    eventId: e.eventId,
    bizStep: e.bizStep,
    at: e.at,
    orgId: e.orgId,
    toOrgId: e.toOrgId ?? null,
    unionId: e.actorUnionId,
    regionCode: e.regionCode,
  }));
  return ok({
    productId: unit.productId,
    allocatedDealerId: custody.allocatedDealerId,
    holderOrgId: custody.holderOrgId,
    events: views.reverse(),
    verdict,
    ...(alert ? { alerts: [alert] } : {}),
  });
}
