/**
 * `npm run print -- --batch <batchId> --out codes.csv [--dataDir .data]`: the print file of a
 * batch of the local cloud, read straight from its data directory (stop `npm start` first: the
 * database is opened exclusively). With layout flags instead of `--batch`, it needs no database
 * (a brand's IT team printing from a batch record of its CloudBase environment).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BatchLayout, CodeKeyring } from '@channel-router/shared';
import { loadCodeKeyring } from '../server/src/codes/code-keys.js';
import { DocumentStore } from '../local-cloud/src/db/store.js';
import { DATABASE_FILE } from '../local-cloud/src/tcb/standalone.js';
import { C } from '../server/src/db/collections.js';
import type { BatchDoc } from '../server/src/codes/model.js';
import { runPrintCommand } from '../server/src/codes/print-file.js';

function flag(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** The batch record from the local data directory, or null. */
export function readLocalBatch(dataDir: string, batchId: string): BatchDoc | null {
  const store = DocumentStore.open({ file: path.join(dataDir, DATABASE_FILE) });
  try {
    const [b] = store.find(C.batches, { filter: { _id: batchId }, limit: 1 }) as unknown as BatchDoc[];
    return b ?? null;
  } finally {
    store.close();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const dataDir = flag(argv, 'dataDir') ?? '.data';
  const batchId = flag(argv, 'batch');
  if (batchId === undefined) return runPrintCommand(argv);
  const batch = readLocalBatch(dataDir, batchId);
  const layout: BatchLayout | null = batch && { batchNo: batch.batchNo, cases: batch.cases, itemsPerBox: batch.itemsPerBox, boxesPerCase: batch.boxesPerCase };
  // The batch's own key slot: after a key rotation its codes are still the ones printed before.
  const base = loadCodeKeyring({ dataDir });
  const keyring = batch ? { activeSlot: batch.keySlot as CodeKeyring['activeSlot'], slots: base.slots } : base;
  return runPrintCommand(argv, { loadBatchLayout: async () => layout, keyring });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
