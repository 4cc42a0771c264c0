/** Lists for the apps: orgs (pickers, admin tables) and products. */
import { CHANNEL_ORG_KINDS, err, ok, type ActionRes, type ListOrgsReq, type OrgView, type ProductView, type Result } from '@channel-router/shared';
import { hasBrandRole, membershipsOf } from './access.js';
import { C } from '../db/collections.js';
import type { AuthedContext } from '../runtime/action.js';
import type { OrgDoc, ProductDoc } from './model.js';

const LIST_MAX = 1000;

function view(o: OrgDoc): OrgView {
  return { id: o._id, kind: o.kind, name: o.name, upstreamId: o.upstreamId, regionCode: o.regionCode, territory: o.territory };
}

export async function listOrgs(ctx: AuthedContext, input: ListOrgsReq): Promise<Result<ActionRes<'channel', 'listOrgs'>>> {
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  const brandStaff = hasBrandRole(ms, ['admin', 'inspector']);
  const where: Record<string, unknown> = {};
  if (input.kind) where.kind = input.kind;
  if (input.upstreamId) where.upstreamId = input.upstreamId;
  if (!brandStaff) {
    // Channel members see the orgs they supply directly (whom they can ship to).
    const own = ms.map((m) => m.orgId);
    if (own.length === 0) return err('FORBIDDEN', 'join an organisation first');
    if (input.upstreamId !== undefined && !own.includes(input.upstreamId)) return err('FORBIDDEN', 'you may list only the organisations you supply', 'upstreamId');
    if (input.upstreamId === undefined) where.upstreamId = ctx.db.command.in(own);
  } else if (Object.keys(where).length === 0) {
    where.kind = ctx.db.command.in([...CHANNEL_ORG_KINDS]);
  }
  const res = await ctx.db.collection(C.orgs).where(where).orderBy('createdAt', 'asc').limit(LIST_MAX).get();
  return ok({ orgs: (res.data as OrgDoc[]).map(view) });
}

export async function listProducts(ctx: AuthedContext): Promise<Result<ActionRes<'channel', 'listProducts'>>> {
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  const brandStaff = hasBrandRole(ms, ['admin', 'inspector']);
  const res = await ctx.db.collection(C.products).where({}).orderBy('createdAt', 'asc').limit(LIST_MAX).get();
  const products: ProductView[] = (res.data as ProductDoc[]).map((p) => ({
    id: p._id,
    sku: p.sku,
    name: p.name,
    gtin: p.gtin,
    ...(typeof p.category === 'string' ? { category: p.category } : {}),
    packaging: p.packaging,
    ...(brandStaff ? { policy: p.policy } : {}),
  }));
  return ok({ products });
}
