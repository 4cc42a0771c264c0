/**
 * Custody and allocation of a unit, resolved from the state documents of the unit and its
 * ancestors (docs/custody.md#holder).
 *
 * A scan writes the state document of the scanned unit only (never one per item inside it), so
 * receiving a case of 240 items is one write. What an item "inherits" is resolved at read time:
 * each fact (holder, allocation, shipment) carries the `seq` of the operation that set it, and the
 * most recent fact anywhere in the chain (the item, its box, its case, ...) wins.
 *
 * `seq` is a number the server makes strictly increasing across operations (e.g.
 * `now_ms * 1000 + a per-process counter`); all facts written by one operation share its seq.
 * On equal seqs the unit closer to the item wins.
 */
import type { UnitLevel } from '../model.js';
import { levelRank } from '../model.js';

export interface HolderFact {
  orgId: string;
  seq: number;
}

export interface AllocationFact {
  /** null: explicitly unallocated (kept by an unpack snapshot of an unallocated unit). */
  dealerId: string | null;
  seq: number;
}

export interface ShipmentFact {
  fromOrgId: string;
  toOrgId: string;
  eventId: string;
  seq: number;
}

/** The stored custody state of one unit (one document per unit that was ever scanned). */
export interface UnitState {
  unitId: string;
  level: UnitLevel;
  /** The org that last received this unit itself. */
  holder?: HolderFact | null;
  /** Set when the brand shipped this unit itself to a first-tier dealer. */
  allocation?: AllocationFact | null;
  /** The last shipment of this unit itself (pending until a later receive). */
  shipment?: ShipmentFact | null;
}

export interface Custody {
  /** The org that last received the unit, or the brand before any receive. */
  holderOrgId: string;
  /** seq of the winning holder fact; 0 for the brand's implicit custody. */
  holderSeq: number;
  allocatedDealerId: string | null;
  allocationSeq: number;
  /** The latest shipment, when no receive happened since: the goods are on their way. */
  inTransit: ShipmentFact | null;
}

/** Bounds the chain: item → box → case → pallet is four levels. */
const MAX_CHAIN_LENGTH = 4;

/**
 * Resolves custody from `chain` = [the unit's own state, its parent's, its grandparent's, ...].
 * A unit never scanned has a blank own state `{ unitId, level }`.
 * A malformed chain (levels not strictly increasing, too long) is a bug in the caller and throws.
 */
export function resolveCustody(chain: readonly UnitState[], brandId: string): Custody {
  const { holder, allocation, shipment } = latestFacts(chain);
  const holderSeq = holder?.seq ?? 0;
  return {
    holderOrgId: holder?.orgId ?? brandId,
    holderSeq,
    allocatedDealerId: allocation?.dealerId ?? null,
    allocationSeq: allocation?.seq ?? 0,
    // A shipment is pending until a receive at least as recent (a ship and an implicit receipt
    // written by one operation share its seq, and the shipment is then the newer fact).
    inTransit: shipment !== null && shipment.seq >= holderSeq ? shipment : null,
  };
}

/** The most recent holder, allocation and shipment facts of a chain. */
export function latestFacts(chain: readonly UnitState[]): {
  holder: HolderFact | null;
  allocation: AllocationFact | null;
  shipment: ShipmentFact | null;
} {
  assertChain(chain);
  let holder: HolderFact | null = null;
  let allocation: AllocationFact | null = null;
  let shipment: ShipmentFact | null = null;
  // Walk from the unit outwards; an outer fact replaces only when strictly more recent, so on
  // equal seqs the inner unit wins.
  for (const s of chain) {
    if (s.holder && (holder === null || s.holder.seq > holder.seq)) holder = s.holder;
    if (s.allocation && (allocation === null || s.allocation.seq > allocation.seq)) allocation = s.allocation;
    if (s.shipment && (shipment === null || s.shipment.seq > shipment.seq)) shipment = s.shipment;
  }
  return { holder, allocation, shipment };
}

export function assertChain(chain: readonly UnitState[]): void {
  if (chain.length === 0 || chain.length > MAX_CHAIN_LENGTH) {
    throw new Error(`custody chain must hold 1..${MAX_CHAIN_LENGTH} states, got ${chain.length}`);
  }
  for (let i = 1; i < chain.length; i++) {
    if (levelRank(chain[i]!.level) <= levelRank(chain[i - 1]!.level)) {
      throw new Error(`custody chain out of order: ${chain[i - 1]!.level} inside ${chain[i]!.level}`);
    }
  }
}

/** The state to store for a unit that leaves its parent: what it inherited, with the original seqs. */
export function snapshotState(chain: readonly UnitState[]): UnitState {
  const facts = latestFacts(chain);
  const own = chain[0]!;
  // Keeping the original seqs (not the unpack's) matters: an item inside the unpacked box that
  // was moved on its own later must still win over what the box inherited.
  return { unitId: own.unitId, level: own.level, ...facts };
}
