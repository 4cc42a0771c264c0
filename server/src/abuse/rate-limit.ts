/**
 * Fixed-window rate limits kept in the database, so that every warm instance of a function
 * shares one count (an in-memory counter would multiply the limit by the number of instances).
 * One conditional increment per check in the common case; a TTL index on `expiresAt` removes
 * old windows in CloudBase.
 */
import { C } from '../db/collections.js';
import { isDuplicateKey } from '../db/errors.js';
import type { Database } from '../runtime/cloud.js';

export interface Limit {
  /** What is limited, e.g. `redeem:person`. */
  name: string;
  max: number;
  window_ms: number;
}

export const LIMITS = {
  redeemPerPerson: { name: 'redeem:person', max: 30, window_ms: 60_000 },
  redeemPerAddress: { name: 'redeem:ip', max: 600, window_ms: 60_000 },
  verifyPerPerson: { name: 'verify:person', max: 60, window_ms: 60_000 },
  verifyPerAddress: { name: 'verify:ip', max: 600, window_ms: 60_000 },
} as const satisfies Record<string, Limit>;

/** True when the call is within the limit (and counts it); false when it must be refused. */
export async function takeToken(db: Database, limit: Limit, subject: string, now_ms: number, multiplier = 1): Promise<boolean> {
  if (!subject) return true; // no address known (internal call): nothing to limit by
  const window = Math.floor(now_ms / limit.window_ms);
  const id = `${limit.name}:${subject}:${window}`;
  const max = limit.max * multiplier;
  const _ = db.command;
  const increment = async (): Promise<boolean> => {
    const res = (await db.collection(C.rateLimits).where({ _id: id, count: _.lt(max) }).update({ count: _.inc(1) })) as { updated?: number };
    return res.updated === 1;
  };
  if (await increment()) return true;
  try {
    await db.collection(C.rateLimits).add({ _id: id, count: 1, expiresAt: new Date((window + 2) * limit.window_ms) });
    return true;
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    // Someone opened the window between our two steps: count against it once more.
    return increment();
  }
}
