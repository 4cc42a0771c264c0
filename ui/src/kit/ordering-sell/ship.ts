/**
 * Shipping an order by scanning (docs/ordering-operations.md#shipping-receiving-returns): what
 * each line still needs, what the running scan list holds, and whether a newly scanned code
 * would take a product over what the order still needs (the server's OVER_SHIPMENT, said on the
 * spot instead of on submit). Counted in items; shown in order units and loose items.
 */
import type { OrderView } from '@channel-router/shared';
import type { ScanEntry } from '../scan-list';
import { unitLabel } from './labels';

/** Lines per order the progress card draws (an order has at most a few hundred). */
export const MAX_PROGRESS_LINES = 500;

export interface LineProgress {
  lineId: string;
  productId: string;
  productName: string;
  unit: string;
  itemsPerUnit: number;
  /** Items ordered, shipped before, on the scan list now, still left after the list ships. */
  ordered: number;
  shipped: number;
  scanned: number;
  left: number;
  /** The list would ship more than this line (with the product's other lines) still needs. */
  over: boolean;
}

export interface ShipProgress {
  lines: LineProgress[];
  ordered: number;
  shipped: number;
  scanned: number;
  left: number;
  /** Products on the list that the order does not have (their items). */
  notOnOrder: Array<{ productId: string; productName: string; items: number }>;
  /** Something on the list cannot ship with this order. */
  blocked: boolean;
  /** Everything still needed is on the list. */
  complete: boolean;
}

type OrderLines = Pick<OrderView, 'lines'>;

/** Items of each product still to ship (the same product on two lines counts once, summed). */
export function itemsLeftByProduct(order: OrderLines): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of order.lines) out.set(l.productId, (out.get(l.productId) ?? 0) + Math.max(0, l.quantity * l.itemsPerUnit - l.shippedItems));
  return out;
}

/** Items of each product on the list (checked entries only: a code being checked has no product yet). */
export function scannedByProduct(entries: readonly ScanEntry[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of entries) if (e.status === 'ready' && e.productId !== undefined) out.set(e.productId, (out.get(e.productId) ?? 0) + (e.items ?? 0));
  return out;
}

export function shipProgress(order: OrderLines, entries: readonly ScanEntry[]): ShipProgress {
  if (order.lines.length > MAX_PROGRESS_LINES) throw new Error(`ship progress: ${order.lines.length} lines is more than ${MAX_PROGRESS_LINES}`);
  const scanned = scannedByProduct(entries);
  const leftOf = itemsLeftByProduct(order);
  // The list's items of a product fill its lines in order; what remains goes on the last one (over).
  const toFill = new Map(scanned);
  const lines: LineProgress[] = order.lines.map((l, i) => {
    const ordered = l.quantity * l.itemsPerUnit;
    const need = Math.max(0, ordered - l.shippedItems);
    const isLast = !order.lines.slice(i + 1).some((x) => x.productId === l.productId);
    const pool = toFill.get(l.productId) ?? 0;
    const take = isLast ? pool : Math.min(pool, need);
    toFill.set(l.productId, pool - take);
    const over = (scanned.get(l.productId) ?? 0) > (leftOf.get(l.productId) ?? 0);
    return { lineId: l.lineId, productId: l.productId, productName: l.productName, unit: l.unit, itemsPerUnit: l.itemsPerUnit, ordered, shipped: l.shippedItems, scanned: take, left: Math.max(0, need - take), over };
  });
  const names = new Map<string, string>();
  for (const e of entries) if (e.productId !== undefined) names.set(e.productId, e.productName ?? '');
  const notOnOrder = [...scanned].filter(([p]) => !leftOf.has(p)).map(([productId, items]) => ({ productId, productName: names.get(productId) ?? '', items }));
  const sum = (k: 'ordered' | 'shipped' | 'scanned' | 'left') => lines.reduce((s, l) => s + l[k], 0);
  const blocked = notOnOrder.length > 0 || lines.some((l) => l.over);
  const result = { lines, ordered: sum('ordered'), shipped: sum('shipped'), scanned: sum('scanned'), left: sum('left'), notOnOrder, blocked, complete: !blocked && sum('left') === 0 };
  // Postcondition: each line's figures add up (shipped + on the list + left = ordered, unless over).
  for (const l of result.lines) if (!l.over && l.shipped <= l.ordered && l.shipped + l.scanned + l.left !== l.ordered) throw new Error(`ship progress: line ${l.lineId} does not add up`);
  return result;
}

/**
 * Whether one more checked code may join the list for this order: null when it fits, otherwise
 * the words that refuse it (the same rule as the server's OVER_SHIPMENT).
 */
export function overShipment(order: OrderLines, entry: ScanEntry, list: readonly ScanEntry[]): string | null {
  if (entry.productId === undefined) return null;
  const left = itemsLeftByProduct(order).get(entry.productId);
  const name = entry.productName || '这个商品';
  if (left === undefined) return `订单里没有${name}，不能随这张订单发出`;
  const already = scannedByProduct(list).get(entry.productId) ?? 0;
  const items = entry.items ?? 0;
  if (already + items > left) {
    const line = order.lines.find((l) => l.productId === entry.productId)!;
    return `超出订单：${name}还需 ${unitsText(left - already, line.itemsPerUnit, line.unit)}，这个码有 ${items} 件`;
  }
  return null;
}

/** `3 箱 4 件` from items; `0 箱` for nothing. */
export function unitsText(items: number, itemsPerUnit: number, unit: string): string {
  const per = Math.max(1, itemsPerUnit);
  const n = Math.max(0, items);
  const whole = Math.floor(n / per);
  const loose = n % per;
  const u = unitLabel(unit);
  if (u === '件' || per === 1) return `${n} 件`;
  if (loose === 0) return `${whole} ${u}`;
  return whole === 0 ? `${loose} 件` : `${whole} ${u} ${loose} 件`;
}
