/** Credit lines (赊销额度, docs/ordering.md): limit, validity window, payment term in days. */
import { C } from '../db/collections.js';
import { getById } from '../db/ops.js';
import type { Database } from '../runtime/cloud.js';
import { pairId, type CreditLineDoc } from './model.js';

export interface CreditLine {
  sellerOrgId: string;
  buyerOrgId: string;
  /** Fen. */
  limit: number;
  from: number;
  to: number;
  termDays: number;
  version: number;
}

/** The credit line valid at `at_ms` (`from <= at_ms < to`), or null when there is none. One point read. */
export async function readCreditLine(db: Database, sellerOrgId: string, buyerOrgId: string, at_ms: number): Promise<CreditLine | null> {
  const doc = await getById<CreditLineDoc>(db, C.creditLines, pairId(sellerOrgId, buyerOrgId));
  if (doc === null || !(doc.from <= at_ms && at_ms < doc.to)) return null;
  return { sellerOrgId, buyerOrgId, limit: doc.limit, from: doc.from, to: doc.to, termDays: doc.termDays, version: doc.version };
}
