/**
 * One page of a seller's queue (order.transfers, order.returns): the documents matching `match`,
 * newest first by `timeField` then by id, after the cursor `<time>/<id>` the schema already
 * checked (older, or as old with a smaller id: confirming rows while paging never skips one).
 * Reads `limit + 1` so the caller knows whether another page follows; one request.
 */
import type { AuthedContext } from '../runtime/action.js';

export async function readQueuePage<D extends { _id: string }>(
  ctx: AuthedContext,
  q: { collection: string; match: Record<string, unknown>; timeField: string; cursor: RegExpExecArray | null; limit: number },
): Promise<D[]> {
  const _ = ctx.db.command;
  let where: unknown = q.match;
  if (q.cursor !== null) {
    const [, at, id] = q.cursor;
    const time = Number(at);
    where = _.and([{ ...q.match, [q.timeField]: _.lte(time) }, _.or([{ [q.timeField]: _.lt(time) }, { _id: _.lt(id!) }])]);
  }
  const res = await ctx.db
    .collection(q.collection)
    .where(where as never)
    .orderBy(q.timeField, 'desc')
    .orderBy('_id', 'desc')
    .limit(q.limit + 1)
    .get();
  return res.data as D[];
}

/** The cursor after a row: its time and id. */
export function queueCursor(time: number, id: string): string {
  return `${time}/${id}`;
}
