/**
 * Products by id, cached per instance for a short time: every redeem and verify needs the
 * product, and a policy change reaching warm instances within a minute is what a brand expects.
 */
import { C } from '../db/collections.js';
import { getById } from '../db/ops.js';
import type { Database } from '../runtime/cloud.js';
import type { ProductDoc } from './model.js';

const TTL_MS = 60_000;
const CACHE_MAX = 1000;
const cache = new Map<string, { product: ProductDoc; until_ms: number }>();

export async function productById(db: Database, id: string, now_ms = Date.now()): Promise<ProductDoc | null> {
  const hit = cache.get(id);
  if (hit && hit.until_ms > now_ms) return hit.product;
  const product = await getById<ProductDoc>(db, C.products, id);
  if (product !== null) {
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(id, { product, until_ms: now_ms + TTL_MS });
  }
  return product;
}
