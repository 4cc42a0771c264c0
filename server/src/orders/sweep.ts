/**
 * The system's transitions, as one idempotent sweep a timer calls (docs/ordering-operations.md):
 * unpaid orders past their payment deadline are cancelled (everything released and refunded),
 * orders shipped 10 days ago are received, received orders past their return window with no open
 * return are completed (the hold paid out to the seller). Each order moves in its own
 * compare-and-set transaction, so a sweep racing a person (or another sweep) changes it once.
 */
import { AUTO_RECEIVE_AFTER_MS, ok, type ActionRes, type Result } from '@channel-router/shared';
import { C } from '../db/collections.js';
import type { ActionContext } from '../runtime/action.js';
import type { OrderDoc } from './model.js';
import { postPayout } from './money.js';
import { markReceived } from './ship.js';
import { cancelEffects, sendWechatRefunds } from './steps.js';
import { applyEvent, casOrder } from './store.js';
import type { WechatRefund } from './money.js';

/** Orders moved per kind per sweep: a timer every minute catches up on any backlog. */
export const SWEEP_BATCH = 100;

async function due(ctx: ActionContext, where: Record<string, unknown>, orderBy: string): Promise<OrderDoc[]> {
  const res = await ctx.db.collection(C.orders).where(where).orderBy(orderBy, 'asc').limit(SWEEP_BATCH).get();
  return res.data as OrderDoc[];
}

export async function sweep(ctx: ActionContext): Promise<Result<ActionRes<'order', 'sweep'>>> {
  const _ = ctx.db.command;
  const [unpaid, shipped, received] = await Promise.all([
    due(ctx, { status: 'pending_payment', payDeadline: _.lte(ctx.now_ms) }, 'payDeadline'),
    due(ctx, { status: 'shipped', shippedAt: _.lte(ctx.now_ms - AUTO_RECEIVE_AFTER_MS) }, 'shippedAt'),
    due(ctx, { status: 'received', receivedAt: _.lte(ctx.now_ms) }, 'receivedAt'),
  ]);
  let timedOut = 0;
  let receivedN = 0;
  let completed = 0;
  for (const o of unpaid) {
    let wechat: WechatRefund[] = [];
    const r = await casOrder(ctx, o._id, o.version, async (tx, cur) => {
      const next = applyEvent(cur, { type: 'timeout' }, 'system', 'system', ctx.now_ms, 'payment timeout');
      if (!next.ok) return next;
      const done = await cancelEffects(ctx, tx, next.data, 'timeout');
      if (!done.ok) return done;
      wechat = done.data.wechat;
      return ok({ order: done.data.order, reply: true });
    });
    if (r.ok) {
      timedOut++;
      await sendWechatRefunds(ctx, wechat);
    }
  }
  for (const o of shipped) {
    const r = await casOrder(ctx, o._id, o.version, async (tx, cur) => {
      const done = await markReceived(ctx, tx, cur, 'system', 'system');
      if (!done.ok) return done;
      // markReceived stored it with the version bumped; casOrder stores the same again.
      return ok({ order: { ...done.data, version: cur.version }, reply: true });
    });
    if (r.ok) receivedN++;
  }
  for (const o of received) {
    if (o.openReturns > 0 || o.receivedAt === null || o.receivedAt + o.terms.returnWindow_ms > ctx.now_ms) continue;
    const r = await casOrder(ctx, o._id, o.version, async (tx, cur) => {
      if (cur.openReturns > 0) return ok({ order: cur, reply: false });
      const next = applyEvent(cur, { type: 'complete' }, 'system', 'system', ctx.now_ms);
      if (!next.ok) return next;
      const paid = await postPayout(ctx.db, tx, cur, ctx.now_ms);
      if (!paid.ok) return paid;
      return ok({ order: { ...next.data, completedAt: ctx.now_ms }, reply: true });
    });
    if (r.ok && r.data) completed++;
  }
  return ok({ timedOut, received: receivedN, completed });
}
