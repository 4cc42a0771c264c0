/**
 * A batch too large for an inline `exportBatch` reply goes to cloud storage as its print file
 * (the CSV of print-file.ts): written to the function's /tmp, uploaded through the SDK, and
 * answered as a fileID with a temporary link. Batches whose file would pass the export limit
 * (shared/src/storage/limits.ts) are still printed with `npm run print`.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PRINT_HEADER, PrintRowWriter, STORAGE_LIMITS, err, layoutCounts, type BatchLayout, type CodeKeyring, type ExportBatchRes, type Result } from '@channel-router/shared';
import type { CloudApp } from '../runtime/cloud.js';
import { storeFile } from '../storage/files.js';
import { writePrintFile } from './print-file.js';

/** How long the link of an exported file works: time to download it, not to share it. */
export const EXPORT_LINK_MAX_AGE_S = 3600;

/** The most bytes the print file of `layout` can take (every row as wide as the widest). */
export function printFileBound_bytes(layout: BatchLayout, keyring: CodeKeyring): number {
  const c = layoutCounts(layout);
  const rows = c.case + c.box + c.item + c.pallet;
  return PRINT_HEADER.length + rows * new PrintRowWriter(layout, keyring).maxRowBytes;
}

/** Where a batch's print file is stored: one path per batch and key slot, so a retried export replaces it. */
export function exportCloudPath(batchId: string, layout: BatchLayout, keyring: CodeKeyring): string {
  return `exports/batches/${batchId}/codes-b${layout.batchNo}-k${keyring.activeSlot}.csv`;
}

export async function exportPrintFile(
  app: CloudApp,
  input: { batchId: string; layout: BatchLayout; keyring: CodeKeyring; now_ms: number },
): Promise<Result<NonNullable<ExportBatchRes['file']>>> {
  const max = STORAGE_LIMITS.maxBytes.export;
  if (printFileBound_bytes(input.layout, input.keyring) > max) {
    return err(
      'INVALID_ARGUMENT',
      `batch of ${input.layout.cases} cases can make a print file over the ${max}-byte export limit; print it with npm run print -- --batch ${input.batchId}`,
      'batchId',
    );
  }
  const local = path.join(tmpdir(), `export-${randomBytes(8).toString('hex')}.csv`);
  try {
    const written = await writePrintFile(input.layout, input.keyring, local);
    const stored = await storeFile(app, { cloudPath: exportCloudPath(input.batchId, input.layout, input.keyring), localFile: local, linkMaxAge_s: EXPORT_LINK_MAX_AGE_S, now_ms: input.now_ms }, 'batchId');
    if (!stored.ok) return stored;
    return { ok: true, data: { ...stored.data, rows: written.rows } };
  } finally {
    await rm(local, { force: true });
  }
}
