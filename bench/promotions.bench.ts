/**
 * Benchmarks of promotions and rebate statements through the local gateway, with the real cloud
 * functions (docs/promotions.md). Run: `npm run bench -- promotions` or
 * `npx tsx bench/promotions.bench.ts` (`--quick`: fewer samples, 200 buyers).
 *
 * (a) `order.quote` of 50 lines with 10 running promotions of the seller (specials, a bundle,
 *     满减, 满折, 满送): latency p50 through the gateway (target ≤ 30 ms).
 * (b) Database requests per such quote, with 1 and with 10 running promotions: constant in the
 *     number of promotions (they load in one read; a per-buyer limit adds the buyer's use counts,
 *     one read for all; a 满送 giving a product not in the cart, the gift prices).
 * (c) `trade.computeRebates` for a quarter: 1,000 buyers with 100 completed orders each (the orders
 *     and the buyers' orgs are written straight into the database in bulk: placing 100,000 orders
 *     through the functions is the ordering bench's business), time and database requests.
 */
import { periodOf, previousPeriod } from '@channel-router/shared';
import { Bench } from './backend.bench.js';
import { machineLoad, machineLoadRow, median, round, runWhenMain, withTestCloud, type BenchResult } from './harness.js';

const QUOTE_LINES = 50;
const PROMOTIONS = 10;
const QUOTE_P50_TARGET_MS = 30;
const POLICY = { consumerReward: 0, storeReward: 0, dealerRebate: 0, diversionPenalty: 0 };
const DAY_MS = 86_400_000;
/** The promotion saved alone first (the one with a per-buyer limit). */
const FIRST = 6;


interface World {
  products: string[];
  buyer: string;
  buyerOrgId: string;
}

async function setUp(b: Bench): Promise<World> {
  await b.login('admin', 'admin');
  await b.login('ownerGd', 'dealer');
  await b.ok('admin', 'channel', { action: 'bootstrap', brandName: '促销基准' });
  b.ids.gd = (await b.ok('admin', 'channel', { action: 'createOrg', kind: 'dealer', name: '广东经销商', upstreamId: 'brand', regionCode: '440100', territory: ['440000'] })).orgId;
  const { inviteCode } = await b.ok('admin', 'channel', { action: 'invite', orgId: b.ids.gd, role: 'owner' });
  await b.ok('ownerGd', 'channel', { action: 'join', inviteCode });
  const products: string[] = [];
  for (let i = 0; i < QUOTE_LINES; i++) {
    const { productId } = await b.ok('admin', 'channel', { action: 'createProduct', sku: `PRM-${i}`, name: `促销品${i}`, packaging: { itemsPerBox: 12, boxesPerCase: 20 }, policy: POLICY });
    await b.ok('admin', 'trade', { action: 'setListPrices', productId, unit: 'box', listPrices: { dealer: 10_000 + i, wholesaler: 11_000 + i, store: 12_000 + i } });
    products.push(productId);
  }
  await b.login('buyer', 'terminal');
  const { orgId } = await b.ok('admin', 'channel', { action: 'createOrg', kind: 'store', name: '基准门店', upstreamId: b.ids.gd, regionCode: '440106' });
  const invite = await b.ok('admin', 'channel', { action: 'invite', orgId, role: 'owner' });
  await b.ok('buyer', 'channel', { action: 'join', inviteCode: invite.inviteCode });
  return { products, buyer: 'buyer', buyerOrgId: orgId };
}

/** Ten promotions of every kind over the 50 products, all running for the buyer. */
function promotions(p: readonly string[]): Array<Record<string, unknown>> {
  const common = { targeting: { kinds: ['store'] }, from: Date.now() - DAY_MS, to: Date.now() + 30 * DAY_MS };
  const listed = (from: number, to: number) => ({ scope: 'listed', productIds: p.slice(from, to) });
  return [
    { type: 'special', name: '特价A', items: p.slice(0, 5).map((productId) => ({ productId, price: 11_000 })) },
    { type: 'special', name: '特价B', items: p.slice(5, 10).map((productId) => ({ productId, price: 11_500 })) },
    { type: 'special', name: '特价C', items: p.slice(10, 12).map((productId) => ({ productId, price: 11_800 })) },
    { type: 'bundle', name: '套餐', items: [{ productId: p[12]!, quantity: 2 }, { productId: p[13]!, quantity: 1 }], price: 30_000 },
    { type: 'full_reduction', name: '满减全场', products: { scope: 'all' }, thresholdBy: 'amount', tiers: [{ threshold: 500_000, off: 20_000 }, { threshold: 1_000_000, off: 50_000 }] },
    { type: 'full_reduction', name: '每满减', products: listed(20, 30), thresholdBy: 'amount', tiers: [{ threshold: 100_000, off: 5_000 }], repeat: true, cap: 30_000, budget: { kind: 'fen', amount: 10_000_000 } },
    { type: 'full_reduction', name: '满件减', products: listed(30, 35), thresholdBy: 'units', tiers: [{ threshold: 10, off: 3_000 }], perBuyerLimit: 100 },
    { type: 'full_discount', name: '满折A', products: listed(35, 42), thresholdBy: 'amount', tiers: [{ threshold: 100_000, rate_bp: 9_500 }, { threshold: 300_000, rate_bp: 9_000 }] },
    { type: 'full_discount', name: '满折B', products: { scope: 'except', productIds: p.slice(0, 20) }, thresholdBy: 'units', tiers: [{ threshold: 50, rate_bp: 9_800 }] },
    { type: 'full_gift', name: '满送', products: listed(42, 50), thresholdBy: 'units', tiers: [{ threshold: 8, gifts: [{ productId: p[49]!, quantity: 1 }] }, { threshold: 20, gifts: [{ productId: p[49]!, quantity: 3 }] }], budget: { kind: 'gift_units', amount: 1_000 } },
  ].map((d) => ({ action: 'savePromotion', ...common, ...d }));
}

async function quoteOps(b: Bench, w: World, samples: number): Promise<number> {
  const lines = w.products.map((productId) => ({ productId, quantity: 3 }));
  const counts: number[] = [];
  for (let i = 0; i < samples; i++) counts.push((await b.opsOf(() => b.call(w.buyer, 'order', { action: 'quote', sellerOrgId: b.ids.gd, lines }))).total);
  return median(counts);
}

async function quoteLatency(b: Bench, w: World, n: number): Promise<{ p50: number; discounts: number }> {
  const lines = w.products.map((productId) => ({ productId, quantity: 3 }));
  const times: number[] = [];
  let discounts = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const q = await b.ok(w.buyer, 'order', { action: 'quote', sellerOrgId: b.ids.gd, lines });
    times.push(performance.now() - t0);
    discounts = (q.lines as Array<{ discounts: unknown[] }>).reduce((s, l) => s + l.discounts.length, 0) + (q.gifts as unknown[]).length;
  }
  return { p50: median(times), discounts };
}

/** `buyers` stores of gd with `perBuyer` orders each completed in the last quarter, written in bulk. */
function seedQuarter(b: Bench, w: World, buyers: number, perBuyer: number): { from_ms: number; key: string } {
  const store = b.cloud.db.store!;
  const quarter = previousPeriod(periodOf('quarter', Date.now()));
  const template = store.findById('orgs', w.buyerOrgId) as Record<string, unknown>;
  const orgs: Array<Record<string, unknown>> = [];
  for (let i = 0; i < buyers; i++) orgs.push({ ...template, _id: `bench_store_${i}`, name: `季度门店${i}` });
  for (let i = 0; i < orgs.length; i += 500) store.insert('orgs', orgs.slice(i, i + 500));
  const span = quarter.to_ms - quarter.from_ms - DAY_MS;
  for (let i = 0; i < buyers; i++) {
    const orders: Array<Record<string, unknown>> = [];
    for (let k = 0; k < perBuyer; k++) {
      const net = 10_000 + ((i * 7 + k * 13) % 50) * 100;
      orders.push({
        _id: `bench_ord_${i}_${k}`,
        orderNo: `SO-BENCH-${i}-${k}`,
        sellerOrgId: b.ids.gd,
        buyerOrgId: `bench_store_${i}`,
        parties: [b.ids.gd, `bench_store_${i}`],
        status: 'completed',
        total: net * 2,
        completedAt: quarter.from_ms + Math.floor((span * k) / perBuyer) + i,
        createdAt: quarter.from_ms,
        lines: [
          { lineId: 'L1', productId: w.products[k % QUOTE_LINES]!, quantity: 1, net, refunded: 0, discounts: [] },
          { lineId: 'L2', productId: w.products[(k + 1) % QUOTE_LINES]!, quantity: 1, net, refunded: k % 10 === 0 ? 1_000 : 0, discounts: [] },
        ],
        tenders: [{ kind: 'deposit', amount: net * 2, paid: net * 2, refunded: k % 10 === 0 ? 1_000 : 0 }],
      });
    }
    store.insert('orders', orders);
  }
  return { from_ms: quarter.from_ms, key: quarter.key };
}

export async function run(opts: { quick?: boolean } = { quick: process.argv.includes('--quick') }): Promise<BenchResult[]> {
  const buyers = opts.quick ? 200 : 1_000;
  const perBuyer = 100;
  const loadBefore = machineLoad();
  // The trade function's time limit in production (cloudbaserc.json: 20 s), not the local default of 10 s.
  return withTestCloud({ functionEnv: { RATE_LIMIT_MULTIPLIER: '1000000' }, runnerLimits: { invocationTimeout_ms: 20_000 } }, async (cloud) => {
    const b = new Bench(cloud);
    const w = await setUp(b);
    const rows: BenchResult[] = [];
    const defs = promotions(w.products);
    const base = await quoteLatency(b, w, opts.quick ? 30 : 100);
    rows.push({ name: `(a) for comparison: order.quote, ${QUOTE_LINES} lines, no promotion: p50 through the gateway`, value: round(base.p50, 1), unit: 'ms' });
    // The first one has a per-buyer limit: its use counts are the one read a limit adds, so 1 and
    // 10 promotions read the same (their gift is in the cart: no gift prices to read either).
    await b.ok('ownerGd', 'trade', defs[FIRST]!);
    const opsOne = await quoteOps(b, w, 5);
    for (const [i, d] of defs.entries()) if (i !== FIRST) await b.ok('ownerGd', 'trade', d);
    const running = (await b.ok('ownerGd', 'trade', { action: 'listPromotions', running: true })).promotions.length;
    const opsTen = await quoteOps(b, w, 5);
    rows.push({ name: `(b) db requests: order.quote, ${QUOTE_LINES} lines, 1 running promotion`, value: opsOne, unit: 'requests' });
    rows.push({ name: `(b) db requests: order.quote, ${QUOTE_LINES} lines, ${running} running promotions`, value: opsTen, unit: 'requests', target: `= ${opsOne}`, pass: opsTen === opsOne && running === PROMOTIONS });
    const q = await quoteLatency(b, w, opts.quick ? 30 : 100);
    rows.push({ name: `(a) order.quote, ${QUOTE_LINES} lines, ${running} promotions (${q.discounts} discount and gift lines): p50 through the gateway`, value: round(q.p50, 1), unit: 'ms', target: `≤ ${QUOTE_P50_TARGET_MS}`, pass: q.p50 <= QUOTE_P50_TARGET_MS });

    const t0 = performance.now();
    const quarter = seedQuarter(b, w, buyers, perBuyer);
    console.error(`  seeded ${buyers} buyers × ${perBuyer} orders of ${quarter.key} in ${round((performance.now() - t0) / 1000, 1)} s`);
    const { programId } = await b.ok('ownerGd', 'trade', { action: 'saveRebateProgram', name: '季度返利', period: 'quarter', mode: 'marginal', tiers: [{ threshold: 0, rate_bp: 100 }, { threshold: 1_000_000, rate_bp: 200 }], targeting: {}, products: { scope: 'all' }, approvalChain: ['finance', 'owner'], from: 0, to: Date.now() + 365 * DAY_MS });
    // The whole quarter: one call per page of buyers (`next`), as the seller's app or a timer drives it.
    const computeAll = async () => {
      let created = 0;
      let rebate = 0;
      let calls = 0;
      let slowest_ms = 0;
      for (let after: string | null | undefined = undefined; after !== null; calls++) {
        const t = performance.now();
        const r = await b.ok('ownerGd', 'trade', { action: 'computeRebates', programId, periodKey: quarter.key, ...(after === undefined ? {} : { after }) });
        slowest_ms = Math.max(slowest_ms, performance.now() - t);
        created += r.created;
        rebate += r.rebate_fen;
        after = r.next;
      }
      return { created, rebate, calls, slowest_ms };
    };
    const before = cloud.db.tcbRequests();
    const t1 = performance.now();
    const r = await computeAll();
    const elapsed_ms = performance.now() - t1;
    const ops = cloud.db.tcbRequests().total - before.total;
    const stored = cloud.db.all('rebate_statements').length;
    rows.push({ name: `(c) trade.computeRebates, a quarter: ${buyers} buyers × ${perBuyer} orders (${r.created} statements, ${round(r.rebate / 100, 2)} 元, ${r.calls} calls)`, value: round(elapsed_ms / 1000, 2), unit: 's', target: `${buyers} statements`, pass: r.created === buyers && stored === buyers });
    rows.push({ name: '(c) slowest call of it (a function runs at most 20 s)', value: round(r.slowest_ms / 1000, 2), unit: 's', target: '< 20', pass: r.slowest_ms < 20_000 });
    rows.push({ name: '(c) db requests of that computation', value: ops, unit: 'requests' });
    const before2 = cloud.db.tcbRequests().total;
    const again = await computeAll();
    rows.push({ name: '(c) computing it again: nothing stored, db requests', value: cloud.db.tcbRequests().total - before2, unit: 'requests', target: 'idempotent', pass: again.created === 0 && cloud.db.all('rebate_statements').length === buyers });
    rows.push(machineLoadRow(loadBefore));
    return rows;
  });
}

runWhenMain(import.meta.url, run);
