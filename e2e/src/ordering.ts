/**
 * Ordering on top of the small channel (`setUpChannel`), through the public API: the brand stocks
 * its printed cases in and prices the product by the case (a floor for stores), ships `toDealer`
 * cases to the Guangdong dealer, which receives them; the dealer gives its store a credit line;
 * `placeOrder` is the store's clerk ordering from the dealer on credit; `topUpDeposit` is the store's
 * deposit paid by transfer and confirmed by the dealer.
 */
import type { Channel } from './channel';

export const LIST_PRICES = { dealer: 40_00, wholesaler: 44_00, store: 48_00 } as const;
export const STORE_FLOOR = 45_00;
/** The dealer's credit line for its 天河 store. */
export const STORE_CREDIT_LIMIT = 10_000_00;
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
  await ch.call('dealerOwnerGd', 'trade', { action: 'setCreditLine', buyerOrgId: ch.storeGz.id, sellerOrgId: ch.dealerGd.id, limit: STORE_CREDIT_LIMIT, from: now - DAY_MS, to: now + 365 * DAY_MS, termDays: 30 });
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

/** The store's clerk tops up a deposit at the dealer by transfer (a receipt photo); the dealer confirms it. */
export async function topUpDeposit(ch: Channel, amount: number): Promise<void> {
  if (!(Number.isInteger(amount) && amount > 0 && amount <= STORE_CREDIT_LIMIT)) throw new Error('topUpDeposit: amount in fen, 1..the credit limit');
  const { paymentId } = await ch.call<{ paymentId: string }>('clerkGz', 'order', {
    action: 'topUp',
    sellerOrgId: ch.dealerGd.id,
    amount,
    method: 'transfer',
    receiptFileId: 'cloud://local-dev.local-dev-local/uploads/terminal/sim-clerk-gz/20261205/topup.jpg',
    requestId: `e2e-topup-${Date.now()}-${++seq}`,
  });
  await ch.call('dealerOwnerGd', 'order', { action: 'confirmTransfer', paymentId });
}
