/**
 * Benchmarks of ordering through the local gateway, with the real cloud functions.
 * Run: `npm run bench -- ordering` or `npx tsx bench/ordering.bench.ts` (`--quick`: a 3 s load run).
 *
 * (a) Database requests per `order.quote` of 50 lines and per `order.submit` (5 lines, deposit),
 *     counted at the /tcb handler, median of several calls on warm instances; and the same again
 *     after the seller gains 40 more customers and 40 price policies: both must stay constant.
 * (b) `order.quote` of 50 lines: latency p50 through the gateway (target ≤ 30 ms).
 * (c) `order.submit` throughput: 16 buyers (stores of one dealer) ordering the same 5 products at
 *     once for ~10 s; target ≥ 100 orders/s, and 0 oversold: the dealer's reserved stock equals
 *     what the accepted orders asked for, and never exceeds what it holds.
 * (d) What bounds (c) here: the CPU of a bare function call and of one database request, and the
 *     ceiling they put on submits whatever the submit's own logic costs (ceilingRows).
 */
import type { TcbRequestCount } from '../local-cloud/src/testing.js';
import { cpus } from 'node:os';
import { Bench, requestFloor } from './backend.bench.js';
import { machineLoad, machineLoadRow, median, percentile, round, runWhenMain, withTestCloud, type BenchResult } from './harness.js';

const BUYERS = 16;
const HOT_PRODUCTS = 5;
const QUOTE_LINES = 50;
const SAMPLES = 7;
const QUOTE_P50_TARGET_MS = 30;
const SUBMIT_TARGET_PER_S = 100;
const POLICY = { consumerReward: 0, storeReward: 0, dealerRebate: 0, diversionPenalty: 0 };


const missing = (r: { ok: boolean; error?: { code: string } }) => !r.ok && r.error?.code === 'NOT_FOUND';

function addStock(b: Bench, orgId: string, productId: string, items: number): void {
  const store = b.cloud.db.store!;
  const id = `stock:${orgId}:${productId}`;
  const cur = store.findById('meta', id) as { onHand: number } | null;
  if (cur) store.update('meta', { _id: id }, { onHand: cur.onHand + items }, { multi: false, merge: true, upsert: false });
  else store.insert('meta', [{ _id: id, onHand: items, reserved: 0 }]);
}

async function planned(b: Bench, who: string, fn: string, event: Record<string, unknown>, fallback: () => void): Promise<void> {
  const r = await b.call(who, fn, event);
  if (r.ok) return;
  if (!missing(r)) throw new Error(`${fn}.${String(event.action)}: ${JSON.stringify(r.error)}`);
  fallback();
}

async function stockRows(b: Bench, productIds: readonly string[]): Promise<Array<{ productId: string; onHand: number; reserved: number }>> {
  const r = await b.call('ownerGd', 'order', { action: 'stock', orgId: b.ids.gd });
  if (r.ok) return (r.data.products ?? r.data.stock ?? r.data.rows) as Array<{ productId: string; onHand: number; reserved: number }>;
  return productIds.map((productId) => ({ productId, ...((b.cloud.db.store!.findById('meta', `stock:${b.ids.gd}:${productId}`) as { onHand: number; reserved: number } | null) ?? { onHand: 0, reserved: 0 }) }));
}

interface World {
  products: string[];
  stores: Array<{ who: string; orgId: string }>;
}

const INLINE_CASES_MAX = 100;

async function setUp(b: Bench, casesPerHot: number): Promise<World> {
  await b.login('admin', 'admin');
  await b.login('ownerGd', 'dealer');
  await b.ok('admin', 'channel', { action: 'bootstrap', brandName: '订货基准' });
  b.ids.gd = (await b.ok('admin', 'channel', { action: 'createOrg', kind: 'dealer', name: '广东经销商', upstreamId: 'brand', regionCode: '440100', territory: ['440000'] })).orgId;
  const { inviteCode } = await b.ok('admin', 'channel', { action: 'invite', orgId: b.ids.gd, role: 'owner' });
  await b.ok('ownerGd', 'channel', { action: 'join', inviteCode });
  const products: string[] = [];
  for (let i = 0; i < QUOTE_LINES; i++) {
    const { productId } = await b.ok('admin', 'channel', { action: 'createProduct', sku: `ORD-${i}`, name: `订货品${i}`, packaging: { itemsPerBox: 12, boxesPerCase: 20 }, policy: POLICY });
    const listPrices = { dealer: 10_000 + i, wholesaler: 11_000 + i, store: 12_000 + i };
    await b.ok('admin', 'trade', { action: 'setListPrices', productId, unit: 'box', listPrices });
    products.push(productId);
  }
  // The dealer's stock of the hot products: produced, stocked in at the brand, shipped to gd.
  for (const productId of products.slice(0, HOT_PRODUCTS)) {
    const items = casesPerHot * 240;
    // exportBatch answers the cases inline up to 100 of them (larger batches go to a stored file).
    for (let left = casesPerHot; left > 0; left -= INLINE_CASES_MAX) {
      const batch = await b.ok('admin', 'codes', { action: 'createBatch', productId, cases: Math.min(left, INLINE_CASES_MAX) });
      await planned(b, 'admin', 'scan', { action: 'stockIn', batchId: batch.batchId }, () => addStock(b, 'brand', productId, Math.min(left, INLINE_CASES_MAX) * 240));
      const cases = (await b.ok('admin', 'codes', { action: 'exportBatch', batchId: batch.batchId })).cases as Array<{ code: string }>;
      await b.ok('admin', 'scan', { action: 'ship', codes: cases.map((c) => c.code), toOrgId: b.ids.gd });
      await b.ok('ownerGd', 'scan', { action: 'receive', codes: cases.map((c) => c.code) });
    }
    if (missing(await b.call('ownerGd', 'order', { action: 'stock', orgId: b.ids.gd }))) {
      addStock(b, 'brand', productId, -items);
      addStock(b, b.ids.gd!, productId, items);
    }
  }
  const stores = await addStores(b, 'buyer', BUYERS);
  for (const s of stores) {
    const { paymentId } = await b.ok(s.who, 'order', { action: 'topUp', sellerOrgId: b.ids.gd, amount: 1_000_000_000, method: 'transfer', requestId: `bench-topup-${s.who}` });
    await b.ok('ownerGd', 'order', { action: 'confirmTransfer', paymentId });
  }
  return { products, stores };
}

async function addStores(b: Bench, prefix: string, n: number): Promise<Array<{ who: string; orgId: string }>> {
  const out: Array<{ who: string; orgId: string }> = [];
  for (let i = 0; i < n; i++) {
    const who = `${prefix}${i}`;
    await b.login(who, 'terminal');
    const { orgId } = await b.ok('admin', 'channel', { action: 'createOrg', kind: 'store', name: `门店${prefix}${i}`, upstreamId: b.ids.gd, regionCode: '440106' });
    const { inviteCode } = await b.ok('admin', 'channel', { action: 'invite', orgId, role: 'owner' });
    await b.ok(who, 'channel', { action: 'join', inviteCode });
    out.push({ who, orgId });
  }
  return out;
}

async function opsMedian(b: Bench, make: (i: number) => () => ReturnType<Bench['call']>): Promise<{ ops: number; byAction: TcbRequestCount['byAction']; handler_ms: number }> {
  const samples: TcbRequestCount[] = [];
  for (let i = 0; i < SAMPLES; i++) samples.push(await b.opsOf(make(i)));
  const m = median(samples.map((s) => s.total));
  return { ops: m, byAction: samples.find((s) => s.total === m)!.byAction, handler_ms: median(samples.map((s) => s.handler_ms)) };
}

async function countOps(b: Bench, w: World, tag: string): Promise<{ quote: number; submit: number }> {
  const buyer = w.stores[0]!;
  const lines50 = w.products.map((productId) => ({ productId, quantity: 2 }));
  const hot = w.products.slice(0, HOT_PRODUCTS).map((productId) => ({ productId, quantity: 1 }));
  const quote = await opsMedian(b, () => () => b.call(buyer.who, 'order', { action: 'quote', sellerOrgId: b.ids.gd, lines: lines50 }));
  const total = (await b.ok(buyer.who, 'order', { action: 'quote', sellerOrgId: b.ids.gd, lines: hot })).total;
  const submit = await opsMedian(b, (i) => () => b.call(buyer.who, 'order', { action: 'submit', sellerOrgId: b.ids.gd, lines: hot, tenders: [{ kind: 'deposit', amount: total }], expectedTotal: total, requestId: `ops-${tag}-${i}-0000` }));
  console.error(`  quote ${tag}: ${quote.ops} ${JSON.stringify(quote.byAction)}, database handler ${round(quote.handler_ms, 1)} ms`);
  console.error(`  submit ${tag}: ${submit.ops} ${JSON.stringify(submit.byAction)}, database handler ${round(submit.handler_ms, 1)} ms`);
  return { quote: quote.ops, submit: submit.ops };
}

async function quoteLatency(b: Bench, w: World, n: number): Promise<number> {
  const lines50 = w.products.map((productId) => ({ productId, quantity: 3 }));
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await b.ok(w.stores[i % BUYERS]!.who, 'order', { action: 'quote', sellerOrgId: b.ids.gd, lines: lines50 });
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function submitLoad(b: Bench, w: World, duration_ms: number): Promise<{ perSecond: number; p50: number; p99: number; failures: Record<string, number>; accepted: number; cpuPerOrder_ms: number }> {
  const hot = w.products.slice(0, HOT_PRODUCTS).map((productId) => ({ productId, quantity: 1 }));
  const total = (await b.ok(w.stores[0]!.who, 'order', { action: 'quote', sellerOrgId: b.ids.gd, lines: hot })).total;
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let accepted = 0;
  // CPU of this process, all threads (the gateway, the functions' workers, the database), per order:
  // what a submit costs whatever else loads the machine.
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    w.stores.map(async (s) => {
      for (let i = 0; performance.now() - t0 < duration_ms; i++) {
        const t = performance.now();
        const r = await b.call(s.who, 'order', { action: 'submit', sellerOrgId: b.ids.gd, lines: hot, tenders: [{ kind: 'deposit', amount: total }], expectedTotal: total, requestId: `load-${s.who}-${i}-000` });
        latencies.push(performance.now() - t);
        if (r.ok) accepted++;
        else failures[r.error!.code] = (failures[r.error!.code] ?? 0) + 1;
      }
    }),
  );
  const elapsed_s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  latencies.sort((a, b2) => a - b2);
  return { perSecond: accepted / elapsed_s, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), failures, accepted, cpuPerOrder_ms: (cpu.user + cpu.system) / 1000 / Math.max(1, accepted) };
}

/**
 * (d) What bounds (c) on this machine: CPU (all threads) of the cheapest function call there is,
 * `channel.me` (one database read), by the same 16 buyers at once; and of one database request
 * alone (backend bench's floor). A submit is one call and `submitOps` requests, so no submit that
 * keeps them passes `cores × 1000 / (call + (submitOps − 1) × request)` orders/s here, even if the
 * submit's own logic cost nothing.
 */
async function ceilingRows(b: Bench, w: World, submitOps: number, duration_ms: number): Promise<BenchResult[]> {
  const calls = async (ms: number) => {
    let n = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(w.stores.map(async (s) => {
      while (performance.now() - t0 < ms) {
        await b.ok(s.who, 'channel', { action: 'me' });
        n++;
      }
    }));
    const cpu = process.cpuUsage(cpu0);
    return (cpu.user + cpu.system) / 1000 / Math.max(1, n);
  };
  await calls(Math.min(2_000, duration_ms)); // the channel function's instances start
  const call_ms = await calls(Math.min(3_000, duration_ms));
  const { perRead_ms } = await requestFloor(b.cloud);
  const ceiling = (cpus().length * 1000) / (call_ms + (submitOps - 1) * perRead_ms);
  return [
    { name: '(d) CPU of one function call, channel.me (1 database read), 16 callers, all threads', value: round(call_ms, 2), unit: 'ms' },
    { name: '(d) CPU of one more database request (SDK point read, both threads)', value: round(perRead_ms, 3), unit: 'ms' },
    { name: `(d) ceiling: ${cpus().length} cores / (one call + ${submitOps - 1} more requests), submit's own work free`, value: round(ceiling, 0), unit: 'orders/s', target: `≥ ${SUBMIT_TARGET_PER_S} needed`, pass: undefined },
  ];
}

export async function run(opts: { quick?: boolean } = { quick: process.argv.includes('--quick') }): Promise<BenchResult[]> {
  const duration_ms = opts.quick ? 3_000 : 10_000;
  const loadBefore = machineLoad();
  return withTestCloud({ functionEnv: { RATE_LIMIT_MULTIPLIER: '1000000' } }, async (cloud) => {
    const b = new Bench(cloud);
    // Enough stock for every order the load can place (≥ 3,000 orders of one box of each).
    const w = await setUp(b, opts.quick ? 80 : 200);
    const rows: BenchResult[] = [];
    const small = await countOps(b, w, 'few');
    // 40 more customers and 40 customer-scope policies at the seller: the counts must not move.
    const more = await addStores(b, 'extra', 40);
    for (const [i, s] of more.entries()) {
      const policy = { action: 'savePricePolicy', scope: 'customer', targetIds: [s.orgId], items: [{ productId: w.products[i % QUOTE_LINES]!, price: 11_500 }], from: Date.now() - 86_400_000, to: Date.now() + 86_400_000 * 30, priority: 1 };
      await b.ok('ownerGd', 'trade', policy);
    }
    const big = await countOps(b, w, 'many');
    const grown = '+40 customers +40 policies';
    rows.push({ name: '(a) db requests: order.quote, 50 lines', value: small.quote, unit: 'requests' });
    rows.push({ name: `(a) db requests: order.quote, 50 lines, ${grown}`, value: big.quote, unit: 'requests', target: `= ${small.quote}`, pass: big.quote === small.quote });
    rows.push({ name: '(a) db requests: order.submit, 5 lines, deposit', value: small.submit, unit: 'requests' });
    rows.push({ name: `(a) db requests: order.submit, ${grown}`, value: big.submit, unit: 'requests', target: `= ${small.submit}`, pass: big.submit === small.submit });
    const p50 = await quoteLatency(b, w, opts.quick ? 30 : 100);
    rows.push({ name: '(b) order.quote, 50 lines: p50 through the gateway', value: round(p50, 1), unit: 'ms', target: `≤ ${QUOTE_P50_TARGET_MS}`, pass: p50 <= QUOTE_P50_TARGET_MS });
    // Warm-up under the same load, then the measured run.
    await submitLoad(b, w, opts.quick ? 1_000 : 5_000);
    const load = await submitLoad(b, w, duration_ms);
    rows.push({ name: `(c) order.submit throughput: ${BUYERS} buyers, the same ${HOT_PRODUCTS} products`, value: round(load.perSecond, 1), unit: 'orders/s', target: `≥ ${SUBMIT_TARGET_PER_S}`, pass: load.perSecond >= SUBMIT_TARGET_PER_S });
    rows.push({ name: '(c) order.submit latency p50 / p99', value: round(load.p50, 1), unit: `ms / ${round(load.p99, 1)} ms` });
    rows.push({ name: `(c) CPU per accepted submit, all threads (2 cores: at most ${round(2000 / load.cpuPerOrder_ms, 0)} orders/s on an idle machine)`, value: round(load.cpuPerOrder_ms, 1), unit: 'ms' });
    rows.push({ name: `(c) refused submits (${JSON.stringify(load.failures)})`, value: Object.values(load.failures).reduce((a, c) => a + c, 0), unit: 'calls' });
    // Oversold: what the dealer reserved vs what accepted orders asked and what it holds.
    const orders = cloud.db.all('orders') as Array<{ status: string; lines: Array<{ productId: string; quantity: number; itemsPerUnit: number }> }>;
    const asked = new Map<string, number>();
    for (const o of orders) if (o.status !== 'cancelled') for (const l of o.lines) asked.set(l.productId, (asked.get(l.productId) ?? 0) + l.quantity * l.itemsPerUnit);
    const rowsOf = await stockRows(b, w.products.slice(0, HOT_PRODUCTS));
    let oversold = 0;
    for (const r of rowsOf.filter((x) => w.products.slice(0, HOT_PRODUCTS).includes(x.productId))) {
      if (r.reserved > r.onHand) oversold += r.reserved - r.onHand;
      if (r.reserved !== (asked.get(r.productId) ?? 0)) oversold += Math.abs(r.reserved - (asked.get(r.productId) ?? 0));
    }
    rows.push({ name: '(c) oversold items (reserved beyond stock, or reservations ≠ accepted orders)', value: oversold, unit: 'items', target: '= 0', pass: oversold === 0 });
    rows.push(...(await ceilingRows(b, w, small.submit, duration_ms)));
    rows.push(machineLoadRow(loadBefore));
    return rows;
  });
}

runWhenMain(import.meta.url, run);
