/**
 * The `order` function: here its stock actions (docs/stock.md). Each action's
 * request, reply, callers, retry class and error codes, declared once (docs/actions.md).
 */
import { cursor, id, pageSize } from '../../validation/fields.js';
import { array, bool, int, object, optional } from '../../validation/schema.js';
import type { StockMoveType } from '../../ordering/stock.js';
import { declareAction, declareFunction } from '../declare.js';

/** Products in one stock request. */
export const STOCK_PRODUCTS_MAX = 100;
/** Largest safety stock (items). */
export const SAFETY_STOCK_MAX = 100_000_000;

export interface OrderStockReq {
  orgId: string;
  /** Only these products (default: every product the org has stock records of). */
  productIds?: string[];
}
/** Items shown in order units: whole units and loose items. */
export interface InUnits {
  units: number;
  looseItems: number;
}
export interface StockRow {
  productId: string;
  productName: string;
  /** The product's order unit and its items. */
  unit: 'case' | 'box' | 'item';
  itemsPerUnit: number;
  /** Items. */
  onHand: number;
  reserved: number;
  available: number;
  /** Items; null when not set (no low-stock alert). */
  safetyStock: number | null;
  /** available ≤ safetyStock now. */
  low: boolean;
  inUnits: { onHand: InUnits; reserved: InUnits; available: InUnits; safetyStock: InUnits | null };
}
export interface OrderStockRes {
  orgId: string;
  products: StockRow[];
}

export interface StockMovesReq {
  orgId: string;
  productId?: string;
  cursor?: string;
  limit?: number;
}
export interface StockMoveView {
  id: string;
  productId: string;
  type: StockMoveType;
  /** Items moved (positive); the deltas say which way. */
  items: number;
  delta_onHand: number;
  delta_reserved: number;
  /** The product's totals after the move; null for reservation moves (docs/stock.md). */
  after: { onHand: number; reserved: number; available: number } | null;
  ref: string;
  by: string | null;
  note: string | null;
  at: number;
}
export interface StockMovesRes {
  moves: StockMoveView[];
  cursor: string | null;
}

export interface SetSafetyStockReq {
  orgId: string;
  productId: string;
  /** Items. Give exactly one of `safetyStock`, `safetyUnits` and `clear`. */
  safetyStock?: number;
  /** In the product's order units. */
  safetyUnits?: number;
  /** No safety stock (no low-stock alert). */
  clear?: boolean;
}
export interface SetSafetyStockRes {
  productId: string;
  safetyStock: number | null;
  low: boolean;
}

const ORG_MEMBERS = 'members of the org; brand admins and inspectors for any org';

export const ORDER = declareFunction('order', {
  stock: declareAction<OrderStockReq, OrderStockRes>()({
    schema: object({ orgId: id(), productIds: optional(array(id(), { max: STOCK_PRODUCTS_MAX })) }),
    who: ORG_MEMBERS,
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: ['FORBIDDEN'],
  }),
  stockMoves: declareAction<StockMovesReq, StockMovesRes>()({
    schema: object({ orgId: id(), productId: optional(id()), cursor: optional(cursor()), limit: optional(pageSize()) }),
    who: ORG_MEMBERS,
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: ['FORBIDDEN'],
  }),
  setSafetyStock: declareAction<SetSafetyStockReq, SetSafetyStockRes>()({
    schema: object({
      orgId: id(),
      productId: id(),
      safetyStock: optional(int({ min: 0, max: SAFETY_STOCK_MAX })),
      safetyUnits: optional(int({ min: 0, max: SAFETY_STOCK_MAX })),
      clear: optional(bool()),
    }),
    who: "the org's owner or warehouse (仓管); brand admins for the brand",
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  }),
});
