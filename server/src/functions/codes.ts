/** The `codes` cloud function: batches, their export, repacking. */
import { listBatches } from '../codes/lists.js';
import { createBatch, exportBatch, pack, unpack } from '../codes/service.js';
import { defineFunction } from '../runtime/define.js';

export const codesMain = defineFunction('codes', {
  createBatch: { run: createBatch },
  exportBatch: { run: exportBatch },
  pack: { run: pack },
  unpack: { run: unpack },
  listBatches: { run: listBatches },
});
