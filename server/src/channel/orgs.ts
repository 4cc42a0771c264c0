/** Reading orgs: one `_id in [...]` read for any number of them. */
import type { DealerTerritory } from '@channel-router/shared';
import { C } from '../db/collections.js';
import type { Database } from '../runtime/cloud.js';
import type { OrgDoc } from './model.js';

const ORGS_PER_READ_MAX = 1000;

export async function orgsByIds(db: Database, ids: ReadonlyArray<string | null | undefined>): Promise<Map<string, OrgDoc>> {
  const wanted = [...new Set(ids.filter((x): x is string => typeof x === 'string' && x.length > 0))];
  const out = new Map<string, OrgDoc>();
  if (wanted.length === 0) return out;
  if (wanted.length > ORGS_PER_READ_MAX) throw new Error(`too many orgs in one read: ${wanted.length}`);
  const res = await db.collection(C.orgs).where({ _id: db.command.in(wanted) }).limit(wanted.length).get();
  for (const o of res.data as OrgDoc[]) out.set(o._id, o);
  return out;
}

export function territoryOf(o: OrgDoc): DealerTerritory {
  return { id: o._id, territory: o.territory };
}
