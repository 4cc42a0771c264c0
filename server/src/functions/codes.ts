/** The `codes` cloud function: batches, their export, repacking. */
import { createBatch, exportBatch, pack, unpack } from '../codes/service.js';
import { defineFunction } from '../runtime/define.js';

export const codesMain = defineFunction('codes', {
  createBatch: { run: createBatch },
  exportBatch: { run: exportBatch },
  pack: { run: pack },
  unpack: { run: unpack },
});
