/**
 * Ordering on top of the standard test channel (fixtures.ts): the brand's stock in, list prices of
 * the standard product (ordered by the box: 6 items), the dealer gd stocked with cases, and the
 * trade ledger's checks straight from the database.
 *
 * List prices per box: dealer 2,000 fen, wholesaler 2,200, store 2,399 (a price whose shares do
 * not divide evenly, so every refund split is exercised).
 */
import { expect } from 'vitest';
import type { ExportedCase } from '@channel-router/shared';
import { simulatedPaymentNotice } from '../src/payments/index.js';
import type { TestCloud } from '../../local-cloud/src/testing.js';
import type { Channel } from './fixtures.js';

export const BOX_PRICES = { dealer: 2_000, wholesaler: 2_200, store: 2_399 } as const;
export const ITEMS_PER_BOX = 6;
export const BOXES_PER_CASE = 4;
export const DAY_MS = 86_400_000;

export interface Stocked {
  /** The whole batch, stocked in at the brand. */
  tree: ExportedCase[];
  /** Cases shipped to and received by the dealer gd. */
  gdCases: ExportedCase[];
  /** Cases still at the brand. */
  brandCases: ExportedCase[];
}

// ---------------------------------------------------------------------------------------------
// Each stock helper calls the stock action, and only when that action does not exist (NOT_FOUND)
// writes the stock documents itself.

const missing = (r: { ok: boolean; error?: { code: string } }) => !r.ok && r.error?.code === 'NOT_FOUND';

function addStock(ch: Channel, orgId: string, productId: string, items: number): void {
  const store = ch.cloud.db.store!;
  const id = `stock:${orgId}:${productId}`;
  const cur = store.findById('meta', id) as { onHand: number; reserved: number } | null;
  if (cur) store.update('meta', { _id: id }, { onHand: cur.onHand + items }, { multi: false, merge: true, upsert: false });
  else store.insert('meta', [{ _id: id, onHand: items, reserved: 0 }]);
}

/** The brand's list prices of a product (`trade.setListPrices`). */
export async function setListPrices(ch: Channel, productId: string, unit: 'case' | 'box' | 'item', listPrices: { dealer: number; wholesaler: number; store: number }): Promise<void> {
  await ch.ok('admin', 'trade', { action: 'setListPrices', productId, unit, listPrices });
}

/** A credit line from `sellerOrgId` to `buyerOrgId`, valid from `from` (yesterday unless given) for 90 days from now (`trade.setCreditLine`). */
export async function setCreditLine(ch: Channel, who: string, sellerOrgId: string, buyerOrgId: string, limit: number, termDays: number, from = Date.now() - DAY_MS): Promise<void> {
  const to = Date.now() + 90 * DAY_MS;
  await ch.ok(who, 'trade', { action: 'setCreditLine', sellerOrgId, buyerOrgId, limit, from, to, termDays });
}

/** A production run stocked in at the brand. */
export async function produce(ch: Channel, productId: string, cases: number): Promise<ExportedCase[]> {
  const { batchId } = await ch.ok('admin', 'codes', { action: 'createBatch', productId, cases });
  const tree = (await ch.ok('admin', 'codes', { action: 'exportBatch', batchId })).cases as ExportedCase[];
  const r = await ch.as('admin', 'scan', { action: 'stockIn', batchId });
  if (!r.ok && !missing(r)) throw new Error(`scan.stockIn: ${JSON.stringify(r.error)}`);
  if (!r.ok) addStock(ch, 'brand', productId, cases * ITEMS_PER_BOX * BOXES_PER_CASE);
  return tree;
}

/** Cases moved brand → gd by plain ship and receive scans (the stock module posts the moves). */
export async function toDealer(ch: Channel, cases: ExportedCase[], productId: string): Promise<void> {
  await ch.flow(cases.map((c) => c.code), ['brand', 'gd']);
  const probe = await ch.as('ownerGd', 'order', { action: 'stock', orgId: ch.ids.gd });
  if (missing(probe)) {
    addStock(ch, 'brand', productId, -cases.length * ITEMS_PER_BOX * BOXES_PER_CASE);
    addStock(ch, ch.ids.gd, productId, cases.length * ITEMS_PER_BOX * BOXES_PER_CASE);
  }
}

/** An org's stock of a product (`order.stock`). */
export async function stockOf(ch: Channel, who: string, orgId: string, productId: string): Promise<{ onHand: number; reserved: number }> {
  const r = await ch.as(who, 'order', { action: 'stock', orgId });
  if (!missing(r)) {
    if (!r.ok) throw new Error(`order.stock: ${JSON.stringify(r.error)}`);
    const rows = (r.data.products ?? r.data.stock ?? r.data.rows) as Array<{ productId: string; onHand: number; reserved: number }>;
    const row = rows.find((x) => x.productId === productId);
    return { onHand: row?.onHand ?? 0, reserved: row?.reserved ?? 0 };
  }
  const d = ch.cloud.db.store!.findById('meta', `stock:${orgId}:${productId}`) as { onHand: number; reserved: number } | null;
  return { onHand: d?.onHand ?? 0, reserved: d?.reserved ?? 0 };
}

/** Stocks the brand with `cases` cases, prices the standard product, moves `toGd` cases to gd. */
export async function stockAndPrice(ch: Channel, cases: number, toGd: number): Promise<Stocked> {
  const tree = await produce(ch, ch.productId, cases);
  await setListPrices(ch, ch.productId, 'box', BOX_PRICES);
  const gdCases = tree.slice(0, toGd);
  if (gdCases.length > 0) await toDealer(ch, gdCases, ch.productId);
  return { tree, gdCases, brandCases: tree.slice(toGd) };
}

/** Signs in `name` in `app` and makes them a member of `orgId` with `role` (invited by the brand admin). */
export async function member(ch: Channel, name: string, app: 'admin' | 'dealer' | 'terminal', orgId: string, role: string): Promise<string> {
  await ch.person(name, app);
  const r = await ch.as('admin', 'channel', { action: 'invite', orgId, role });
  if (!r.ok) throw new Error(`invite: ${JSON.stringify(r.error)}`);
  await ch.ok(name, 'channel', { action: 'join', inviteCode: r.data.inviteCode });
  return name;
}

/** A quote's total, for `expectedTotal`. */
export async function quoteTotal(ch: Channel, who: string, sellerOrgId: string, lines: Array<{ productId: string; quantity: number }>): Promise<number> {
  return (await ch.ok(who, 'order', { action: 'quote', sellerOrgId, lines })).total;
}

/** A deposit top-up by transfer, confirmed by the seller's `finance` person. */
export async function deposit(ch: Channel, buyer: string, finance: string, sellerOrgId: string, amount: number, requestId: string): Promise<void> {
  const { paymentId } = await ch.ok(buyer, 'order', { action: 'topUp', sellerOrgId, amount, method: 'transfer', receiptFileId: 'cloud://test-env.bucket/receipts/topup.jpg', requestId });
  await ch.ok(finance, 'order', { action: 'confirmTransfer', paymentId });
}

/** The `order.paymentNotice` event of the notice the simulated WeChat Pay would post for a payment by `payer`. */
export function wechatNotice(paymentId: string, amount: number, payer: string, deliveredAt_ms = Date.now()): Record<string, unknown> {
  const raw = simulatedPaymentNotice({ outTradeNo: paymentId, total_fen: amount, payerOpenId: `o-${payer}`, at_ms: deliveredAt_ms });
  const h = raw.headers as Record<string, string>;
  return { action: 'paymentNotice', signature: h['Wechatpay-Signature'], timestamp: h['Wechatpay-Timestamp'], nonce: h['Wechatpay-Nonce'], serial: h['Wechatpay-Serial'], body: raw.body };
}

export interface TradeLedgerReport {
  sum: number;
  balances: Map<string, number>;
  /** Accounts below their floor (credit accounts: below minus the largest credit limit given, here any credit account above 0 in debt is allowed). */
  negative: Array<{ id: string; balance: number }>;
  mismatched: Array<{ id: string; balance: number; postings: number }>;
  /** Orders whose hold is not what they were paid minus refunded (0 once completed). */
  badHolds: Array<{ id: string; status: string; hold: number; expected: number }>;
}

/** The trade ledger read straight from the database: balanced, postings = balances, holds right. */
export function tradeLedgerReport(cloud: TestCloud): TradeLedgerReport {
  const accounts = cloud.db.all('accounts') as Array<{ _id: string; balance_fen: number }>;
  const ledger = cloud.db.all('ledger') as Array<{ debit: string; credit: string; amount_fen: number }>;
  const balances = new Map<string, number>();
  for (const a of accounts) {
    const id = a._id.includes('~') ? a._id.slice(0, a._id.lastIndexOf('~')) : a._id;
    balances.set(id, (balances.get(id) ?? 0) + a.balance_fen);
  }
  const fromPostings = new Map<string, number>();
  for (const p of ledger) {
    fromPostings.set(p.debit, (fromPostings.get(p.debit) ?? 0) - p.amount_fen);
    fromPostings.set(p.credit, (fromPostings.get(p.credit) ?? 0) + p.amount_fen);
  }
  const mismatched = [...new Set([...balances.keys(), ...fromPostings.keys()])]
    .filter((id) => (balances.get(id) ?? 0) !== (fromPostings.get(id) ?? 0))
    .map((id) => ({ id, balance: balances.get(id) ?? 0, postings: fromPostings.get(id) ?? 0 }));
  const negative = [...balances].filter(([id, b]) => b < 0 && !id.startsWith('external:') && !id.startsWith('credit:')).map(([id, balance]) => ({ id, balance }));
  const orders = cloud.db.all('orders') as Array<{ _id: string; status: string; tenders: Array<{ paid: number; refunded: number }> }>;
  const badHolds = orders
    .map((o) => ({ id: o._id, status: o.status, hold: balances.get(`hold:order:${o._id}`) ?? 0, expected: o.status === 'completed' ? 0 : o.tenders.reduce((s, t) => s + t.paid - t.refunded, 0) }))
    .filter((x) => x.hold !== x.expected);
  let sum = 0;
  for (const b of balances.values()) sum += b;
  return { sum, balances, negative, mismatched, badHolds };
}

export function expectTradeLedgerBalanced(cloud: TestCloud): TradeLedgerReport {
  const r = tradeLedgerReport(cloud);
  expect(r.sum, 'sum over all accounts').toBe(0);
  expect(r.negative, 'internal accounts below zero').toEqual([]);
  expect(r.mismatched, 'balances that are not the sum of their postings').toEqual([]);
  expect(r.badHolds, 'order holds').toEqual([]);
  return r;
}

/** A signed storage link serves exactly the bytes the buyer uploaded (receipts, return photos). */
export async function expectSignedDownload(url: string, bytes: Buffer): Promise<void> {
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/storage\//);
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
}

/** Database requests one call makes (nothing else runs meanwhile), and what the call answered. */
export async function withRequestCount<T>(ch: Channel, call: () => Promise<T>): Promise<{ requests: number; reply: T }> {
  const before = ch.cloud.db.tcbRequests().total;
  const reply = await call();
  return { requests: ch.cloud.db.tcbRequests().total - before, reply };
}

/** A small file the storage takes for a PNG image (its signature, then `text`). */
export const png = (text: string): Buffer => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(text)]);

/** Uploads an image as `who` the way the H5 apps do (docs/storage.md#uploads-from-the-apps); answers its fileID. */
export async function uploadImage(ch: Channel, who: string, bytes: Buffer): Promise<string> {
  const res = await fetch(`${ch.cloud.url}/api/storage/upload`, { method: 'POST', headers: { authorization: `Bearer ${ch.tokens[who]}`, 'content-type': 'image/png' }, body: bytes });
  const body = (await res.json()) as { ok: boolean; data: { fileID: string } };
  expect(body.ok).toBe(true);
  return body.data.fileID;
}
