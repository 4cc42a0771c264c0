/**
 * `report.ordering`: the ordering reports (docs/reports.md) for one seller, or for the brand
 * across the channel, as a table and, on request, as CSV. Loads the period's orders (or the open
 * receivables, or the stock) in pages, names the parties and products, and lets the pure rules
 * in shared/src/ordering/reports.ts aggregate.
 */
import {
  ageingTable,
  err,
  ok,
  ordersByStateTable,
  rankingTable,
  regionName,
  salesTable,
  stockTable,
  toCsv,
  type OrderingReportReq,
  type OrderingReportRes,
  type ReportOrder,
  type ReportReceivable,
  type ReportStockLevel,
  type ReportTable,
  type Result,
} from '@channel-router/shared';
import { hasBrandRole, membershipsOf } from '../channel/access.js';
import { BRAND_ORG_ID } from '../channel/model.js';
import { orgsByIds } from '../channel/orgs.js';
import { C } from '../db/collections.js';
import type { AuthedContext } from '../runtime/action.js';
import type { Database } from '../runtime/cloud.js';
import { productsByIds } from '../stock/actions.js';
import { readStock } from '../stock/levels.js';

const DAY_MS = 86_400_000;
const PERIOD_DEFAULT_MS = 30 * DAY_MS;
const PERIOD_MAX_MS = 366 * DAY_MS;
const PAGE = 1000;
const PAGES_MAX = 50;
const RANKING_DEFAULT = 20;
/** Brand roles that read the channel's reports (finance, sales: docs/ordering-operations.md roles). */
const BRAND_REPORT_ROLES: ReadonlySet<string> = new Set(['admin', 'inspector', 'finance', 'sales']);

async function paged<T>(db: Database, collection: string, where: Record<string, unknown>, field: string): Promise<Result<T[]>> {
  const out: T[] = [];
  for (let page = 0; page < PAGES_MAX; page++) {
    const res = await db.collection(collection).where(where).skip(page * PAGE).limit(PAGE).get();
    out.push(...(res.data as T[]));
    if (res.data.length < PAGE) return ok(out);
  }
  return err('INVALID_ARGUMENT', `more than ${PAGES_MAX * PAGE} records: choose a shorter period or one seller`, field);
}

interface OrderDocLike extends ReportOrder {
  _id: string;
}

async function names(db: Database, orgIds: readonly string[], productIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const ids = [...new Set(orgIds)];
  for (let i = 0; i < ids.length; i += 1000) for (const [id, o] of await orgsByIds(db, ids.slice(i, i + 1000))) out.set(id, o.name);
  for (const [id, p] of await productsByIds(db, productIds)) out.set(id, p.name);
  return out;
}

async function loadStockTable(ctx: AuthedContext, sellerOrgId: string | null): Promise<Result<ReportTable>> {
  const perOrg = new Map<string, Awaited<ReturnType<typeof readStock>>>();
  if (sellerOrgId !== null) perOrg.set(sellerOrgId, await readStock(ctx.db, sellerOrgId));
  else {
    const heads = await paged<{ orgId: string }>(ctx.db, C.stock, { kind: 'shard' }, 'sellerOrgId');
    if (!heads.ok) return heads;
    for (const orgId of new Set(heads.data.map((h) => h.orgId))) perOrg.set(orgId, await readStock(ctx.db, orgId));
  }
  const alerts = await paged<{ observedOrgId: string; productId: string }>(ctx.db, C.alerts, sellerOrgId === null ? { kind: 'low_stock' } : { kind: 'low_stock', observedOrgId: sellerOrgId }, 'sellerOrgId');
  if (!alerts.ok) return alerts;
  const alertCount = new Map<string, number>();
  for (const a of alerts.data) alertCount.set(`${a.observedOrgId}|${a.productId}`, (alertCount.get(`${a.observedOrgId}|${a.productId}`) ?? 0) + 1);
  const levels: ReportStockLevel[] = [];
  for (const [orgId, stock] of perOrg) {
    for (const s of stock.values()) {
      const { productId, onHand, reserved, available, safetyStock } = s;
      levels.push({ orgId, productId, onHand, reserved, available, safetyStock, lowAlerts: alertCount.get(`${orgId}|${productId}`) ?? 0 });
    }
  }
  const named = await names(ctx.db, [...perOrg.keys()], levels.map((l) => l.productId));
  if (!named.has(BRAND_ORG_ID)) named.set(BRAND_ORG_ID, '品牌');
  return ok(stockTable(levels, named));
}

export async function ordering(ctx: AuthedContext, input: OrderingReportReq): Promise<Result<OrderingReportRes>> {
  const to = input.to ?? ctx.now_ms;
  const from = input.from ?? to - PERIOD_DEFAULT_MS;
  if (from >= to) return err('INVALID_ARGUMENT', 'from must be before to', 'from');
  if (to - from > PERIOD_MAX_MS) return err('INVALID_ARGUMENT', 'a report covers at most 366 days', 'from');
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  const seller = input.sellerOrgId ?? null;
  const brandStaff = ms.some((m) => m.orgId === BRAND_ORG_ID && BRAND_REPORT_ROLES.has(m.role)) || hasBrandRole(ms, ['admin']);
  if (seller === null ? !brandStaff : !(brandStaff || ms.some((m) => m.orgId === seller))) {
    return err('FORBIDDEN', seller === null ? 'only brand staff read the channel-wide reports' : 'you are not a member of this organisation', 'sellerOrgId');
  }

  let table: ReportTable;
  if (input.kind === 'stock') {
    const t = await loadStockTable(ctx, seller);
    if (!t.ok) return t;
    table = t.data;
  } else if (input.kind === 'receivables_ageing') {
    const recs = await paged<ReportReceivable & { sellerOrgId: string }>(ctx.db, C.receivables, seller === null ? { status: 'open' } : { sellerOrgId: seller, status: 'open' }, 'sellerOrgId');
    if (!recs.ok) return recs;
    table = ageingTable(recs.data, await names(ctx.db, recs.data.map((r) => r.buyerOrgId), []), ctx.now_ms);
  } else {
    const range = ctx.db.command.gte(from).and(ctx.db.command.lt(to));
    const got = await paged<OrderDocLike>(ctx.db, C.orders, seller === null ? { createdAt: range } : { sellerOrgId: seller, createdAt: range }, 'from');
    if (!got.ok) return got;
    const orders = got.data;
    const named = await names(ctx.db, orders.map((o) => o.buyerOrgId), orders.flatMap((o) => o.lines.map((l) => l.productId)));
    const limit = input.limit ?? RANKING_DEFAULT;
    switch (input.kind) {
      case 'sales_by_day':
        table = salesTable(orders, 'day', named);
        break;
      case 'sales_by_product':
        table = salesTable(orders, 'product', named);
        break;
      case 'sales_by_customer':
        table = salesTable(orders, 'customer', named);
        break;
      case 'sales_by_region': {
        const orgs = await orgsByIds(ctx.db, [...new Set(orders.map((o) => o.buyerOrgId))]);
        const regionOf = (buyerOrgId: string) => {
          const code = orgs.get(buyerOrgId)?.regionCode ?? '';
          const city = code.length === 6 ? `${code.slice(0, 4)}00` : code;
          return { code: city, name: regionName(city) ?? regionName(code) ?? city };
        };
        table = salesTable(orders, 'region', named, regionOf);
        break;
      }
      case 'orders_by_state':
        table = ordersByStateTable(orders);
        break;
      case 'customer_ranking':
        table = rankingTable(orders, 'customer', named, limit);
        break;
      case 'product_ranking':
        table = rankingTable(orders, 'product', named, limit);
        break;
    }
  }
  const res: OrderingReportRes = { kind: input.kind, sellerOrgId: seller, from, to, at: ctx.now_ms, ...table };
  if (input.format === 'csv') {
    res.csv = toCsv(table);
    res.filename = `${input.kind}-${seller ?? 'channel'}-${new Date(from).toISOString().slice(0, 10)}-${new Date(to).toISOString().slice(0, 10)}.csv`;
  }
  return ok(res);
}
