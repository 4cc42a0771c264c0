/**
 * Settlement documents (docs/promotions.md#settlement): for each order completed in a period, who
 * receives what, the tenders it was paid with, and for WeChat Pay the profit-sharing request built
 * from it (`settlementDocument`). Listed and exported as CSV per seller (its owner or finance), or
 * for the whole channel (the brand's admins and finance).
 */
import { err, ok, settlementCsv, settlementDocument, shanghaiDate, type ActionRes, type ListSettlementsReq, type Result, type SettlementDocument, type SettlementOrder } from '@channel-router/shared';
import { membershipsOf } from '../channel/access.js';
import { BRAND_ORG_ID } from '../channel/model.js';
import { orgsByIds } from '../channel/orgs.js';
import { C } from '../db/collections.js';
import type { OrderDoc, PaymentDoc } from '../orders/model.js';
import type { AuthedContext } from '../runtime/action.js';
import type { Database } from '../runtime/cloud.js';
import { actingSeller, FINANCE } from '../trade/access.js';

/** Documents in one list; the CSV export holds up to MAX_SETTLEMENT_CSV_ROWS. */
export const SETTLEMENTS_PER_LIST_MAX = 1000;
export const SETTLEMENTS_PER_EXPORT_MAX = 20_000;
const PAGE = 1000;

/** The completed orders of a seller (or of every seller) in [from, to), at most `max` (+1 to tell truncation). */
async function completed(db: Database, sellerOrgId: string | null, from_ms: number, to_ms: number, max: number): Promise<OrderDoc[]> {
  const _ = db.command;
  const where: Record<string, unknown> = { status: 'completed', completedAt: _.gte(from_ms).and(_.lt(to_ms)) };
  if (sellerOrgId !== null) where.sellerOrgId = sellerOrgId;
  const out: OrderDoc[] = [];
  for (let skip = 0; skip <= max; skip += PAGE) {
    const res = await db.collection(C.orders).where(where).orderBy('completedAt', 'asc').orderBy('_id', 'asc').skip(skip).limit(Math.min(PAGE, max + 1 - skip)).get();
    out.push(...(res.data as OrderDoc[]));
    if (res.data.length < PAGE) break;
  }
  return out;
}

/** WeChat Pay transaction ids of the orders' payments (one `in` read per page of orders). */
async function transactionIds(db: Database, orders: readonly OrderDoc[]): Promise<Map<string, string>> {
  const ids = orders.flatMap((o) => o.tenders.flatMap((t) => (t.kind === 'wechat_pay' && t.paymentId ? [t.paymentId] : [])));
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const res = await db.collection(C.payments).where({ _id: db.command.in(chunk) }).limit(chunk.length).get();
    for (const p of res.data as PaymentDoc[]) if (p.transactionId) out.set(p._id, p.transactionId);
  }
  return out;
}

export function settlementOrder(o: OrderDoc, tx: ReadonlyMap<string, string>): SettlementOrder {
  return {
    orderId: o._id,
    orderNo: o.orderNo,
    sellerOrgId: o.sellerOrgId,
    buyerOrgId: o.buyerOrgId,
    completedAt_ms: o.completedAt ?? o.updatedAt,
    lines: o.lines.map((l) => ({ productId: l.productId, quantity: l.quantity, net: l.net, refunded: l.refunded, discounts: l.discounts })),
    tenders: o.tenders.map((t) => {
      const transactionId = t.paymentId ? tx.get(t.paymentId) : undefined;
      return { kind: t.kind, amount: t.paid, refunded: t.refunded, ...(transactionId ? { transactionId } : {}) };
    }),
  };
}

/** Who may read which documents: a seller's owner or finance its own; the brand's admins and finance any seller's or all. */
async function scope(ctx: AuthedContext, sellerOrgId: string | undefined): Promise<Result<string | null>> {
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  const brandStaff = ms.some((m) => m.orgId === BRAND_ORG_ID && (m.role === 'admin' || m.role === 'finance'));
  if (sellerOrgId === undefined && brandStaff) return ok(null);
  if (sellerOrgId !== undefined && brandStaff) return ok(sellerOrgId);
  const seller = await actingSeller(ctx, sellerOrgId, FINANCE, 'see settlement documents');
  return seller.ok ? ok(seller.data.orgId) : seller;
}

async function documents(ctx: AuthedContext, input: ListSettlementsReq, max: number): Promise<Result<{ docs: SettlementDocument[]; truncated: boolean; sellerOrgId: string | null }>> {
  const s = await scope(ctx, input.sellerOrgId);
  if (!s.ok) return s;
  const orders = await completed(ctx.db, s.data, input.from, input.to, max);
  const truncated = orders.length > max;
  const kept = orders.slice(0, max);
  const tx = await transactionIds(ctx.db, kept);
  // No fee or commission is configured yet: the seller receives the goods amount (docs/promotions.md#settlement).
  return ok({ docs: kept.map((o) => settlementDocument(settlementOrder(o, tx), { fees: [] })), truncated, sellerOrgId: s.data });
}

export async function listSettlements(ctx: AuthedContext, input: ListSettlementsReq): Promise<Result<ActionRes<'trade', 'listSettlements'>>> {
  const r = await documents(ctx, input, SETTLEMENTS_PER_LIST_MAX);
  if (!r.ok) return r;
  return ok({ documents: r.data.docs, goods_fen: r.data.docs.reduce((s, d) => s + d.goods_fen, 0), truncated: r.data.truncated });
}

export async function exportSettlements(ctx: AuthedContext, input: ListSettlementsReq): Promise<Result<ActionRes<'trade', 'exportSettlements'>>> {
  const r = await documents(ctx, input, SETTLEMENTS_PER_EXPORT_MAX);
  if (!r.ok) return r;
  if (r.data.truncated) return err('INVALID_ARGUMENT', `more than ${SETTLEMENTS_PER_EXPORT_MAX} orders: export a shorter period`, 'to');
  const orgIds = [...new Set(r.data.docs.flatMap((d) => [d.sellerOrgId, d.buyerOrgId]))];
  const orgs = await orgsByIds(ctx.db, orgIds);
  const names = new Map([...orgs.values()].map((o) => [o._id, o.name]));
  const who = r.data.sellerOrgId ?? 'channel';
  return ok({ filename: `settlements-${who}-${shanghaiDate(input.from)}-${shanghaiDate(input.to - 1)}.csv`, csv: settlementCsv(r.data.docs, names), rows: r.data.docs.length });
}
