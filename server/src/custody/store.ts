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
  await Promise.all(
    states.map((s) => {
      const unit = byId.get(s.unitId);
      if (!unit) throw new Error(`state for a unit not scanned: ${s.unitId}`);
      return db.collection(C.units).doc(s.unitId).set(unitDocFor(unit, s));
    }),
  );
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
