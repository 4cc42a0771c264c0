/**
 * Reading an org's stock outside any transaction (one read for shards and heads of many
 * products), and the low-stock alert: once per crossing of the safety stock.
 */
import { availableOf, lowStockStep, sumLevels, STOCK_SHARDS, type Alert, type StockLevel } from '@channel-router/shared';
import { C } from '../db/collections.js';
import { isDuplicateKey } from '../db/errors.js';
import type { Database } from '../runtime/cloud.js';
import { headId, lowStockAlertKey, type HeadDoc, type ShardDoc } from './model.js';

/** Products per read: a read of shards and heads returns at most this × (STOCK_SHARDS + 1) documents. */
export const PRODUCTS_PER_READ_MAX = 100;

export interface ProductStock extends StockLevel {
  productId: string;
  available: number;
  safetyStock: number | null;
  low: boolean;
  crossings: number;
}

function emptyStock(productId: string): ProductStock {
  return { productId, onHand: 0, reserved: 0, available: 0, safetyStock: null, low: false, crossings: 0 };
}

/** Shards and heads of an org's products (all its products when `productIds` is omitted). */
export async function readStock(db: Database, orgId: string, productIds?: readonly string[]): Promise<Map<string, ProductStock>> {
  const out = new Map<string, ProductStock>();
  const docs: Array<ShardDoc | HeadDoc> = [];
  if (productIds === undefined) {
    const limit = 1000;
    for (let skip = 0; ; skip += limit) {
      const res = await db.collection(C.stock).where({ orgId, kind: db.command.in(['shard', 'head']) }).skip(skip).limit(limit).get();
      docs.push(...(res.data as Array<ShardDoc | HeadDoc>));
      if (res.data.length < limit || skip > 100_000) break;
    }
  } else {
    const ids = [...new Set(productIds)];
    for (let i = 0; i < ids.length; i += PRODUCTS_PER_READ_MAX) {
      const chunk = ids.slice(i, i + PRODUCTS_PER_READ_MAX);
      const limit = chunk.length * (STOCK_SHARDS + 1);
      const res = await db.collection(C.stock).where({ orgId, productId: db.command.in(chunk) }).limit(limit).get();
      docs.push(...(res.data as Array<ShardDoc | HeadDoc>));
    }
    for (const id of ids) out.set(id, emptyStock(id));
  }
  const shards = new Map<string, StockLevel[]>();
  for (const d of docs) {
    const row = out.get(d.productId) ?? emptyStock(d.productId);
    out.set(d.productId, row);
    if (d.kind === 'head') {
      row.safetyStock = d.safetyStock;
      row.low = d.low;
      row.crossings = d.crossings;
    } else if (d.kind === 'shard') {
      const list = shards.get(d.productId) ?? [];
      list.push({ onHand: d.onHand, reserved: d.reserved });
      shards.set(d.productId, list);
    }
  }
  for (const [productId, list] of shards) {
    const row = out.get(productId)!;
    const sum = sumLevels(list);
    row.onHand = sum.onHand;
    row.reserved = sum.reserved;
    row.available = availableOf(sum);
  }
  return out;
}

/**
 * Judges low stock for products whose stock just changed (call after the change committed).
 * The head's `low` flag changes by compare-and-set, so of two checks racing over one crossing
 * one raises the alert; the alert's key carries the crossing number, so a retry stores it once.
 */
export async function checkLowStock(db: Database, orgId: string, productIds: readonly string[], at_ms: number, productNames: ReadonlyMap<string, string> = new Map()): Promise<Alert[]> {
  if (productIds.length === 0) return [];
  const stock = await readStock(db, orgId, productIds);
  const raised: Alert[] = [];
  for (const row of stock.values()) {
    const step = lowStockStep(row.low, row.available, row.safetyStock);
    if (step.low === row.low) continue;
    const flip = (await db
      .collection(C.stock)
      .where({ _id: headId(orgId, row.productId), low: row.low, crossings: row.crossings })
      .update({ low: step.low, crossings: row.crossings + (step.raise ? 1 : 0), updatedAt: at_ms })) as { updated?: number };
    if ((flip.updated ?? 0) === 0 || !step.raise) continue;
    const alert: Alert = {
      key: lowStockAlertKey(orgId, row.productId, row.crossings + 1),
      kind: 'low_stock',
      evidence: 'stock',
      code: productNames.get(row.productId) ?? row.productId,
      productId: row.productId,
      quantity: row.available,
      allocatedDealerId: null,
      observedOrgId: orgId,
      regionCode: null,
      actorUnionId: null,
      at: at_ms,
    };
    const { key, ...rest } = alert;
    try {
      await db.collection(C.alerts).add({ _id: key, ...rest, safetyStock: row.safetyStock });
      raised.push(alert);
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
  }
  return raised;
}
