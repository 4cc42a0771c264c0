/**
 * Ship and receive: verify the codes (no I/O), load the units and the orgs in a constant number
 * of reads, let the custody rules plan, judge diversion, store.
 */
import {
  err,
  judgeReceive,
  receiveAlertKey,
  ok,
  planReceive,
  planShip,
  type ActionRes,
  type Alert,
  type ReceiveReq,
  type Result,
  type ScanPlan,
  type ShipReq,
  type Location,
  type Person,
  type ScanContext,
} from '@channel-router/shared';
import { BRAND_ORG_ID, orgRef } from '../channel/model.js';
import { orgsByIds, territoryOf } from '../channel/orgs.js';
import { loadPerson } from '../channel/person.js';
import { derivedId, newId } from '../channel/ids.js';
import { isDuplicateKey } from '../db/errors.js';
import { eventDocId, storeAlerts, storeEvent, storeStates } from '../custody/store.js';
import { getById } from '../db/ops.js';
import { loadUnits, nextSeq, verifyCodes, type LoadedUnit } from '../custody/units.js';
import type { AuthedContext } from '../runtime/action.js';
import { C } from '../db/collections.js';
import { onReceived, shipForOrder } from '../orders/ship.js';

const codeField = (i: number) => `codes[${i}]`;

/** The who/when/where every scan event of this call shares. */
export function scanContext(ctx: AuthedContext, actor: Person, location: Location | undefined): ScanContext {
  return { eventId: newId('evt'), seq: nextSeq(ctx.now_ms), at: ctx.now_ms, actor, brandId: BRAND_ORG_ID, location: location ?? null };
}

export async function judgeAndStore(ctx: AuthedContext, units: LoadedUnit[], plan: ScanPlan): Promise<Alert[]> {
  const dealers = await orgsByIds(ctx.db, plan.diversionChecks.map((c) => c.allocatedDealerId));
  const alerts: Alert[] = [];
  for (const check of plan.diversionChecks) {
    const dealer = dealers.get(check.allocatedDealerId);
    if (!dealer) continue; // an allocation to an org that no longer exists: nothing to judge against
    const a = judgeReceive(check, territoryOf(dealer));
    if (a !== null) alerts.push(a);
  }
  await storeStates(ctx.db, units, plan.states);
  await storeEvent(ctx.db, plan.event, new Map(units.map((u) => [u.unitId, u.productId])));
  await storeAlerts(ctx.db, alerts);
  return alerts;
}

export async function ship(ctx: AuthedContext, input: ShipReq): Promise<Result<ActionRes<'scan', 'ship'>>> {
  // Shipping an order, or a return's goods back to the seller: the order module's rules.
  if (input.orderId !== undefined || input.returnId !== undefined) return shipForOrder(ctx, input);
  const verified = verifyCodes(input.codes, codeField, { visibleOnly: true });
  if (!verified.ok) return verified;
  const person = await loadPerson(ctx.db, ctx.caller.unionId);
  const target = (await orgsByIds(ctx.db, [input.toOrgId])).get(input.toOrgId);
  if (!target) return err('NOT_FOUND', 'the receiving organisation does not exist', 'toOrgId');
  const fromId = input.fromOrgId ?? target.upstreamId ?? '';
  if (input.fromOrgId !== undefined && !person.memberships.some((m) => m.orgId === input.fromOrgId)) {
    return err('FORBIDDEN', 'you are not a member of the shipping organisation', 'fromOrgId');
  }
  const from = (await orgsByIds(ctx.db, [fromId])).get(fromId);
  if (!from) return err('INVALID_ARGUMENT', 'the receiving organisation has no supplier', 'toOrgId');
  // The brand's stock is moved by its admins; an inspector (稽查) only observes.
  if (from.kind === 'brand' && !person.memberships.some((m) => m.orgId === from._id && m.role === 'admin')) {
    return err('FORBIDDEN', 'only a brand admin can ship the brand\'s goods');
  }
  // With a requestId the event id is derived from it (per person): a retry finds the first
  // attempt's event and answers its reply instead of shipping again.
  const eventId = input.requestId === undefined ? undefined : derivedId('evt', `ship:${ctx.caller.unionId}`, input.requestId);
  if (eventId !== undefined) {
    const first = await shippedBefore(ctx, eventId, target._id);
    if (first !== null) return first;
  }
  const loaded = await loadUnits(ctx.db, verified.data, codeField);
  if (!loaded.ok) return loaded;
  const scan = { ...scanContext(ctx, person, input.location), ...(eventId === undefined ? {} : { eventId }) };
  const plan = planShip({
    ...scan,
    from: orgRef(from),
    target: orgRef(target),
    units: loaded.data,
  });
  if (!plan.ok) return plan;
  try {
    await judgeAndStore(ctx, loaded.data, plan.data);
  } catch (e) {
    // The same request twice at once: both wrote the same states; the second event collides.
    if (eventId === undefined || !isDuplicateKey(e)) throw e;
    const first = await shippedBefore(ctx, eventId, target._id);
    if (first === null) throw e;
    return first;
  }
  return ok({ items: plan.data.items, eventId: scan.eventId });
}

/** The reply of an earlier shipment under this event id, a CONFLICT if it went elsewhere, or null. */
async function shippedBefore(ctx: AuthedContext, eventId: string, toOrgId: string): Promise<Result<ActionRes<'scan', 'ship'>> | null> {
  // An event's first document has a known id (storeEvent): a point read.
  const first = await getById<{ bizStep: string; toOrgId?: string; quantity: number }>(ctx.db, C.events, eventDocId(eventId, 0));
  if (first === null) return null;
  if (first.bizStep !== 'shipping' || first.toOrgId !== toOrgId) return err('CONFLICT', 'this requestId was already used for another shipment', 'requestId');
  return ok({ items: first.quantity, eventId });
}

export async function receive(ctx: AuthedContext, input: ReceiveReq): Promise<Result<ActionRes<'scan', 'receive'>>> {
  const verified = verifyCodes(input.codes, codeField, { visibleOnly: true });
  if (!verified.ok) return verified;
  const person = await loadPerson(ctx.db, ctx.caller.unionId);
  const orgId = input.orgId ?? person.memberships.find((m) => m.kind !== 'brand')?.orgId ?? person.memberships[0]?.orgId;
  if (orgId === undefined) return err('FORBIDDEN', 'join an organisation before receiving goods');
  if (!person.memberships.some((m) => m.orgId === orgId)) return err('FORBIDDEN', 'you are not a member of this organisation', 'orgId');
  const receiver = (await orgsByIds(ctx.db, [orgId])).get(orgId);
  if (!receiver) return err('NOT_FOUND', 'organisation not found', 'orgId');
  const loaded = await loadUnits(ctx.db, verified.data, codeField);
  if (!loaded.ok) return loaded;
  const scan = scanContext(ctx, person, input.location);
  const plan = planReceive({
    ...scan,
    receiver: orgRef(receiver),
    units: loaded.data,
  });
  if (!plan.ok) return plan;
  const alerts = await judgeAndStore(ctx, loaded.data, plan.data);
  // Units of an order's (or a return's) shipment: the shipment, and maybe the order, is received.
  await onReceived(ctx, receiver._id, loaded.data);
  // A retried receive (its reply was lost) finds the goods already held: it answers the alerts
  // the first attempt raised, so the clerk still sees the warning.
  const held = new Set(plan.data.event.alreadyHeldCodes ?? []);
  if (held.size > 0) {
    const keys = loaded.data.filter((u) => held.has(u.code)).map((u) => receiveAlertKey(receiver._id, u.unitId));
    const earlier = await ctx.db.collection(C.alerts).where({ _id: ctx.db.command.in(keys) }).limit(keys.length).get();
    for (const { _id, ...a } of earlier.data as Array<Omit<Alert, 'key'> & { _id: string }>) alerts.push({ key: _id, ...a });
  }
  return ok({ items: plan.data.items, alerts, eventId: scan.eventId });
}
