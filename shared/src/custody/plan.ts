/**
 * Custody rules of a scan (docs/custody.md), as plans: given what the server loaded (the scanned units
 * with their ancestor chains, the orgs, the caller), decide and return what to store (one event,
 * one state document per scanned unit, diversion checks). Nothing here reads or writes.
 *
 * Writes do not grow with the items inside a unit: a scanned case is one state document; its
 * boxes and items resolve their custody through it (see state.ts).
 */
import type { BizStep, Location, OrgRef, Person, UnitLevel } from '../model.js';
import { levelRank } from '../model.js';
import { err, ok, type Result } from '../result.js';
import { resolveCustody, snapshotState, type Custody, type UnitState } from './state.js';

/** At most this many units in one scan call (docs/actions.md#bad-input); the request schema enforces it first. */
export const MAX_UNITS_PER_SCAN = 1000;

/** A unit named by a scanned code, with its custody chain as loaded by the server. */
export interface ScannedUnit {
  /** The canonical code (as printed), for events and alerts. */
  code: string;
  /** The id of the unit's state document. */
  unitId: string;
  level: UnitLevel;
  productId: string;
  /** Items inside the unit (1 for an item; 0 for a box or case emptied by unpacking). */
  itemCount: number;
  /** [the unit's own state (blank `{ unitId, level }` if never scanned), its parent's, ...]. */
  chain: readonly UnitState[];
}

/** One scan call: every scan is one immutable event (EPCIS-like: what, when, who, where, why). */
export interface ScanContext {
  eventId: string;
  seq: number;
  at: number;
  actor: Person;
  brandId: string;
  location?: Location | null;
}

export interface CustodyEvent {
  eventId: string;
  seq: number;
  bizStep: BizStep;
  at: number;
  /** what: the codes scanned (canonical) and their state document ids */
  codes: string[];
  unitIds: string[];
  /** items inside the scanned units */
  quantity: number;
  /** who */
  actorUnionId: string;
  orgId: string | null;
  /** where */
  regionCode: string | null;
  location: Location | null;
  /** shipping: from whom to whom */
  fromOrgId?: string;
  toOrgId?: string;
  /** receiving: codes accepted although they were not shipped to the receiver (evidence) */
  unexpectedCodes?: string[];
  /** codes already held by the receiver (nothing changed for them) */
  alreadyHeldCodes?: string[];
  /** shipping: codes shipped on by the org they were shipped to, which had not scanned them in */
  implicitReceiptCodes?: string[];
  /** codes left out because a unit containing them was scanned in the same call */
  coveredCodes?: string[];
  /** packing / unpacking */
  parentCode?: string;
}

/** Input of the receive diversion rule (diversion/judge.ts), for one unit allocated to a dealer. */
export interface DiversionCheck {
  eventId: string;
  unitId: string;
  code: string;
  productId: string;
  quantity: number;
  allocatedDealerId: string;
  observedOrg: OrgRef;
  actorUnionId: string;
  at: number;
}

export interface ScanPlan {
  event: CustodyEvent;
  /** Full new state documents to store (set, not merge), one per unit whose custody changed. */
  states: UnitState[];
  /** Judge each with the allocated dealer's territory (`judgeReceive`). */
  diversionChecks: DiversionCheck[];
  /** Items inside the units scanned (the reply's `items`). */
  items: number;
}

function isMember(actor: Person, orgId: string): boolean {
  return actor.memberships.some((m) => m.orgId === orgId);
}

/**
 * Drops units listed twice and units inside another listed unit (a case and one of its items in
 * one scan): each item is counted and moved once.
 */
function distinctUnits(units: readonly ScannedUnit[]): { kept: Array<{ unit: ScannedUnit; index: number }>; covered: string[] } {
  if (units.length > MAX_UNITS_PER_SCAN) throw new Error(`too many units in one scan: ${units.length}`);
  const listed = new Set(units.map((u) => u.unitId));
  const seen = new Set<string>();
  const kept: Array<{ unit: ScannedUnit; index: number }> = [];
  const covered: string[] = [];
  units.forEach((unit, index) => {
    if (unit.chain[0]?.unitId !== unit.unitId) throw new Error(`chain of ${unit.unitId} does not start with its own state`);
    // 0 is possible: a box or case emptied by unpacking.
    if (!(Number.isSafeInteger(unit.itemCount) && unit.itemCount >= 0)) throw new Error(`bad itemCount for ${unit.unitId}`);
    if (seen.has(unit.unitId)) return;
    seen.add(unit.unitId);
    if (unit.chain.slice(1).some((s) => listed.has(s.unitId))) {
      covered.push(unit.code);
      return;
    }
    kept.push({ unit, index });
  });
  return { kept, covered };
}

function baseEvent(ctx: ScanContext, bizStep: BizStep, units: ReadonlyArray<{ unit: ScannedUnit }>, org: OrgRef | null): CustodyEvent {
  return {
    eventId: ctx.eventId,
    seq: ctx.seq,
    bizStep,
    at: ctx.at,
    codes: units.map((u) => u.unit.code),
    unitIds: units.map((u) => u.unit.unitId),
    quantity: units.reduce((n, u) => n + u.unit.itemCount, 0),
    actorUnionId: ctx.actor.unionId,
    orgId: org?.id ?? null,
    regionCode: org && org.regionCode !== '' ? org.regionCode : null,
    location: ctx.location ?? null,
  };
}

function diversionCheck(ctx: ScanContext, unit: ScannedUnit, custody: Custody, observed: OrgRef): DiversionCheck | null {
  const dealerId = custody.allocatedDealerId;
  // The brand may hold anything anywhere, and a dealer holding its own allocation is not diverting.
  if (dealerId === null || observed.kind === 'brand' || observed.id === dealerId) return null;
  return {
    eventId: ctx.eventId,
    unitId: unit.unitId,
    code: unit.code,
    productId: unit.productId,
    quantity: unit.itemCount,
    allocatedDealerId: dealerId,
    observedOrg: observed,
    actorUnionId: ctx.actor.unionId,
    at: ctx.at,
  };
}

function ownState(unit: ScannedUnit): UnitState {
  const own = unit.chain[0]!;
  return {
    unitId: own.unitId,
    level: own.level,
    holder: own.holder ?? null,
    allocation: own.allocation ?? null,
    shipment: own.shipment ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// Ship

export interface ShipInput extends ScanContext {
  /** The shipping org: the one the caller chose (`fromOrgId`), else the target's upstream. */
  from: OrgRef;
  target: OrgRef;
  units: readonly ScannedUnit[];
  /**
   * Added (ordering): the server checked that `from` may ship to `target` otherwise — an order
   * under a direct trade relation, or a return going back upstream to the seller.
   */
  relationChecked?: boolean;
}

/**
 * A member of the holding org ships units to an org it supplies directly.
 * - FORBIDDEN: the caller is not a member of `from`.
 * - INVALID_ARGUMENT (`toOrgId`): the target is not supplied directly by `from`.
 * - CONFLICT (`codes[i]`): a unit is neither held by `from` nor on its way to it.
 * Any failure ships nothing.
 *
 * Shipping does not move custody (the receiver's scan does), it records the shipment. A unit on
 * its way to `from` that `from` never scanned in may be shipped on: that is an implicit receipt,
 * and it is checked for diversion like a receive. When the brand ships to a first-tier dealer,
 * the unit (and everything inside it) is allocated to that dealer.
 */
export function planShip(input: ShipInput): Result<ScanPlan> {
  const { from, target } = input;
  if (!isMember(input.actor, from.id)) return err('FORBIDDEN', 'only a member of the shipping organisation can ship its goods');
  if ((target.upstreamId !== from.id && input.relationChecked !== true) || target.id === from.id) {
    return err('INVALID_ARGUMENT', `organisation ${target.id} is not supplied directly by ${from.id}`, 'toOrgId');
  }
  const { kept, covered } = distinctUnits(input.units);
  const allocates = from.kind === 'brand' && target.kind === 'dealer';
  const states: UnitState[] = [];
  const diversionChecks: DiversionCheck[] = [];
  const implicit: string[] = [];
  for (const { unit, index } of kept) {
    const custody = resolveCustody(unit.chain, input.brandId);
    const heldByFrom = custody.holderOrgId === from.id;
    const comingToFrom = custody.inTransit?.toOrgId === from.id;
    if (!heldByFrom && !comingToFrom) {
      return err('CONFLICT', `${unit.code} is held by ${custody.holderOrgId}, not by ${from.id}`, `codes[${index}]`);
    }
    const state = ownState(unit);
    if (!heldByFrom) {
      implicit.push(unit.code);
      state.holder = { orgId: from.id, seq: input.seq };
      const check = diversionCheck(input, unit, custody, from);
      if (check !== null) diversionChecks.push(check);
    }
    state.shipment = { fromOrgId: from.id, toOrgId: target.id, eventId: input.eventId, seq: input.seq };
    if (allocates) state.allocation = { dealerId: target.id, seq: input.seq };
    states.push(state);
  }
  const event: CustodyEvent = { ...baseEvent(input, 'shipping', kept, from), fromOrgId: from.id, toOrgId: target.id };
  if (implicit.length > 0) event.implicitReceiptCodes = implicit;
  if (covered.length > 0) event.coveredCodes = covered;
  return ok({ event, states, diversionChecks, items: event.quantity });
}

// ---------------------------------------------------------------------------------------------
// Receive

export interface ReceiveInput extends ScanContext {
  receiver: OrgRef;
  units: readonly ScannedUnit[];
}

/**
 * A member of an org scans units in. Receiving never rejects an authentic code (docs/custody.md#receive): goods
 * not shipped to the receiver are accepted, recorded (`unexpectedCodes`) and checked for
 * diversion. Only FORBIDDEN (the caller is not a member of the receiver) fails.
 *
 * A unit the receiver already holds (a repeated scan) changes nothing and raises nothing again.
 * A unit the receiver holds but had shipped out is taken back (the shipment is cancelled).
 */
export function planReceive(input: ReceiveInput): Result<ScanPlan> {
  const { receiver } = input;
  if (!isMember(input.actor, receiver.id)) return err('FORBIDDEN', 'only a member of the receiving organisation can receive for it');
  const { kept, covered } = distinctUnits(input.units);
  const states: UnitState[] = [];
  const diversionChecks: DiversionCheck[] = [];
  const unexpected: string[] = [];
  const alreadyHeld: string[] = [];
  for (const { unit } of kept) {
    const custody = resolveCustody(unit.chain, input.brandId);
    if (custody.holderOrgId === receiver.id && custody.inTransit === null) {
      alreadyHeld.push(unit.code);
      continue;
    }
    if (custody.inTransit?.toOrgId !== receiver.id && custody.holderOrgId !== receiver.id) unexpected.push(unit.code);
    const state = ownState(unit);
    state.holder = { orgId: receiver.id, seq: input.seq };
    state.shipment = null;
    states.push(state);
    const check = diversionCheck(input, unit, custody, receiver);
    if (check !== null) diversionChecks.push(check);
  }
  const event = baseEvent(input, 'receiving', kept, receiver);
  if (unexpected.length > 0) event.unexpectedCodes = unexpected;
  if (alreadyHeld.length > 0) event.alreadyHeldCodes = alreadyHeld;
  if (covered.length > 0) event.coveredCodes = covered;
  return ok({ event, states, diversionChecks, items: event.quantity });
}

// ---------------------------------------------------------------------------------------------
// Pack and unpack (aggregation, docs/codes.md#aggregation)

export interface PackChild extends ScannedUnit {
  /** The unit it is packed in now (derived from the batch layout or a later pack), or null. */
  parentUnitId: string | null;
}

export interface PackInput extends ScanContext {
  parent: ScannedUnit;
  children: readonly PackChild[];
}

export interface PackPlan {
  event: CustodyEvent;
  /** Parent links to store: `child` is now inside `parent`. */
  links: Array<{ childUnitId: string; parentUnitId: string }>;
  /** Children already in this parent (nothing to do: a retried pack). */
  alreadyPacked: string[];
}

/**
 * Packs children into a parent of a higher level, all held by the same org and of the same
 * product. A child still inside another parent must be unpacked first (CONFLICT). Custody then
 * follows the parent: the next scan of the parent outdates what the children held before.
 */
export function planPack(input: PackInput): Result<PackPlan> {
  const { parent } = input;
  if (input.children.length > MAX_UNITS_PER_SCAN) throw new Error(`too many children: ${input.children.length}`);
  const parentCustody = resolveCustody(parent.chain, input.brandId);
  const links: PackPlan['links'] = [];
  const packed: ScannedUnit[] = [];
  const alreadyPacked: string[] = [];
  const seen = new Set<string>();
  for (const [i, child] of input.children.entries()) {
    const field = `children[${i}]`;
    if (seen.has(child.unitId)) continue;
    seen.add(child.unitId);
    if (levelRank(child.level) >= levelRank(parent.level)) {
      return err('INVALID_ARGUMENT', `a ${child.level} cannot be packed into a ${parent.level}`, field);
    }
    if (child.productId !== parent.productId) return err('INVALID_ARGUMENT', `${child.code} is another product`, field);
    if (child.parentUnitId === parent.unitId) {
      alreadyPacked.push(child.code);
      continue;
    }
    if (child.parentUnitId !== null) return err('CONFLICT', `${child.code} is packed in another unit; unpack it first`, field);
    const childCustody = resolveCustody(child.chain, input.brandId);
    if (childCustody.holderOrgId !== parentCustody.holderOrgId) {
      return err('CONFLICT', `${child.code} is held by ${childCustody.holderOrgId}, the parent by ${parentCustody.holderOrgId}`, field);
    }
    links.push({ childUnitId: child.unitId, parentUnitId: parent.unitId });
    packed.push(child);
  }
  const event: CustodyEvent = {
    ...baseEvent(input, 'packing', packed.map((unit) => ({ unit })), null),
    orgId: parentCustody.holderOrgId,
    parentCode: parent.code,
  };
  return ok({ event, links, alreadyPacked });
}

export interface UnpackInput extends ScanContext {
  parent: ScannedUnit;
  /** The direct children, each with its chain through the parent (child, parent, ...). */
  children: readonly ScannedUnit[];
}

export interface UnpackPlan {
  event: CustodyEvent;
  /** Parent links to remove. */
  unlinks: Array<{ childUnitId: string; parentUnitId: string }>;
  /** Each child's new state: what it inherited from the parent, kept with the original seqs. */
  states: UnitState[];
}

/** Unpacking is recorded, never overwriting: children keep the custody they had inside the parent. */
export function planUnpack(input: UnpackInput): Result<UnpackPlan> {
  const { parent } = input;
  if (input.children.length > MAX_UNITS_PER_SCAN) throw new Error(`too many children: ${input.children.length}`);
  const parentCustody = resolveCustody(parent.chain, input.brandId);
  for (const child of input.children) {
    if (child.chain[1]?.unitId !== parent.unitId) throw new Error(`chain of ${child.unitId} does not go through ${parent.unitId}`);
  }
  const states = input.children.map((c) => snapshotState(c.chain));
  const event: CustodyEvent = {
    ...baseEvent(input, 'unpacking', input.children.map((unit) => ({ unit })), null),
    orgId: parentCustody.holderOrgId,
    parentCode: parent.code,
  };
  return ok({ event, unlinks: input.children.map((c) => ({ childUnitId: c.unitId, parentUnitId: parent.unitId })), states });
}
