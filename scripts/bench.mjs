#!/usr/bin/env node
// `npm run bench [-- name-filter ...] [-- --quick]`: runs every bench/*.bench.ts and prints one
// table with a PASS/FAIL column; exits 1 when any row fails its target.
//
// A bench file exports `run(): Promise<Row[]>`, Row = { name, value, unit, target?, pass? }.
// Each file runs in its own node process (with tsx), so one bench's heap, JIT state or peak RSS
// does not colour the next one's figures. Flags starting with `--` are passed to every bench.
// Results also go to artifacts/bench.json.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCH_DIR = path.join(ROOT, 'bench');
const MARKER = '@@bench-rows@@';
/** A bench that runs longer than this is stuck. */
const BENCH_TIMEOUT_MS = 15 * 60 * 1000;

async function child(file) {
  const mod = await import(pathToFileURL(file).href);
  if (typeof mod.run !== 'function') throw new Error(`${file} does not export run()`);
  const rows = await mod.run();
  if (!Array.isArray(rows)) throw new Error(`${file}: run() must resolve to an array of rows`);
  process.stdout.write(`\n${MARKER}${JSON.stringify(rows)}\n`);
}

function runFile(file, passThrough) {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', file, ...passThrough], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
    });
    const timer = setTimeout(() => proc.kill('SIGKILL'), BENCH_TIMEOUT_MS);
    proc.on('close', (code) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith(MARKER));
      // The bench's own progress output is shown, minus the machine-readable line.
      const own = out.split('\n').filter((l) => !l.startsWith(MARKER)).join('\n').trim();
      if (own) process.stderr.write(`${own}\n`);
      if (code !== 0 || !line) {
        resolve([{ name: `${path.basename(file)} crashed (exit ${code})`, value: NaN, unit: '', target: 'runs', pass: false }]);
        return;
      }
      resolve(JSON.parse(line.slice(MARKER.length)));
    });
  });
}

function verdict(row) {
  if (row.pass === true) return 'PASS';
  if (row.pass === false) return 'FAIL';
  return '-';
}

function formatValue(v) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : String(Math.round(v * 100) / 100);
}

function printTable(rows) {
  const header = ['bench', 'name', 'value', 'unit', 'target', 'result'];
  const body = rows.map((r) => [r.file, r.name, formatValue(r.value), r.unit ?? '', r.target ?? '', verdict(r)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => String(b[i]).length)));
  const fmt = (cells) => cells.map((c, i) => (i === 2 ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('  ');
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(fmt(b));
}

async function main(argv) {
  const flags = argv.filter((a) => a.startsWith('--') && a !== '--');
  const filters = argv.filter((a) => !a.startsWith('--'));
  const files = readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => filters.length === 0 || filters.some((q) => f.includes(q)))
    .sort();
  if (files.length === 0) {
    console.error(`no bench/*.bench.ts matching ${filters.join(' ') || '(all)'}`);
    process.exit(1);
  }
  // The local cloud runs the bundles it is given: bring them up to date first, as the tests do.
  // (The same folders as scripts/test-global-setup.ts: the real functions and the fixtures.)
  const { buildFunctions, DEFAULT_FUNCTIONS_DIR } = await import('./build-functions.mjs');
  for (const functionsDir of [DEFAULT_FUNCTIONS_DIR, path.join(ROOT, 'local-cloud', 'test', 'fixtures', 'functions')]) {
    await buildFunctions({ functionsDir, ifStale: true });
  }
  const all = [];
  for (const f of files) {
    console.error(`running bench/${f} ...`);
    const started = Date.now();
    const rows = await runFile(path.join(BENCH_DIR, f), flags);
    console.error(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const r of rows) all.push({ file: f.replace(/\.bench\.ts$/, ''), ...r });
  }
  console.log('');
  printTable(all);
  mkdirSync(path.join(ROOT, 'artifacts'), { recursive: true });
  writeFileSync(path.join(ROOT, 'artifacts', 'bench.json'), `${JSON.stringify({ at: new Date().toISOString(), rows: all }, null, 2)}\n`);
  const failed = all.filter((r) => r.pass === false).length;
  console.log(`\n${all.length} figures, ${failed} failed`);
  if (failed > 0) process.exitCode = 1;
}

if (process.argv[2] === '--child') {
  await child(process.argv[3]);
} else {
  await main(process.argv.slice(2));
}
