/**
 * Storing what a custody plan decided: one state document per scanned unit, one event document
 * per scanned unit (inserted together in one write), and alerts under their deterministic keys so
 * that a repeated scan stores each alert once.
 */
import type { Alert, CustodyEvent, UnitState } from '@channel-router/shared';
import { C } from '../db/collections.js';
import { isDuplicateKey } from '../db/errors.js';
import { insertMany, insertOne } from '../db/ops.js';
import type { Database } from '../runtime/cloud.js';
import { stateOf, unitDocFor, type LoadedUnit } from './units.js';

const ALERTS_PER_CALL_MAX = 1000;

export async function storeStates(db: Database, units: readonly LoadedUnit[], states: readonly UnitState[]): Promise<void> {
  const byId = new Map(units.map((u) => [u.unitId, u]));
  // A constant number of writes whatever the number of units: units already stored get their
  // custody fields in one multi-document update per distinct custody (usually one: a scan moves
  // all its units alike); units never stored before are inserted in one write.
  const fresh: Array<{ _id: string } & object> = [];
  const groups = new Map<string, { fields: Pick<UnitState, 'holder' | 'allocation' | 'shipment'>; ids: string[] }>();
  for (const s of states) {
    const unit = byId.get(s.unitId);
    if (!unit) throw new Error(`state for a unit not scanned: ${s.unitId}`);
    const doc = unitDocFor(unit, s);
    if (!unit.docs.has(s.unitId)) {
      fresh.push({ _id: s.unitId, ...doc });
      continue;
    }
    const fields = { holder: doc.holder ?? null, allocation: doc.allocation ?? null, shipment: doc.shipment ?? null };
    const key = JSON.stringify(fields);
    const g = groups.get(key);
    if (g) g.ids.push(s.unitId);
    else groups.set(key, { fields, ids: [s.unitId] });
  }
  if (groups.size > STATE_GROUPS_MAX) throw new Error(`too many distinct custody states in one scan: ${groups.size}`);
  // `set` replaces each object whole (a plain object in an update would be merged key by key).
  const whole = (v: unknown) => (v === null ? null : db.command.set(v as object));
  const writes: Array<Promise<unknown>> = [...groups.values()].map(({ fields, ids }) =>
    db.collection(C.units).where({ _id: db.command.in(ids) }).update({ holder: whole(fields.holder), allocation: whole(fields.allocation), shipment: whole(fields.shipment) }),
  );
  if (fresh.length > 0) writes.push(insertFresh(db, fresh));
  await Promise.all(writes);
}

/**
 * A scan touches at most this many distinct custody states: the units of one call share their
 * new holder and shipment and differ at most by allocation (one per first-tier dealer).
 */
const STATE_GROUPS_MAX = 1000;

/** Inserts unit documents; one that a concurrent scan stored first is overwritten (last writer wins, as before). */
async function insertFresh(db: Database, docs: Array<{ _id: string } & object>): Promise<void> {
  try {
    await insertMany(db, C.units, docs);
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    await Promise.all(docs.map(({ _id, ...rest }) => db.collection(C.units).doc(_id).set(rest)));
  }
}

/**
 * Repacking: each unit keeps its custody facts (`state`) and gets a new parent (null: unpacked
 * from it). The change itself is recorded by the pack or unpack event.
 */
export async function storeParents(db: Database, moves: ReadonlyArray<{ unit: LoadedUnit; state: UnitState; parentUnitId: string | null }>): Promise<void> {
  await Promise.all(moves.map((m) => db.collection(C.units).doc(m.unit.unitId).set({ ...unitDocFor(m.unit, m.state), parentUnitId: m.parentUnitId })));
}

/** Marks a case or box opened (its items are then scanned one by one). */
export async function storeOpened(db: Database, unit: LoadedUnit, at_ms: number): Promise<void> {
  if (unit.docs.has(unit.unitId)) {
    await db.collection(C.units).doc(unit.unitId).update({ openedAt: at_ms });
  } else {
    await db.collection(C.units).doc(unit.unitId).set({ ...unitDocFor(unit, stateOf(unit.unitId, unit.docs)), openedAt: at_ms });
  }
}

/** One event document per scanned unit, so that a unit's history is an indexed read by unitId. */
/** The id of the document of an event's `i`-th unit. */
export function eventDocId(eventId: string, i: number): string {
  return `${eventId}.${i}`;
}

export async function storeEvent(db: Database, event: CustodyEvent, productIds: ReadonlyMap<string, string>): Promise<void> {
  if (event.unitIds.length === 0) return;
  const { codes, unitIds, ...common } = event;
  // Ids from the event id: storing one event twice (a retried request racing itself) collides.
  const docs = unitIds.map((unitId, i) => ({ _id: eventDocId(event.eventId, i), ...common, unitId, code: codes[i], productId: productIds.get(unitId) ?? null }));
  await insertMany(db, C.events, docs);
}

/** Stores alerts once each (their key is the document id); answers the ones stored now. */
export async function storeAlerts(db: Database, alerts: readonly Alert[]): Promise<Alert[]> {
  if (alerts.length > ALERTS_PER_CALL_MAX) throw new Error(`too many alerts: ${alerts.length}`);
  const stored: Alert[] = [];
  for (const a of alerts) {
    const { key, ...rest } = a;
    try {
      await insertOne(db, C.alerts, { _id: key, ...rest });
      stored.push(a);
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
  }
  return stored;
}
