/**
 * Who acts for a seller: the org a member names (or their only selling org), with a role that may
 * take the step. An org's owner may do everything for it, and the brand's admins everything for
 * the brand. Acting for an org one does not belong to is FORBIDDEN naming `sellerOrgId`.
 */
import { err, ok, type OrgKind, type Result, type Role } from '@channel-router/shared';
import { membershipsOf } from '../channel/access.js';
import { BRAND_ORG_ID, type MembershipDoc } from '../channel/model.js';
import type { AuthedContext } from '../runtime/action.js';

export type RoleRule = (role: Role, isBrand: boolean) => boolean;

const head = (role: Role, isBrand: boolean) => role === 'owner' || (isBrand && role === 'admin');
export const OWNER: RoleRule = head;
export const SALES: RoleRule = (r, b) => head(r, b) || r === 'sales' || r === 'salesperson';
export const FINANCE: RoleRule = (r, b) => head(r, b) || r === 'finance';
export const OFFICE: RoleRule = (r, b) => head(r, b) || r === 'finance' || r === 'sales' || r === 'salesperson';
/** Reading a seller's lists: any member but a shop guide. */
export const MEMBER: RoleRule = (r) => r !== 'guide';

export interface Acting {
  orgId: string;
  kind: OrgKind;
  role: Role;
  ms: MembershipDoc[];
}

export async function actingSeller(ctx: AuthedContext, named: string | undefined, rule: RoleRule, what: string): Promise<Result<Acting>> {
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  const fits = (m: MembershipDoc) => m.orgKind !== 'store' && rule(m.role, m.orgId === BRAND_ORG_ID);
  if (named !== undefined) {
    const m = ms.find((x) => x.orgId === named);
    if (!m) return err('FORBIDDEN', 'you are not a member of this organisation', 'sellerOrgId');
    if (!fits(m)) return err('FORBIDDEN', `your role cannot ${what}`, 'sellerOrgId');
    return ok({ orgId: m.orgId, kind: m.orgKind, role: m.role, ms });
  }
  const candidates = ms.filter(fits);
  if (candidates.length === 0) return err('FORBIDDEN', `your role cannot ${what}`);
  if (candidates.length > 1) return err('INVALID_ARGUMENT', 'you act for several organisations: name the seller', 'sellerOrgId');
  const m = candidates[0]!;
  return ok({ orgId: m.orgId, kind: m.orgKind, role: m.role, ms });
}

export function isBrandAdmin(ms: readonly MembershipDoc[]): boolean {
  return ms.some((m) => m.orgId === BRAND_ORG_ID && m.role === 'admin');
}

export async function brandAdmin(ctx: AuthedContext): Promise<Result<MembershipDoc[]>> {
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  return isBrandAdmin(ms) ? ok(ms) : err('FORBIDDEN', 'only brand admins may do this');
}

/** Reads one document by id; null when absent. */
export async function readDoc<T>(ctx: { db: AuthedContext['db'] }, collection: string, id: string): Promise<T | null> {
  const res = await ctx.db.collection(collection).doc(id).get();
  const d = (Array.isArray(res.data) ? res.data[0] : res.data) as T | undefined;
  return d ?? null;
}
