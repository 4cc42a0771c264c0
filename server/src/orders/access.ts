/**
 * Who the caller is to an order: a member of its buyer, of its seller (with a role), or a brand
 * admin. Anyone else gets NOT_FOUND: even an order's existence is private to its parties.
 */
import { err, ok, type Result } from '@channel-router/shared';
import { membershipsOf } from '../channel/access.js';
import { BRAND_ORG_ID, type MembershipDoc } from '../channel/model.js';
import type { AuthedContext } from '../runtime/action.js';

export interface Parties {
  sellerOrgId: string;
  buyerOrgId: string;
}

type MembershipLike = Pick<MembershipDoc, 'orgId' | 'role'>;

export interface Standing {
  ms: readonly MembershipLike[];
  buyerRole: string | null;
  sellerRole: string | null;
  brandAdmin: boolean;
}

export function standingIn(ms: readonly MembershipLike[], p: Parties): Standing {
  return {
    ms,
    buyerRole: ms.find((m) => m.orgId === p.buyerOrgId)?.role ?? null,
    sellerRole: ms.find((m) => m.orgId === p.sellerOrgId)?.role ?? null,
    brandAdmin: ms.some((m) => m.orgId === BRAND_ORG_ID && m.role === 'admin'),
  };
}

/** May read: a member of either party, or a brand admin. */
export function canRead(s: Standing): boolean {
  return s.buyerRole !== null || s.sellerRole !== null || s.brandAdmin;
}

/** Seller roles that may do a seller step; the owner (and, for the brand, its admins) may do every one. */
export function sellerMay(s: Standing, p: Parties, roles: readonly string[]): boolean {
  if (s.sellerRole === 'owner') return true;
  if (p.sellerOrgId === BRAND_ORG_ID && s.sellerRole === 'admin') return true;
  return s.sellerRole !== null && roles.includes(s.sellerRole);
}

/** Buyer steps: any member of the buyer org except a shop guide (导购 sells, does not buy). */
export function buyerMay(s: Standing): boolean {
  return s.buyerRole !== null && s.buyerRole !== 'guide';
}

export const SELLER_WAREHOUSE_ROLES = ['warehouse', 'clerk'] as const;
export const SELLER_FINANCE_ROLES = ['finance'] as const;
export const SELLER_OFFICE_ROLES = ['finance', 'sales'] as const;

/** The buyer org the caller acts for: the one named (must be a member), else their only non-brand org. */
export async function buyerOrgOf(ctx: AuthedContext, named: string | undefined, field = 'buyerOrgId'): Promise<Result<{ orgId: string; ms: MembershipDoc[] }>> {
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  if (named !== undefined) {
    const m = ms.find((x) => x.orgId === named);
    if (!m) return err('FORBIDDEN', 'you are not a member of this organisation', field);
    if (m.role === 'guide') return err('FORBIDDEN', 'a shop guide cannot order for the store', field);
    return ok({ orgId: named, ms });
  }
  const candidates = ms.filter((m) => m.role !== 'guide' && m.role !== 'inspector');
  if (candidates.length === 0) return err('FORBIDDEN', 'join an organisation before ordering');
  if (candidates.length > 1) return err('INVALID_ARGUMENT', 'you belong to several organisations: name the one ordering', field);
  return ok({ orgId: candidates[0]!.orgId, ms });
}
