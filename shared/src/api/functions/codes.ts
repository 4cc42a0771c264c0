/**
 * The `codes` function: code batches, their export for printing, repacking. Each action's
 * request, reply, callers, retry class and error codes, declared once (docs/actions.md).
 */
import { code, codes, id, requestId, MAX_CASES_PER_BATCH, MAX_CODES_PER_CALL } from '../../validation/fields.js';
import { int, object, optional } from '../../validation/schema.js';
import { declareAction, declareFunction } from '../declare.js';

export interface CreateBatchReq {
  productId: string;
  cases: number;
  /** An idempotency key: a retry with the same key answers the first attempt's reply and creates nothing more. */
  requestId?: string;
}
export interface CreateBatchRes {
  batchId: string;
  counts: { case: number; box: number; item: number };
}

export interface ExportBatchReq {
  batchId: string;
}
export interface ExportedCase {
  code: string;
  boxes: Array<{ code: string; items: Array<{ code: string; hiddenCode: string }> }>;
}
export interface ExportBatchRes {
  /** Inline for batches up to 100 cases. */
  cases?: ExportedCase[];
  /**
   * Larger batches as their print file (CSV) in cloud storage: `fileID` to keep, `url` a
   * temporary link that stops working at `urlExpiresAt_ms` (docs/storage.md).
   */
  file?: { fileID: string; url: string; urlExpiresAt_ms: number; rows: number; bytes: number };
}

export interface PackReq {
  parent: string;
  children: string[];
}
export interface PackRes {
  parent: string;
  /** Children packed by this call. */
  packed?: number;
}

export interface UnpackReq {
  parent: string;
}
export interface UnpackRes {
  parent: string;
  /** Children released by this call. */
  unpacked?: number;
}

export interface BatchView {
  id: string;
  batchNo: number;
  productId: string;
  cases: number;
  counts: { case: number; box: number; item: number };
  createdAt: number;
}
export interface ListBatchesReq {
  productId?: string;
}
export interface ListBatchesRes {
  batches: BatchView[];
}

const BRAND_ADMIN = 'a brand admin';

export const CODES = declareFunction('codes', {
  createBatch: declareAction<CreateBatchReq, CreateBatchRes>()({
    schema: object({ productId: id(), cases: int({ min: 1, max: MAX_CASES_PER_BATCH }), requestId: optional(requestId()) }),
    who: BRAND_ADMIN,
    access: 'signed-in',
    apps: 'any',
    retry: 'keyed',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  exportBatch: declareAction<ExportBatchReq, ExportBatchRes>()({
    schema: object({ batchId: id() }),
    who: BRAND_ADMIN,
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  }),
  pack: declareAction<PackReq, PackRes>()({
    schema: object({ parent: code(), children: codes(MAX_CODES_PER_CALL) }),
    who: BRAND_ADMIN,
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_CODE', 'CONFLICT'],
  }),
  unpack: declareAction<UnpackReq, UnpackRes>()({
    schema: object({ parent: code() }),
    who: BRAND_ADMIN,
    access: 'signed-in',
    apps: 'any',
    retry: 'write',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_CODE', 'CONFLICT'],
  }),
  listBatches: declareAction<ListBatchesReq, ListBatchesRes>()({
    schema: object({ productId: optional(id()) }),
    who: BRAND_ADMIN,
    access: 'signed-in',
    apps: 'any',
    retry: 'read',
    errors: ['FORBIDDEN'],
  }),
});
