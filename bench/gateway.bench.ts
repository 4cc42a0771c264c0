/**
 * Benchmarks of the local cloud's request path: HTTP gateway → worker-thread function → SDK →
 * /tcb → SQLite, using the fixture function (local-cloud/test/fixtures/functions/echo).
 * Run: `npm run bench -- gateway` (or `npx tsx bench/gateway.bench.ts`).
 *
 * - call latency: one caller, sequential calls of a function that does no I/O (p50, p95);
 * - call throughput: 16 concurrent callers, same function;
 * - database call throughput: 16 concurrent signed-in callers, each call a document write
 *   through the SDK (a full round trip through /tcb and a committed SQLite transaction).
 */
import path from 'node:path';
import { buildFunctions, REPO_ROOT } from '../scripts/build-functions.mjs';
import type { TestCloud } from '../local-cloud/src/testing.js';
import { percentile, runWhenMain, withTestCloud, type BenchResult } from './harness.js';


const FIXTURES = path.join(REPO_ROOT, 'local-cloud', 'test', 'fixtures');
const FUNCTIONS = path.join(FIXTURES, 'functions');

async function latency(cloud: TestCloud, n: number): Promise<BenchResult[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const r = await cloud.call('echo', { action: 'ping' });
    times.push(performance.now() - t);
    if (!r.ok) throw new Error(`ping failed: ${JSON.stringify(r)}`);
  }
  times.sort((a, b) => a - b);
  const p50 = percentile(times, 0.5);
  const p95 = percentile(times, 0.95);
  return [
    { name: 'function call latency p50 (no I/O)', value: p50, unit: 'ms', target: '<= 5', pass: p50 <= 5 },
    { name: 'function call latency p95 (no I/O)', value: p95, unit: 'ms', target: '<= 15', pass: p95 <= 15 },
  ];
}

async function throughput(total: number, concurrency: number, call: (i: number) => Promise<{ ok: boolean }>): Promise<number> {
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const r = await call(i);
        if (!r.ok) {
          failed++;
          if (failed === 1) console.error(`first failure: ${JSON.stringify(r)}`);
        }
      }
    }),
  );
  if (failed > 0) throw new Error(`${failed} of ${total} calls failed`);
  return total / ((performance.now() - started) / 1000);
}

export async function run(opts: { quick?: boolean } = {}): Promise<BenchResult[]> {
  await buildFunctions({ functionsDir: FUNCTIONS, ifStale: true });
  return withTestCloud({ functionsDir: FUNCTIONS, collectionsFile: path.join(FIXTURES, 'collections.json') }, async (cloud) => {
    const n = opts.quick ? 200 : 1000;
    // Warm every worker and the JIT before measuring.
    await throughput(200, 16, () => cloud.call('echo', { action: 'ping' }));
    const rows = await latency(cloud, n);

    const calls = await throughput(n * 2, 16, () => cloud.call('echo', { action: 'ping' }));
    rows.push({ name: 'function calls, 16 concurrent (no I/O)', value: calls, unit: 'calls/s', target: '>= 500', pass: calls >= 500 });

    const tokens = await Promise.all(Array.from({ length: 16 }, (_, i) => cloud.login('consumer', `o-bench-${i}`)));
    const writes = await throughput(n, 16, (i) =>
      cloud.call('echo', { action: 'write', key: `bench-${i}`, value: i }, tokens[i % tokens.length]),
    );
    rows.push({ name: 'database writes via SDK, 16 concurrent', value: writes, unit: 'calls/s', target: '>= 150', pass: writes >= 150 });
    return rows;
  });
}

runWhenMain(import.meta.url, run);
