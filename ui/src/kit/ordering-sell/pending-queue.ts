/**
 * What the seller's two queues share — 转账确认 (transfers.ts) and 退货审核 (returns.ts): rows
 * read a page at a time by cursor, newest first, a further page appended without the rows already
 * shown (a row can move between pages while reading), and a yes/no decision on one row whose "no"
 * needs a reason the buyer sees (checked before sending). A row someone else already decided
 * answers INVALID_STATE, said plainly. Either way the screen reads the list again after a call.
 * Free of Taro, tested in Node through its two users.
 */
import type { ClientError, ClientResult } from '@channel-router/shared/client';
import { checkReason } from './orders';

export interface PagedRows<R> {
  rows: R[];
  nextCursor: string | null;
}

/** Appends `page` to `state`, skipping rows `keyOf` says are already shown. */
export function appendRows<R>(state: PagedRows<R>, page: PagedRows<R>, keyOf: (r: R) => string): PagedRows<R> {
  const seen = new Set(state.rows.map(keyOf));
  return { rows: [...state.rows, ...page.rows.filter((r) => !seen.has(keyOf(r)))], nextCursor: page.nextCursor };
}

/** One page from the server, as rows and the cursor of the next. */
export type ReadPage<R> = (cursor?: string) => Promise<ClientResult<PagedRows<R>>>;

/** The page after what is shown (nothing to do when there is none). */
export async function loadNextPage<R>(read: ReadPage<R>, state: PagedRows<R>, keyOf: (r: R) => string): Promise<ClientResult<PagedRows<R>>> {
  if (state.nextCursor === null) return { ok: true, data: state };
  const r = await read(state.nextCursor);
  return r.ok ? { ok: true, data: appendRows(state, r.data, keyOf) } : r;
}

export type Decision = { yes: true } | { yes: false; reason: string };

export type DecideOutcome =
  | { ok: true; done: string }
  /** `field`: the reason is what to fix (nothing was sent). */
  | { ok: false; text: string; field?: 'reason'; error?: ClientError };

export interface DecisionCalls<T> {
  yes: () => Promise<ClientResult<T>>;
  no: (reason: string) => Promise<ClientResult<T>>;
  /** The toast after a success. */
  done: (d: Decision, reply: T) => string;
  /** What to say when someone else decided first. */
  alreadyDecided: string;
}

export async function decide<T>(d: Decision, calls: DecisionCalls<T>): Promise<DecideOutcome> {
  if (!d.yes) {
    const problem = checkReason(d.reason);
    if (problem !== null) return { ok: false, text: problem, field: 'reason' };
  }
  const r = d.yes ? await calls.yes() : await calls.no(d.reason.trim());
  if (r.ok) return { ok: true, done: calls.done(d, r.data) };
  return { ok: false, text: r.error.code === 'INVALID_STATE' ? calls.alreadyDecided : r.error.userMessage, error: r.error };
}
