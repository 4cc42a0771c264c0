/**
 * Batches by number, cached per instance: a batch never changes after creation, so a warm
 * function reads each batch once.
 */
import type { BatchLayout } from '@channel-router/shared';
import { C } from '../db/collections.js';
import type { Database } from '../runtime/cloud.js';
import type { BatchDoc } from './model.js';

const CACHE_MAX = 10_000;
const cache = new Map<number, BatchDoc>();

export async function batchesByNo(db: Database, batchNos: readonly number[]): Promise<Map<number, BatchDoc>> {
  const out = new Map<number, BatchDoc>();
  const missing: number[] = [];
  for (const n of new Set(batchNos)) {
    const hit = cache.get(n);
    if (hit) out.set(n, hit);
    else missing.push(n);
  }
  if (missing.length > 0) {
    const res = await db.collection(C.batches).where({ batchNo: db.command.in(missing) }).limit(missing.length).get();
    for (const b of res.data as BatchDoc[]) {
      out.set(b.batchNo, b);
      if (cache.size >= CACHE_MAX) cache.clear();
      cache.set(b.batchNo, b);
    }
  }
  return out;
}

export function layoutOf(b: BatchDoc): BatchLayout {
  return { batchNo: b.batchNo, cases: b.cases, itemsPerBox: b.itemsPerBox, boxesPerCase: b.boxesPerCase };
}
