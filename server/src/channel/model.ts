/** Stored shapes of the channel context (orgs, memberships, invites, products). */
import type { OrgKind, OrgRef, RewardPolicy, Role } from '@channel-router/shared';
export type { OrgKind, Role };

export const BRAND_ORG_ID = 'brand';

export interface OrgDoc {
  _id: string;
  kind: OrgKind;
  name: string;
  upstreamId: string | null;
  regionCode: string;
  territory: string[];
  /** For stores and wholesalers: the first-tier dealer above them (derived once at creation). */
  firstTierDealerId: string | null;
  createdAt: number;
}

export interface MembershipDoc {
  _id: string; // `${orgId}:${unionId}`: one role per person per org
  orgId: string;
  orgKind: OrgKind;
  unionId: string;
  role: Role;
  createdAt: number;
}

export type Policy = RewardPolicy;

export interface ProductDoc {
  _id: string;
  sku: string;
  name: string;
  gtin: string | null;
  /** What buyers browse the catalogue by (调味品, 酱油); absent or null: none. */
  category?: string | null;
  packaging: { itemsPerBox: number; boxesPerCase: number };
  policy: Policy;
  createdAt: number;
}

export function membershipId(orgId: string, unionId: string): string {
  return `${orgId}:${unionId}`;
}

export function orgRef(o: OrgDoc): OrgRef {
  return { id: o._id, kind: o.kind, regionCode: o.regionCode, upstreamId: o.upstreamId };
}
