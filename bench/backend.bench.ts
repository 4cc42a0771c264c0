/**
 * Benchmarks of the backend through the local gateway, with the real cloud functions.
 * Run: `npm run bench -- backend` or `npx tsx bench/backend.bench.ts` (`--quick`: a 3 s load run).
 *
 * (a) Database operations per action, counted: every request the functions send to /tcb (the
 *     CloudBase database protocol) is one operation, whatever it is (read, write, transaction
 *     start or commit). Counted on warm function instances (the batch record cached), median of
 *     several calls. A forged code must cost 0; receiving a 240-item case must cost exactly what
 *     receiving one item costs (docs/custody.md#cost: constant writes, whatever is inside).
 * (b) Redeem throughput: 16 concurrent clients (in a worker thread, keep-alive HTTP) redeem
 *     distinct store-held hidden codes as many distinct consumers for ~10 s; throughput of paid
 *     redeems and latency p50/p99. Then where the time went: /tcb requests per redeem, the main
 *     thread's load (it serves HTTP, /tcb and SQLite), the time inside the /tcb handler, and CPU
 *     per redeem across all threads.
 * (c) The floor: CPU of the cheapest database request (an SDK point read), and the ceiling it puts
 *     on (b) for a redeem of (a)'s request count on this machine's cores.
 * (d) Latency with the local cloud's simulated database round trip (`--db-latency-ms`): p50/p99
 *     at 0 and 8 ms per request, one client and four (one per scan function instance).
 *
 * (a) also counts verify, balance, withdraw, and ship/receive of 1 item, 10 items and a 240-item
 * case: a scan's count must not grow with the number of codes or the items inside them.
 */
import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { TcbRequestCount, TestCloud } from '../local-cloud/src/testing.js';
import { accountOfDoc } from '../server/src/wallet/account-shards.js';
import { balancesFromStorage } from '../server/src/wallet/folded-credits.js';
import { loadLocalSecrets } from '../local-cloud/src/secrets.js';
import { SdkClient } from './sdk-client.js';
import { machineLoad, machineLoadRow, median, percentile, round, runWhenMain, withTestCloud, type BenchResult } from './harness.js';


type Reply = { ok: boolean; data?: any; error?: { code: string; message: string } };
interface ExportedCase {
  code: string;
  boxes: Array<{ code: string; items: Array<{ code: string; hiddenCode: string }> }>;
}

const POLICY = { consumerReward: 88, storeReward: 50, dealerRebate: 30, diversionPenalty: 500 };
const CLIENTS = 16;
const CONSUMERS = 400;
const SAMPLES = 5;
const THROUGHPUT_TARGET_PER_S = 150;
/** docs/money-and-concurrency.md: the redeem's request budget and what it costs. */
const REDEEM_OPS_TARGET = 5;
const FIRST_REDEEM_OPS_TARGET = 6;
const CPU_PER_REDEEM_TARGET_MS = 12;
/** The simulated database round trip of the latency run (CloudBase: several ms per request). */
const DB_LATENCY_MS = 8;
const P50_AT_LATENCY_TARGET_MS = 60;
/** One consumer alone, and one per scan function instance (no queue for instances). */
const LATENCY_CLIENTS = [1, 4];


export class Bench {
  readonly tokens: Record<string, string> = {};
  readonly ids: Record<string, string> = {};
  constructor(readonly cloud: TestCloud) {}

  async login(who: string, app: 'admin' | 'dealer' | 'terminal' | 'consumer'): Promise<void> {
    this.tokens[who] = await this.cloud.login(app, `o-${who}`, `u-${who}`);
  }
  async call(who: string | null, fn: string, event: Record<string, unknown>): Promise<Reply> {
    return (await this.cloud.call(fn, event, who === null ? undefined : this.tokens[who])) as Reply;
  }
  async ok(who: string | null, fn: string, event: Record<string, unknown>): Promise<any> {
    const r = await this.call(who, fn, event);
    if (!r.ok) throw new Error(`${fn}.${String(event.action)} as ${who}: ${JSON.stringify(r.error)}`);
    return r.data;
  }
  /** /tcb requests made by one call (nothing else runs meanwhile), and by kind. */
  async opsOf(call: () => Promise<Reply>, expectCode?: string): Promise<TcbRequestCount> {
    const before = this.cloud.db.tcbRequests();
    const r = await call();
    const after = this.cloud.db.tcbRequests();
    if (expectCode === undefined ? !r.ok : r.error?.code !== expectCode) throw new Error(`unexpected reply: ${JSON.stringify(r)}`);
    const byAction: Record<string, number> = {};
    for (const [k, v] of Object.entries(after.byAction)) if (v !== (before.byAction[k] ?? 0)) byAction[k] = v - (before.byAction[k] ?? 0);
    return { total: after.total - before.total, byAction, handler_ms: after.handler_ms - before.handler_ms, handlerByAction_ms: {} };
  }
}

/** Brand, a Guangdong dealer with a store, a Beijing dealer with a store, staff, a 12 × 20 product, a budget. */
export async function setUp(b: Bench, cases: number): Promise<ExportedCase[]> {
  for (const [who, app] of [
    ['admin', 'admin'],
    ['ownerGd', 'dealer'],
    ['clerkGz', 'terminal'],
    ['clerkBj', 'terminal'],
  ] as const) {
    await b.login(who, app);
  }
  await b.ok('admin', 'channel', { action: 'bootstrap', brandName: '基准品牌' });
  const org = async (kind: string, upstreamId: string, regionCode: string, territory?: string[]) =>
    (await b.ok('admin', 'channel', { action: 'createOrg', kind, name: `${kind}-${regionCode}`, upstreamId, regionCode, ...(territory ? { territory } : {}) })).orgId as string;
  b.ids.gd = await org('dealer', 'brand', '440100', ['440000']);
  b.ids.bj = await org('dealer', 'brand', '110100', ['110000']);
  b.ids.storeGz = await org('store', b.ids.gd, '440106');
  b.ids.storeBj = await org('store', b.ids.bj, '110105');
  for (const [who, orgId, role] of [
    ['ownerGd', b.ids.gd, 'owner'],
    ['clerkGz', b.ids.storeGz, 'clerk'],
    ['clerkBj', b.ids.storeBj, 'clerk'],
  ] as const) {
    const { inviteCode } = await b.ok('admin', 'channel', { action: 'invite', orgId, role });
    await b.ok(who, 'channel', { action: 'join', inviteCode });
  }
  const { productId } = await b.ok('admin', 'channel', {
    action: 'createProduct',
    sku: 'BENCH-240',
    name: '基准产品',
    packaging: { itemsPerBox: 12, boxesPerCase: 20 },
    policy: POLICY,
  });
  await b.ok('admin', 'wallet', { action: 'fund', amount: 1_000_000_000, requestId: 'bench-fund-1' });
  const batch = await b.ok('admin', 'codes', { action: 'createBatch', productId, cases });
  const tree = (await b.ok('admin', 'codes', { action: 'exportBatch', batchId: batch.batchId })).cases as ExportedCase[];
  // Everything goes to the Guangdong dealer (allocated there).
  const all = tree.map((c) => c.code);
  await b.ok('admin', 'scan', { action: 'ship', codes: all, toOrgId: b.ids.gd });
  await b.ok('ownerGd', 'scan', { action: 'receive', codes: all });
  return tree;
}

/** Warm every scan worker (each caches the batch record on first use). */
export async function warm(b: Bench, tree: ExportedCase[]): Promise<void> {
  for (let round = 0; round < 3; round++) {
    await Promise.all(Array.from({ length: 16 }, (_, i) => b.ok(null, 'scan', { action: 'verify', code: tree[0]!.boxes[i % 20]!.code })));
  }
}

function forged(code: string): string {
  return code.slice(0, -1) + (code.endsWith('Z') ? 'Y' : 'Z');
}

async function countOps(b: Bench, tree: ExportedCase[]): Promise<{ rows: BenchResult[]; redeemOps: number }> {
  const rows: BenchResult[] = [];
  const med = async (label: string, make: (i: number) => () => Promise<Reply>, expectCode?: string) => {
    const samples: TcbRequestCount[] = [];
    for (let i = 0; i < SAMPLES; i++) samples.push(await b.opsOf(make(i), expectCode));
    const totals = samples.map((s) => s.total);
    const m = median(totals);
    const rep = samples.find((s) => s.total === m)!;
    console.error(`  ${label}: ${totals.join(', ')} → ${m}  ${JSON.stringify(rep.byAction)}`);
    return { ops: m, spread: [Math.min(...totals), Math.max(...totals)] as const, byAction: rep.byAction };
  };
  await b.login('c0', 'consumer');
  // Stock for the samples: case 1 goes to the store (redeems), cases 2..11 stay at the dealer.
  await b.ok('ownerGd', 'scan', { action: 'ship', codes: [tree[1]!.code], toOrgId: b.ids.storeGz });
  await b.ok('clerkGz', 'scan', { action: 'receive', codes: [tree[1]!.code] });

  const forgedOps = await med('redeem, forged code', () => () => b.call('c0', 'scan', { action: 'redeem', code: forged(tree[1]!.boxes[0]!.items[0]!.hiddenCode) }), 'INVALID_CODE');
  rows.push({ name: '(a) db ops: redeem of a forged code', value: forgedOps.ops, unit: 'ops', target: '= 0', pass: forgedOps.ops === 0 });
  // Steady state: the store's and the dealer's wallet shards exist (a first credit of a shard
  // costs one more request, once). About a hundred redeems touch all 16 shards.
  await b.login('c1', 'consumer');
  for (const box of tree[1]!.boxes.slice(3, 12)) for (const item of box.items) await b.ok('c1', 'scan', { action: 'redeem', code: item.hiddenCode });
  const redeem = await med('redeem', (i) => () => b.call('c0', 'scan', { action: 'redeem', code: tree[1]!.boxes[1]!.items[i]!.hiddenCode }));
  rows.push({ name: '(a) db ops: redeem (store-held item, reward + store reward + rebate)', value: redeem.ops, unit: 'ops', target: `<= ${REDEEM_OPS_TARGET}`, pass: redeem.ops <= REDEEM_OPS_TARGET });
  for (const [k, v] of Object.entries(redeem.byAction).sort()) rows.push({ name: `    of which ${k.replace('database.', '')}`, value: v, unit: 'ops' });
  // Most redeemers redeem once: their rate-limit window of the minute and their wallet are new.
  for (let i = 0; i < SAMPLES; i++) await b.login(`first${i}`, 'consumer');
  const firstTime = await med('redeem by a first-time consumer', (i) => () => b.call(`first${i}`, 'scan', { action: 'redeem', code: tree[1]!.boxes[2]!.items[i]!.hiddenCode }));
  rows.push({ name: '(a) db ops: redeem by a first-time consumer (new rate window, new wallet)', value: firstTime.ops, unit: 'ops', target: `<= ${FIRST_REDEEM_OPS_TARGET}`, pass: firstTime.ops <= FIRST_REDEEM_OPS_TARGET });
  const again = await med('redeem of a spent code by another person', (i) => () => b.call(`first${i}`, 'scan', { action: 'redeem', code: tree[1]!.boxes[1]!.items[i]!.hiddenCode }), 'ALREADY_REDEEMED');
  rows.push({ name: '(a) db ops: redeem of a spent code by another person (duplicate_redeem alert)', value: again.ops, unit: 'ops' });

  const verify = await med('verify', (i) => () => b.call('c0', 'scan', { action: 'verify', code: tree[1]!.boxes[i]!.items[0]!.code }));
  rows.push({ name: '(a) db ops: verify', value: verify.ops, unit: 'ops' });
  const balance = await med('balance (person)', () => () => b.call('c1', 'wallet', { action: 'balance' }));
  rows.push({ name: '(a) db ops: balance (person)', value: balance.ops, unit: 'ops' });
  const orgBalance = await med('balance (org owner)', () => () => b.call('ownerGd', 'wallet', { action: 'balance', orgId: b.ids.gd }));
  rows.push({ name: '(a) db ops: balance (org, by its owner)', value: orgBalance.ops, unit: 'ops' });
  const withdraw = await med('withdraw', (i) => () => b.call('c1', 'wallet', { action: 'withdraw', amount: 10, requestId: `bench-wd-${i}-0000` }));
  rows.push({ name: '(a) db ops: withdraw (person)', value: withdraw.ops, unit: 'ops' });

  const itemShip = await med('ship 1 item', (i) => () => b.call('ownerGd', 'scan', { action: 'ship', codes: [tree[2]!.boxes[i]!.items[0]!.code], toOrgId: b.ids.storeGz }));
  const caseShip = await med('ship 240-item case', (i) => () => b.call('ownerGd', 'scan', { action: 'ship', codes: [tree[3 + i]!.code], toOrgId: b.ids.storeGz }));
  rows.push({ name: '(a) db ops: ship, 1 item', value: itemShip.ops, unit: 'ops' });
  rows.push({ name: '(a) db ops: ship, 240-item case', value: caseShip.ops, unit: 'ops', target: `= ${itemShip.ops} (1 item)`, pass: caseShip.ops === itemShip.ops });

  const tenCodes = (i: number) => tree[2]!.boxes[5 + i]!.items.slice(0, 10).map((x) => x.code);
  const tenShip = await med('ship 10 items', (i) => () => b.call('ownerGd', 'scan', { action: 'ship', codes: tenCodes(i), toOrgId: b.ids.storeGz }));
  rows.push({ name: '(a) db ops: ship, 10 items', value: tenShip.ops, unit: 'ops', target: `= ${itemShip.ops} (1 item)`, pass: tenShip.ops === itemShip.ops });
  const tenRcv = await med('receive 10 items', (i) => () => b.call('clerkGz', 'scan', { action: 'receive', codes: tenCodes(i) }));
  const itemRcv = await med('receive 1 item', (i) => () => b.call('clerkGz', 'scan', { action: 'receive', codes: [tree[2]!.boxes[i]!.items[0]!.code] }));
  const caseRcv = await med('receive 240-item case', (i) => () => b.call('clerkGz', 'scan', { action: 'receive', codes: [tree[3 + i]!.code] }));
  rows.push({ name: '(a) db ops: receive, 1 item', value: itemRcv.ops, unit: 'ops' });
  rows.push({ name: '(a) db ops: receive, 10 items', value: tenRcv.ops, unit: 'ops', target: `= ${itemRcv.ops} (1 item)`, pass: tenRcv.ops === itemRcv.ops });
  rows.push({ name: '(a) db ops: receive, 240-item case', value: caseRcv.ops, unit: 'ops', target: `= ${itemRcv.ops} (1 item)`, pass: caseRcv.ops === itemRcv.ops });

  // Diverted stock-in (one alert each): a Beijing store scans in the Guangdong dealer's goods.
  const itemDiv = await med('receive diverted 1 item', (i) => () => b.call('clerkBj', 'scan', { action: 'receive', codes: [tree[2]!.boxes[i]!.items[1]!.code] }));
  const caseDiv = await med('receive diverted 240-item case', (i) => () => b.call('clerkBj', 'scan', { action: 'receive', codes: [tree[8 + i]!.code] }));
  rows.push({ name: '(a) db ops: receive with a diversion alert, 1 item', value: itemDiv.ops, unit: 'ops' });
  rows.push({ name: '(a) db ops: receive with a diversion alert, 240-item case', value: caseDiv.ops, unit: 'ops', target: `= ${itemDiv.ops} (1 item)`, pass: caseDiv.ops === itemDiv.ops });
  return { rows, redeemOps: redeem.ops };
}

interface LoadResult {
  latencies_ms: number[];
  failures: Record<string, number>;
  paid: number;
  elapsed_ms: number;
  clientBusy: number;
}

async function load(b: Bench, tree: ExportedCase[], duration_ms: number, redeemOps: number): Promise<BenchResult[]> {
  // Unused stock: cases 13.. go to the store; their hidden codes are redeemed once each.
  const stock = tree.slice(13);
  await b.ok('ownerGd', 'scan', { action: 'ship', codes: stock.map((c) => c.code), toOrgId: b.ids.storeGz });
  await b.ok('clerkGz', 'scan', { action: 'receive', codes: stock.map((c) => c.code) });
  const codes = stock.flatMap((c) => c.boxes.flatMap((x) => x.items.map((i) => i.hiddenCode)));
  const tokens = await Promise.all(Array.from({ length: CONSUMERS }, (_, i) => b.cloud.login('consumer', `o-load-${i}`, `u-load-${i}`)));
  // Baseline without contention: one client, one redeem at a time.
  const SEQUENTIAL = 200;
  const one = await runLoad(b, { tokens, codes: codes.slice(0, SEQUENTIAL), clients: 1, duration_ms: 3_000 });
  const oneLat = [...one.latencies_ms].sort((x, y) => x - y);
  const baseline: BenchResult[] = [
    { name: `(b) baseline, 1 client: redeems/s`, value: round(one.latencies_ms.length / (one.elapsed_ms / 1000), 1), unit: 'redeems/s' },
    { name: `(b) baseline, 1 client: latency p50`, value: round(percentile(oneLat, 0.5)), unit: 'ms' },
  ];
  // Warm-up under the same load, not measured: the baseline ran on one function instance, and
  // V8 goes on compiling the others' code for tens of seconds (measured: ~6 ms of compiler CPU per
  // redeem after 5 s, ~0.6 ms after 30 s). A deployed instance has long been warm: the figure
  // below is the steady state. It takes its own codes.
  const warmUp_ms = duration_ms >= 10_000 ? 30_000 : 5_000;
  const WARM_UP_CODES = warmUp_ms >= 30_000 ? 2500 : 1000;
  await runLoad(b, { tokens, codes: codes.slice(SEQUENTIAL, SEQUENTIAL + WARM_UP_CODES), clients: CLIENTS, duration_ms: warmUp_ms });
  const rest = codes.slice(SEQUENTIAL + WARM_UP_CODES);
  const measured = await measuredLoad(b, { tokens, codes: rest, clients: CLIENTS, duration_ms }, redeemOps);
  // What a consumer waits, at 0 and at DB_LATENCY_MS per database request (local-cloud
  // --db-latency-ms: CloudBase's round trips from a function to its database), with one client
  // and with one per scan function instance, so that the figure is the redeem's own time and not
  // a queue for instances (CloudBase starts more instances as the load grows; the local runner
  // keeps four). Fresh codes: those the run above left.
  let left = rest.slice(measured.redeems);
  const latencyRows: BenchResult[] = [];
  for (const clients of LATENCY_CLIENTS) {
    for (const latency_ms of [0, DB_LATENCY_MS]) {
      b.cloud.cloud.setDbLatency(latency_ms);
      let r: LoadResult;
      try {
        r = await runLoad(b, { tokens, codes: left, clients, duration_ms: Math.min(duration_ms, 4_000) });
      } finally {
        b.cloud.cloud.setDbLatency(0);
      }
      left = left.slice(r.latencies_ms.length);
      const lat = [...r.latencies_ms].sort((x, y) => x - y);
      const failed = Object.values(r.failures).reduce((a, n) => a + n, 0);
      const p50 = percentile(lat, 0.5);
      const label = `${clients} client${clients > 1 ? 's' : ''}, db requests +${latency_ms} ms`;
      latencyRows.push(
        { name: `(d) redeem latency p50, ${label}`, value: round(p50), unit: 'ms', ...(latency_ms === DB_LATENCY_MS ? { target: `<= ${P50_AT_LATENCY_TARGET_MS}`, pass: p50 <= P50_AT_LATENCY_TARGET_MS } : {}) },
        { name: `(d) redeem latency p99, ${label}`, value: round(percentile(lat, 0.99)), unit: 'ms' },
        { name: `(d) redeems/s, ${label} (${r.latencies_ms.length} redeems, ${failed} failed)`, value: round((r.latencies_ms.length - failed) / (r.elapsed_ms / 1000), 1), unit: 'redeems/s', target: '0 failed', pass: failed === 0 },
      );
    }
  }
  return [...baseline, ...measured.rows, ...latencyRows];

}

async function runLoad(b: Bench, work: { tokens: string[]; codes: string[]; clients: number; duration_ms: number }): Promise<LoadResult> {
  const worker = new Worker(new URL('./redeem-load-client.mjs', import.meta.url), { workerData: { url: b.cloud.url, ...work } });
  try {
    return await new Promise<LoadResult>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  } finally {
    await worker.terminate();
  }
}

async function measuredLoad(b: Bench, work: { tokens: string[]; codes: string[]; clients: number; duration_ms: number }, redeemOps: number): Promise<{ rows: BenchResult[]; redeems: number }> {
  const budgetBefore = budget(b.cloud);

  const before = b.cloud.db.tcbRequests();
  const tx0 = b.cloud.db.store!.transactions.stats();
  const cpu0 = process.cpuUsage();
  const elu0 = performance.eventLoopUtilization();
  const result = await runLoad(b, work);
  const elu = performance.eventLoopUtilization(elu0);
  const cpu = process.cpuUsage(cpu0);
  const after = b.cloud.db.tcbRequests();
  const tx = b.cloud.db.store!.transactions.stats();

  const done = result.latencies_ms.length;
  const failed = Object.values(result.failures).reduce((a, n) => a + n, 0);
  const ok = done - failed;
  const throughput = ok / (result.elapsed_ms / 1000);
  const lat = [...result.latencies_ms].sort((x, y) => x - y);
  const p50 = percentile(lat, 0.5);
  const p99 = percentile(lat, 0.99);
  const tcbPerRedeem = (after.total - before.total) / done;
  const cpuPerRedeem_ms = (cpu.user + cpu.system) / 1000 / done;
  const handlerPerRedeem_ms = (after.handler_ms - before.handler_ms) / done;
  const mainBusy = elu.utilization;
  // What the budget paid must be what the replies said: consumer, store and rebate per paid redeem.
  const spent = budgetBefore - budget(b.cloud);
  const ledgerOk = spent === result.paid * (POLICY.consumerReward + POLICY.storeReward + POLICY.dealerRebate) && ledgerSum(b.cloud) === 0;
  if (failed > 0) console.error(`  failures: ${JSON.stringify(result.failures)}`);
  console.error(`  /tcb requests per redeem, by kind: ${JSON.stringify(Object.fromEntries(Object.entries(after.byAction).map(([k, v]) => [k.replace('database.', ''), round((v - (before.byAction[k] ?? 0)) / done, 2)])))}`);
  console.error(`  main-thread ms in the /tcb handler per redeem, by kind: ${JSON.stringify(Object.fromEntries(Object.entries(after.handlerByAction_ms).map(([k, v]) => [k.replace('database.', ''), round((v - (before.handlerByAction_ms[k] ?? 0)) / done, 3)])))}`);
  if (result.latencies_ms.length >= work.codes.length) console.error('  the load ran out of codes before its time: add cases');
  const rows: BenchResult[] = [
    { name: `(b) redeems/s, ${CLIENTS} concurrent clients, ${round(result.elapsed_ms / 1000, 1)} s`, value: round(throughput, 1), unit: 'redeems/s', target: `>= ${THROUGHPUT_TARGET_PER_S}`, pass: throughput >= THROUGHPUT_TARGET_PER_S },
    { name: '(b) redeem latency p50', value: round(p50), unit: 'ms' },
    { name: '(b) redeem latency p99', value: round(p99), unit: 'ms' },
    { name: '(b) failed redeems', value: failed, unit: 'calls', target: '= 0', pass: failed === 0 },
    { name: '(b) budget and ledger consistent after the load', value: ledgerOk ? 1 : 0, unit: 'bool', target: '= 1', pass: ledgerOk },
    { name: '(b) profile: /tcb requests per redeem', value: round(tcbPerRedeem, 2), unit: 'reqs', target: `= ${redeemOps} (a)` },
    { name: '(b) profile: transactions started per redeem', value: round((tx.started - tx0.started) / done, 2), unit: 'txns' },
    { name: '(b) profile: transaction conflicts (retries) per redeem', value: round((tx.conflicts - tx0.conflicts) / done, 2), unit: 'conflicts' },
    { name: '(b) profile: transactions that queued for a held document, per redeem', value: round((tx.queued - tx0.queued) / done, 2), unit: 'waits' },
    { name: '(b) profile: main thread busy (HTTP + /tcb + SQLite)', value: round(mainBusy * 100, 1), unit: '%' },
    { name: '(b) profile: main thread inside the /tcb handler, per redeem', value: round(handlerPerRedeem_ms, 3), unit: 'ms' },
    { name: '(b) profile: main thread per redeem, all of it', value: round((mainBusy * result.elapsed_ms) / done, 3), unit: 'ms' },
    { name: `(b) profile: CPU per redeem, all threads (${cpus().length} cores)`, value: round(cpuPerRedeem_ms, 3), unit: 'ms', target: `<= ${CPU_PER_REDEEM_TARGET_MS}`, pass: cpuPerRedeem_ms <= CPU_PER_REDEEM_TARGET_MS },
    { name: '(b) profile: load client thread busy', value: round(result.clientBusy * 100, 1), unit: '%' },
  ];
  return { rows, redeems: done };
}

function budget(cloud: TestCloud): number {
  // The budget is kept in shard documents (server/src/wallet/account-shards.ts): their sum.
  return cloud.db.all('accounts').reduce((s, a) => s + (accountOfDoc(String(a._id)) === 'brand:budget' ? (a.balance_fen as number) : 0), 0);
}
function ledgerSum(cloud: TestCloud): number {
  // Redeems credit wallets in the ledger only (postings marked creditFolded): counted too.
  const balances = balancesFromStorage(cloud.db.all('accounts') as never, cloud.db.all('ledger') as never, accountOfDoc);
  let sum = 0;
  for (const b of balances.values()) sum += b;
  return sum;
}

/**
 * (c) The floor under (b): what one database request costs on this machine, measured with the
 * real SDK in a worker thread (as a function instance runs it) doing point reads against this
 * cloud's /tcb, sequentially: CPU of the SDK's thread plus CPU of the /tcb thread per read, the
 * cheapest request there is. A redeem needs `redeemOps` requests, so on this many cores no design
 * that keeps them can pass `cores × 1000 / (redeemOps × floor_ms)` redeems per second, even with
 * the functions' own work, the gateway and the clients costing nothing.
 */
async function floor(cloud: TestCloud, redeemOps: number): Promise<BenchResult[]> {
  const { perRead_ms, p50_ms } = await requestFloor(cloud);
  const ceiling = (cpus().length * 1000) / (redeemOps * perRead_ms);
  return [
    { name: '(c) floor: one SDK point read, CPU of both threads', value: round(perRead_ms, 3), unit: 'ms' },
    { name: '(c) floor: one SDK point read, latency p50', value: round(p50_ms, 3), unit: 'ms' },
    { name: `(c) ceiling: ${cpus().length} cores / (${redeemOps} requests per redeem x floor)`, value: round(ceiling, 0), unit: 'redeems/s', target: `>= ${THROUGHPUT_TARGET_PER_S} needed`, pass: undefined },
  ];
}

/** CPU (SDK thread + /tcb thread) and latency of one sequential SDK point read against `cloud`. */
export async function requestFloor(cloud: TestCloud, reads = 3000): Promise<{ perRead_ms: number; p50_ms: number }> {
  const { credentials } = loadLocalSecrets(cloud.dataDir);
  const ids = Array.from({ length: 100 }, (_, i) => `floor-${i}`);
  if (cloud.db.store!.findById('meta', ids[0]!) === null) cloud.db.store!.insert('meta', ids.map((_id, i) => ({ _id, balance_fen: i })));
  const client = new SdkClient({ url: `${cloud.url}/tcb`, credentials });
  try {
    await client.ask({ task: 'pointRead', collection: 'meta', ids, n: 500 }); // JIT warm-up
    const cpu0 = process.cpuUsage();
    const res = await client.ask<{ latencies_ms: number[] }>({ task: 'pointRead', collection: 'meta', ids, n: reads });
    const cpu = process.cpuUsage(cpu0);
    return { perRead_ms: (cpu.user + cpu.system) / 1000 / reads, p50_ms: median(res.latencies_ms) };
  } finally {
    await client.close();
  }
}

/** The bench runner calls `run()` and passes its flags on the command line (`--quick`). */
export async function run(opts: { quick?: boolean } = { quick: process.argv.includes('--quick') }): Promise<BenchResult[]> {
  const duration_ms = opts.quick ? 3_000 : 10_000;
  const loadBefore = machineLoad();
  // 13 cases for (a), the rest (240 items each) for the load: the baseline, the warm-up, enough
  // for ~400 redeems/s measured, and the run with database latency (d).
  const cases = 13 + (opts.quick ? 14 : 36);
  return withTestCloud({ functionEnv: { RATE_LIMIT_MULTIPLIER: '1000000' } }, async (cloud) => {
    const b = new Bench(cloud);
    const tree = await setUp(b, cases);
    await warm(b, tree);
    const a = await countOps(b, tree);
    const f = await floor(cloud, a.redeemOps);
    const rows = [...a.rows, ...(await load(b, tree, duration_ms, a.redeemOps)), ...f];
    rows.push(machineLoadRow(loadBefore));
    return rows;
  });
}

runWhenMain(import.meta.url, run);
