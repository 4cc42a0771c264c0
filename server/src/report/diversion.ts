/** Diversion by dealer and by region, and the admin dashboard, computed by aggregation in the database. */
import { err, ok, regionName, type ActionRes, type DashboardReq, type DiversionReq, type DiversionRow, type Result } from '@channel-router/shared';
import { hasBrandRole, membershipsOf } from '../channel/access.js';
import { orgsByIds } from '../channel/orgs.js';
import { C } from '../db/collections.js';
import type { Database } from '../runtime/cloud.js';
import type { AuthedContext } from '../runtime/action.js';
import { readBalance } from '../wallet/account-shards.js';

const DAY_MS = 86_400_000;
/** China Standard Time: days start at 16:00 UTC. */
const CST_OFFSET_MS = 8 * 3600_000;
const ROWS_MAX = 50;

interface GroupRow {
  _id: string | null;
  alerts: number;
  quantity: number;
}

async function groupDiversion(db: Database, since: number, field: 'allocatedDealerId' | 'regionCode'): Promise<GroupRow[]> {
  const $ = db.command.aggregate;
  const res = await db
    .collection(C.alerts)
    .aggregate()
    .match({ kind: 'diversion', at: db.command.gte(since) })
    .group({ _id: `$${field}`, alerts: $.sum(1), quantity: $.sum('$quantity') })
    .sort({ quantity: -1 })
    .limit(ROWS_MAX)
    .end();
  return (res as { data: GroupRow[] }).data;
}

async function diversionTables(db: Database, since: number): Promise<ActionRes<'report', 'diversion'>> {
  const [dealers, regions] = await Promise.all([groupDiversion(db, since, 'allocatedDealerId'), groupDiversion(db, since, 'regionCode')]);
  const names = await orgsByIds(db, dealers.map((d) => d._id));
  const row = (r: GroupRow, name: string): DiversionRow => ({ key: r._id ?? '', name, alerts: r.alerts, quantity: r.quantity });
  return {
    byDealer: dealers.filter((d) => d._id).map((d) => row(d, names.get(d._id!)?.name ?? d._id!)),
    byRegion: regions.filter((r) => r._id).map((r) => row(r, regionName(r._id!) ?? r._id!)),
  };
}

async function requireBrandStaff(ctx: AuthedContext): Promise<Result<true>> {
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  return hasBrandRole(ms, ['admin', 'inspector']) ? ok(true) : err('FORBIDDEN', 'only brand staff can see reports');
}

export async function diversion(ctx: AuthedContext, input: DiversionReq): Promise<Result<ActionRes<'report', 'diversion'>>> {
  const staff = await requireBrandStaff(ctx);
  if (!staff.ok) return staff;
  return ok(await diversionTables(ctx.db, input.since ?? 0));
}

function dayKey(at: number): string {
  return new Date(at + CST_OFFSET_MS).toISOString().slice(0, 10);
}

async function perDay(db: Database, collection: string, timeField: string, since: number, match: Record<string, unknown> = {}): Promise<Map<string, number>> {
  const $ = db.command.aggregate;
  const res = await db
    .collection(collection)
    .aggregate()
    .match({ ...match, [timeField]: db.command.gte(since) })
    .group({ _id: $.subtract([`$${timeField}`, $.mod([$.add([`$${timeField}`, CST_OFFSET_MS]), DAY_MS])]), n: $.sum(1) })
    .end();
  const out = new Map<string, number>();
  for (const r of (res as { data: Array<{ _id: number; n: number }> }).data) out.set(dayKey(r._id), r.n);
  return out;
}

async function countWhere(db: Database, collection: string, where: Record<string, unknown>): Promise<number> {
  const res = (await db.collection(collection).where(where).count()) as { total: number };
  return res.total;
}

export async function dashboard(ctx: AuthedContext, input: DashboardReq): Promise<Result<ActionRes<'report', 'dashboard'>>> {
  const staff = await requireBrandStaff(ctx);
  if (!staff.ok) return staff;
  const days = input.days ?? 14;
  const since = ctx.now_ms - days * DAY_MS;
  const _ = ctx.db.command;
  const [scans, redeems, div, budget, payout, scansTotal, redeemsTotal, alertsTotal, pending] = await Promise.all([
    perDay(ctx.db, C.events, 'at', since),
    perDay(ctx.db, C.redemptions, 'at', since),
    diversionTables(ctx.db, since),
    readBalance(ctx.db, 'brand:budget'),
    readBalance(ctx.db, 'external:payout'),
    countWhere(ctx.db, C.events, { at: _.gte(since) }),
    countWhere(ctx.db, C.redemptions, { at: _.gte(since) }),
    countWhere(ctx.db, C.alerts, { kind: 'diversion', at: _.gte(since) }),
    countWhere(ctx.db, C.withdrawals, { status: 'requested' }),
  ]);
  const daily: ActionRes<'report', 'dashboard'>['daily'] = [];
  for (let i = days - 1; i >= 0; i--) {
    const day = dayKey(ctx.now_ms - i * DAY_MS);
    daily.push({ day, scans: scans.get(day) ?? 0, redeems: redeems.get(day) ?? 0 });
  }
  return ok({
    totals: { budget, paid: payout, scans: scansTotal, redeems: redeemsTotal, diversionAlerts: alertsTotal, pendingWithdrawals: pending },
    daily,
    diversion: div,
  });
}
