/**
 * Diversion (窜货) and code-abuse rules (docs/diversion.md) as pure judgements: given what was
 * observed, answer the alert to store, or null. Alert keys are derived from the observation, so a
 * retried or repeated scan produces the same key and is stored once.
 */
import type { Verdict } from '../api/actions.js';
import type { DiversionCheck } from '../custody/plan.js';
import type { Alert, DealerTerritory, OrgRef } from '../model.js';
import { provinceOf, withinTerritory } from './territory.js';

/** The identity of a stock-in diversion alert: one per receiving org and unit, however often scanned. */
export function receiveAlertKey(observedOrgId: string, unitId: string): string {
  return `diversion:receive:${observedOrgId}:${unitId}`;
}

/**
 * Rule 1, stock-in: when org O receives a unit allocated to dealer D and O's registered region is
 * outside territory(D): a `diversion` alert with evidence `receive` and quantity = items in the
 * unit. `dealer` is D as loaded by the server (its id must match the check's).
 */
export function judgeReceive(check: DiversionCheck, dealer: DealerTerritory): Alert | null {
  if (dealer.id !== check.allocatedDealerId) throw new Error(`judgeReceive: dealer ${dealer.id} is not ${check.allocatedDealerId}`);
  const o = check.observedOrg;
  if (o.kind === 'brand' || o.id === dealer.id) return null;
  if (withinTerritory(o.regionCode, dealer.territory)) return null;
  return {
    key: receiveAlertKey(o.id, check.unitId),
    kind: 'diversion',
    evidence: 'receive',
    code: check.code,
    productId: check.productId,
    quantity: check.quantity,
    allocatedDealerId: dealer.id,
    observedOrgId: o.id,
    regionCode: o.regionCode,
    actorUnionId: check.actorUnionId,
    at: check.at,
  };
}

export interface InspectionInput {
  code: string;
  unitId: string;
  productId: string;
  quantity: number;
  /** The allocated dealer with its territory, or null when the unit was never allocated. */
  allocatedDealer: DealerTerritory | null;
  /** Where the inspector judges: the org named in the request, else the holder. */
  observedOrg: OrgRef;
  inspectorUnionId: string;
  at: number;
}

/**
 * Rule 2, inspection: the stock-in rule applied at the org where the inspector stands.
 * `unallocated` when the unit was never shipped to a dealer; `in_territory` also when the goods
 * are at the brand or at the allocated dealer itself; otherwise `diverted` with an alert
 * (evidence `inspect`).
 */
export function judgeInspection(input: InspectionInput): { verdict: Verdict; alert: Alert | null } {
  const d = input.allocatedDealer;
  if (d === null) return { verdict: 'unallocated', alert: null };
  const o = input.observedOrg;
  if (o.kind === 'brand' || o.id === d.id || withinTerritory(o.regionCode, d.territory)) {
    return { verdict: 'in_territory', alert: null };
  }
  return {
    verdict: 'diverted',
    alert: {
      key: `diversion:inspect:${o.id}:${input.unitId}`,
      kind: 'diversion',
      evidence: 'inspect',
      code: input.code,
      productId: input.productId,
      quantity: input.quantity,
      allocatedDealerId: d.id,
      observedOrgId: o.id,
      regionCode: o.regionCode,
      actorUnionId: input.inspectorUnionId,
      at: input.at,
    },
  };
}

export interface ConsumerScanInput {
  /** The hidden code redeemed. */
  code: string;
  productId: string;
  allocatedDealer: DealerTerritory | null;
  /** True when a store holds the item: its registered region is then the place of sale. */
  storeCustody: boolean;
  /** The region the server resolved from the consumer's coordinates, or null (none sent, or unresolved). */
  consumerRegionCode: string | null;
  /** The org holding the item (a dealer, wholesaler or the brand), for the record. */
  holderOrgId: string | null;
  actorUnionId: string;
  at: number;
}

/**
 * Rule 3, consumer scan: location is weak evidence and only counts when no store holds the item.
 * An item allocated to D redeemed in a region outside territory(D): `diversion`, evidence
 * `consumer_scan`, quantity 1.
 */
export function judgeConsumerScan(input: ConsumerScanInput): Alert | null {
  const d = input.allocatedDealer;
  if (input.storeCustody || d === null || input.consumerRegionCode === null) return null;
  if (withinTerritory(input.consumerRegionCode, d.territory)) return null;
  return {
    key: `diversion:consumer_scan:${input.code}`,
    kind: 'diversion',
    evidence: 'consumer_scan',
    code: input.code,
    productId: input.productId,
    quantity: 1,
    allocatedDealerId: d.id,
    observedOrgId: input.holderOrgId,
    regionCode: input.consumerRegionCode,
    actorUnionId: input.actorUnionId,
    at: input.at,
  };
}

export interface DuplicateRedeemInput {
  code: string;
  productId: string;
  allocatedDealerId: string | null;
  /** Who redeemed the code first. */
  firstRedeemerUnionId: string;
  attempt: { unionId: string; regionCode: string | null; at: number };
}

/**
 * A hidden code redeems once. A second attempt by the same person is a plain repeat (the reply is
 * ALREADY_REDEEMED, no alert); by a different person it means the code was copied:
 * `duplicate_redeem` (one alert per code and person, however often they retry).
 */
export function judgeDuplicateRedeem(input: DuplicateRedeemInput): Alert | null {
  if (input.attempt.unionId === input.firstRedeemerUnionId) return null;
  return {
    key: `duplicate_redeem:${input.code}:${input.attempt.unionId}`,
    kind: 'duplicate_redeem',
    evidence: 'redeem',
    code: input.code,
    productId: input.productId,
    quantity: 1,
    allocatedDealerId: input.allocatedDealerId,
    observedOrgId: null,
    regionCode: input.attempt.regionCode,
    actorUnionId: input.attempt.unionId,
    at: input.attempt.at,
  };
}

// ---------------------------------------------------------------------------------------------
// Cloned visible codes

/** One verification of a visible code, as kept in the code's bounded history. */
export interface VerificationRecord {
  /** Who verified: `u:<unionId>` when signed in, else a key derived from the client address. */
  actorKey: string;
  regionCode: string | null;
  at: number;
}

/**
 * When a visible code counts as cloned: within `window_ms`, at least `minDistinctActors` different
 * people verified it, from at least `minDistinctProvinces` provinces. Genuine goods are verified
 * by their buyer, perhaps a family member: a handful of people, in one place. A photographed code
 * printed on fakes is verified by many strangers in many places.
 */
export interface ClonedCodeRule {
  window_ms: number;
  minDistinctActors: number;
  minDistinctProvinces: number;
  /** History entries kept per code (oldest dropped first). */
  maxHistory: number;
}

export const CLONED_CODE_RULE: ClonedCodeRule = {
  window_ms: 30 * 24 * 3600 * 1000,
  minDistinctActors: 3,
  minDistinctProvinces: 2,
  maxHistory: 50,
};

/**
 * Adds a verification to a code's history, keeping it bounded: one entry per (person, province)
 * with the latest time, at most `maxHistory` entries (the oldest go first).
 */
export function appendVerification(
  history: readonly VerificationRecord[],
  record: VerificationRecord,
  rule: ClonedCodeRule = CLONED_CODE_RULE,
): VerificationRecord[] {
  const place = (r: VerificationRecord) => (r.regionCode === null ? '' : provinceOf(r.regionCode));
  const rest = history.filter((h) => !(h.actorKey === record.actorKey && place(h) === place(record)));
  const next = [...rest, record].sort((a, b) => a.at - b.at);
  return next.slice(Math.max(0, next.length - rule.maxHistory));
}

export interface ClonedCodeInput {
  code: string;
  productId: string;
  allocatedDealerId: string | null;
  /** The code's history including the verification being judged. */
  history: readonly VerificationRecord[];
  /** The verification being judged. */
  current: VerificationRecord;
  actorUnionId: string | null;
}

/** `cloned_code` (evidence `verify`) when the rule holds over the window ending now; one alert per code. */
export function detectClonedCode(input: ClonedCodeInput, rule: ClonedCodeRule = CLONED_CODE_RULE): Alert | null {
  const now = input.current.at;
  const recent = input.history.filter((h) => h.at <= now && now - h.at <= rule.window_ms);
  const actors = new Set(recent.map((h) => h.actorKey));
  const provinces = new Set(recent.flatMap((h) => (h.regionCode === null ? [] : [provinceOf(h.regionCode)])));
  if (actors.size < rule.minDistinctActors || provinces.size < rule.minDistinctProvinces) return null;
  return {
    key: `cloned_code:${input.code}`,
    kind: 'cloned_code',
    evidence: 'verify',
    code: input.code,
    productId: input.productId,
    quantity: 1,
    allocatedDealerId: input.allocatedDealerId,
    observedOrgId: null,
    regionCode: input.current.regionCode,
    actorUnionId: input.actorUnionId,
    at: now,
  };
}
