/**
 * Buying from one seller (docs/ordering.md#orders): whom the buyer orders from, the
 * catalogue at the buyer's prices, the quote of the cart, the tenders, and one submit.
 *
 * - The seller is the buyer's trade relation (`trade.listRelations`: a store's dealer, a dealer's
 *   brand); a buyer with several sellers picks one.
 * - The quote is asked again whenever the cart changed; the tenders start from a proposal
 *   (`suggestTenders`) and keep adding up while the buyer edits them.
 * - Submit asks first (the app's confirm), makes one intent per confirmed order, and sends the
 *   total the buyer saw. `QUOTE_CHANGED`: nothing was written; the new quote is fetched and shown,
 *   with the tenders proposed afresh, and the buyer confirms again. A lost reply is retried with
 *   the same intent (the server answers the same order).
 *
 * No Taro here (tested in Node).
 */
import { createStore } from 'zustand/vanilla';
import type { CatalogItem, CatalogRes, QuoteRes, RelationView, SubmitRes } from '@channel-router/shared/api';
import type { Client, ClientError, Intent } from '@channel-router/shared/client';
import { latest, localError, type Load } from '../load';
import { cartRequestLines, type CartStore } from './cart';
import { inCategory, type CategoryChoice } from './catalog';
import {
  payingPower,
  setTender,
  suggestTenders,
  switchFiller,
  tenderProblems,
  toTenderRequests,
  type PayingPower,
  type TenderDraft,
  type TenderKind,
} from './tenders';

export interface SubmitIntent {
  total: number;
  draft: TenderDraft;
  tenders: string[];
}

export interface CheckoutDeps {
  client: Client;
  cart: CartStore;
  /** Asks the buyer to confirm the order (money moves: the app's red dialog). */
  confirmSubmit: (what: SubmitIntent) => Promise<boolean>;
}

export type SubmitPhase =
  | { status: 'idle' }
  | { status: 'submitting' }
  | { status: 'failed'; error: ClientError }
  | { status: 'done'; result: SubmitRes; total: number };

export interface CheckoutState {
  buyerOrgId: string | null;
  sellers: Load<RelationView[]>;
  sellerOrgId: string | null;
  catalog: Load<CatalogRes>;
  quote: Load<QuoteRes>;
  power: Load<PayingPower>;
  draft: TenderDraft;
  /** How the rest is paid: WeChat Pay or a transfer with its receipt. */
  filler: 'wechat_pay' | 'transfer';
  receiptFileId: string | null;
  /** The previous total when the server said the prices changed (shown until the buyer confirms). */
  changedFrom: number | null;
  phase: SubmitPhase;
  /** Loads the buyer's sellers and the first one's catalogue. */
  bind(buyerOrgId: string): Promise<void>;
  selectSeller(sellerOrgId: string): Promise<void>;
  loadCatalog(): Promise<void>;
  /** Quotes the cart and proposes tenders (the balances are read alongside). */
  refreshQuote(): Promise<void>;
  setTender(kind: TenderKind, amount_fen: number): void;
  setFiller(to: 'wechat_pay' | 'transfer'): void;
  setReceipt(fileId: string | null): void;
  submit(): Promise<void>;
  /** Sends the same order again (same intent) after a failure that may not have reached the server. */
  retry(): Promise<void>;
  reset(): void;
}

export function createCheckout(deps: CheckoutDeps) {
  const { client, cart } = deps;
  return createStore<CheckoutState>()((set, get) => {
    const quoteGen = latest();
    const catalogGen = latest();
    /** The intent of the order being submitted; a new one only after the buyer confirms again. */
    let intent: Intent | null = null;
    let sent: { total: number } | null = null;

    const loadPower = async (buyerOrgId: string, sellerOrgId: string): Promise<Load<PayingPower>> => {
      const [b, t] = await Promise.all([client.order.balances({ buyerOrgId, sellerOrgId }), client.trade.getTerms({ sellerOrgId })]);
      if (!b.ok) return { status: 'error', error: b.error };
      // The terms tell the rebate share; without them, the default share (the server checks again).
      return { status: 'ready', value: payingPower(b.data, t.ok ? t.data.maxRebateShare_bp : 2000) };
    };

    const send = async () => {
      const s = get();
      const q = s.quote;
      if (s.buyerOrgId === null || s.sellerOrgId === null || q.status !== 'ready' || intent === null || sent === null) return;
      set({ phase: { status: 'submitting' } });
      const r = await client.order.submit(
        {
          sellerOrgId: s.sellerOrgId,
          buyerOrgId: s.buyerOrgId,
          lines: cartRequestLines(cart.getState().lines),
          tenders: toTenderRequests(s.draft, s.filler === 'transfer' ? s.receiptFileId : null),
          expectedTotal: sent.total,
        },
        { intent },
      );
      if (r.ok) {
        intent = null;
        cart.getState().clear();
        set({ phase: { status: 'done', result: r.data, total: sent.total }, changedFrom: null });
        return;
      }
      if (r.error.code === 'QUOTE_CHANGED') {
        // Nothing was written: show the new quote and let the buyer confirm the new amount.
        intent = null;
        const before = sent.total;
        set({ phase: { status: 'idle' } });
        await get().refreshQuote();
        set({ changedFrom: before });
        return;
      }
      set({ phase: { status: 'failed', error: r.error } });
    };

    return {
      buyerOrgId: null,
      sellers: { status: 'idle' },
      sellerOrgId: null,
      catalog: { status: 'idle' },
      quote: { status: 'idle' },
      power: { status: 'idle' },
      draft: {},
      filler: 'wechat_pay',
      receiptFileId: null,
      changedFrom: null,
      phase: { status: 'idle' },

      async bind(buyerOrgId) {
        if (get().buyerOrgId !== buyerOrgId) {
          // Another org's catalogue and quote must never show under this one.
          set({ buyerOrgId, sellerOrgId: null, catalog: { status: 'idle' }, quote: { status: 'idle' }, power: { status: 'idle' }, draft: {}, phase: { status: 'idle' }, changedFrom: null });
          cart.getState().bind(null, null);
        }
        set({ sellers: { status: 'loading' } });
        const r = await client.trade.listRelations({ orgId: buyerOrgId });
        if (get().buyerOrgId !== buyerOrgId) return;
        if (!r.ok) {
          set({ sellers: { status: 'error', error: r.error } });
          return;
        }
        set({ sellers: { status: 'ready', value: r.data.sellers } });
        const keep = get().sellerOrgId;
        const first = r.data.sellers.find((x) => x.sellerOrgId === keep) ?? r.data.sellers[0];
        if (first !== undefined) await get().selectSeller(first.sellerOrgId);
      },

      async selectSeller(sellerOrgId) {
        const buyer = get().buyerOrgId;
        if (buyer === null) return;
        if (get().sellerOrgId !== sellerOrgId) set({ sellerOrgId, catalog: { status: 'idle' }, quote: { status: 'idle' }, power: { status: 'idle' }, draft: {} });
        cart.getState().bind(buyer, sellerOrgId);
        await get().loadCatalog();
      },

      async loadCatalog() {
        const { sellerOrgId } = get();
        if (sellerOrgId === null) return;
        const mine = catalogGen.next();
        set({ catalog: { status: 'loading' } });
        const r = await client.order.catalog({ sellerOrgId });
        if (!catalogGen.isLatest(mine) || get().sellerOrgId !== sellerOrgId) return;
        set({ catalog: r.ok ? { status: 'ready', value: r.data } : { status: 'error', error: r.error } });
      },

      async refreshQuote() {
        const { buyerOrgId, sellerOrgId } = get();
        if (buyerOrgId === null || sellerOrgId === null) return;
        const lines = cartRequestLines(cart.getState().lines);
        if (lines.length === 0) {
          set({ quote: { status: 'idle' }, draft: {} });
          return;
        }
        const mine = quoteGen.next();
        set({ quote: { status: 'loading' }, changedFrom: null });
        const [q, power] = await Promise.all([client.order.quote({ sellerOrgId, lines }), loadPower(buyerOrgId, sellerOrgId)]);
        if (!quoteGen.isLatest(mine)) return;
        if (!q.ok) {
          set({ quote: { status: 'error', error: q.error }, power });
          return;
        }
        const draft = power.status === 'ready' ? suggestTenders(q.data.total, power.value) : { wechat_pay: q.data.total };
        set({ quote: { status: 'ready', value: q.data }, power, draft: get().filler === 'transfer' ? switchFiller(draft, 'transfer') : draft });
      },

      setTender(kind, amount_fen) {
        const q = get().quote;
        if (q.status !== 'ready') return;
        set({ draft: setTender(q.value.total, get().draft, kind, amount_fen, get().filler) });
      },
      setFiller(to) {
        set({ filler: to, draft: switchFiller(get().draft, to) });
      },
      setReceipt(fileId) {
        set({ receiptFileId: fileId });
      },

      async submit() {
        const s = get();
        if (s.phase.status === 'submitting') return;
        const q = s.quote;
        if (q.status !== 'ready') return;
        const power = s.power.status === 'ready' ? s.power.value : null;
        if (power === null) {
          set({ phase: { status: 'failed', error: localError('余额没有读到，请刷新后再提交', 'NETWORK') } });
          return;
        }
        const problems = tenderProblems(q.value.total, s.draft, power, s.filler === 'transfer' ? s.receiptFileId : null);
        if (!problems.ok) {
          set({ phase: { status: 'failed', error: localError(Object.values(problems.byKind)[0] ?? problems.total ?? '支付方式不正确') } });
          return;
        }
        const yes = await deps.confirmSubmit({ total: q.value.total, draft: s.draft, tenders: toTenderRequests(s.draft, null).map((t) => t.kind) });
        if (!yes) return;
        intent = client.newIntent();
        sent = { total: q.value.total };
        await send();
      },

      async retry() {
        if (intent === null) return;
        await send();
      },

      reset() {
        intent = null;
        sent = null;
        set({ phase: { status: 'idle' }, changedFrom: null, receiptFileId: null });
      },
    };
  });
}

export type CheckoutStore = ReturnType<typeof createCheckout>;

// ---------------------------------------------------------------------------------------------
// The catalogue's filters: search text (a product's name or category), the products' own category
// (catalog.ts) and a chip of what the catalogue says: on promotion, in stock, by order unit.

export type CatalogFilter = 'all' | 'promo' | 'available' | 'case' | 'box' | 'item';

export const CATALOG_FILTERS: ReadonlyArray<{ key: CatalogFilter; label: string }> = [
  { key: 'all', label: '全部' },
  { key: 'promo', label: '促销' },
  { key: 'available', label: '有货' },
  { key: 'case', label: '按箱' },
  { key: 'box', label: '按盒' },
  { key: 'item', label: '按件' },
];

/**
 * The other chips (促销, 有货, by order unit): under category chips, their 全部 reads 不限 so the
 * two rows do not both start with 全部.
 */
export function catalogFilterChips(withCategories: boolean): ReadonlyArray<{ key: CatalogFilter; label: string }> {
  return withCategories ? CATALOG_FILTERS.map((f) => (f.key === 'all' ? { ...f, label: '不限' } : f)) : CATALOG_FILTERS;
}

/** Longest search text looked at (a pasted paragraph is cut). */
export const SEARCH_MAX_LENGTH = 40;

/** Product ids a running promotion names (the catalogue's `promotions`, whatever their shape). */
export function promotedProductIds(promotions: readonly unknown[]): Set<string> {
  const ids = new Set<string>();
  for (const p of promotions) {
    if (typeof p !== 'object' || p === null) continue;
    const products = (p as { products?: unknown; productIds?: unknown }).products ?? (p as { productIds?: unknown }).productIds;
    if (Array.isArray(products)) for (const x of products) if (typeof x === 'string') ids.add(x);
  }
  return ids;
}

/**
 * The badges of a product: each running promotion that names it (in the product's own
 * `promotionIds`, or in a promotion's product list), by its `label` (满300减30), `title` or `name`,
 * else 促销.
 */
export function promotionBadges(promotions: readonly unknown[], productId: string, promotionIds: readonly string[] = []): string[] {
  const out: string[] = [];
  for (const p of promotions) {
    if (typeof p !== 'object' || p === null) continue;
    const o = p as { promotionId?: unknown; products?: unknown; productIds?: unknown; label?: unknown; title?: unknown; name?: unknown };
    const products = o.products ?? o.productIds;
    const named = typeof o.promotionId === 'string' && promotionIds.includes(o.promotionId);
    if (!named && !(Array.isArray(products) && products.includes(productId))) continue;
    const title = typeof o.label === 'string' ? o.label : typeof o.title === 'string' ? o.title : typeof o.name === 'string' ? o.name : '促销';
    out.push(title.slice(0, 12));
  }
  return out;
}

/**
 * The products shown: those whose name or category holds the search text, in the chosen category
 * (null: all), passing the chip. On promotion: named by a running promotion (`promotionIds`, or a
 * promotion's own product list).
 */
export function filterCatalog(items: readonly CatalogItem[], search: string, filter: CatalogFilter, promoted: ReadonlySet<string>, category: CategoryChoice = null): CatalogItem[] {
  const q = search.trim().slice(0, SEARCH_MAX_LENGTH).toLowerCase();
  return items.filter((i) => {
    if (q !== '' && !i.productName.toLowerCase().includes(q) && !(i.category ?? '').toLowerCase().includes(q)) return false;
    if (!inCategory(i, category)) return false;
    switch (filter) {
      case 'all':
        return true;
      case 'promo':
        return promoted.has(i.productId) || (i.promotionIds?.length ?? 0) > 0;
      case 'available':
        return i.available;
      default:
        return i.unit === filter;
    }
  });
}
