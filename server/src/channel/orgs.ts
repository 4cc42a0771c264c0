/** Reading orgs: one `_id in [...]` read for any number of them. */
import type { DealerTerritory } from '@channel-router/shared';
import { C } from '../db/collections.js';
import type { Database } from '../runtime/cloud.js';
import type { OrgDoc } from './model.js';

const ORGS_PER_READ_MAX = 1000;
/**
 * Orgs are never changed after creation (no action edits them), so a warm instance may keep
 * them; the bound on age is there for the day an edit action exists.
 */
const CACHE_TTL_MS = 60_000;
const CACHE_MAX = 5000;
const cache = new Map<string, { org: OrgDoc; until_ms: number }>();

export async function orgsByIds(db: Database, ids: ReadonlyArray<string | null | undefined>, now_ms = Date.now()): Promise<Map<string, OrgDoc>> {
  const wanted = [...new Set(ids.filter((x): x is string => typeof x === 'string' && x.length > 0))];
  const out = new Map<string, OrgDoc>();
  const missing: string[] = [];
  for (const id of wanted) {
    const hit = cache.get(id);
    if (hit && hit.until_ms > now_ms) out.set(id, hit.org);
    else missing.push(id);
  }
  if (missing.length === 0) return out;
  if (missing.length > ORGS_PER_READ_MAX) throw new Error(`too many orgs in one read: ${missing.length}`);
  const res = await db.collection(C.orgs).where({ _id: db.command.in(missing) }).limit(missing.length).get();
  for (const o of res.data as OrgDoc[]) {
    out.set(o._id, o);
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(o._id, { org: o, until_ms: now_ms + CACHE_TTL_MS });
  }
  return out;
}

export function territoryOf(o: OrgDoc): DealerTerritory {
  return { id: o._id, territory: o.territory };
}
