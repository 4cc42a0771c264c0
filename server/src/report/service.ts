/** Reports for the brand: alerts with filters, penalties. */
import { err, ok, type ActionRes, type AlertsReq, type AlertView, type PenaltiesReq, type PenaltyView, type Result } from '@channel-router/shared';
import { hasBrandRole, membershipsOf } from '../channel/access.js';
import { C } from '../db/collections.js';
import type { AuthedContext } from '../runtime/action.js';

const PAGE_DEFAULT = 50;
const OFFSET_MAX = 10_000;

function offsetOf(cursor: string | undefined): Result<number> {
  const n = cursor === undefined ? 0 : Number(cursor);
  if (!Number.isSafeInteger(n) || n < 0 || n > OFFSET_MAX) return err('INVALID_ARGUMENT', 'cursor is not one this server gave', 'cursor');
  return ok(n);
}

export async function alerts(ctx: AuthedContext, input: AlertsReq): Promise<Result<ActionRes<'report', 'alerts'>>> {
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  const brandStaff = hasBrandRole(ms, ['admin', 'inspector']);
  // A dealer's owner sees the alerts about its own goods (the dealer app shows them).
  const ownDealer = input.dealerId !== undefined && ms.some((m) => m.orgId === input.dealerId && m.role === 'owner');
  if (!brandStaff && !ownDealer) return err('FORBIDDEN', 'only brand admins and inspectors can list alerts');
  const offset = offsetOf(input.cursor);
  if (!offset.ok) return offset;
  const limit = input.limit ?? PAGE_DEFAULT;
  const where: Record<string, unknown> = {};
  if (input.kind) where.kind = input.kind;
  if (input.dealerId) where.allocatedDealerId = input.dealerId;
  const res = await ctx.db.collection(C.alerts).where(where).orderBy('at', 'desc').skip(offset.data).limit(limit + 1).get();
  const docs = res.data as Array<Omit<AlertView, 'id'> & { _id: string }>;
  const page = docs.slice(0, limit).map(({ _id, ...a }) => ({ id: _id, ...a }));
  return ok({ alerts: page, cursor: docs.length > limit ? String(offset.data + limit) : null });
}

interface PenaltyDoc {
  _id: string;
  dealerId: string;
  quantity: number;
  amount_fen: number;
  status: PenaltyView['status'];
  code: string;
  alertKey: string;
  at: number;
}

export async function penalties(ctx: AuthedContext, input: PenaltiesReq): Promise<Result<ActionRes<'report', 'penalties'>>> {
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  const isAdmin = hasBrandRole(ms, ['admin']);
  // A dealer's owner sees the penalties against its own org (the dealer app shows them).
  const ownsDealer = input.dealerId !== undefined && ms.some((m) => m.orgId === input.dealerId && m.role === 'owner');
  if (!isAdmin && !ownsDealer) return err('FORBIDDEN', 'only a brand admin (or the dealer itself) can list penalties');
  const offset = offsetOf(input.cursor);
  if (!offset.ok) return offset;
  const limit = input.limit ?? PAGE_DEFAULT;
  const where: Record<string, unknown> = {};
  if (input.dealerId) where.dealerId = input.dealerId;
  if (input.status) where.status = input.status;
  const res = await ctx.db.collection(C.penalties).where(where).orderBy('at', 'desc').skip(offset.data).limit(limit + 1).get();
  const docs = res.data as PenaltyDoc[];
  const page: PenaltyView[] = docs.slice(0, limit).map((p) => ({
    id: p._id,
    dealerId: p.dealerId,
    quantity: p.quantity,
    amount: p.amount_fen,
    status: p.status,
    code: p.code,
    alertId: p.alertKey,
    at: p.at,
  }));
  return ok({ penalties: page, cursor: docs.length > limit ? String(offset.data + limit) : null });
}
