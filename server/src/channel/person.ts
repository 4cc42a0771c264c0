/** The caller as the rules see them: identity plus memberships (one read). */
import type { Person } from '@channel-router/shared';
import type { Database } from '../runtime/cloud.js';
import { membershipsOf } from './access.js';

export async function loadPerson(db: Database, unionId: string): Promise<Person> {
  const ms = await membershipsOf(db, unionId);
  return { unionId, memberships: ms.map((m) => ({ orgId: m.orgId, kind: m.orgKind, role: m.role })) };
}
