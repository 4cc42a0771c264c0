/**
 * What every bench shares: the row it reports (scripts/bench.mjs prints them as one table), the
 * statistics, the machine-load row, a local cloud started and always closed, and running a bench
 * file on its own (`npx tsx bench/<name>.bench.ts [--quick]`).
 */
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { startTestCloud, type TestCloud } from '../local-cloud/src/testing.js';

type TestCloudOptions = NonNullable<Parameters<typeof startTestCloud>[0]>;

/** One row of `npm run bench`; `pass` is the verdict against `target` where the issue names one. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target?: string;
  pass?: boolean;
}

/** The value at fraction `p` (0..1) of an ascending array; NaN when it is empty. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

export function median(xs: readonly number[]): number {
  return percentile([...xs].sort((a, b) => a - b), 0.5);
}

export const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

/** The 1-minute load average now, to pass to `machineLoadRow` at the end. */
export const machineLoad = (): number => loadavg()[0] ?? 0;

/** Other work on the machine takes cores from a bench's figures: say how busy it was. */
export function machineLoadRow(before: number): BenchResult {
  return { name: `(env) machine load average (1 min) before / after, ${cpus().length} cores`, value: round(before, 1), unit: `/ ${round(machineLoad(), 1)}` };
}

/**
 * Runs `body` against a fresh local cloud and closes it whatever happens; on a failure the cloud's
 * last log lines go to stderr first (a bench's failure is usually a function's).
 */
export async function withTestCloud<T>(options: TestCloudOptions, body: (cloud: TestCloud) => Promise<T>): Promise<T> {
  const cloud = await startTestCloud(options);
  try {
    return await body(cloud);
  } catch (e) {
    console.error(cloud.logs().slice(-10).join('\n'));
    throw e;
  } finally {
    await cloud.close();
  }
}

/** The rows as a plain-text table with a PASS/FAIL column. */
export function printTable(rows: readonly BenchResult[]): void {
  const cells = rows.map((r) => [r.name, r.value.toLocaleString('en-US'), r.unit, r.target ?? '', r.pass === undefined ? '' : r.pass ? 'PASS' : 'FAIL']);
  const head = ['benchmark', 'value', 'unit', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: string[]) => c.map((x, i) => (i === 1 ? x.padStart(widths[i] as number) : x.padEnd(widths[i] as number))).join('  ');
  console.log(line(head));
  for (const c of cells) console.log(line(c));
}

/**
 * When the file is run directly rather than imported (scripts/bench.mjs imports it): runs the
 * bench (`--quick` on the command line gives `quick`), prints its rows, exits 1 on a failed row.
 */
export function runWhenMain(moduleUrl: string, run: (opts: { quick: boolean }) => Promise<BenchResult[]>): void {
  if (process.argv[1] === undefined || pathToFileURL(process.argv[1]).href !== moduleUrl) return;
  void run({ quick: process.argv.includes('--quick') }).then((rows) => {
    printTable(rows);
    if (rows.some((r) => r.pass === false)) process.exitCode = 1;
  });
}
