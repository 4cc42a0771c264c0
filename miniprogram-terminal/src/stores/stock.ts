/**
 * The store's stock (`report.stock`): what it received and has not passed on, by product, with
 * product names from `channel.listProducts`. Without names (that list failed) the stock still
 * shows, with 「商品」 for each product.
 */
import { createStore } from 'zustand/vanilla';
import type { ProductView, StockRes } from '@channel-router/shared/api';
import type { UnitLevel } from '@channel-router/shared/model';
import type { Client } from '@channel-router/shared/client';
import type { Load } from '@channel-router/ui/kit';

export interface StockUnitRow {
  code: string;
  level: UnitLevel;
  items: number;
  receivedAt: number;
}

export interface StockProductRow {
  productId: string;
  name: string;
  sku: string | null;
  items: number;
  units: StockUnitRow[];
}

export interface StockView {
  items: number;
  units: number;
  products: StockProductRow[];
}

export interface StockState {
  stock: Load<StockView>;
  orgId: string | null;
  load(orgId: string): Promise<void>;
}

/** Groups the units by product, biggest first; units newest first. */
export function stockView(res: StockRes, products: readonly ProductView[]): StockView {
  const names = new Map(products.map((p) => [p.id, p]));
  const byProduct = new Map<string, StockProductRow>();
  for (const u of res.units) {
    let row = byProduct.get(u.productId);
    if (row === undefined) {
      const p = names.get(u.productId);
      row = { productId: u.productId, name: p?.name ?? '商品', sku: p?.sku ?? null, items: 0, units: [] };
      byProduct.set(u.productId, row);
    }
    row.items += u.items;
    row.units.push({ code: u.code, level: u.level, items: u.items, receivedAt: u.receivedAt });
  }
  const rows = [...byProduct.values()];
  for (const r of rows) r.units.sort((a, b) => b.receivedAt - a.receivedAt);
  rows.sort((a, b) => b.items - a.items || a.name.localeCompare(b.name));
  return { items: res.items, units: res.units.length, products: rows };
}

export function createStockStore(deps: { client: Client }) {
  return createStore<StockState>()((set, get) => {
    let generation = 0;
    return {
      stock: { status: 'loading' },
      orgId: null,
      async load(orgId) {
        const mine = ++generation;
        if (get().orgId !== orgId || get().stock.status !== 'ready') set({ stock: { status: 'loading' }, orgId });
        const [stock, products] = await Promise.all([deps.client.report.stock({ orgId }), deps.client.channel.listProducts({})]);
        if (mine !== generation) return;
        if (!stock.ok) {
          set({ stock: { status: 'error', error: stock.error } });
          return;
        }
        set({ stock: { status: 'ready', value: stockView(stock.data, products.ok ? products.data.products : []) } });
      },
    };
  });
}
