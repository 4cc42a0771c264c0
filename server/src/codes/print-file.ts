/**
 * Streams a batch's print file (CSV, see shared/src/codes/print-rows.ts) to a file or any
 * writable stream, with backpressure: memory stays at a few chunks whatever the batch size.
 *
 * Command line (keys from env CODE_KEYS or <dataDir>/code-keys.json; no database needed):
 *
 *   npm run print -- --batchNo 7 --cases 1000 --itemsPerBox 24 --boxesPerCase 10 --out batch-7.csv
 *     [--pallets N] [--urlDomain brand.example] [--dataDir .data]
 *
 * `--batch <batchId>` reads the layout from the batch record through a loader that the codes
 * service registers (`runPrintCommand(argv, { loadBatchLayout })`); without one, pass the layout flags.
 */
import { createWriteStream } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import {
  PrintRowWriter,
  validateLayout,
  type BatchLayout,
  type CodeKeyring,
  type PrintRowsOptions,
} from '@channel-router/shared';
import { loadCodeKeyring } from './code-keys.js';

export interface PrintFileResult {
  bytes: number;
  /** Data rows (header excluded). */
  rows: number;
}

/**
 * Writes the print file to `out` (a path, or a stream that this call ends). Resolves once all bytes
 * are flushed. Chunks default to 1 MiB.
 */
export async function writePrintFile(
  layout: BatchLayout,
  keyring: CodeKeyring,
  out: string | Writable,
  options: PrintRowsOptions & { chunkBytes?: number } = {},
): Promise<PrintFileResult> {
  const chunkBytes = options.chunkBytes ?? 1 << 20;
  const writer = new PrintRowWriter(layout, keyring, options);
  if (!Number.isInteger(chunkBytes) || chunkBytes < writer.maxRowBytes || chunkBytes > 64 << 20) {
    throw new RangeError(`chunkBytes must be ${writer.maxRowBytes}..${64 << 20}`);
  }
  let bytes = 0;
  // Readable.from pulls the next chunk only when the destination wants more: that is the
  // backpressure. Each chunk is a fresh buffer because the stream holds it until written;
  // allocUnsafe is safe here since only the bytes `fill` wrote are passed on.
  const source = Readable.from(
    (function* () {
      for (;;) {
        const buf = Buffer.allocUnsafeSlow(chunkBytes);
        // The writer gets a plain Uint8Array view: keeping its hot loop monomorphic (one array
        // type everywhere) is worth several times its speed.
        const n = writer.fill(new Uint8Array(buf.buffer, buf.byteOffset, chunkBytes));
        if (n === 0) return;
        bytes += n;
        yield n === chunkBytes ? buf : buf.subarray(0, n);
      }
    })(),
    { objectMode: false, highWaterMark: 1 },
  );
  const sink = typeof out === 'string' ? createWriteStream(out) : out;
  await pipeline(source, sink);
  return { bytes, rows: writer.rowsWritten };
}

export interface PrintCommandDeps {
  /** Resolves a batch id to its layout (registered by the codes service; reads the database). */
  loadBatchLayout?: (batchId: string) => Promise<BatchLayout | null>;
  keyring?: CodeKeyring;
  log?: (line: string) => void;
}

const USAGE =
  'usage: print --out <file.csv> (--batch <batchId> | --batchNo N --cases N --itemsPerBox N --boxesPerCase N [--pallets N]) [--urlDomain host] [--dataDir dir]';

function parseFlags(argv: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}\n${USAGE}`);
    const eq = a.indexOf('=');
    if (eq > 0) {
      flags.set(a.slice(2, eq), a.slice(eq + 1));
    } else {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new Error(`missing value for ${a}\n${USAGE}`);
      flags.set(a.slice(2), v);
      i++;
    }
  }
  return flags;
}

/** The command; returns the process exit code. */
export async function runPrintCommand(argv: readonly string[], deps: PrintCommandDeps = {}): Promise<number> {
  const log = deps.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  let flags: Map<string, string>;
  try {
    flags = parseFlags(argv);
  } catch (e) {
    log((e as Error).message);
    return 2;
  }
  const out = flags.get('out');
  if (out === undefined) {
    log(USAGE);
    return 2;
  }
  let layout: BatchLayout;
  const batchId = flags.get('batch');
  if (batchId !== undefined) {
    if (deps.loadBatchLayout === undefined) {
      log('--batch needs the batch store; pass the layout flags instead (--batchNo --cases --itemsPerBox --boxesPerCase)');
      return 2;
    }
    const found = await deps.loadBatchLayout(batchId);
    if (found === null) {
      log(`batch ${batchId} not found`);
      return 1;
    }
    layout = found;
  } else {
    const num = (k: string): number | undefined => (flags.has(k) ? Number(flags.get(k)) : undefined);
    const v = validateLayout({
      batchNo: num('batchNo'),
      cases: num('cases'),
      itemsPerBox: num('itemsPerBox'),
      boxesPerCase: num('boxesPerCase'),
      pallets: num('pallets'),
    });
    if (!v.ok) {
      log(`${v.error.field ?? 'layout'}: ${v.error.message}\n${USAGE}`);
      return 2;
    }
    layout = v.data;
  }
  const dataDir = flags.get('dataDir');
  const keyring = deps.keyring ?? loadCodeKeyring(dataDir === undefined ? {} : { dataDir });
  const urlDomain = flags.get('urlDomain');
  const started = process.hrtime.bigint();
  const r = await writePrintFile(layout, keyring, out, urlDomain === undefined ? {} : { urlDomain });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  log(`wrote ${out}: ${r.rows} rows, ${r.bytes} bytes in ${seconds.toFixed(2)} s`);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runPrintCommand(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
