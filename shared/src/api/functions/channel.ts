/**
 * The `channel` function: the brand, orgs, people, invites, products. Each action's request,
 * reply, callers, retry class and error codes, declared once (docs/actions.md).
 * Amounts are integer fen; times are milliseconds since the epoch.
 */
import { CHANNEL_ORG_KINDS, type ChannelOrgKind, type OrgKind, type RewardPolicy, type Role } from '../../model.js';
import { category, gtin, id, inviteCode, name, packaging, policy, regionCode, requestId, role, sku, territory } from '../../validation/fields.js';
import { map, object, oneOf, optional, refine, type Schema } from '../../validation/schema.js';
import { declareAction, declareFunction } from '../declare.js';

export interface BootstrapReq {
  brandName: string;
}
export interface BootstrapRes {
  brandId: string;
}

export interface CreateOrgReq {
  kind: ChannelOrgKind;
  name: string;
  upstreamId: string;
  regionCode: string;
  /** Required for a dealer and a wholesaler (where it may sell); ignored (dropped) for a store. */
  territory?: string[];
  /** An idempotency key: a retry with the same key answers the first attempt's reply and creates nothing more. */
  requestId?: string;
}
export interface CreateOrgRes {
  orgId: string;
}

export interface InviteReq {
  orgId: string;
  role: Role;
}
export interface InviteRes {
  inviteCode: string;
  /** When the invite stops working. */
  expiresAt?: number;
}

export interface JoinReq {
  inviteCode: string;
}
export interface JoinRes {
  orgId: string;
  role: Role;
}

/** No fields: the caller is the subject. */
export type MeReq = Record<never, never>;
export interface MeRes {
  unionId: string;
  /**
   * The caller's openId in the app it signed in to: the folder its weapp uploads go to
   * (docs/storage.md#uploads-from-the-apps). Absent from servers older than this field.
   */
  openId?: string;
  memberships: Array<{ orgId: string; kind: OrgKind; role: Role; orgName?: string }>;
}

export interface CreateProductReq {
  sku: string;
  name: string;
  gtin?: string;
  /** The category buyers browse the catalogue by (调味品, 酱油): trimmed, at most 20 characters. */
  category?: string;
  packaging: { itemsPerBox: number; boxesPerCase: number };
  policy: RewardPolicy;
  /** An idempotency key: a retry with the same key answers the first attempt's reply and creates nothing more. */
  requestId?: string;
}
export interface CreateProductRes {
  productId: string;
}

/** Sets or clears (absent or null) a product's category. */
export interface SetProductCategoryReq {
  productId: string;
  /** 调味品, 酱油: trimmed, at most 20 characters; absent (or null on the wire): the product has none. */
  category?: string;
}
export interface SetProductCategoryRes {
  productId: string;
  /** Absent when cleared. */
  category?: string;
}

export interface OrgView {
  id: string;
  kind: OrgKind;
  name: string;
  upstreamId: string | null;
  regionCode: string;
  territory: string[];
}
/** Brand staff list any orgs; a channel member lists the orgs it supplies directly. */
export interface ListOrgsReq {
  kind?: ChannelOrgKind;
  upstreamId?: string;
}
export interface ListOrgsRes {
  orgs: OrgView[];
}

export interface ProductView {
  id: string;
  sku: string;
  name: string;
  gtin: string | null;
  /** Absent when the product has none. */
  category?: string;
  packaging: { itemsPerBox: number; boxesPerCase: number };
  /** Brand staff only. */
  policy?: RewardPolicy;
}
export type ListProductsReq = Record<never, never>;
export interface ListProductsRes {
  products: ProductView[];
}

const createOrgSchema: Schema<CreateOrgReq> = map(
  refine(
    object({
      kind: oneOf(CHANNEL_ORG_KINDS),
      name: name(),
      upstreamId: id(),
      regionCode: regionCode(),
      territory: optional(territory()),
      requestId: optional(requestId()),
    }),
    (o) => (o.kind !== 'store' && o.territory === undefined ? { field: 'territory', message: `is required for a ${o.kind}`, rule: 'empty' } : null),
  ),
  // A store sells where it stands: it has no territory, so one sent by a client is dropped.
  (o): CreateOrgReq => {
    if (o.kind !== 'store') return o;
    const { territory: _dropped, ...rest } = o;
    return rest;
  },
);

export const CHANNEL = declareFunction('channel', {
  bootstrap: declareAction<BootstrapReq, BootstrapRes>()({
    schema: object({ brandName: name() }),
    who: 'the first person to set up the brand (becomes its admin); once only',
    access: 'signed-in',
    apps: ['admin'],
    retry: 'write',
    errors: ['CONFLICT'],
    words: { CONFLICT: '品牌已经初始化过了' },
  }),
  createOrg: declareAction<CreateOrgReq, CreateOrgRes>()({
    schema: createOrgSchema,
    who: 'a brand admin',
    access: 'signed-in',
    apps: 'any',
    retry: 'keyed',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  invite: declareAction<InviteReq, InviteRes>()({
    schema: object({ orgId: id(), role: role() }),
    who: "a brand admin, for any org; an org's owner, for its own staff and the owners of the orgs it supplies directly",
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  }),
  join: declareAction<JoinReq, JoinRes>()({
    schema: object({ inviteCode: inviteCode() }),
    who: 'any signed-in person holding an unused invite',
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: ['NOT_FOUND', 'CONFLICT'],
    words: { NOT_FOUND: '邀请码无效，请核对后重试', CONFLICT: '邀请码已被他人使用或已过期，请向邀请人索取新的邀请码' },
  }),
  me: declareAction<MeReq, MeRes>()({
    schema: object({}),
    who: 'any signed-in person, about themselves',
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: [],
  }),
  createProduct: declareAction<CreateProductReq, CreateProductRes>()({
    schema: object({
      sku: sku(),
      name: name(),
      gtin: optional(gtin()),
      category: optional(category()),
      packaging: packaging(),
      policy: policy(),
      requestId: optional(requestId()),
    }),
    who: 'a brand admin',
    access: 'signed-in',
    apps: 'any',
    retry: 'keyed',
    errors: ['FORBIDDEN', 'CONFLICT'],
  }),
  setProductCategory: declareAction<SetProductCategoryReq, SetProductCategoryRes>()({
    schema: object({ productId: id(), category: optional(category()) }),
    who: 'a brand admin',
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  }),
  listOrgs: declareAction<ListOrgsReq, ListOrgsRes>()({
    schema: object({ kind: optional(oneOf(CHANNEL_ORG_KINDS)), upstreamId: optional(id()) }),
    who: 'brand staff, any org; a channel member, the orgs it supplies directly',
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: ['FORBIDDEN'],
  }),
  listProducts: declareAction<ListProductsReq, ListProductsRes>()({
    schema: object({}),
    who: 'any signed-in person (the reward policy only for brand staff)',
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: [],
  }),
});
