/**
 * The domain's vocabulary (docs/channel.md, codes.md, custody.md, diversion.md, rewards.md): kinds of org, roles, code levels, business steps, reward
 * policies and alerts. Plain data only, shared by the apps, the functions and the rules.
 * Timestamps are milliseconds since the epoch (`at`, `*_ms`); money is integer fen.
 */

export const ORG_KINDS = ['brand', 'dealer', 'wholesaler', 'store'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
/** Orgs in the channel, below the brand. Their staff get no consumer rewards (docs/rewards.md#interception). */
export const CHANNEL_ORG_KINDS = ['dealer', 'wholesaler', 'store'] as const;
export type ChannelOrgKind = (typeof CHANNEL_ORG_KINDS)[number];

export const ROLES = ['owner', 'clerk', 'guide', 'salesperson', 'admin', 'inspector', 'finance', 'warehouse', 'sales'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Which roles an org of each kind can have (`admin`, `inspector` and `sales` only in the brand).
 * `finance` (财务: confirms payments, credit, refunds) and `warehouse` (仓管: ships and receives)
 * exist in every org, for ordering (docs/ordering.md).
 */
export const ROLES_BY_ORG_KIND: Readonly<Record<OrgKind, readonly Role[]>> = {
  brand: ['admin', 'inspector', 'sales', 'finance', 'warehouse'],
  dealer: ['owner', 'clerk', 'salesperson', 'finance', 'warehouse'],
  wholesaler: ['owner', 'clerk', 'salesperson', 'finance', 'warehouse'],
  store: ['owner', 'clerk', 'guide', 'finance', 'warehouse'],
};

/** Which kinds of org may supply an org of each kind (its `upstreamId`, docs/channel.md#orgs). */
export const UPSTREAM_KINDS: Readonly<Record<ChannelOrgKind, readonly OrgKind[]>> = {
  dealer: ['brand'],
  wholesaler: ['dealer'],
  store: ['dealer', 'wholesaler'],
};

export interface Membership {
  orgId: string;
  kind: OrgKind;
  role: Role;
}

/** A person as the rules see them: identity from the platform, memberships from the database. */
export interface Person {
  unionId: string;
  memberships: readonly Membership[];
}

/** Packaging levels, innermost first: a unit can only be packed into a unit of a later level. */
export const UNIT_LEVELS = ['item', 'box', 'case', 'pallet'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

export function levelRank(level: UnitLevel): number {
  return UNIT_LEVELS.indexOf(level);
}

/** EPCIS-like business steps (docs/custody.md#events). */
export const BIZ_STEPS = [
  'commissioning',
  'packing',
  'unpacking',
  'shipping',
  'receiving',
  'opening',
  'retail_selling',
  'inspecting',
  'verifying',
] as const;
export type BizStep = (typeof BIZ_STEPS)[number];

/** `consumerReward`: a fixed amount of fen, or a random amount in [min, max] fen. */
export type ConsumerReward = number | { min: number; max: number };

/** A product's reward policy, all in fen (docs/rewards.md#policy; the field names are fixed: clients rely on them). */
export interface RewardPolicy {
  consumerReward: ConsumerReward;
  storeReward: number;
  dealerRebate: number;
  diversionPenalty: number;
  /**
   * Where the sell-through `dealerRebate` goes: the dealer's org wallet (absent or `wallet`), or
   * its rebate account with the brand (`rebate_account`), spent as a tender on its next orders
   * (docs/promotions.md#rebate-programs).
   */
  dealerRebateTo?: 'wallet' | 'rebate_account';
}

export const ALERT_KINDS = ['diversion', 'prize_interception', 'duplicate_redeem', 'cloned_code', 'low_stock'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * What an alert rests on:
 * - `receive`, `inspect`, `consumer_scan`: the three diversion rules of docs/diversion.md;
 * - `store_redeem`: a diversion found when a store-held item is redeemed (the penalty's alert);
 * - `channel_member`: a channel member redeemed a consumer prize (奖品截流);
 * - `redeemed_upstream`: redeemed while a dealer or wholesaler held it (no store ever received it);
 * - `redeemed_unshipped`: redeemed while the brand still held it (it left the warehouse unrecorded);
 * - `redeem`: a second person redeemed an already-redeemed hidden code (a copied code);
 * - `verify`: a visible code verified by many people in far-apart regions (a cloned code);
 * - `stock`: an org's available stock of a product fell to or below its safety stock (`low_stock`).
 */
export const ALERT_EVIDENCE = [
  'receive',
  'inspect',
  'consumer_scan',
  'store_redeem',
  'channel_member',
  'redeemed_upstream',
  'redeemed_unshipped',
  'redeem',
  'verify',
  'stock',
] as const;
export type AlertEvidence = (typeof ALERT_EVIDENCE)[number];

/**
 * An alert, exactly as `report.alerts` lists it (docs/diversion.md#alerts), plus `key`: a deterministic identity
 * derived from what was observed, so that a retried or repeated scan stores the alert once (use
 * it as the document id; the report's `id` is this key).
 */
export interface Alert {
  key: string;
  kind: AlertKind;
  evidence: AlertEvidence;
  code: string;
  productId: string;
  /** Items concerned: the items inside the scanned unit, or 1 for a single item. */
  quantity: number;
  allocatedDealerId: string | null;
  observedOrgId: string | null;
  /** The region where the evidence was observed (an org's registered region, or a consumer's). */
  regionCode: string | null;
  actorUnionId: string | null;
  at: number;
}

/** Coordinates as the WeChat location API gives them (fuzzed; weak evidence, docs/diversion.md#consumer-scan). */
export interface Location {
  lat: number;
  lng: number;
}

/** An org as the custody and diversion rules need it. */
export interface OrgRef {
  id: string;
  kind: OrgKind;
  /** The brand has no registered region (''). */
  regionCode: string;
  upstreamId: string | null;
}

/** A first-tier dealer as the diversion rules need it: its territory (region codes, docs/channel.md#regions). */
export interface DealerTerritory {
  id: string;
  territory: readonly string[];
}
