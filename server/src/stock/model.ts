/**
 * The stock module's documents (collections `stock` and `stock_moves`, docs/stock.md).
 *
 * `stock` holds four kinds of documents:
 * - `shard`: a part of an org's stock of a product (STOCK_SHARDS per product); the product's
 *   onHand and reserved are the sums over its shards;
 * - `head`: per product, the safety stock and the low-stock state (one alert per crossing);
 * - `reservation`: per order (`ref`), the items it holds reserved, per product and shard, so a
 *   release or a ship gives back exactly what was taken where it was taken;
 * - `stocked`: the brand's stock-in marks (a unit, or a whole batch), so a second stock-in of the
 *   same goods adds nothing and the stock check knows which of the brand's goods are stock.
 */
import { STOCK_SHARDS, type StockMoveType } from '@channel-router/shared';

export interface ShardDoc {
  _id: string;
  kind: 'shard';
  orgId: string;
  productId: string;
  shard: number;
  onHand: number;
  reserved: number;
  /**
   * onHand − reserved, kept by every writer: a submit reserves with one conditional decrement on
   * it (take.ts). Absent on shards written before it existed (take.ts fills it in).
   */
  available?: number;
  updatedAt: number;
}

export interface HeadDoc {
  _id: string;
  kind: 'head';
  orgId: string;
  productId: string;
  /** Items; null: not set (no low-stock alert). */
  safetyStock: number | null;
  /** Whether available is at or below the safety stock now (the state between moves). */
  low: boolean;
  /** Crossings so far: the n-th alert's key carries n, so a retried check stores it once. */
  crossings: number;
  updatedAt: number;
}

export interface ReservationLine {
  productId: string;
  shard: number;
  items: number;
}

export interface ReservationDoc {
  _id: string;
  kind: 'reservation';
  orgId: string;
  ref: string;
  /** Items still reserved, per product and shard (entries at 0 are dropped). */
  lines: ReservationLine[];
  /** Sum of `lines`: 0 once everything was shipped or released. */
  open: number;
  createdAt: number;
  updatedAt: number;
}

export interface StockedDoc {
  _id: string;
  kind: 'stocked';
  orgId: string;
  batchNo: number;
  /** null: the whole batch. */
  unitId: string | null;
  productId: string;
  /** The first item index the mark covers, and how many items (a whole batch: 0 and all). */
  first: number;
  items: number;
  key: string;
  at: number;
}

export interface MoveDoc {
  _id: string;
  orgId: string;
  productId: string;
  type: StockMoveType;
  /** Items moved (positive); `delta_onHand` and `delta_reserved` say which way. */
  items: number;
  delta_onHand: number;
  delta_reserved: number;
  /** The product's totals after the move, when the move read every shard (not on the reservation path: docs/stock.md). */
  after: { onHand: number; reserved: number; available: number } | null;
  /**
   * The shards the move touched, with their values after it (not on a reservation taken by a
   * conditional decrement, which does not read them: take.ts).
   */
  shards: Array<{ shard: number; items: number; onHand?: number; reserved?: number }>;
  /** What caused it: an order id, a scan event id, a batch. */
  ref: string;
  key: string;
  by: string | null;
  note: string | null;
  at: number;
}

export const shardId = (orgId: string, productId: string, k: number): string => {
  if (!(Number.isInteger(k) && k >= 0 && k < STOCK_SHARDS)) throw new RangeError(`shard ${k} out of range`);
  return `stk:${orgId}:${productId}:${k}`;
};
export const headId = (orgId: string, productId: string): string => `stk:${orgId}:${productId}`;
export const reservationId = (orgId: string, ref: string): string => `rsv:${orgId}:${ref}`;
export const moveId = (key: string, productId: string): string => `${key}|${productId}`;
export const stockedUnitId = (unitId: string): string => `in:${unitId}`;
export const stockedBatchId = (batchNo: number): string => `in:batch:${batchNo}`;
export const lowStockAlertKey = (orgId: string, productId: string, crossing: number): string => `low_stock:${orgId}:${productId}:${crossing}`;
