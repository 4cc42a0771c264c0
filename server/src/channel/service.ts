/**
 * The channel context: the brand, orgs and their territories, people and their memberships,
 * invites, products. Validation of shapes happens before (shared schemas); here: authority and
 * the facts that need the database (upstream exists, right kind, invite unused).
 */
import { err, ok, ROLES_BY_ORG_KIND as ROLES_BY_KIND, UPSTREAM_KINDS, type Result } from '@channel-router/shared';
import type { AuthedContext } from '../runtime/action.js';
import { C } from '../db/collections.js';
import { isDuplicateKey } from '../db/errors.js';
import { getById, insertOne } from '../db/ops.js';
import { orgsByIds } from './orgs.js';
import { hasBrandRole, membershipsOf, roleIn } from './access.js';
import { derivedId, newId, randomToken } from './ids.js';
import { ensureAccount } from '../wallet/accounts.js';
import {
  BRAND_ORG_ID,
  membershipId,
  type MembershipDoc,
  type OrgDoc,
  type OrgKind,
  type Policy,
  type ProductDoc,
  type Role,
} from './model.js';

const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;
const INVITE_CODE_LENGTH = 10;


export async function getOrg(ctx: AuthedContext, orgId: string): Promise<OrgDoc | null> {
  return (await orgsByIds(ctx.db, [orgId])).get(orgId) ?? null;
}

export async function bootstrap(ctx: AuthedContext, input: { brandName: string }): Promise<Result<{ brandId: string }>> {
  // The bootstrap marker's unique _id makes a race of two first callers safe: one wins.
  try {
    await insertOne(ctx.db, C.meta, { _id: 'bootstrap', by: ctx.caller.unionId, at: ctx.now_ms });
  } catch (e) {
    if (isDuplicateKey(e)) return err('CONFLICT', 'the brand has already been set up');
    throw e;
  }
  const brand: OrgDoc = {
    _id: BRAND_ORG_ID,
    kind: 'brand',
    name: input.brandName,
    upstreamId: null,
    regionCode: '',
    territory: [],
    firstTierDealerId: null,
    createdAt: ctx.now_ms,
  };
  await insertOne(ctx.db, C.orgs, brand);
  await addMembership(ctx, BRAND_ORG_ID, 'brand', ctx.caller.unionId, 'admin');
  await ensureAccount(ctx, 'brand:budget');
  return ok({ brandId: BRAND_ORG_ID });
}

export interface CreateOrgInput {
  kind: Exclude<OrgKind, 'brand'>;
  name: string;
  upstreamId: string;
  regionCode: string;
  territory?: string[];
  requestId?: string;
}

export async function createOrg(ctx: AuthedContext, input: CreateOrgInput): Promise<Result<{ orgId: string }>> {
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  if (!hasBrandRole(ms, ['admin'])) return err('FORBIDDEN', 'only a brand admin can create organisations');
  const upstream = await getOrg(ctx, input.upstreamId);
  if (upstream === null) return err('NOT_FOUND', 'upstream organisation not found', 'upstreamId');
  if (!UPSTREAM_KINDS[input.kind].includes(upstream.kind)) {
    return err('INVALID_ARGUMENT', `a ${input.kind} cannot be supplied by a ${upstream.kind}`, 'upstreamId');
  }
  if (input.kind !== 'store' && (!input.territory || input.territory.length === 0)) {
    return err('INVALID_ARGUMENT', `a ${input.kind} needs a territory`, 'territory');
  }
  const firstTierDealerId =
    input.kind === 'dealer' ? null : upstream.kind === 'dealer' ? upstream._id : upstream.firstTierDealerId;
  const org: OrgDoc = {
    // With a requestId the id is derived from it: a retry meets the first attempt's org.
    _id: input.requestId === undefined ? newId(input.kind) : derivedId(input.kind, 'createOrg', input.requestId),
    kind: input.kind,
    name: input.name,
    upstreamId: upstream._id,
    regionCode: input.regionCode,
    territory: input.kind === 'store' ? [] : input.territory ?? [],
    firstTierDealerId,
    createdAt: ctx.now_ms,
  };
  try {
    await insertOne(ctx.db, C.orgs, org);
  } catch (e) {
    if (!isDuplicateKey(e) || input.requestId === undefined) throw e;
    const first = await getById<OrgDoc>(ctx.db, C.orgs, org._id);
    const same = first !== null && first.kind === org.kind && first.name === org.name && first.upstreamId === org.upstreamId && first.regionCode === org.regionCode;
    if (!same) return err('CONFLICT', 'this requestId was already used for another organisation', 'requestId');
  }
  // Also on a retry: the first attempt may have stopped between the two writes.
  await ensureAccount(ctx, `org:${org._id}`);
  return ok({ orgId: org._id });
}

export async function invite(ctx: AuthedContext, input: { orgId: string; role: Role }): Promise<Result<{ inviteCode: string; expiresAt: number }>> {
  const [ms, org] = await Promise.all([membershipsOf(ctx.db, ctx.caller.unionId), getOrg(ctx, input.orgId)]);
  if (org === null) return err('NOT_FOUND', 'organisation not found', 'orgId');
  if (!ROLES_BY_KIND[org.kind].includes(input.role)) {
    return err('INVALID_ARGUMENT', `a ${org.kind} has no role "${input.role}"`, 'role');
  }
  const isAdmin = hasBrandRole(ms, ['admin']);
  // An owner invites staff to its own org, and owners to the orgs it supplies directly.
  const ownOrgStaff = roleIn(ms, org._id) === 'owner' && input.role !== 'owner';
  const downstreamOwner = org.upstreamId !== null && roleIn(ms, org.upstreamId) === 'owner' && input.role === 'owner';
  if (!isAdmin && !ownOrgStaff && !downstreamOwner) {
    return err('FORBIDDEN', 'you may not invite people to this organisation');
  }
  const inviteCode = randomToken(INVITE_CODE_LENGTH);
  const expiresAt = ctx.now_ms + INVITE_TTL_MS;
  await insertOne(ctx.db, C.invites, { _id: inviteCode, orgId: org._id, role: input.role, createdBy: ctx.caller.unionId, expiresAt, usedBy: null });
  return ok({ inviteCode, expiresAt });
}

export async function join(ctx: AuthedContext, input: { inviteCode: string }): Promise<Result<{ orgId: string; role: Role }>> {
  // Invite codes are Crockford base32: typed dashes and spaces go, look-alikes map to digits.
  const code = input.inviteCode.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const inv = await getById<InviteLike>(ctx.db, C.invites, code);
  if (!inv) return err('NOT_FOUND', 'invite code not found', 'inviteCode');
  if (inv.usedBy === ctx.caller.unionId) return ok({ orgId: inv.orgId, role: inv.role });
  if (inv.usedBy !== null) return err('CONFLICT', 'this invite has already been used', 'inviteCode');
  if (inv.expiresAt < ctx.now_ms) return err('CONFLICT', 'this invite has expired', 'inviteCode');
  // Claim the invite atomically: of two people racing for one invite, one gets it.
  const claim = await ctx.db.collection(C.invites).where({ _id: code, usedBy: null }).update({ usedBy: ctx.caller.unionId, usedAt: ctx.now_ms });
  if ((claim as { updated?: number }).updated !== 1) {
    return err('CONFLICT', 'this invite has already been used', 'inviteCode');
  }
  const org = await getOrg(ctx, inv.orgId);
  if (org === null) return err('NOT_FOUND', 'the organisation of this invite no longer exists', 'inviteCode');
  await addMembership(ctx, org._id, org.kind, ctx.caller.unionId, inv.role);
  return ok({ orgId: org._id, role: inv.role });
}

interface InviteLike {
  orgId: string;
  role: Role;
  usedBy: string | null;
  expiresAt: number;
}

export async function me(ctx: AuthedContext): Promise<Result<{ unionId: string; openId: string; memberships: Array<{ orgId: string; kind: OrgKind; role: Role; orgName: string }> }>> {
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  const ids = ms.map((m) => m.orgId);
  const names = new Map<string, string>();
  if (ids.length > 0) {
    const orgs = await ctx.db.collection(C.orgs).where({ _id: ctx.db.command.in(ids) }).limit(ids.length).get();
    for (const o of orgs.data as OrgDoc[]) names.set(o._id, o.name);
  }
  return ok({
    unionId: ctx.caller.unionId,
    openId: ctx.caller.openId,
    memberships: ms.map((m) => ({ orgId: m.orgId, kind: m.orgKind, role: m.role, orgName: names.get(m.orgId) ?? '' })),
  });
}

export interface CreateProductInput {
  sku: string;
  name: string;
  gtin?: string;
  category?: string;
  packaging: { itemsPerBox: number; boxesPerCase: number };
  policy: Policy;
  requestId?: string;
}

export async function createProduct(ctx: AuthedContext, input: CreateProductInput): Promise<Result<{ productId: string }>> {
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  if (!hasBrandRole(ms, ['admin'])) return err('FORBIDDEN', 'only a brand admin can create products');
  const product: ProductDoc = {
    _id: input.requestId === undefined ? newId('prd') : derivedId('prd', 'createProduct', input.requestId),
    sku: input.sku,
    name: input.name,
    gtin: input.gtin ?? null,
    category: input.category ?? null,
    packaging: input.packaging,
    policy: input.policy,
    createdAt: ctx.now_ms,
  };
  try {
    await insertOne(ctx.db, C.products, product);
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    if (input.requestId !== undefined) {
      // A retry: the first attempt's product answers (or the key was used for another product).
      const first = await getById<ProductDoc>(ctx.db, C.products, product._id);
      if (first !== null) return first.sku === input.sku ? ok({ productId: first._id }) : err('CONFLICT', 'this requestId was already used for another product', 'requestId');
    }
    // The unique index on sku turns a second product with the same SKU into a clear conflict.
    return err('CONFLICT', `a product with SKU ${input.sku} already exists`, 'sku');
  }
  return ok({ productId: product._id });
}

/** A product's category, set or cleared by a brand admin (setting it twice is harmless). */
export async function setProductCategory(ctx: AuthedContext, input: { productId: string; category?: string }): Promise<Result<{ productId: string; category?: string }>> {
  const ms = await membershipsOf(ctx.db, ctx.caller.unionId);
  if (!hasBrandRole(ms, ['admin'])) return err('FORBIDDEN', 'only a brand admin can change products');
  const product = await getById<ProductDoc>(ctx.db, C.products, input.productId);
  if (product === null) return err('NOT_FOUND', 'no such product', 'productId');
  await ctx.db.collection(C.products).doc(input.productId).update({ category: input.category ?? null });
  return ok({ productId: input.productId, ...(input.category !== undefined ? { category: input.category } : {}) });
}

async function addMembership(ctx: AuthedContext, orgId: string, orgKind: OrgKind, unionId: string, role: Role): Promise<void> {
  const doc: MembershipDoc = { _id: membershipId(orgId, unionId), orgId, orgKind, unionId, role, createdAt: ctx.now_ms };
  // set: joining again with a new invite updates the role rather than failing.
  const { _id, ...fields } = doc;
  await ctx.db.collection(C.memberships).doc(_id).set(fields);
}
