/**
 * Goal: `codes.exportBatch` answers a small batch (up to 100 cases) inline as before, and a larger
 * one as its print file in cloud storage: a `cloud://` fileID and a temporary link that serves the
 * whole CSV, whose codes are the batch's real codes. A retry replaces the same file. A batch whose
 * file would pass the export limit is refused naming `batchId`, storing nothing.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { MAX_TREE_CASES, PRINT_HEADER } from '@channel-router/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_LINK_MAX_AGE_S } from '../src/codes/export-file.js';
import { startChannel, STD_POLICY, type Channel } from './fixtures.js';

let ch: Channel;
let smallProduct: string;

beforeAll(async () => {
  ch = await startChannel();
  // 2 boxes of 2 items a case: 101 cases print 101 + 202 + 404 rows.
  smallProduct = await ch.product({ itemsPerBox: 2, boxesPerCase: 2 }, STD_POLICY);
}, 120_000);

afterAll(async () => {
  await ch?.close();
});

const exportsDir = () => path.join(ch.cloud.dataDir, 'storage', 'local-dev', 'exports', 'batches');

describe('codes.exportBatch', () => {
  it(`answers a batch of ${MAX_TREE_CASES} cases inline, with no file`, async () => {
    const b = await ch.ok('admin', 'codes', { action: 'createBatch', productId: smallProduct, cases: MAX_TREE_CASES });
    const reply = await ch.ok('admin', 'codes', { action: 'exportBatch', batchId: b.batchId });
    expect(reply.cases).toHaveLength(MAX_TREE_CASES);
    expect(reply.cases[0].boxes).toHaveLength(2);
    expect(reply.file).toBeUndefined();
    expect(existsSync(path.join(exportsDir(), b.batchId))).toBe(false);
  });

  it(`answers a batch of ${MAX_TREE_CASES + 1} cases as a stored print file with a working link`, async () => {
    const b = await ch.ok('admin', 'codes', { action: 'createBatch', productId: smallProduct, cases: MAX_TREE_CASES + 1 });
    const before_ms = Date.now();
    const reply = await ch.ok('admin', 'codes', { action: 'exportBatch', batchId: b.batchId });
    expect(reply.cases).toBeUndefined();
    const file = reply.file as { fileID: string; url: string; urlExpiresAt_ms: number; rows: number; bytes: number };
    expect(file.fileID).toMatch(new RegExp(`^cloud://local-dev\\.local-dev-local/exports/batches/${b.batchId}/codes-b\\d+-k\\d+\\.csv$`));
    expect(file.rows).toBe(101 + 202 + 404);
    expect(file.urlExpiresAt_ms).toBeGreaterThanOrEqual(before_ms + EXPORT_LINK_MAX_AGE_S * 1000 - 5_000);
    expect(file.urlExpiresAt_ms).toBeLessThanOrEqual(Date.now() + EXPORT_LINK_MAX_AGE_S * 1000);

    const res = await fetch(file.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const csv = await res.text();
    expect(Buffer.byteLength(csv)).toBe(file.bytes);
    const lines = csv.trimEnd().split('\n');
    expect(`${lines[0]}\n`).toBe(PRINT_HEADER);
    expect(lines).toHaveLength(1 + file.rows);
    expect(lines.filter((l) => l.startsWith('case,'))).toHaveLength(101);

    // The file's codes are the batch's: an item code from it verifies as genuine.
    const item = lines.find((l) => l.startsWith('item,'))!.split(',')[1]!;
    expect(await ch.ok(null, 'scan', { action: 'verify', code: item })).toMatchObject({ genuine: true });

    // A retry replaces the same file: same fileID, same bytes, one file stored.
    const again = await ch.ok('admin', 'codes', { action: 'exportBatch', batchId: b.batchId });
    expect(again.file.fileID).toBe(file.fileID);
    expect(await (await fetch(again.file.url)).text()).toBe(csv);
    expect(readdirSync(path.join(exportsDir(), b.batchId))).toHaveLength(1);
  });

  it('refuses a batch whose print file would pass the export limit, storing nothing', async () => {
    const huge = await ch.product({ itemsPerBox: 1000, boxesPerCase: 100 }, STD_POLICY);
    const b = await ch.ok('admin', 'codes', { action: 'createBatch', productId: huge, cases: MAX_TREE_CASES + 1 });
    const reply = await ch.as('admin', 'codes', { action: 'exportBatch', batchId: b.batchId });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'batchId', message: expect.stringMatching(/npm run print -- --batch/) } });
    expect(existsSync(path.join(exportsDir(), b.batchId))).toBe(false);
  });
});
