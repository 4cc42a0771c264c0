/**
 * Goal: the print file of a batch, generated from the batch record and the key with no code
 * stored anywhere, holds exactly the codes the functions recognise and export for that batch.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { startTestCloud } from '../local-cloud/src/testing.js';
import { readLocalBatch } from './print-batch.js';
import { runPrintCommand } from '../server/src/codes/print-file.js';
import { loadCodeKeyring } from '../server/src/codes/code-keys.js';

it('prints, from the batch record and the key, the codes the functions export', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'print-cmd-'));
  try {
    const cloud = await startTestCloud({ dataDir });
    let batchId = '';
    let exported: Array<{ code: string; boxes: Array<{ code: string; items: Array<{ code: string; hiddenCode: string }> }> }> = [];
    try {
      const admin = await cloud.login('admin', 'o-admin');
      await cloud.call('channel', { action: 'bootstrap', brandName: '品牌' }, admin);
      const p = (await cloud.call('channel', { action: 'createProduct', sku: 'SKU-1', name: '产品', packaging: { itemsPerBox: 3, boxesPerCase: 2 }, policy: { consumerReward: 1, storeReward: 0, dealerRebate: 0, diversionPenalty: 0 } }, admin)) as { data: { productId: string } };
      const b = (await cloud.call('codes', { action: 'createBatch', productId: p.data.productId, cases: 2 }, admin)) as { data: { batchId: string } };
      batchId = b.data.batchId;
      exported = ((await cloud.call('codes', { action: 'exportBatch', batchId }, admin)) as { data: { cases: typeof exported } }).data.cases;
    } finally {
      await cloud.close();
    }
    const batch = readLocalBatch(dataDir, batchId);
    expect(batch).toMatchObject({ cases: 2, itemsPerBox: 3, boxesPerCase: 2 });
    const out = path.join(dataDir, 'print.csv');
    const code = await runPrintCommand(['--batch', batchId, '--out', out], {
      loadBatchLayout: async () => ({ batchNo: batch!.batchNo, cases: 2, itemsPerBox: 3, boxesPerCase: 2 }),
      keyring: loadCodeKeyring({ dataDir }),
      log: () => undefined,
    });
    expect(code).toBe(0);
    const rows = readFileSync(out, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const fromExport = exported.flatMap((c) => [
      ['case', c.code, '', ''],
      ...c.boxes.flatMap((b) => [['box', b.code, '', c.code], ...b.items.map((i) => ['item', i.code, i.hiddenCode, b.code])]),
    ]);
    expect(rows).toEqual(fromExport);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);
