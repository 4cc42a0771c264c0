/**
 * The system's transitions, as one idempotent sweep a timer calls (docs/ordering-operations.md):
 * unpaid orders past their payment deadline are cancelled (everything released and refunded),
 * orders shipped 10 days ago are received, received orders past their return window with no open
 * return are completed (the hold paid out to the seller). Each order moves in its own
 * compare-and-set transaction, so a sweep racing a person (or another sweep) changes it once.
 *
 * An unpaid order with a WeChat Pay payment is not cancelled on our clock alone: its notice may
 * have been lost, or the payer may be paying right now. The sweep asks WeChat Pay first (query by
 * out_trade_no): a paid trade is posted as paid (as its notice would have been); an unpaid one is
 * closed, so it can no longer be paid, and only then the order is cancelled. When WeChat Pay cannot
 * answer, the order waits for the next sweep.
 */
import { AUTO_RECEIVE_AFTER_MS, ok, type ActionRes, type Result } from '@channel-router/shared';
import { C } from '../db/collections.js';
import type { ActionContext } from '../runtime/action.js';
import type { OrderDoc } from './model.js';
import { postPayout } from './money.js';
import { markReceived } from './ship.js';
import { cancelEffects, sendWechatRefunds } from './steps.js';
import { applyEvent, casOrder, readOrder } from './store.js';
import { applyWechatPayment } from './payments.js';
import { paymentProvider, type PaymentProvider, type TradeState } from '../payments/index.js';
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
  let paidLate = 0;
  for (const o0 of unpaid) {
    let o = o0;
    const wx = o.tenders.find((t) => t.kind === 'wechat_pay' && t.paymentId !== undefined && t.paid < t.amount);
    const provider = wx ? paymentProvider(ctx.env) : null;
    if (wx && provider) {
      const settled = await settleWechatTrade(ctx, provider, wx.paymentId!);
      if (settled === 'unknown') continue;
      if (settled === 'paid') {
        paidLate++;
        // Posted as paid: the order moved on, unless another tender is still unpaid past the deadline.
        const now = await readOrder(ctx, o._id);
        if (now === null || now.status !== 'pending_payment') continue;
        o = { ...now, _id: o._id };
      }
    }
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
  return ok({ timedOut, received: receivedN, completed, paidLate });
}

/** Trade states after which nothing can be paid on the trade any more. */
const ENDED_UNPAID: ReadonlySet<TradeState> = new Set(['CLOSED', 'REVOKED']);
const PAID: ReadonlySet<TradeState> = new Set(['SUCCESS', 'REFUND']);

/**
 * Before an unpaid WeChat Pay payment's order is cancelled: `paid` when WeChat Pay reports the
 * trade paid (now posted, once, as its notice would be), `ended` when it can no longer be paid
 * (closed now, or never prepaid), `unknown` when WeChat Pay could not tell (try again later).
 */
async function settleWechatTrade(ctx: ActionContext, provider: PaymentProvider, paymentId: string): Promise<'paid' | 'ended' | 'unknown'> {
  // Twice at most: a trade paid between the query and the close is queried again.
  for (let round = 0; round < 2; round++) {
    const q = await provider.query(paymentId);
    if (!q.ok) {
      if (q.error.code === 'NOT_FOUND') return 'ended'; // never prepaid (the prepay did not reach WeChat Pay)
      console.error(`[order] sweep: querying WeChat Pay trade ${paymentId}: ${q.error.code} ${q.error.message}`);
      return 'unknown';
    }
    const t = q.data;
    if (PAID.has(t.tradeState) && t.transactionId !== null) {
      const posted = await applyWechatPayment(ctx, { outTradeNo: paymentId, transactionId: t.transactionId, amount_fen: t.total_fen }, 'paymentId');
      if (posted.ok) return 'paid';
      console.error(`[order] sweep: posting WeChat Pay trade ${paymentId}: ${posted.error.code} ${posted.error.message}`);
      return 'unknown';
    }
    if (ENDED_UNPAID.has(t.tradeState)) return 'ended';
    const closed = await provider.close(paymentId);
    if (closed.ok) return 'ended';
    if (closed.error.code === 'NOT_FOUND') return 'ended';
    if (closed.error.providerCode !== 'ORDERPAID') {
      console.error(`[order] sweep: closing WeChat Pay trade ${paymentId}: ${closed.error.code} ${closed.error.message}`);
      return 'unknown';
    }
  }
  return 'unknown';
}
