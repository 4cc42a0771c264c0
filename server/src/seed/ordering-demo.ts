/**
 * Ordering demo data (docs/ordering.md), after the channel story of demo.ts: list prices, a
 * credit line each way, deposits and a rebate grant, then about a week of orders in every state —
 * completed, received (one with a refunded return), shipped, partially shipped, approved, waiting
 * for approval, waiting for payment, cancelled and rejected. All through the functions, on the
 * functions' clock moved into the past (LOCAL_CLOCK_OFFSET_MS), so every rule holds.
 */
import { periodOf } from '@channel-router/shared';

type App = 'admin' | 'dealer' | 'terminal' | 'consumer';
type Call = <T>(app: App, who: string, fn: string, event: Record<string, unknown>) => Promise<T>;

export interface OrderingSeed {
  call: Call;
  /** Moves the functions' clock to `daysAgo` days before now. */
  day(daysAgo: number): void;
  log(line: string): void;
  /** Whether this build serves `fn.action` (the ordering demo needs the trade and stock functions). */
  hasAction(fn: string, action: string): Promise<boolean>;
  ids: { gd: string; tianhe: string; soy: string; oyster: string };
}

interface Tree {
  cases: Array<{ code: string; boxes: Array<{ code: string }> }>;
}
interface Submitted {
  orderId: string;
  orderNo: string;
  status: string;
  payments: Array<{ paymentId: string; method: string; amount: number }>;
}

const DAY_MS = 24 * 3600_000;

export async function seedOrdering(s: OrderingSeed): Promise<void> {
  const { call, day, ids } = s;
  const admin = <T>(fn: string, event: Record<string, unknown>) => call<T>('admin', 'demo-admin', fn, event);
  const gdOwner = <T>(fn: string, event: Record<string, unknown>) => call<T>('dealer', 'demo-dealer-gd', fn, event);
  const store = <T>(fn: string, event: Record<string, unknown>) => call<T>('terminal', 'demo-owner-gz', fn, event);
  const storeClerk = <T>(fn: string, event: Record<string, unknown>) => call<T>('terminal', 'demo-clerk-gz', fn, event);
  let seq = 0;
  const rid = (what: string) => `demo-${what}-${String(++seq).padStart(4, '0')}`;
  const order = async (as: typeof store, sellerOrgId: string, lines: Array<{ productId: string; quantity: number }>, tenders: (total: number) => Array<Record<string, unknown>>): Promise<Submitted> => {
    const { total } = await as<{ total: number }>('order', { action: 'quote', sellerOrgId, lines });
    return as<Submitted>('order', { action: 'submit', sellerOrgId, lines, tenders: tenders(total), expectedTotal: total, requestId: rid('order') });
  };

  // The brand prices its products by the box and stocks in a fresh production run of each.
  day(12);
  await seedTrade(s, admin, gdOwner);
  if (!(await s.hasAction('scan', 'stockIn'))) {
    s.log('ordering demo: prices and terms only; this build has no stock-in yet (orders need stock)');
    return;
  }
  const produce = async (productId: string, cases: number): Promise<Tree> => {
    const { batchId } = await admin<{ batchId: string }>('codes', { action: 'createBatch', productId, cases });
    await admin('scan', { action: 'stockIn', batchId });
    return admin<Tree>('codes', { action: 'exportBatch', batchId });
  };
  const soy = await produce(ids.soy, 12);
  const oyster = await produce(ids.oyster, 4);

  // Money: deposits by transfer (confirmed by the seller), a rebate grant, credit lines.
  const topUp = async (as: typeof store, confirm: typeof admin, sellerOrgId: string, amount: number) => {
    const { paymentId } = await as<{ paymentId: string }>('order', { action: 'topUp', sellerOrgId, amount, method: 'transfer', receiptFileId: `cloud://demo.bucket/receipts/${rid('topup')}.jpg`, requestId: rid('topup') });
    await confirm('order', { action: 'confirmTransfer', paymentId });
  };
  await topUp(gdOwner, admin, 'brand', 500_000);
  await admin('trade', { action: 'adjustRebate', sellerOrgId: 'brand', buyerOrgId: ids.gd, amount: 20_000, reason: '第三季度达量返利', requestId: rid('rebate') });
  await topUp(store, gdOwner, ids.gd, 100_000);
  s.log('ordering: stock, deposits and rebate');

  // gd restocks from the brand: rebate + deposit; approved, shipped in full, received. Completed
  // by the sweep today, its return window long over.
  const restock = await order(gdOwner, 'brand', [{ productId: ids.soy, quantity: 32 }], (t) => [{ kind: 'rebate', amount: Math.floor(t / 5) }, { kind: 'deposit', amount: t - Math.floor(t / 5) }]);
  await admin('order', { action: 'approve', orderId: restock.orderId });
  const gdCases = soy.cases.slice(0, 8).map((c) => c.code);
  await admin('scan', { action: 'ship', codes: gdCases, toOrgId: ids.gd, orderId: restock.orderId, carrier: '德邦物流', trackingNo: 'DPK3021877' });
  day(11);
  await gdOwner('scan', { action: 'receive', codes: gdCases });

  // Oyster sauce on credit: approved, one case of two shipped (partially shipped).
  day(4);
  const oysterOrder = await order(gdOwner, 'brand', [{ productId: ids.oyster, quantity: 4 }], (t) => [{ kind: 'credit', amount: t }]);
  await admin('order', { action: 'approve', orderId: oysterOrder.orderId });
  await admin('scan', { action: 'ship', codes: [oyster.cases[0]!.code], toOrgId: ids.gd, orderId: oysterOrder.orderId });

  // The Tianhe store orders from gd: deposit + credit, shipped, received; one box returned.
  day(5);
  const first = await order(store, ids.gd, [{ productId: ids.soy, quantity: 8 }], (t) => [{ kind: 'deposit', amount: t - 10_000 }, { kind: 'credit', amount: 10_000 }]);
  await gdOwner('order', { action: 'approve', orderId: first.orderId });
  await gdOwner('scan', { action: 'ship', codes: [soy.cases[0]!.code, soy.cases[1]!.code], toOrgId: ids.tianhe, orderId: first.orderId, carrier: '顺丰速运', trackingNo: 'SF1402993370' });
  day(4);
  await storeClerk('scan', { action: 'receive', codes: [soy.cases[0]!.code, soy.cases[1]!.code] });
  day(3);
  const ret = await store<{ returnId: string }>('order', { action: 'requestReturn', orderId: first.orderId, lines: [{ lineId: 'L1', quantity: 1 }], reason: '外箱破损', photos: ['cloud://demo.bucket/returns/box-damage.jpg'], requestId: rid('return') });
  await gdOwner('order', { action: 'approveReturn', returnId: ret.returnId });
  await storeClerk('scan', { action: 'ship', codes: [soy.cases[0]!.boxes[3]!.code], toOrgId: ids.gd, returnId: ret.returnId });
  await gdOwner('scan', { action: 'receive', codes: [soy.cases[0]!.boxes[3]!.code] });

  // Shipped, not yet received.
  day(2);
  const second = await order(store, ids.gd, [{ productId: ids.soy, quantity: 4 }], (t) => [{ kind: 'deposit', amount: t }]);
  await gdOwner('order', { action: 'approve', orderId: second.orderId });
  await gdOwner('scan', { action: 'ship', codes: [soy.cases[2]!.code], toOrgId: ids.tianhe, orderId: second.orderId });
  // Partly shipped, the rest closed and refunded.
  const third = await order(store, ids.gd, [{ productId: ids.soy, quantity: 6 }], (t) => [{ kind: 'deposit', amount: t }]);
  await gdOwner('order', { action: 'approve', orderId: third.orderId });
  await gdOwner('scan', { action: 'ship', codes: [soy.cases[3]!.code], toOrgId: ids.tianhe, orderId: third.orderId });
  await gdOwner('order', { action: 'closeRemainder', orderId: third.orderId, reason: '余货下批再发' });

  // Approved and waiting to ship; waiting for approval; cancelled by the store; rejected by gd.
  day(1);
  const fourth = await order(store, ids.gd, [{ productId: ids.soy, quantity: 4 }, { productId: ids.oyster, quantity: 1 }], (t) => [{ kind: 'deposit', amount: t }]);
  void fourth;
  const approved = await order(store, ids.gd, [{ productId: ids.soy, quantity: 2 }], (t) => [{ kind: 'credit', amount: t }]);
  await gdOwner('order', { action: 'approve', orderId: approved.orderId });
  await order(store, ids.gd, [{ productId: ids.soy, quantity: 3 }], (t) => [{ kind: 'deposit', amount: t }]);
  const cancelled = await order(store, ids.gd, [{ productId: ids.soy, quantity: 1 }], (t) => [{ kind: 'deposit', amount: t }]);
  await store('order', { action: 'cancel', orderId: cancelled.orderId, reason: '下错单' });
  const rejected = await order(store, ids.gd, [{ productId: ids.soy, quantity: 5 }], (t) => [{ kind: 'deposit', amount: t }]);
  await gdOwner('order', { action: 'reject', orderId: rejected.orderId, reason: '本周无法发货' });

  // Today: orders waiting for payment (WeChat Pay; a bank transfer with its receipt, for the
  // brand's finance to confirm); the timer's sweep completes what is due.
  day(0);
  await order(gdOwner, 'brand', [{ productId: ids.soy, quantity: 8 }], (t) => [{ kind: 'transfer', amount: t, receiptFileId: 'cloud://demo.bucket/receipts/gd-transfer-1.jpg' }]);
  await order(store, ids.gd, [{ productId: ids.soy, quantity: 1 }], (t) => [{ kind: 'wechat_pay', amount: t }]);
  await admin('order', { action: 'sweep' });
  s.log('ordering: a week of orders in every state');
  await seedPromotions(s, admin, gdOwner);
}

/**
 * Promotions and a rebate program (docs/promotions.md), set up today after the week of orders (so
 * those keep the totals they were placed at): gd runs a 满减, a 满送 giving a box of oyster sauce,
 * and a bundle; the brand runs a quarterly rebate program for its dealers, and computes this
 * quarter's interim statement for gd (its restock completed today), waiting for approval.
 */
async function seedPromotions(s: OrderingSeed, admin: As, gdOwner: As): Promise<void> {
  const { ids } = s;
  const now = Date.now();
  const window = { from: now - DAY_MS, to: now + 60 * DAY_MS };
  const stores = { kinds: ['store'] };
  await gdOwner('trade', { action: 'savePromotion', type: 'full_reduction', name: '满300减15，满500减30', targeting: stores, products: { scope: 'all' }, thresholdBy: 'amount', tiers: [{ threshold: 30_000, off: 1_500 }, { threshold: 50_000, off: 3_000 }], ...window, budget: { kind: 'fen', amount: 100_000 }, requestId: 'demo-promo-reduction' });
  await gdOwner('trade', { action: 'savePromotion', type: 'full_gift', name: '酱油满10箱送蚝油', targeting: stores, products: { scope: 'listed', productIds: [ids.soy] }, thresholdBy: 'units', tiers: [{ threshold: 10, gifts: [{ productId: ids.oyster, quantity: 1 }] }], ...window, perBuyerLimit: 3, budget: { kind: 'gift_units', amount: 20 }, requestId: 'demo-promo-gift' });
  await gdOwner('trade', { action: 'savePromotion', type: 'bundle', name: '厨房套餐', targeting: stores, items: [{ productId: ids.soy, quantity: 2 }, { productId: ids.oyster, quantity: 1 }], price: 12_000, ...window, requestId: 'demo-promo-bundle' });
  const { programId } = await admin<{ programId: string }>('trade', {
    action: 'saveRebateProgram',
    name: '经销商季度返利',
    period: 'quarter',
    mode: 'marginal',
    tiers: [{ threshold: 0, rate_bp: 100 }, { threshold: 500_000, rate_bp: 200 }],
    targeting: { kinds: ['dealer'] },
    products: { scope: 'all' },
    approvalChain: ['finance', 'admin'],
    from: now - 365 * DAY_MS,
    to: now + 365 * DAY_MS,
    requestId: 'demo-rebate-program',
  });
  const quarter = await admin<{ periodKey: string; created: number }>('trade', { action: 'computeRebates', programId, periodKey: periodOf('quarter', now).key, interim: true });
  s.log(`promotions: a 满减, a 满送, a bundle; a quarterly rebate program, ${quarter.created} statement(s) of ${quarter.periodKey} waiting for approval`);
}


type As = <T>(fn: string, event: Record<string, unknown>) => Promise<T>;

/**
 * Trade set-up, all through the trade function: the brand's list prices and floors, both sellers'
 * terms, customer profiles with levels and groups, and a few price policies (customer, level,
 * group) that the orders below then pay.
 */
async function seedTrade(s: OrderingSeed, admin: As, gdOwner: As): Promise<void> {
  const { ids } = s;
  await admin('trade', { action: 'setListPrices', productId: ids.soy, unit: 'box', listPrices: { dealer: 3_000, wholesaler: 3_300, store: 3_600 }, floors: { wholesaler: 3_000, store: 3_200 }, retailPrice: 900 });
  await admin('trade', { action: 'setListPrices', productId: ids.oyster, unit: 'box', listPrices: { dealer: 4_800, wholesaler: 5_200, store: 5_600 }, floors: { store: 5_000 }, retailPrice: 650 });
  await admin('trade', { action: 'setTerms', approvalChain: ['admin'], maxRebateShare_bp: 2_000 });
  await gdOwner('trade', { action: 'setTerms', approvalChain: ['owner'], maxRebateShare_bp: 1_500 });
  await admin('trade', { action: 'saveCustomer', buyerOrgId: ids.gd, level: 'gold', groupIds: ['south-china'], tags: ['核心经销商'], contact: '陈经理', phone: '020-38880001', addresses: [{ addressId: 'wh-1', regionCode: '440106', street: '天河区黄埔大道西 100 号仓库' }], licenceNo: '91440101MA5CXXXX1X' });
  await gdOwner('trade', { action: 'saveCustomer', buyerOrgId: ids.tianhe, level: 'A', groupIds: ['key-stores'], tags: ['社区店'], contact: '李老板', phone: '13800138000', addresses: [{ addressId: 'shop', regionCode: '440106', street: '天河路 385 号' }] });
  const now = Date.now();
  const window = { from: now - 30 * DAY_MS, to: now + 365 * DAY_MS };
  // The brand: gd pays 29.50 a box of soy sauce from 30 boxes on (a volume price for one customer).
  await admin('trade', { action: 'savePricePolicy', name: '广东经销商量价', scope: 'customer', targetIds: [ids.gd], items: [{ productId: ids.soy, price: 2_950, minQuantity: 30 }], ...window, requestId: 'demo-policy-gd-volume' });
  // gd: level A stores pay 35.00 for soy sauce; its key stores 54.00 for oyster sauce.
  await gdOwner('trade', { action: 'savePricePolicy', name: 'A 类门店价', scope: 'level', targetIds: ['A'], items: [{ productId: ids.soy, price: 3_500 }], ...window, requestId: 'demo-policy-gd-level-a' });
  await gdOwner('trade', { action: 'savePricePolicy', name: '重点门店蚝油价', scope: 'group', targetIds: ['key-stores'], items: [{ productId: ids.oyster, price: 5_400 }], ...window, priority: 1, requestId: 'demo-policy-gd-key-stores' });
  // Credit lines: the brand to gd, gd to the Tianhe store.
  await admin('trade', { action: 'setCreditLine', buyerOrgId: ids.gd, limit: 300_000, from: now - 60 * DAY_MS, to: now + 300 * DAY_MS, termDays: 30 });
  await gdOwner('trade', { action: 'setCreditLine', buyerOrgId: ids.tianhe, limit: 50_000, from: now - 60 * DAY_MS, to: now + 300 * DAY_MS, termDays: 15 });
  s.log('ordering: list prices and floors, terms, customer profiles, price policies, credit lines');
}
