/**
 * What an org looks up: its stock (`report.stock`), the diversion alerts about its own goods
 * (`report.alerts` with `dealerId`), the penalties against it (`report.penalties`), and product
 * names for all of them (`channel.listProducts`, loaded once).
 */
import { createStore } from 'zustand/vanilla';
import type { AlertView, PenaltyView, ProductView, StockRes } from '@channel-router/shared/api';
import type { Client } from '@channel-router/shared/client';
import type { UnitLevel } from '@channel-router/shared/model';
import { createPagedStore, latest, type Load } from '@channel-router/ui/kit';

/** Rows per page of alerts and penalties. */
export const REPORT_PAGE = 30;

export function createAlertsStore(client: Client) {
  return createPagedStore<AlertView>(async (dealerId, cursor) => {
    const r = await client.report.alerts(cursor === null ? { dealerId, limit: REPORT_PAGE } : { dealerId, cursor, limit: REPORT_PAGE });
    return r.ok ? { ok: true, data: { items: r.data.alerts, cursor: r.data.cursor ?? null } } : r;
  });
}

export function createPenaltiesStore(client: Client) {
  return createPagedStore<PenaltyView>(async (dealerId, cursor) => {
    const r = await client.report.penalties(cursor === null ? { dealerId, limit: REPORT_PAGE } : { dealerId, cursor, limit: REPORT_PAGE });
    return r.ok ? { ok: true, data: { items: r.data.penalties, cursor: r.data.cursor ?? null } } : r;
  });
}

export interface PenaltyTotals {
  pendingFen: number;
  pendingCount: number;
  settledFen: number;
  /** Items concerned by the pending penalties. */
  pendingItems: number;
}

/** What the penalties shown add up to (pending ones are what the brand will still settle). */
export function penaltyTotals(rows: readonly PenaltyView[]): PenaltyTotals {
  const t: PenaltyTotals = { pendingFen: 0, pendingCount: 0, settledFen: 0, pendingItems: 0 };
  for (const p of rows) {
    if (p.status === 'pending') {
      t.pendingFen += p.amount;
      t.pendingCount += 1;
      t.pendingItems += p.quantity;
    } else if (p.status === 'settled') {
      t.settledFen += p.amount;
    }
  }
  return t;
}

export interface AlertTotals {
  alerts: number;
  /** Items concerned by diversion alerts. */
  divertedItems: number;
  /** Regions where goods turned up, most items first. */
  regions: Array<{ regionCode: string; items: number }>;
}

export function alertTotals(rows: readonly AlertView[]): AlertTotals {
  let divertedItems = 0;
  const regions = new Map<string, number>();
  for (const a of rows) {
    if (a.kind !== 'diversion') continue;
    divertedItems += a.quantity;
    if (a.regionCode !== null) regions.set(a.regionCode, (regions.get(a.regionCode) ?? 0) + a.quantity);
  }
  return {
    alerts: rows.length,
    divertedItems,
    regions: [...regions.entries()].map(([regionCode, items]) => ({ regionCode, items })).sort((a, b) => b.items - a.items),
  };
}

// ---------------------------------------------------------------------------------------------
// Stock

export interface StockGroup {
  productId: string;
  items: number;
  units: StockRes['units'];
  /** `2 箱 · 1 盒` counts by level. */
  levels: Partial<Record<UnitLevel, number>>;
}

/** Stock by product, most items first (units newest first within a product, as the server sorts). */
export function groupStock(stock: StockRes): StockGroup[] {
  const groups = new Map<string, StockGroup>();
  for (const u of stock.units) {
    const g = groups.get(u.productId) ?? { productId: u.productId, items: 0, units: [], levels: {} };
    g.items += u.items;
    g.units.push(u);
    g.levels[u.level] = (g.levels[u.level] ?? 0) + 1;
    groups.set(u.productId, g);
  }
  return [...groups.values()].sort((a, b) => b.items - a.items);
}

export interface StockState {
  orgId: string | null;
  stock: Load<StockRes>;
  load(orgId: string): Promise<void>;
}

export function createStockStore(client: Client) {
  return createStore<StockState>()((set, get) => {
    const gen = latest();
    return {
      orgId: null,
      stock: { status: 'idle' },
      async load(orgId) {
        const mine = gen.next();
        if (get().orgId !== orgId || get().stock.status !== 'ready') set({ orgId, stock: { status: 'loading' } });
        const r = await client.report.stock({ orgId });
        if (!gen.isLatest(mine)) return;
        set({ stock: r.ok ? { status: 'ready', value: r.data } : { status: 'error', error: r.error } });
      },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Product names

export interface CatalogState {
  products: Load<Map<string, ProductView>>;
  /** Loads once; again only after a failure. */
  ensure(): Promise<void>;
}

export function createCatalogStore(client: Client) {
  return createStore<CatalogState>()((set, get) => {
    let inFlight: Promise<void> | null = null;
    return {
      products: { status: 'idle' },
      ensure() {
        if (get().products.status === 'ready') return Promise.resolve();
        if (inFlight !== null) return inFlight;
        set({ products: { status: 'loading' } });
        inFlight = client.channel.listProducts({}).then((r) => {
          inFlight = null;
          set({ products: r.ok ? { status: 'ready', value: new Map(r.data.products.map((p) => [p.id, p])) } : { status: 'error', error: r.error } });
        });
        return inFlight;
      },
    };
  });
}

/** A product's name, or a neutral stand-in while names load (never the raw id). */
export function productName(products: Load<Map<string, ProductView>>, productId: string): string {
  return products.status === 'ready' ? (products.value.get(productId)?.name ?? '其他商品') : '商品';
}
