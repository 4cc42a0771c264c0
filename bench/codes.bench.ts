/**
 * Benchmarks for one-item-one-code codes (docs/codes.md). Run directly: `npx tsx bench/codes.bench.ts`
 * (add `--quick` for a smaller file). `run()` returns the figures for the bench runner.
 *
 * - print rows: codes written per second into a reused buffer (no I/O), one core;
 * - verify: bare codes parsed + authenticated per second, and forged codes rejected per second;
 * - 10M-item file: the print file streamed to a temporary file; peak RSS growth while writing
 *   shows that memory stays constant (backpressure) rather than growing with the batch.
 */
import { randomBytes } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  encodeCode,
  makeKeyring,
  PrintRowWriter,
  totalCodes,
  verifyCode,
  type BatchLayout,
  type CodeKeyring,
} from '../shared/src/index.js';
import { createAesBlockCipher } from '../server/src/codes/node-cipher.js';
import { writePrintFile } from '../server/src/codes/print-file.js';
import { runWhenMain, type BenchResult } from './harness.js';


function keyring(): CodeKeyring {
  return makeKeyring(1, { 0: createAesBlockCipher(randomBytes(16)), 1: createAesBlockCipher(randomBytes(16)) });
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function benchPrintRows(kr: CodeKeyring): BenchResult {
  // 1,000,080 items in 240-item cases: 2,045,169 codes.
  const layout: BatchLayout = { batchNo: 1, cases: 4167, itemsPerBox: 24, boxesPerCase: 10 };
  const buf = new Uint8Array(1 << 20);
  // Warm-up so the JIT has compiled the hot loop before timing.
  const warm = new PrintRowWriter({ ...layout, cases: 200 }, kr);
  while (warm.fill(buf) > 0);
  // Best of three runs: the figure is what one core can do, not what a busy machine left over.
  let rate = 0;
  for (let run = 0; run < 3; run++) {
    const w = new PrintRowWriter(layout, kr);
    const t = process.hrtime.bigint();
    while (w.fill(buf) > 0);
    const s = seconds(t);
    if (w.codesWritten !== totalCodes(layout)) throw new Error('print rows: code count mismatch');
    rate = Math.max(rate, w.codesWritten / s);
  }
  return { name: 'print rows: codes generated', value: Math.round(rate), unit: 'codes/s', target: '>= 1000000', pass: rate >= 1_000_000 };
}

function benchVerify(kr: CodeKeyring): BenchResult[] {
  const n = 100_000;
  const codes: string[] = [];
  for (let i = 0; i < n; i++) codes.push(encodeCode({ batchNo: 3, level: 'item', kind: i % 2 ? 'hidden' : 'visible', index: i }, kr));
  const forged: string[] = [];
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  for (let i = 0; i < n; i++) {
    let s = '';
    for (let k = 0; k < 26; k++) s += alphabet[Math.floor(Math.random() * 32)];
    forged.push(s);
  }
  for (let i = 0; i < 10_000; i++) verifyCode(codes[i] as string, kr);
  let t = process.hrtime.bigint();
  let good = 0;
  for (const c of codes) if (verifyCode(c, kr).ok) good++;
  const verifyRate = n / seconds(t);
  if (good !== n) throw new Error('verify: a genuine code was rejected');
  t = process.hrtime.bigint();
  let accepted = 0;
  for (const c of forged) if (verifyCode(c, kr).ok) accepted++;
  const rejectRate = n / seconds(t);
  return [
    { name: 'verify genuine code (parse + decrypt + check)', value: Math.round(verifyRate), unit: 'codes/s' },
    { name: 'reject forged code (no I/O)', value: Math.round(rejectRate), unit: 'codes/s' },
    { name: 'forged codes accepted', value: accepted, unit: `of ${n}`, target: '0', pass: accepted === 0 },
  ];
}

async function benchFile(kr: CodeKeyring, items: number): Promise<BenchResult[]> {
  const boxesPerCase = 10;
  const itemsPerBox = 24;
  const cases = Math.ceil(items / (boxesPerCase * itemsPerBox));
  const layout: BatchLayout = { batchNo: 2, cases, itemsPerBox, boxesPerCase };
  const path = join(tmpdir(), `codes-bench-${process.pid}.csv`);
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const t = process.hrtime.bigint();
  try {
    const r = await writePrintFile(layout, kr, path);
    const s = seconds(t);
    peak = Math.max(peak, process.memoryUsage().rss);
    const size = statSync(path).size;
    if (size !== r.bytes) throw new Error('file size mismatch');
    const growthMb = (peak - base) / (1 << 20);
    const label = `${(cases * boxesPerCase * itemsPerBox / 1e6).toFixed(1)}M-item print file`;
    return [
      { name: `${label}: write to disk`, value: Math.round(totalCodes(layout) / s), unit: 'codes/s' },
      { name: `${label}: size`, value: Math.round(size / (1 << 20)), unit: 'MiB' },
      { name: `${label}: peak RSS growth`, value: Math.round(growthMb * 10) / 10, unit: 'MiB', target: '<= 64', pass: growthMb <= 64 },
    ];
  } finally {
    clearInterval(timer);
    rmSync(path, { force: true });
  }
}

export async function run(options: { fileItems?: number } = {}): Promise<BenchResult[]> {
  const kr = keyring();
  // The file first, while the heap is small, so RSS growth is the file's alone.
  const file = await benchFile(kr, options.fileItems ?? 10_000_000);
  return [benchPrintRows(kr), ...benchVerify(kr), ...file];
}

runWhenMain(import.meta.url, ({ quick }) => run(quick ? { fileItems: 1_000_000 } : {}));
