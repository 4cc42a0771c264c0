/**
 * The buyer's cart (购物车) for one seller: what a store (or a dealer buying from the brand) is about
 * to order, in the product's order unit (docs/ordering.md#prices). It survives
 * closing the app: every change is written to the phone's storage under the buyer and the seller,
 * so a store buying from two suppliers keeps two carts, and another person signing in on the same
 * phone for another org never sees this one.
 *
 * Prices in the cart are what the catalogue showed; the quote (order.quote) is what counts.
 * No Taro here (tested in Node): the app passes the storage adapter.
 */
import { createStore } from 'zustand/vanilla';
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES } from '@channel-router/shared/validation/order-requests';
import type { CatalogItem, OrderLineReq } from '@channel-router/shared/api';
import { readJson, writeJson, type KeyValueStorage } from '../storage';

/** The server's bounds on one order (shared/src/validation/order-requests.ts). */
export const CART_MAX_LINES = MAX_ORDER_LINES;
export const CART_MAX_QUANTITY = MAX_LINE_QUANTITY;
/** A saved cart older than this is stale (prices and promotions will have moved): dropped. */
export const CART_MAX_AGE_MS = 30 * 24 * 3600_000;

export interface CartLine {
  productId: string;
  productName: string;
  unit: CatalogItem['unit'];
  itemsPerUnit: number;
  /** The price the catalogue showed (fen per order unit); the quote decides. */
  unitPrice: number;
  quantity: number;
}

export interface CartState {
  buyerOrgId: string | null;
  sellerOrgId: string | null;
  /** In the order they were first added. */
  lines: CartLine[];
  /** Switches to the cart of this buyer with this seller (restored from the phone). */
  bind(buyerOrgId: string | null, sellerOrgId: string | null): void;
  /** Sets a product's quantity (0 removes it); clamps to the server's bounds. Returns the quantity kept. */
  setQuantity(item: Pick<CatalogItem, 'productId' | 'productName' | 'unit' | 'itemsPerUnit' | 'unitPrice'>, quantity: number): number;
  remove(productId: string): void;
  clear(): void;
}

export function cartStorageKey(prefix: string, buyerOrgId: string, sellerOrgId: string): string {
  return `${prefix}cart.${buyerOrgId}.${sellerOrgId}`;
}

/** A quantity as the stepper may hold it: a whole number in [0, CART_MAX_QUANTITY]. */
export function clampQuantity(q: number): number {
  if (!Number.isFinite(q) || q <= 0) return 0;
  return Math.min(CART_MAX_QUANTITY, Math.floor(q));
}

function isLine(x: unknown): x is CartLine {
  if (typeof x !== 'object' || x === null) return false;
  const l = x as Record<string, unknown>;
  return (
    typeof l['productId'] === 'string' && l['productId'] !== '' &&
    typeof l['productName'] === 'string' &&
    (l['unit'] === 'case' || l['unit'] === 'box' || l['unit'] === 'item') &&
    Number.isSafeInteger(l['itemsPerUnit']) && (l['itemsPerUnit'] as number) > 0 &&
    Number.isSafeInteger(l['unitPrice']) && (l['unitPrice'] as number) >= 0 &&
    Number.isSafeInteger(l['quantity']) && (l['quantity'] as number) >= 1 && (l['quantity'] as number) <= CART_MAX_QUANTITY
  );
}

/** What was saved, if it is still a cart: unreadable, malformed or stale lines are dropped. */
export function restoreCart(saved: unknown, now_ms: number): CartLine[] {
  if (typeof saved !== 'object' || saved === null) return [];
  const s = saved as { savedAt?: unknown; lines?: unknown };
  if (typeof s.savedAt !== 'number' || now_ms - s.savedAt > CART_MAX_AGE_MS || !Array.isArray(s.lines)) return [];
  const seen = new Set<string>();
  const out: CartLine[] = [];
  for (const l of s.lines.slice(0, CART_MAX_LINES)) {
    if (!isLine(l) || seen.has(l.productId)) continue;
    seen.add(l.productId);
    out.push({ productId: l.productId, productName: l.productName, unit: l.unit, itemsPerUnit: l.itemsPerUnit, unitPrice: l.unitPrice, quantity: l.quantity });
  }
  return out;
}

/** Units in the cart (the badge) and the estimate at catalogue prices (fen). */
export function cartSummary(lines: readonly CartLine[]): { products: number; units: number; estimate: number } {
  let units = 0;
  let estimate = 0;
  for (const l of lines) {
    units += l.quantity;
    estimate += l.unitPrice * l.quantity;
  }
  return { products: lines.length, units, estimate };
}

const UNIT_WORDS: Record<CartLine['unit'], string> = { case: '箱', box: '盒', item: '件' };

/** 「已选 2 种，共 5 箱」 (units of different kinds: 「共 5 个单位」). */
export function cartCountText(lines: readonly CartLine[]): string {
  const { products, units } = cartSummary(lines);
  const kinds = new Set(lines.map((l) => l.unit));
  const word = kinds.size === 1 ? UNIT_WORDS[lines[0]!.unit] : '个单位';
  return products === 0 ? '购物车是空的' : `已选 ${products} 种，共 ${units} ${word}`;
}

/** The lines as order.quote and order.submit take them. */
export function cartRequestLines(lines: readonly CartLine[]): OrderLineReq[] {
  return lines.map((l) => ({ productId: l.productId, quantity: l.quantity }));
}

export interface CartDeps {
  storage?: KeyValueStorage;
  /** `storagePrefix(app)`. */
  storagePrefix: string;
  now?: () => number;
}

export function createCart(deps: CartDeps) {
  const now = deps.now ?? Date.now;
  return createStore<CartState>()((set, get) => {
    const save = (lines: CartLine[]) => {
      const { buyerOrgId, sellerOrgId } = get();
      if (buyerOrgId === null || sellerOrgId === null) return;
      const key = cartStorageKey(deps.storagePrefix, buyerOrgId, sellerOrgId);
      writeJson(deps.storage, key, lines.length === 0 ? undefined : { savedAt: now(), lines });
    };
    const put = (lines: CartLine[]) => {
      set({ lines });
      save(lines);
    };
    return {
      buyerOrgId: null,
      sellerOrgId: null,
      lines: [],
      bind(buyerOrgId, sellerOrgId) {
        const s = get();
        if (s.buyerOrgId === buyerOrgId && s.sellerOrgId === sellerOrgId) return;
        const lines = buyerOrgId === null || sellerOrgId === null
          ? []
          : restoreCart(readJson(deps.storage, cartStorageKey(deps.storagePrefix, buyerOrgId, sellerOrgId)), now());
        set({ buyerOrgId, sellerOrgId, lines });
      },
      setQuantity(item, quantity) {
        const q = clampQuantity(quantity);
        const lines = get().lines;
        const i = lines.findIndex((l) => l.productId === item.productId);
        if (q === 0) {
          if (i >= 0) put(lines.filter((l) => l.productId !== item.productId));
          return 0;
        }
        const line: CartLine = { productId: item.productId, productName: item.productName, unit: item.unit, itemsPerUnit: item.itemsPerUnit, unitPrice: item.unitPrice, quantity: q };
        if (i >= 0) {
          put(lines.map((l, j) => (j === i ? line : l)));
          return q;
        }
        // A full cart takes no new product (the server refuses more lines in one order).
        if (lines.length >= CART_MAX_LINES) return 0;
        put([...lines, line]);
        return q;
      },
      remove(productId) {
        put(get().lines.filter((l) => l.productId !== productId));
      },
      clear() {
        put([]);
      },
    };
  });
}

export type CartStore = ReturnType<typeof createCart>;

/** The quantity of one product in the cart (0 when absent). */
export function quantityOf(lines: readonly CartLine[], productId: string): number {
  return lines.find((l) => l.productId === productId)?.quantity ?? 0;
}
