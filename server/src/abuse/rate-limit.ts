/**
 * Fixed-window rate limits kept in the database, so that every warm instance of a function
 * shares one count (an in-memory counter would multiply the limit by the number of instances).
 * A TTL index on `expiresAt` removes old windows in CloudBase.
 *
 * Every limit of a call is taken in one conditional multi-document decrement (a redeem checks the
 * person and the client address: one database request, not two). A window document holds the
 * tokens left; the decrement touches only windows that still have one. When fewer windows were
 * decremented than asked for, the missing ones are opened (a new person: one more request), and
 * only if that does not account for them all are the windows read, and the call refused if one is
 * exhausted (the windows that were decremented keep counting the refused attempt, as a limiter
 * should).
 */
import { randomUUID } from 'node:crypto';
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

/** At most this many limits per call (each is one window document). */
const LIMITS_PER_CALL_MAX = 4;

interface WindowDoc {
  _id: string;
  /** Tokens left in this window. */
  left: number;
  /** The call that took the latest token by the multi-window decrement. */
  lastCall?: string;
  expiresAt: Date;
}

interface Wanted {
  id: string;
  max: number;
  expiresAt: Date;
}

/**
 * True when the call is within every limit (and counts it against each); false when it must be
 * refused. A check with an empty subject (no address known: an internal call) is skipped.
 */
export async function takeTokens(
  db: Database,
  checks: ReadonlyArray<{ limit: Limit; subject: string }>,
  now_ms: number,
  multiplier = 1,
): Promise<boolean> {
  if (checks.length > LIMITS_PER_CALL_MAX) throw new Error(`too many rate limits in one call: ${checks.length}`);
  const wanted: Wanted[] = [];
  for (const { limit, subject } of checks) {
    if (!subject) continue;
    const window = Math.floor(now_ms / limit.window_ms);
    wanted.push({ id: `${limit.name}:${subject}:${window}`, max: limit.max * multiplier, expiresAt: new Date((window + 2) * limit.window_ms) });
  }
  if (wanted.length === 0) return true;
  const _ = db.command;
  const windows = db.collection(C.rateLimits);
  const ids = wanted.map((w) => w.id);
  // The marker tells, on the slow path, which windows this decrement took a token from.
  const call = randomUUID();
  const res = (await windows.where({ _id: _.in(ids), left: _.gt(0) }).update({ left: _.inc(-1), lastCall: call })) as { updated?: number };
  let skipped = wanted.length - (res.updated ?? 0);
  if (skipped === 0) return true;

  // A skipped window is most often new: a person's first call of the minute (most redeemers
  // redeem once). Open windows in the callers' order, most specific first; each one opened here
  // accounts for one skipped window. A redeem by a new person so costs two requests, not three.
  const opened = new Set<string>();
  for (const w of wanted) {
    if (skipped === 0) return true;
    if (!(await insertWindow(db, w))) break;
    opened.add(w.id);
    skipped--;
  }
  if (skipped === 0) return true;

  // Slow path: an exhausted window, or one opened by a racing call.
  const found = new Map<string, WindowDoc>();
  const rest = ids.filter((id) => !opened.has(id));
  const read = await windows.where({ _id: _.in(rest) }).limit(rest.length).get();
  for (const d of read.data as WindowDoc[]) found.set(d._id, d);
  let allowed = true;
  for (const w of wanted) {
    if (opened.has(w.id)) continue;
    const doc = found.get(w.id);
    if (doc === undefined) {
      if (!(await openWindow(db, w))) allowed = false;
    } else if (doc.lastCall === call) {
      // Ours, and nobody took a token after us: within the limit.
    } else if (doc.left > 0) {
      // Opened by another call after our decrement, or decremented by us and then by another call:
      // take a token now. The second case counts this call twice, so a window near its limit may
      // refuse one call early; it never admits one too many.
      if (!(await takeOne(db, w.id))) allowed = false;
    } else {
      allowed = false; // exhausted
    }
  }
  return allowed;
}

async function takeOne(db: Database, id: string): Promise<boolean> {
  const _ = db.command;
  const res = (await db.collection(C.rateLimits).where({ _id: id, left: _.gt(0) }).update({ left: _.inc(-1) })) as { updated?: number };
  return res.updated === 1;
}

/** Opens a window with this call's token taken: true, or false when it exists already. */
async function insertWindow(db: Database, w: Wanted): Promise<boolean> {
  try {
    await db.collection(C.rateLimits).add({ _id: w.id, left: w.max - 1, expiresAt: w.expiresAt });
    return true;
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    return false;
  }
}

/** Opens a window with this call's token taken; when another call opened it first, takes a token from it. */
async function openWindow(db: Database, w: Wanted): Promise<boolean> {
  return (await insertWindow(db, w)) || takeOne(db, w.id);
}

