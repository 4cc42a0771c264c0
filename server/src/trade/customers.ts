/**
 * Customer profiles (docs/trade.md#customers): what a seller keeps about each buyer
 * (contact, phone, delivery addresses, licence number, its `level`, `groupIds` and `tags`). The
 * brand keeps its dealers' (and its direct buyers'); each dealer or wholesaler its own customers'.
 * Level and groups feed price resolution.
 */
import { err, ok, type ActionRes, type ChannelOrgKind, type ListCustomersReq, type Result, type SaveCustomerReq } from '@channel-router/shared';
import { orgsByIds } from '../channel/orgs.js';
import type { OrgDoc } from '../channel/model.js';
import { C } from '../db/collections.js';
import { transact, txGet } from '../db/transact.js';
import type { AuthedContext } from '../runtime/action.js';
import type { Database } from '../runtime/cloud.js';
import { actingSeller, MEMBER, readDoc, SALES } from './access.js';
import { customerId, type CustomerDoc, type RelationDoc } from './model.js';
import { canTrade } from './relations.js';

const CUSTOMERS_PER_LIST_MAX = 1000;

export function readCustomer(db: Database, sellerOrgId: string, buyerOrgId: string): Promise<CustomerDoc | null> {
  return readDoc<CustomerDoc>({ db }, C.customers, customerId(sellerOrgId, buyerOrgId));
}

type View = ActionRes<'trade', 'saveCustomer'>;

function view(sellerOrgId: string, org: OrgDoc, d: CustomerDoc | null): View {
  return {
    sellerOrgId,
    buyerOrgId: org._id,
    buyerName: org.name,
    buyerKind: org.kind as ChannelOrgKind,
    regionCode: org.regionCode,
    level: d?.level ?? null,
    groupIds: d?.groupIds ?? [],
    tags: d?.tags ?? [],
    contact: d?.contact ?? null,
    phone: d?.phone ?? null,
    addresses: d?.addresses ?? [],
    licenceNo: d?.licenceNo ?? null,
    version: d?.version ?? 0,
  };
}

/** `trade.saveCustomer`: fields given replace the stored ones; the others stay. */
export async function saveCustomer(ctx: AuthedContext, input: SaveCustomerReq): Promise<Result<View>> {
  const seller = await actingSeller(ctx, input.sellerOrgId, SALES, 'keep customer profiles');
  if (!seller.ok) return seller;
  const sellerOrgId = seller.data.orgId;
  const [orgs, trades] = await Promise.all([orgsByIds(ctx.db, [input.buyerOrgId]), canTrade(ctx.db, input.buyerOrgId, sellerOrgId)]);
  const buyer = orgs.get(input.buyerOrgId);
  if (!buyer || !trades) return err('NOT_FOUND', 'this organisation is not your customer', 'buyerOrgId');
  const ids = new Set<string>();
  for (const [i, a] of (input.addresses ?? []).entries()) {
    if (ids.has(a.addressId)) return err('INVALID_ARGUMENT', 'two addresses have the same id', `addresses[${i}].addressId`);
    ids.add(a.addressId);
  }
  const id = customerId(sellerOrgId, buyer._id);
  return transact(ctx.db, async (tx) => {
    const cur = await txGet<CustomerDoc>(tx, C.customers, id);
    const doc: CustomerDoc = {
      _id: id,
      sellerOrgId,
      buyerOrgId: buyer._id,
      buyerKind: buyer.kind as ChannelOrgKind,
      level: input.level ?? cur?.level ?? null,
      groupIds: input.groupIds ? [...new Set(input.groupIds)] : (cur?.groupIds ?? []),
      tags: input.tags ? [...new Set(input.tags)] : (cur?.tags ?? []),
      contact: input.contact ?? cur?.contact ?? null,
      phone: input.phone ?? cur?.phone ?? null,
      addresses: input.addresses ?? cur?.addresses ?? [],
      licenceNo: input.licenceNo ?? cur?.licenceNo ?? null,
      version: (cur?.version ?? 0) + 1,
      updatedAt: ctx.now_ms,
      updatedBy: ctx.caller.unionId,
    };
    const { _id, ...rest } = doc;
    await tx.collection(C.customers).doc(id).set(rest);
    return ok(view(sellerOrgId, buyer, doc));
  });
}

/** `trade.listCustomers`: the orgs that buy from the seller, with their profiles. */
export async function listCustomers(ctx: AuthedContext, input: ListCustomersReq): Promise<Result<ActionRes<'trade', 'listCustomers'>>> {
  const seller = await actingSeller(ctx, input.sellerOrgId, MEMBER, 'see customers');
  if (!seller.ok) return seller;
  const sellerOrgId = seller.data.orgId;
  const [profiles, below, rels] = await Promise.all([
    ctx.db.collection(C.customers).where({ sellerOrgId }).limit(CUSTOMERS_PER_LIST_MAX).get(),
    ctx.db.collection(C.orgs).where({ upstreamId: sellerOrgId }).limit(CUSTOMERS_PER_LIST_MAX).get(),
    ctx.db.collection(C.tradeRelations).where({ sellerOrgId }).limit(CUSTOMERS_PER_LIST_MAX).get(),
  ]);
  const byBuyer = new Map((profiles.data as CustomerDoc[]).map((d) => [d.buyerOrgId, d]));
  const buyerIds = new Set<string>([...(below.data as OrgDoc[]).map((o) => o._id), ...(rels.data as RelationDoc[]).map((r) => r.buyerOrgId), ...byBuyer.keys()]);
  const orgs = await orgsByIds(ctx.db, [...buyerIds].slice(0, CUSTOMERS_PER_LIST_MAX));
  const out: View[] = [];
  for (const id of buyerIds) {
    const org = orgs.get(id);
    // A reassigned buyer no longer buys from its registered upstream; its profile stays for history.
    if (!org || org.kind === 'brand') continue;
    const v = view(sellerOrgId, org, byBuyer.get(id) ?? null);
    if (input.level !== undefined && v.level !== input.level) continue;
    if (input.groupId !== undefined && !v.groupIds.includes(input.groupId)) continue;
    out.push(v);
  }
  out.sort((a, b) => a.buyerName.localeCompare(b.buyerName) || a.buyerOrgId.localeCompare(b.buyerOrgId));
  return ok({ customers: out });
}
