/**
 * What a submit reads before it decides, in one database request (docs/money-and-concurrency.md#a-submit):
 * the order if the `requestId` was used already, both orgs, the relation documents, the seller's
 * profile of the buyer, the products and their list prices, the seller's terms, the seller's stock
 * shards of the ordered products, and with a credit tender the credit line, the open receivables
 * and the credit account. The policies that can reach the buyer need its profile: one more query.
 *
 * Why one request: on CloudBase every request is a round trip and a billed read, and these reads
 * are independent. They ride as uncorrelated `$lookup` sub-pipelines on the seller's org document
 * (as a redeem's read does, server/src/scan/redeem-read.ts), each narrowed by an indexed `$match`.
 * The count is constant in the number of the seller's customers and policies.
 */
import { creditAccount, STOCK_SHARDS, type CreditLineTerms, type SellerTerms } from '@channel-router/shared';
import type { OrgDoc, ProductDoc } from '../channel/model.js';
import { C } from '../db/collections.js';
import type { Database } from '../runtime/cloud.js';
import {
  canTradeFrom,
  creditLineId,
  customerId,
  relationIds,
  shardQuery,
  shardReadFrom,
  TAKE_PRODUCTS_MAX,
  termsOf,
  type CreditLineDoc,
  type CustomerDoc,
  type HeadDoc,
  type ListPriceDoc,
  type RelationDoc,
  type ShardDoc,
  type ShardRead,
  type TermsDoc,
} from './seams.js';
import type { OrderDoc, ReceivableDoc } from './model.js';

/** Open receivables of one buyer with one seller considered by the overdue check (as before). */
export const RECEIVABLES_PER_PAIR_MAX = 1000;

interface Joined {
  buyer: OrgDoc[];
  order: OrderDoc[];
  relations: RelationDoc[];
  customer: CustomerDoc[];
  products: ProductDoc[];
  lists: ListPriceDoc[];
  terms: TermsDoc[];
  stock: Array<ShardDoc | HeadDoc>;
  creditLine?: CreditLineDoc[];
  receivables?: ReceivableDoc[];
  credit?: Array<{ _id: string; balance_fen: number }>;
}

export interface SubmitInputs {
  /** The order of this `requestId`, when a first attempt stored it. */
  existing: OrderDoc | null;
  buyer: OrgDoc | undefined;
  trades: boolean;
  profile: CustomerDoc | null;
  products: Map<string, ProductDoc>;
  lists: Map<string, ListPriceDoc>;
  terms: SellerTerms;
  /** The seller's shards and heads of the ordered products; null when the order has more products than one read holds. */
  stock: ShardRead | null;
  /** With a credit tender: the line (null: none), the open receivables and the credit account's balance. */
  credit: { line: CreditLineTerms | null; receivables: ReceivableDoc[]; balance_fen: number } | null;
}

export async function readSubmitInputs(
  db: Database,
  q: { sellerOrgId: string; buyerOrgId: string; orderId: string; productIds: readonly string[]; withCredit: boolean },
): Promise<SubmitInputs> {
  const _ = db.command;
  const $ = _.aggregate;
  const ids = [...new Set(q.productIds)];
  const withStock = ids.length <= TAKE_PRODUCTS_MAX;
  const one = (from: string, match: Record<string, unknown>, as: string, limit = 1) => ({ from, pipeline: $.pipeline().match(match).limit(limit).done(), as });
  let agg = db
    .collection(C.orgs)
    .aggregate()
    .match({ _id: q.sellerOrgId })
    .lookup(one(C.orgs, { _id: q.buyerOrgId }, 'buyer'))
    .lookup(one(C.orders, { _id: q.orderId }, 'order'))
    .lookup(one(C.tradeRelations, { _id: _.in(relationIds(q.buyerOrgId, q.sellerOrgId)) }, 'relations', 2))
    .lookup(one(C.customers, { _id: customerId(q.sellerOrgId, q.buyerOrgId) }, 'customer'))
    .lookup(one(C.products, { _id: _.in(ids) }, 'products', Math.max(1, ids.length)))
    .lookup(one(C.listPrices, { _id: _.in(ids) }, 'lists', Math.max(1, ids.length)))
    .lookup(one(C.tradeTerms, { _id: q.sellerOrgId }, 'terms'));
  if (withStock) agg = agg.lookup(one(C.stock, shardQuery(db, q.sellerOrgId, ids), 'stock', Math.max(1, ids.length * (STOCK_SHARDS + 1))));
  if (q.withCredit) {
    agg = agg
      .lookup(one(C.creditLines, { _id: creditLineId(q.sellerOrgId, q.buyerOrgId) }, 'creditLine'))
      .lookup(one(C.receivables, { sellerOrgId: q.sellerOrgId, buyerOrgId: q.buyerOrgId, status: 'open' }, 'receivables', RECEIVABLES_PER_PAIR_MAX))
      .lookup(one(C.accounts, { _id: creditAccount(q.sellerOrgId, q.buyerOrgId) }, 'credit'));
  }
  const res = (await agg.end()) as { data?: Joined[] };
  const row = res.data?.[0];
  const existing = row?.order[0] ?? null;
  if (row === undefined) {
    // No such seller: nothing trades with it.
    return { existing: null, buyer: undefined, trades: false, profile: null, products: new Map(), lists: new Map(), terms: termsOf(q.sellerOrgId, null), stock: null, credit: null };
  }
  const line = row.creditLine?.[0];
  return {
    existing,
    buyer: row.buyer[0],
    trades: canTradeFrom(row.buyer[0], row.relations, q.sellerOrgId),
    profile: row.customer[0] ?? null,
    products: new Map(row.products.map((p) => [p._id, p])),
    lists: new Map(row.lists.map((l) => [l._id, l])),
    terms: termsOf(q.sellerOrgId, row.terms[0] ?? null),
    stock: withStock ? shardReadFrom(row.stock, ids) : null,
    credit: q.withCredit
      ? {
          line: line ? { limit_fen: line.limit_fen, from_ms: line.from_ms, to_ms: line.to_ms, termDays: line.termDays } : null,
          receivables: row.receivables ?? [],
          balance_fen: row.credit?.[0]?.balance_fen ?? 0,
        }
      : null,
  };
}
