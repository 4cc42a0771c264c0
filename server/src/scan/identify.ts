/**
 * The channel router (五码合一): one printed code means stock-in to a clerk, shipping to a dealer,
 * a prize to a consumer, evidence to an inspector. `identify` answers what a code is and what
 * this person, in this app, may do with it; `open` records that a store opened a case or box.
 */
import { err, ok, resolveCustody, type ActionRes, type CodeAction, type IdentifyReq, type OpenReq, type Result } from '@channel-router/shared';
import { BRAND_ORG_ID, type OrgDoc, type ProductDoc } from '../channel/model.js';
import { orgsByIds } from '../channel/orgs.js';
import { loadPerson } from '../channel/person.js';
import { newId } from '../channel/ids.js';
import { storeEvent, storeOpened } from '../custody/store.js';
import { loadUnits, nextSeq, verifyCodes } from '../custody/units.js';
import { C } from '../db/collections.js';
import { getById } from '../db/ops.js';
import type { AuthedContext } from '../runtime/action.js';

export async function identify(ctx: AuthedContext, input: IdentifyReq): Promise<Result<ActionRes<'scan', 'identify'>>> {
  const v = verifyCodes([input.code], () => 'code');
  if (!v.ok) return v;
  const loaded = await loadUnits(ctx.db, v.data, () => 'code');
  if (!loaded.ok) return loaded;
  const unit = loaded.data[0]!;
  const code = v.data[0]!;
  const custody = resolveCustody(unit.chain, BRAND_ORG_ID);
  const [person, product, redemption] = await Promise.all([
    loadPerson(ctx.db, ctx.caller.unionId),
    getById<ProductDoc>(ctx.db, C.products, unit.productId),
    code.kind === 'hidden' ? getById<{ status: string }>(ctx.db, C.redemptions, unit.unitId) : Promise.resolve(null),
  ]);
  const mine = new Set(person.memberships.map((m) => m.orgId));
  const brandStaff = person.memberships.some((m) => m.orgId === BRAND_ORG_ID);
  const channelMember = person.memberships.some((m) => m.kind !== 'brand');
  const app = ctx.caller.app;
  const actions: CodeAction[] = ['verify'];
  if (code.kind === 'hidden') {
    if (redemption === null && (app === 'consumer' || app === null)) actions.push('redeem');
  } else {
    const holdsIt = mine.has(custody.holderOrgId) || (custody.inTransit !== null && mine.has(custody.inTransit.toOrgId));
    if (channelMember && (app === 'dealer' || app === 'terminal' || app === null)) actions.push('receive');
    if (holdsIt && (app === 'dealer' || app === 'admin' || app === null)) actions.push('ship');
    if (mine.has(custody.holderOrgId) && unit.level !== 'item' && (app === 'terminal' || app === null)) actions.push('open');
    if (person.memberships.some((m) => m.orgId === BRAND_ORG_ID && (m.role === 'admin' || m.role === 'inspector')) && (app === 'admin' || app === null)) actions.push('inspect');
  }
  // Custody is channel information: shown to channel members and brand staff, not to consumers.
  const showCustody = brandStaff || channelMember;
  if (input.orgId !== undefined && !mine.has(input.orgId)) return err('FORBIDDEN', 'you are not a member of this organisation', 'orgId');
  const downstream = person.memberships.filter((m) => (m.kind === 'store' || m.kind === 'wholesaler') && (input.orgId === undefined || m.orgId === input.orgId)).map((m) => m.orgId);
  const orgs = showCustody ? await orgsByIds(ctx.db, [custody.holderOrgId, ...downstream]) : new Map<string, OrgDoc>();
  const holder = orgs.get(custody.holderOrgId);
  const myDealers = new Set(downstream.map((id) => orgs.get(id)?.firstTierDealerId).filter((d): d is string => typeof d === 'string'));
  const notFromYourDealer = custody.allocatedDealerId !== null && myDealers.size > 0 && !myDealers.has(custody.allocatedDealerId);
  return ok({
    code: code.code,
    level: code.level,
    kind: code.kind,
    productId: unit.productId,
    productName: product?.name ?? '',
    items: unit.itemCount,
    holderOrgId: showCustody ? custody.holderOrgId : null,
    holderName: holder?.name ?? null,
    allocatedDealerId: showCustody ? custody.allocatedDealerId : null,
    inTransitTo: showCustody ? custody.inTransit?.toOrgId ?? null : null,
    redeemed: code.kind === 'hidden' ? redemption !== null : null,
    actions,
    ...(notFromYourDealer ? { notFromYourDealer } : {}),
  });
}

export async function open(ctx: AuthedContext, input: OpenReq): Promise<Result<ActionRes<'scan', 'open'>>> {
  const v = verifyCodes([input.code], () => 'code', { visibleOnly: true });
  if (!v.ok) return v;
  const loaded = await loadUnits(ctx.db, v.data, () => 'code');
  if (!loaded.ok) return loaded;
  const unit = loaded.data[0]!;
  if (unit.level === 'item') return err('INVALID_ARGUMENT', 'only a case or a box can be opened', 'code');
  const person = await loadPerson(ctx.db, ctx.caller.unionId);
  const custody = resolveCustody(unit.chain, BRAND_ORG_ID);
  // Default: the caller's org that holds the goods, else their first channel org (then CONFLICT).
  const orgId = input.orgId ?? person.memberships.find((m) => m.orgId === custody.holderOrgId)?.orgId ?? person.memberships.find((m) => m.kind !== 'brand')?.orgId;
  if (orgId === undefined || !person.memberships.some((m) => m.orgId === orgId)) return err('FORBIDDEN', 'you are not a member of this organisation', 'orgId');
  if (custody.holderOrgId !== orgId) return err('CONFLICT', 'these goods are not held by your organisation; scan them in first', 'code');
  const orgs = await orgsByIds(ctx.db, [orgId]);
  const org = orgs.get(orgId)!;
  await storeOpened(ctx.db, unit, ctx.now_ms);
  await storeEvent(
    ctx.db,
    {
      eventId: newId('evt'),
      seq: nextSeq(ctx.now_ms),
      bizStep: 'opening',
      at: ctx.now_ms,
      codes: [unit.code],
      unitIds: [unit.unitId],
      quantity: unit.itemCount,
      actorUnionId: ctx.caller.unionId,
      orgId,
      regionCode: org.regionCode || null,
      location: null,
    },
    new Map([[unit.unitId, unit.productId]]),
  );
  return ok({ items: unit.itemCount });
}
