/** Loading what the caller is: their memberships, in one read. */
import type { Database } from '../runtime/cloud.js';
import { C } from '../db/collections.js';
import { BRAND_ORG_ID, type MembershipDoc, type Role } from './model.js';

/** A person holds few memberships; a cap keeps the read bounded. */
const MEMBERSHIPS_PER_PERSON_MAX = 100;

export async function membershipsOf(db: Database, unionId: string): Promise<MembershipDoc[]> {
  const res = await db.collection(C.memberships).where({ unionId }).limit(MEMBERSHIPS_PER_PERSON_MAX).get();
  return res.data as MembershipDoc[];
}

export function hasBrandRole(ms: readonly MembershipDoc[], roles: readonly Role[]): boolean {
  return ms.some((m) => m.orgId === BRAND_ORG_ID && roles.includes(m.role));
}

export function roleIn(ms: readonly MembershipDoc[], orgId: string): Role | null {
  return ms.find((m) => m.orgId === orgId)?.role ?? null;
}
