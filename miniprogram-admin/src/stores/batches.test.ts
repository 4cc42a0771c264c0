import { describe, expect, it, vi } from 'vitest';
import type { BatchView, ProductView } from '@channel-router/shared/api';
import { createClient } from '@channel-router/shared/client';
import { MAX_TREE_CASES } from '@channel-router/shared/codes/print-rows';
import { batchRequest, countsFor, countsText, createBatchesStore, EXPORT_TREE_MAX_CASES, exportMode, printCommand } from './batches';
import { LOST, okReply, scriptedTransport, type Script } from '@channel-router/ui/testing';

const SOY: ProductView = { id: 'prd_soy', sku: 'S', name: '生抽', gtin: null, packaging: { itemsPerBox: 6, boxesPerCase: 4 } };
const B1: BatchView = { id: 'bat_1', batchNo: 1, productId: 'prd_soy', cases: 10, counts: { case: 10, box: 40, item: 240 }, createdAt: 1 };
const B2: BatchView = { id: 'bat_2', batchNo: 2, productId: 'prd_soy', cases: 3, counts: { case: 3, box: 12, item: 72 }, createdAt: 2 };

function setup(script: Script, confirmLarge = true) {
  const t = scriptedTransport(script);
  const client = createClient(t.transport, { sleep: async () => {}, retryDelays_ms: [] });
  const confirm = vi.fn(async () => confirmLarge);
  return { store: createBatchesStore({ client, confirmLarge: confirm }), confirm, ...t };
}

describe('code batches', () => {
  it('exports as a tree exactly the batches the server exports as a tree', () => {
    expect(EXPORT_TREE_MAX_CASES).toBe(MAX_TREE_CASES);
    expect(exportMode({ cases: MAX_TREE_CASES })).toBe('tree');
    expect(exportMode({ cases: MAX_TREE_CASES + 1 })).toBe('print-file');
    expect(printCommand('bat_1')).toBe('npm run print -- --batch bat_1 --out batch-bat_1.csv');
  });

  it('previews what a batch holds and validates the case count with the server schema', () => {
    expect(countsText(countsFor(SOY, 10))).toBe('10 箱 · 40 盒 · 240 件');
    expect(batchRequest('', '')).toEqual({ ok: false, errors: { productId: '请选择商品', cases: '请填写箱数' } });
    expect(batchRequest('prd_soy', '0')).toEqual({ ok: false, errors: { cases: '箱数不能小于 1' } });
    expect(batchRequest('prd_soy', '100001')).toEqual({ ok: false, errors: { cases: '箱数不能大于 100000' } });
    expect(batchRequest('prd_soy', '3')).toEqual({ ok: true, req: { productId: 'prd_soy', cases: 3 } });
  });

  it('creates a batch and refreshes the list', async () => {
    const { store, of } = setup({ 'codes.listBatches': [okReply({ batches: [B1] }), okReply({ batches: [B2, B1] })], 'codes.createBatch': [okReply({ batchId: 'bat_2', counts: B2.counts })] });
    await store.getState().load();
    store.getState().setProduct('prd_soy');
    store.getState().setCases('3箱');
    expect(store.getState().casesText).toBe('3');
    await store.getState().submit([SOY]);
    expect(of('codes.createBatch')).toEqual([{ action: 'createBatch', productId: 'prd_soy', cases: 3, requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) }]);
    expect(store.getState()).toMatchObject({ status: 'done', created: { batchId: 'bat_2' }, list: { status: 'ready', value: [B2, B1] } });
  });

  it('retries a run whose reply was lost under the same key (the server prints it once), and a changed run under a new one', async () => {
    const { store, of } = setup({
      'codes.listBatches': [okReply({ batches: [B1] }), okReply({ batches: [B2, B1] })],
      'codes.createBatch': [LOST, okReply({ batchId: 'bat_2', counts: B2.counts }), LOST],
    });
    await store.getState().load();
    store.getState().setProduct('prd_soy');
    store.getState().setCases('3');
    await store.getState().submit([SOY]);
    expect(store.getState().status).toBe('failed');
    await store.getState().submit([SOY]);
    const [first, retry] = of('codes.createBatch');
    expect(typeof first!['requestId']).toBe('string');
    expect(retry).toEqual(first);
    expect(store.getState()).toMatchObject({ status: 'done', created: { batchId: 'bat_2' } });
    store.getState().setCases('4');
    await store.getState().submit([SOY]);
    expect(of('codes.createBatch')[2]!['requestId']).not.toBe(first!['requestId']);
  });

  it('asks before a very large print run and sends nothing when declined', async () => {
    const { store, sent, confirm } = setup({}, false);
    store.getState().setProduct('prd_soy');
    store.getState().setCases('5000');
    await store.getState().submit([SOY]);
    expect(confirm).toHaveBeenCalledWith({ case: 5000, box: 20000, item: 120000 }, '生抽');
    expect(sent).toHaveLength(0);
  });

  it('exports a small batch as a tree and a large one as a print-file note without asking the server', async () => {
    const tree = [{ code: 'C1', boxes: [{ code: 'B1', items: [{ code: 'I1', hiddenCode: 'H1' }] }] }];
    const { store, of } = setup({ 'codes.exportBatch': [okReply({ cases: tree })] });
    await store.getState().openExport({ id: 'bat_1', cases: 10 });
    expect(store.getState().export).toMatchObject({ batchId: 'bat_1', tree: { status: 'ready', value: tree } });
    store.getState().toggleCase(0);
    store.getState().toggleBox(0);
    expect(store.getState().export).toMatchObject({ openCase: 0, openBox: 0 });
    store.getState().toggleCase(0);
    expect(store.getState().export).toMatchObject({ openCase: null, openBox: null });
    await store.getState().openExport({ id: 'bat_big', cases: 500 });
    expect(store.getState().export).toMatchObject({ batchId: 'bat_big', tree: null });
    expect(of('codes.exportBatch')).toHaveLength(1);
  });
});
