/**
 * The buyer's orders after submit (docs/ordering.md#orders): the list by state, one
 * order's detail (lines, tenders, shipments, returns, history), cancelling where the buyer may
 * (before approval), shipping notices with their unread count, balances and top-ups, returns.
 *
 * No Taro here (tested in Node): the app passes the client and the confirmations.
 */
import { createStore } from 'zustand/vanilla';
import type {
  BalancesRes,
  NoticeView,
  OrderSummary,
  OrderView,
  RequestReturnRes,
  TopUpRes,
} from '@channel-router/shared/api';
import type { Client, ClientError, Intent } from '@channel-router/shared/client';
import { parseYuan } from '@channel-router/shared/money';
import { MAX_RETURN_PHOTOS } from '@channel-router/shared/validation/order-requests';
import { createPagedStore, latest, localError, type Load } from '../load';
import type { ScanEntry } from '../scan-list';

// ---------------------------------------------------------------------------------------------
// Orders by state

/** The tabs of 我的订单: each a set of states (the server filters one state per call). */
export const ORDER_TABS = [
  { key: 'all', label: '全部', status: undefined },
  { key: 'pending_payment', label: '待付款', status: 'pending_payment' },
  { key: 'pending_approval', label: '待审批', status: 'pending_approval' },
  { key: 'approved', label: '待发货', status: 'approved' },
  { key: 'partially_shipped', label: '部分发货', status: 'partially_shipped' },
  { key: 'shipped', label: '待收货', status: 'shipped' },
  { key: 'received', label: '已收货', status: 'received' },
  { key: 'completed', label: '已完成', status: 'completed' },
  { key: 'cancelled', label: '已取消', status: 'cancelled' },
] as const;
export type OrderTab = (typeof ORDER_TABS)[number]['key'];

/** Paged list of the buyer's orders; the key is `<buyerOrgId>|<tab>`. */
export function createOrderList(client: Client) {
  return createPagedStore<OrderSummary>(async (key, cursor) => {
    const [orgId, tab] = key.split('|') as [string, OrderTab];
    const status = ORDER_TABS.find((t) => t.key === tab)?.status;
    const req: Parameters<Client['order']['list']>[0] = { side: 'buy', orgId };
    if (status !== undefined) req.status = status;
    if (cursor !== null) req.cursor = cursor;
    const r = await client.order.list(req);
    return r.ok ? { ok: true, data: { items: r.data.orders, cursor: r.data.cursor } } : r;
  });
}

export function orderListKey(buyerOrgId: string, tab: OrderTab): string {
  return `${buyerOrgId}|${tab}`;
}

/** The buyer may cancel before approval (docs/ordering.md#orders). */
export function buyerMayCancel(o: Pick<OrderView, 'status'>): boolean {
  return o.status === 'pending_payment' || o.status === 'pending_approval';
}

/** Units of a line that may still be asked back: received − returned − already requested. */
export function returnableUnits(o: OrderView, lineId: string): number {
  if (o.status !== 'received') return 0;
  const line = o.lines.find((l) => l.lineId === lineId);
  if (line === undefined) return 0;
  const open = o.returns
    .filter((r) => r.status === 'requested' || r.status === 'approved' || r.status === 'in_transit')
    .reduce((n, r) => n + r.lines.filter((x) => x.lineId === lineId).reduce((m, x) => m + x.quantity, 0), 0);
  const receivedUnits = Math.floor(line.shippedItems / Math.max(1, line.itemsPerUnit));
  return Math.max(0, receivedUnits - line.returned - open);
}

export interface OrderDetailDeps {
  client: Client;
  confirmCancel: (o: OrderView) => Promise<boolean>;
}

export interface OrderDetailState {
  orderId: string | null;
  order: Load<OrderView>;
  acting: boolean;
  actionError: ClientError | null;
  load(orderId: string): Promise<void>;
  cancel(): Promise<void>;
}

export function createOrderDetail(deps: OrderDetailDeps) {
  return createStore<OrderDetailState>()((set, get) => {
    const gen = latest();
    return {
      orderId: null,
      order: { status: 'idle' },
      acting: false,
      actionError: null,
      async load(orderId) {
        const mine = gen.next();
        if (get().orderId !== orderId) set({ orderId, order: { status: 'loading' }, actionError: null });
        const r = await deps.client.order.get({ orderId });
        if (!gen.isLatest(mine)) return;
        set({ order: r.ok ? { status: 'ready', value: r.data } : { status: 'error', error: r.error } });
      },
      async cancel() {
        const o = get().order;
        if (o.status !== 'ready' || get().acting || !buyerMayCancel(o.value)) return;
        if (!(await deps.confirmCancel(o.value))) return;
        set({ acting: true, actionError: null });
        const r = await deps.client.order.cancel({ orderId: o.value.orderId });
        set({ acting: false, actionError: r.ok ? null : r.error });
        await get().load(o.value.orderId);
      },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Shipping notices

export interface NoticesState {
  orgId: string | null;
  notices: Load<NoticeView[]>;
  unread: number;
  load(orgId: string): Promise<void>;
  /** Marks these (or every unread one) read. */
  markRead(noticeIds?: string[]): Promise<void>;
}

export function createNotices(client: Client) {
  return createStore<NoticesState>()((set, get) => {
    const gen = latest();
    return {
      orgId: null,
      notices: { status: 'idle' },
      unread: 0,
      async load(orgId) {
        const mine = gen.next();
        if (get().orgId !== orgId) set({ orgId, notices: { status: 'loading' }, unread: 0 });
        const r = await client.order.notices({ orgId });
        if (!gen.isLatest(mine)) return;
        if (!r.ok) {
          set({ notices: { status: 'error', error: r.error } });
          return;
        }
        set({ notices: { status: 'ready', value: r.data.notices }, unread: r.data.notices.filter((n) => !n.read).length });
      },
      async markRead(noticeIds) {
        const n = get().notices;
        if (n.status !== 'ready') return;
        const ids = (noticeIds ?? n.value.filter((x) => !x.read).map((x) => x.noticeId)).slice(0, 100);
        if (ids.length === 0) return;
        const r = await client.order.markNoticesRead({ noticeIds: ids });
        if (!r.ok) return;
        const marked = new Set(ids);
        const value = n.value.map((x) => (marked.has(x.noticeId) ? { ...x, read: true } : x));
        set({ notices: { status: 'ready', value }, unread: value.filter((x) => !x.read).length });
      },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Balances and top-up

export interface BalancesDeps {
  client: Client;
  confirmTopUp: (amount_fen: number, method: 'wechat_pay' | 'transfer') => Promise<boolean>;
}

export interface BalancesState {
  key: string | null;
  balances: Load<BalancesRes>;
  topUp: { status: 'idle' | 'sending' | 'done' | 'failed'; error: ClientError | null; result: TopUpRes | null };
  load(buyerOrgId: string, sellerOrgId: string): Promise<void>;
  /** `amount` as typed (yuan); `transfer` needs the receipt's fileID. */
  requestTopUp(amount: string, method: 'wechat_pay' | 'transfer', receiptFileId: string | null): Promise<void>;
}

export function createBalances(deps: BalancesDeps) {
  return createStore<BalancesState>()((set, get) => {
    const gen = latest();
    let who: { buyerOrgId: string; sellerOrgId: string } | null = null;
    let intent: { key: string; intent: Intent } | null = null;
    return {
      key: null,
      balances: { status: 'idle' },
      topUp: { status: 'idle', error: null, result: null },
      async load(buyerOrgId, sellerOrgId) {
        const key = `${buyerOrgId}|${sellerOrgId}`;
        who = { buyerOrgId, sellerOrgId };
        const mine = gen.next();
        if (get().key !== key) set({ key, balances: { status: 'loading' }, topUp: { status: 'idle', error: null, result: null } });
        const r = await deps.client.order.balances({ buyerOrgId, sellerOrgId });
        if (!gen.isLatest(mine)) return;
        set({ balances: r.ok ? { status: 'ready', value: r.data } : { status: 'error', error: r.error } });
      },
      async requestTopUp(amount, method, receiptFileId) {
        if (who === null || get().topUp.status === 'sending') return;
        const fen = parseYuan(amount);
        if (!fen.ok || fen.data <= 0) {
          set({ topUp: { status: 'failed', error: localError('请填写充值金额，例如 500 或 500.50'), result: null } });
          return;
        }
        if (method === 'transfer' && receiptFileId === null) {
          set({ topUp: { status: 'failed', error: localError('请先上传转账凭证'), result: null } });
          return;
        }
        // One intent per amount and method the buyer confirmed; the retry after a lost reply reuses it.
        const key = `${who.buyerOrgId}|${who.sellerOrgId}|${fen.data}|${method}|${receiptFileId ?? ''}`;
        if (intent === null || intent.key !== key) {
          if (!(await deps.confirmTopUp(fen.data, method))) return;
          intent = { key, intent: deps.client.newIntent() };
        }
        set({ topUp: { status: 'sending', error: null, result: null } });
        const req: Parameters<Client['order']['topUp']>[0] = { sellerOrgId: who.sellerOrgId, buyerOrgId: who.buyerOrgId, amount: fen.data, method };
        if (receiptFileId !== null) req.receiptFileId = receiptFileId;
        const r = await deps.client.order.topUp(req, { intent: intent.intent });
        if (r.ok) {
          intent = null;
          set({ topUp: { status: 'done', error: null, result: r.data } });
          await get().load(who.buyerOrgId, who.sellerOrgId);
        } else {
          set({ topUp: { status: 'failed', error: r.error, result: null } });
        }
      },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Returns

export const RETURN_REASON_MAX = 200;
export const RETURN_PHOTOS_MAX = MAX_RETURN_PHOTOS;

export interface ReturnDraft {
  /** lineId → units asked back. */
  quantities: Record<string, number>;
  reason: string;
  photos: string[];
}

/** The request, or what is wrong with the draft (in the buyer's words). */
export function checkReturn(o: OrderView, d: ReturnDraft): { ok: true; lines: Array<{ lineId: string; quantity: number }> } | { ok: false; problem: string } {
  const lines: Array<{ lineId: string; quantity: number }> = [];
  for (const [lineId, q] of Object.entries(d.quantities)) {
    if (q <= 0) continue;
    const line = o.lines.find((l) => l.lineId === lineId);
    if (line === undefined) return { ok: false, problem: '订单中没有这个商品' };
    const max = returnableUnits(o, lineId);
    if (!Number.isSafeInteger(q) || q > max) return { ok: false, problem: `「${line.productName}」最多可退 ${max}` };
    lines.push({ lineId, quantity: q });
  }
  if (lines.length === 0) return { ok: false, problem: '请选择要退的商品和数量' };
  if (d.reason.trim() === '') return { ok: false, problem: '请填写退货原因' };
  if (d.reason.length > RETURN_REASON_MAX) return { ok: false, problem: `退货原因最多 ${RETURN_REASON_MAX} 个字` };
  if (d.photos.length > RETURN_PHOTOS_MAX) return { ok: false, problem: `最多 ${RETURN_PHOTOS_MAX} 张照片` };
  return { ok: true, lines };
}

/**
 * What returning `k` of a line's `m` remaining units refunds: floor(remainingNet × k / m), all
 * of it when k = m (docs/ordering.md#returns). Shown before the buyer asks.
 */
export function expectedRefund(line: { net: number; refunded: number; quantity: number; returned: number }, k: number): number {
  const m = line.quantity - line.returned;
  const remainingNet = line.net - line.refunded;
  if (k <= 0 || m <= 0) return 0;
  if (k >= m) return remainingNet;
  return Math.floor((remainingNet * k) / m);
}

export interface ReturnsDeps {
  client: Client;
  confirmReturn: (o: OrderView, refund_fen: number) => Promise<boolean>;
}

export interface ReturnFormState {
  draft: ReturnDraft;
  phase: { status: 'idle' | 'sending' | 'done' | 'failed'; error: ClientError | null; result: RequestReturnRes | null };
  setQuantity(lineId: string, q: number): void;
  setReason(reason: string): void;
  addPhoto(fileId: string): void;
  removePhoto(fileId: string): void;
  submit(o: OrderView): Promise<void>;
  reset(): void;
}

export function createReturnForm(deps: ReturnsDeps) {
  const empty = (): ReturnDraft => ({ quantities: {}, reason: '', photos: [] });
  return createStore<ReturnFormState>()((set, get) => {
    let intent: { key: string; intent: Intent } | null = null;
    return {
      draft: empty(),
      phase: { status: 'idle', error: null, result: null },
      setQuantity(lineId, q) {
        set({ draft: { ...get().draft, quantities: { ...get().draft.quantities, [lineId]: Math.max(0, Math.floor(q)) } } });
      },
      setReason(reason) {
        set({ draft: { ...get().draft, reason: reason.slice(0, RETURN_REASON_MAX) } });
      },
      addPhoto(fileId) {
        const photos = get().draft.photos;
        if (photos.length >= RETURN_PHOTOS_MAX || photos.includes(fileId)) return;
        set({ draft: { ...get().draft, photos: [...photos, fileId] } });
      },
      removePhoto(fileId) {
        set({ draft: { ...get().draft, photos: get().draft.photos.filter((p) => p !== fileId) } });
      },
      async submit(o) {
        if (get().phase.status === 'sending') return;
        const d = get().draft;
        const c = checkReturn(o, d);
        if (!c.ok) {
          set({ phase: { status: 'failed', error: localError(c.problem), result: null } });
          return;
        }
        const key = JSON.stringify([o.orderId, c.lines, d.reason, d.photos]);
        if (intent === null || intent.key !== key) {
          const refund = c.lines.reduce((s, l) => {
            const line = o.lines.find((x) => x.lineId === l.lineId)!;
            return s + expectedRefund(line, l.quantity);
          }, 0);
          if (!(await deps.confirmReturn(o, refund))) return;
          intent = { key, intent: deps.client.newIntent() };
        }
        set({ phase: { status: 'sending', error: null, result: null } });
        const req: Parameters<Client['order']['requestReturn']>[0] = { orderId: o.orderId, lines: c.lines, reason: d.reason.trim() };
        if (d.photos.length > 0) req.photos = d.photos;
        const r = await deps.client.order.requestReturn(req, { intent: intent.intent });
        if (r.ok) {
          intent = null;
          set({ phase: { status: 'done', error: null, result: r.data }, draft: empty() });
        } else {
          set({ phase: { status: 'failed', error: r.error, result: null } });
        }
      },
      reset() {
        intent = null;
        set({ draft: empty(), phase: { status: 'idle', error: null, result: null } });
      },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// What is still expected from open shipments (the receive screen)

export interface ExpectedRow {
  orderId: string;
  orderNo: string;
  shipmentId: string;
  productId: string;
  productName: string;
  /** Items shipped in this shipment. */
  items: number;
  /** Items of this product scanned in the running list (shared across shipments, oldest first). */
  scanned: number;
}

/** Open orders whose shipments may still be on the way. */
export const SHIPPING_STATES = ['partially_shipped', 'shipped'] as const;
/** Orders looked at for the expected list (the newest first). */
export const EXPECTED_ORDERS_MAX = 10;

/**
 * Shipments still in transit, one row per product, with how many of its items the running scan
 * list already holds (scanned items are counted against the oldest shipment first).
 */
export function expectedRows(orders: readonly OrderView[], entries: readonly ScanEntry[]): ExpectedRow[] {
  const scannedByProduct = new Map<string, number>();
  for (const e of entries) {
    if (e.status !== 'ready' || e.productId === undefined || e.items === undefined) continue;
    scannedByProduct.set(e.productId, (scannedByProduct.get(e.productId) ?? 0) + e.items);
  }
  const rows: ExpectedRow[] = [];
  const shipments = orders.flatMap((o) => o.shipments.filter((s) => s.status === 'in_transit').map((s) => ({ o, s })));
  shipments.sort((a, b) => a.s.at - b.s.at);
  for (const { o, s } of shipments) {
    for (const l of s.lines) {
      const name = o.lines.find((x) => x.productId === l.productId)?.productName ?? '商品';
      const left = scannedByProduct.get(l.productId) ?? 0;
      const scanned = Math.min(left, l.items);
      scannedByProduct.set(l.productId, left - scanned);
      rows.push({ orderId: o.orderId, orderNo: o.orderNo, shipmentId: s.shipmentId, productId: l.productId, productName: name, items: l.items, scanned });
    }
  }
  return rows;
}

export interface ExpectedState {
  orgId: string | null;
  orders: Load<OrderView[]>;
  load(orgId: string): Promise<void>;
}

/** Loads the buyer's orders that are being shipped, with their shipments. */
export function createExpected(client: Client) {
  return createStore<ExpectedState>()((set, get) => {
    const gen = latest();
    return {
      orgId: null,
      orders: { status: 'idle' },
      async load(orgId) {
        const mine = gen.next();
        if (get().orgId !== orgId) set({ orgId, orders: { status: 'loading' } });
        const lists = await Promise.all(SHIPPING_STATES.map((status) => client.order.list({ side: 'buy', orgId, status, limit: EXPECTED_ORDERS_MAX })));
        const failed = lists.find((r) => !r.ok);
        if (failed !== undefined && !failed.ok) {
          if (gen.isLatest(mine)) set({ orders: { status: 'error', error: failed.error } });
          return;
        }
        const ids = lists.flatMap((r) => (r.ok ? r.data.orders.map((o) => o.orderId) : [])).slice(0, EXPECTED_ORDERS_MAX);
        const got = await Promise.all(ids.map((orderId) => client.order.get({ orderId })));
        if (!gen.isLatest(mine)) return;
        const bad = got.find((r) => !r.ok);
        if (bad !== undefined && !bad.ok) {
          set({ orders: { status: 'error', error: bad.error } });
          return;
        }
        set({ orders: { status: 'ready', value: got.flatMap((r) => (r.ok ? [r.data] : [])) } });
      },
    };
  });
}
