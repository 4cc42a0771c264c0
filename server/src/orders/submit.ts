/**
 * Quote and submit (docs/money-and-concurrency.md#a-submit). A submit reads what it decides on in
 * two requests (submit-read.ts, then the policies), takes its stock by conditional decrements
 * outside any transaction (stock/take.ts), and writes the order, its number, its reservation and
 * moves, its balance tenders held and its pending payments in one transaction that touches no
 * document another buyer's submit writes. Its id derives from the buyer org and the `requestId`,
 * so a retry answers the same order and writes nothing more; a refused or replayed submit gives
 * back the stock it took.
 */
import {
  checkCredit,
  checkTenders,
  creditAccount,
  err,
  errWith,
  initialApproval,
  isBalanceTender,
  lineItems,
  ok,
  orderNumber,
  overdue_fen,
  shardedSequence,
  shanghaiDate,
  transitionOrder,
  type ActionRes,
  type QuoteReq,
  type Result,
  type SubmitReq,
  type QuoteLine,
} from '@channel-router/shared';
import { derivedId } from '../channel/ids.js';
import { C } from '../db/collections.js';
import { transact, txGet, type Tx } from '../db/transact.js';
import type { AuthedContext } from '../runtime/action.js';
import { asAppError, paymentProvider } from '../payments/index.js';
import { buyerOrgOf } from './access.js';
import { postHolds } from './money.js';
import type { OrderDoc, OrderLineDoc, PaymentDoc } from './model.js';
import { buyerFrom, canTrade, catalogFor, giveBackFast, planFastTake, priceLines, pricePolicies, recordFastTakeInTx, reserveInTx, takeFast, type ShardRead } from './seams.js';
import { readSubmitInputs } from './submit-read.js';
import { readOrder } from './store.js';
import { isDuplicateKey } from '../db/errors.js';
import { orderTermsFrom } from './terms.js';
import { PRODUCTS_PER_READ_MAX, checkLowStock, readStock } from '../stock/levels.js';
import { applyWithContext, catalogPromotions, loadPromotionContext, isGiftLine, releasePromotionBudgets, reservePromotionBudgets, type PromotionPricing } from '../promotions/index.js';

/**
 * Order number counters per seller and day are split over this many documents (order-number.ts),
 * chosen by the buyer: a buyer's own submits already line up on its balances, so its counter adds
 * no wait, and different buyers rarely share one.
 */
const ORDER_SEQ_SHARDS = 64;

/** The quote's lines as the order keeps them, with their progress counters at zero. */
function orderLinesFrom(lines: readonly QuoteLine[]): OrderLineDoc[] {
  return lines.map((l, i) => ({ ...l, lineId: `L${i + 1}`, shippedItems: 0, returned: 0, closed: 0, closedItems: 0, pendingReturn: 0, refunded: 0 }));
}

async function relationFor(ctx: AuthedContext, sellerOrgId: string, buyerField: string | undefined): Promise<Result<{ buyerOrgId: string }>> {
  const buyer = await buyerOrgOf(ctx, buyerField);
  if (!buyer.ok) return buyer;
  if (buyer.data.orgId === sellerOrgId) return err('INVALID_ARGUMENT', 'an organisation does not order from itself', 'sellerOrgId');
  if (!(await canTrade(ctx.db, buyer.data.orgId, sellerOrgId))) return err('NOT_FOUND', 'no such supplier for your organisation', 'sellerOrgId');
  return ok({ buyerOrgId: buyer.data.orgId });
}

export async function catalog(ctx: AuthedContext, input: { sellerOrgId: string }): Promise<Result<ActionRes<'order', 'catalog'>>> {
  const rel = await relationFor(ctx, input.sellerOrgId, undefined);
  if (!rel.ok) return rel;
  const r = await catalogFor(ctx.db, { sellerOrgId: input.sellerOrgId, buyerOrgId: rel.data.buyerOrgId, at_ms: ctx.now_ms });
  if (!r.ok) return r;
  const promos = await catalogPromotions(ctx.db, { sellerOrgId: input.sellerOrgId, buyerOrgId: rel.data.buyerOrgId, productIds: r.data.map((p) => p.productId), at_ms: ctx.now_ms });
  if (!promos.ok) return promos;
  // Available: the seller has at least one unit of it not reserved (one read for the page).
  const stock = await readStock(ctx.db, input.sellerOrgId, r.data.slice(0, PRODUCTS_PER_READ_MAX).map((p) => p.productId));
  return ok({
    products: r.data.map((p) => ({
      productId: p.productId,
      productName: p.productName,
      ...(p.category !== undefined ? { category: p.category } : {}),
      unit: p.unit,
      itemsPerUnit: p.itemsPerUnit,
      listPrice: p.listPrice,
      unitPrice: p.unitPrice,
      priceSource: p.priceSource,
      available: (stock.get(p.productId)?.available ?? 0) >= p.itemsPerUnit,
      promotionIds: promos.data.byProduct.get(p.productId) ?? [],
    })),
    promotions: promos.data.promotions,
  });
}

/** Priced lines with the seller's running promotions (docs/promotions.md#the-quote). */
async function quoteFor(ctx: AuthedContext, sellerOrgId: string, buyerOrgId: string, lines: QuoteReq['lines']): Promise<Result<PromotionPricing>> {
  // The promotions load while the lines are priced: one round trip more at most, not two.
  const [priced, promos] = await Promise.all([priceLines(ctx.db, { sellerOrgId, buyerOrgId, lines, at_ms: ctx.now_ms }), loadPromotionContext(ctx.db, { sellerOrgId, buyerOrgId, at_ms: ctx.now_ms })]);
  if (!priced.ok) return priced;
  if (!promos.ok) return promos;
  return applyWithContext(ctx.db, promos.data, priced.data);
}

export async function quote(ctx: AuthedContext, input: QuoteReq & { buyerOrgId?: string }): Promise<Result<ActionRes<'order', 'quote'>>> {
  const rel = await relationFor(ctx, input.sellerOrgId, input.buyerOrgId);
  if (!rel.ok) return rel;
  const q = await quoteFor(ctx, input.sellerOrgId, rel.data.buyerOrgId, input.lines);
  return q.ok ? ok(q.data.quote) : q;
}

function submitReply(o: OrderDoc, payments: PaymentDoc[], jsapi: Record<string, string> | undefined): ActionRes<'order', 'submit'> {
  return {
    orderId: o._id,
    orderNo: o.orderNo,
    status: o.status,
    payments: payments.map((p) => ({ paymentId: p._id, method: p.method, amount: p.amount, ...(p.method === 'wechat_pay' && jsapi ? { jsapi } : {}) })),
  };
}

function fnv1a(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

async function nextOrderNo(tx: Tx, sellerOrgId: string, buyerOrgId: string, at_ms: number): Promise<string> {
  const shard = fnv1a(buyerOrgId) % ORDER_SEQ_SHARDS;
  const id = `orderseq:${sellerOrgId}:${shanghaiDate(at_ms)}:${shard}`;
  const doc = await txGet<{ n: number }>(tx, C.meta, id);
  const n = (doc?.n ?? 0) + 1;
  await tx.collection(C.meta).doc(id).set({ n, updatedAt: at_ms });
  return orderNumber('SO', at_ms, shardedSequence(shard, ORDER_SEQ_SHARDS, n));
}

export async function submit(ctx: AuthedContext, input: SubmitReq): Promise<Result<ActionRes<'order', 'submit'>>> {
  const buyer = await buyerOrgOf(ctx, input.buyerOrgId);
  if (!buyer.ok) return buyer;
  const buyerOrgId = buyer.data.orgId;
  if (buyerOrgId === input.sellerOrgId) return err('INVALID_ARGUMENT', 'an organisation does not order from itself', 'sellerOrgId');
  const orderId = derivedId('ord', `submit:${buyerOrgId}`, input.requestId);
  const credit = input.tenders.find((t) => t.kind === 'credit');
  // Everything but the policies in one request (submit-read.ts).
  const inputs = await readSubmitInputs(ctx.db, { sellerOrgId: input.sellerOrgId, buyerOrgId, orderId, productIds: input.lines.map((l) => l.productId), withCredit: credit !== undefined });
  // A retry whose first attempt committed: the same order, nothing more written.
  if (inputs.existing) return replaySubmit(ctx, { ...inputs.existing, _id: orderId }, input);
  if (!inputs.trades) return err('NOT_FOUND', 'no such supplier for your organisation', 'sellerOrgId');
  const pricingBuyer = buyerFrom(buyerOrgId, inputs.buyer, inputs.profile);
  if (!pricingBuyer.ok) return pricingBuyer;
  // The seller's promotions load while the lines are priced (one round trip, not two).
  const [priced, promoContext] = await Promise.all([
    pricePolicies(ctx.db, input.sellerOrgId, pricingBuyer.data, input.lines, inputs.products, inputs.lists, ctx.now_ms),
    loadPromotionContext(ctx.db, { sellerOrgId: input.sellerOrgId, buyerOrgId, at_ms: ctx.now_ms }),
  ]);
  if (!priced.ok) return priced;
  if (!promoContext.ok) return promoContext;
  const pricing = await applyWithContext(ctx.db, promoContext.data, priced.data);
  if (!pricing.ok) return pricing;
  const q = pricing.data.quote;
  if (q.total !== input.expectedTotal) return errWith('QUOTE_CHANGED', `the total is now ${q.total} fen, not ${input.expectedTotal}`, { quote: q }, 'expectedTotal');
  const line = inputs.credit?.line ?? null;
  const orderTerms = orderTermsFrom(inputs.terms, line, q.total);
  const tenders = checkTenders(q.total, input.tenders, orderTerms.maxRebateShare_bp);
  if (!tenders.ok) return tenders;
  const creditLimits = new Map<string, number>();
  if (credit && inputs.credit) {
    const overdue = overdue_fen(inputs.credit.receivables.map((r) => ({ outstanding_fen: r.amount - r.repaid, due_ms: r.due_ms })), ctx.now_ms);
    // A first check before any write answers the common refusal cheaply; the ledger's floor
    // (minus the limit) inside the transaction is what holds under concurrency.
    const checked = checkCredit(line, -inputs.credit.balance_fen, overdue, credit.amount, ctx.now_ms);
    if (!checked.ok) return checked;
    creditLimits.set(creditAccount(input.sellerOrgId, buyerOrgId), line!.limit_fen);
  }
  const provider = paymentProvider(ctx.env);
  if (input.tenders.some((t) => t.kind === 'wechat_pay') && provider === null) return err('INVALID_ARGUMENT', 'WeChat Pay is not available here', 'tenders');

  const payments: PaymentDoc[] = input.tenders
    .filter((t) => !isBalanceTender(t.kind))
    .map((t) => ({
      _id: `${orderId}-${t.kind === 'wechat_pay' ? 'wx' : 'tr'}`.replace('ord_', 'pay_'),
      purpose: 'order',
      method: t.kind as 'wechat_pay' | 'transfer',
      orderId,
      sellerOrgId: input.sellerOrgId,
      buyerOrgId,
      amount: t.amount,
      status: 'pending',
      receiptFileId: t.receiptFileId ?? null,
      transactionId: null,
      requestedBy: ctx.caller.unionId,
      decidedBy: null,
      reason: null,
      createdAt: ctx.now_ms,
      decidedAt: null,
    }));
  const nothingToPay = payments.length === 0;
  // The steps that apply to this total were chosen with the terms (trade's approvalStepsFor).
  const approval = initialApproval(orderTerms.approvalChain, q.total, null);
  const step = transitionOrder({ status: 'new', approval }, { type: 'submit', nothingToPay }, 'buyer', ctx.caller.unionId, ctx.now_ms);
  if (!step.ok) return step;
  const timeout_ms = payments.some((p) => p.method === 'wechat_pay') ? orderTerms.wechatPayTimeout_ms : orderTerms.transferTimeout_ms;
  // Gift lines (price 0) reserve stock like any line (docs/promotions.md#stacking).
  const lines = orderLinesFrom([...q.lines, ...q.gifts]);
  const stockLines = lines.map((l) => ({ productId: l.productId, items: lineItems(l) }));
  const reserveKey = `order:${orderId}:reserve`;
  // Budgets and per-buyer limits taken before the transaction, given back if it fails (promotions/budgets.ts).
  const promos = await reservePromotionBudgets(ctx.db, { buyerOrgId, consumption: pricing.data.consumption, limits: pricing.data.limits, at_ms: ctx.now_ms });
  if (!promos.ok) {
    const again = await quoteFor(ctx, input.sellerOrgId, buyerOrgId, input.lines);
    return again.ok ? errWith('QUOTE_CHANGED', `promotion ${promos.promotionId} ran out since the quote`, { quote: again.data.quote }, 'expectedTotal') : again;
  }

  // The stock, first by conditional decrements outside the transaction (no conflicts between
  // buyers: docs/money-and-concurrency.md#a-submit); when no single shard holds a product's items,
  // or a decrement lost a race, in the transaction, whole or nothing across shards.
  let fast = inputs.stock ? planFastTake(inputs.stock, reserveKey, stockLines) : null;
  if (fast !== null && !(await takeFast(ctx.db, input.sellerOrgId, fast, ctx.now_ms))) fast = null;
  const taken = fast;

  const base: Omit<OrderDoc, 'orderNo'> = {
    _id: orderId,
    requestId: input.requestId,
    sellerOrgId: input.sellerOrgId,
    buyerOrgId,
    parties: [input.sellerOrgId, buyerOrgId],
    status: step.data.status,
    version: 1,
    lines,
    total: q.total,
    tenders: tenders.data.map((t) => {
      const pay = payments.find((p) => p.method === t.kind);
      return { kind: t.kind, amount: t.amount, paid: isBalanceTender(t.kind) ? t.amount : 0, refunded: 0, ...(pay ? { paymentId: pay._id } : {}) };
    }),
    approval: step.data.approval,
    terms: orderTerms,
    address: input.addressId ?? null,
    note: input.note ?? null,
    submittedBy: ctx.caller.unionId,
    createdAt: ctx.now_ms,
    updatedAt: ctx.now_ms,
    payDeadline: nothingToPay ? null : ctx.now_ms + timeout_ms,
    shippedAt: null,
    receivedAt: null,
    completedAt: null,
    openReturns: 0,
    history: [{ at: ctx.now_ms, by: ctx.caller.unionId, event: 'submit', from: 'new', to: step.data.status }],
    promotionsTaken: promos.taken,
  };
  let r: Result<OrderDoc>;
  try {
    r = await transact<OrderDoc>(ctx.db, async (tx) => {
      // The order's id is new (the read above found none; a racing twin makes the insert below
      // fail as a duplicate): so are its reservation, moves, ledger keys and hold.
      const reservation = { orgId: input.sellerOrgId, ref: orderId, key: reserveKey, at_ms: ctx.now_ms, by: ctx.caller.unionId };
      const [orderNo, reserved, held] = await Promise.all([
        nextOrderNo(tx, input.sellerOrgId, buyerOrgId, ctx.now_ms),
        taken !== null ? recordFastTakeInTx(tx, { ...reservation, takes: taken }).then(() => ok(true)) : reserveInTx(tx, { ...reservation, lines: stockLines }),
        postHolds(ctx.db, tx, { ...base, orderNo: '' }, creditLimits, ctx.now_ms),
      ]);
      if (!reserved.ok) return reserved;
      if (!held.ok) return held;
      const order: OrderDoc = { ...base, orderNo };
      await Promise.all([...payments.map(({ _id, ...fields }) => tx.collection(C.payments).doc(_id).set(fields)), tx.collection(C.orders).add(order as unknown as object)]);
      return ok(order);
    });
  } catch (e) {
    if (taken !== null) await giveBackFast(ctx.db, input.sellerOrgId, taken, ctx.now_ms);
    await releasePromotionBudgets(ctx.db, buyerOrgId, promos.taken, ctx.now_ms);
    if (!isDuplicateKey(e)) throw e;
    // A twin of this submit (same requestId) committed first: answer its order.
    const twin = await readOrder(ctx, orderId);
    if (twin === null) throw e;
    return replaySubmit(ctx, twin, input);
  }
  if (!r.ok) {
    if (taken !== null) await giveBackFast(ctx.db, input.sellerOrgId, taken, ctx.now_ms);
    await releasePromotionBudgets(ctx.db, buyerOrgId, promos.taken, ctx.now_ms);
    return r;
  }
  const order = r.data;
  // Low stock is judged after the reservation committed (docs/stock.md), and only for products
  // the read above shows near their safety stock: a crossing needs available at or below it.
  const near = inputs.stock === null ? stockLines.map((l) => l.productId) : nearSafetyStock(inputs.stock, stockLines);
  if (near.length > 0) await checkLowStock(ctx.db, input.sellerOrgId, [...new Set(near)], ctx.now_ms);
  let jsapi: Record<string, string> | undefined;
  const wx = payments.find((p) => p.method === 'wechat_pay');
  if (wx && provider) {
    // The order is stored first: a prepay that fails now is asked again by a retry (same number).
    const prepaid = await provider.prepay({ outTradeNo: wx._id, amount_fen: wx.amount, description: `订单 ${order.orderNo}`, payerOpenId: ctx.caller.openId, expiresAt_ms: order.payDeadline ?? ctx.now_ms + orderTerms.wechatPayTimeout_ms });
    if (!prepaid.ok) return asAppError(prepaid.error);
    jsapi = prepaid.data.jsapi;
  }
  return ok(submitReply(order, payments, jsapi));
}

/** Products whose available, as read before the submit less what it reserves, is at or below their safety stock. */
function nearSafetyStock(read: ShardRead, lines: ReadonlyArray<{ productId: string; items: number }>): string[] {
  const asked = new Map<string, number>();
  for (const l of lines) asked.set(l.productId, (asked.get(l.productId) ?? 0) + l.items);
  const out: string[] = [];
  for (const [productId, items] of asked) {
    const head = read.heads.get(productId);
    if (head === undefined || head.safetyStock === null || head.low) continue;
    const available = (read.shards.get(productId) ?? []).reduce((s, l) => s + (l ? l.onHand - l.reserved : 0), 0);
    if (available - items <= head.safetyStock) out.push(productId);
  }
  return out;
}

/** The first attempt's order, if the retry asks for the same thing; CONFLICT on `requestId` otherwise. */
async function replaySubmit(ctx: AuthedContext, o: OrderDoc, input: SubmitReq): Promise<Result<ActionRes<'order', 'submit'>>> {
  const lines = o.lines.filter((l) => !isGiftLine(l));
  const same =
    o.sellerOrgId === input.sellerOrgId &&
    lines.length === input.lines.length &&
    lines.every((l, i) => l.productId === input.lines[i]!.productId && l.quantity === input.lines[i]!.quantity);
  if (!same) return err('CONFLICT', 'this requestId was already used for another order', 'requestId');
  const ids = o.tenders.flatMap((t) => (t.paymentId ? [t.paymentId] : []));
  const payments = ids.length === 0 ? [] : ((await ctx.db.collection(C.payments).where({ _id: ctx.db.command.in(ids) }).limit(ids.length).get()).data as PaymentDoc[]);
  return ok(submitReply(o, payments.filter((p) => p.status === 'pending'), undefined));
}
