/**
 * The `codes` cloud function: batches, their export, repacking.
 * What each action does; its request, callers, apps and errors are declared in
 * shared/src/api/functions/codes.ts.
 */
import { listBatches } from '../codes/lists.js';
import { createBatch, exportBatch, pack, unpack } from '../codes/service.js';
import { defineFunction } from '../runtime/define.js';

export const codesMain = defineFunction('codes', {
  createBatch,
  exportBatch,
  pack,
  unpack,
  listBatches,
});
