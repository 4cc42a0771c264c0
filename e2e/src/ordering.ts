/**
 * Ordering on top of the small channel (`setUpChannel`), through the public API: the brand stocks
 * its printed cases in and prices the product by the case (a floor for stores), ships `toDealer`
 * cases to the Guangdong dealer, which receives them; the dealer gives its store a credit line;
 * `placeOrder` is the store's clerk ordering from the dealer on credit.
 */
import type { Channel } from './channel';

export const LIST_PRICES = { dealer: 40_00, wholesaler: 44_00, store: 48_00 } as const;
export const STORE_FLOOR = 45_00;
const DAY_MS = 86_400_000;

export async function setUpSelling(ch: Channel, toDealer: number): Promise<{ dealerCases: string[] }> {
  if (!(toDealer >= 1 && toDealer <= ch.cases.length)) throw new Error(`setUpSelling: 1..${ch.cases.length} cases`);
  const codes = ch.cases.map((c) => c.code);
  await ch.call('admin', 'scan', { action: 'stockIn', codes });
  await ch.call('admin', 'trade', { action: 'setListPrices', productId: ch.productId, unit: 'case', listPrices: LIST_PRICES, floors: { store: STORE_FLOOR } });
  const dealerCases = codes.slice(0, toDealer);
  await ch.call('admin', 'scan', { action: 'ship', codes: dealerCases, toOrgId: ch.dealerGd.id });
  await ch.call('dealerOwnerGd', 'scan', { action: 'receive', codes: dealerCases });
  const now = Date.now();
  await ch.call('dealerOwnerGd', 'trade', { action: 'setCreditLine', buyerOrgId: ch.storeGz.id, sellerOrgId: ch.dealerGd.id, limit: 10_000_00, from: now - DAY_MS, to: now + 365 * DAY_MS, termDays: 30 });
  return { dealerCases };
}

let seq = 0;

/** The store's clerk orders `cases` cases from the dealer on credit; the order waits for approval. */
export async function placeOrder(ch: Channel, cases: number): Promise<{ orderId: string; orderNo: string; total: number }> {
  const lines = [{ productId: ch.productId, quantity: cases }];
  const { total } = await ch.call<{ total: number }>('clerkGz', 'order', { action: 'quote', sellerOrgId: ch.dealerGd.id, lines });
  const r = await ch.call<{ orderId: string; orderNo: string; status: string }>('clerkGz', 'order', {
    action: 'submit',
    sellerOrgId: ch.dealerGd.id,
    lines,
    tenders: [{ kind: 'credit', amount: total }],
    expectedTotal: total,
    requestId: `e2e-order-${Date.now()}-${++seq}`,
  });
  if (r.status !== 'pending_approval') throw new Error(`placeOrder: the order is ${r.status}, expected pending_approval`);
  return { orderId: r.orderId, orderNo: r.orderNo, total };
}
