/**
 * 扫码退回: the buyer sends an approved return's goods back to its seller by scanning
 * (docs/ordering.md#returns: `scan.ship` with `returnId`, to the seller, exactly the items the
 * return names, per product). The kit's running scan list (`createScanList`, purpose `ship`,
 * `returning`: only goods the buyer holds), kept on the phone per return, aimed at the seller;
 * a code of a product the return does not name, or beyond what it returns, is refused on the
 * spot, and the list is sent only when every product is complete.
 *
 * No Taro here (tested in Node).
 */
import type { Client } from '@channel-router/shared/client';
import type { OrderView, ReturnView } from '@channel-router/shared/api';
import { createScanList, type ConfirmSummary, type ScanEntry, type ScanListStore } from '../scan-list';
import { keepWhileScanning, type KeyValueStorage } from '../storage';
import { UNIT_LABELS } from '../ordering-words';

type OrderLines = Pick<OrderView, 'lines'>;
type ReturnLines = Pick<ReturnView, 'lines'>;

/** A return the buyer may send back now: approved (the seller agreed) and not yet on its way. */
export function mayShipBack(r: Pick<ReturnView, 'status'>): boolean {
  return r.status === 'approved';
}

export interface ReturnShipRow {
  productId: string;
  productName: string;
  /** Items the return sends back. */
  items: number;
  /** Items on the list now. */
  scanned: number;
  /** `2 箱`: the return's quantity in its order unit. */
  unitsText: string;
}

/** What the return sends back, per product (its lines' units × items per unit), in line order. */
export function returnRows(order: OrderLines, ret: ReturnLines, entries: readonly ScanEntry[] = []): ReturnShipRow[] {
  const rows = new Map<string, ReturnShipRow & { units: Map<string, number> }>();
  for (const x of ret.lines) {
    const line = order.lines.find((l) => l.lineId === x.lineId);
    if (line === undefined) continue;
    const row = rows.get(line.productId) ?? { productId: line.productId, productName: line.productName, items: 0, scanned: 0, unitsText: '', units: new Map<string, number>() };
    row.items += x.quantity * line.itemsPerUnit;
    row.units.set(line.unit, (row.units.get(line.unit) ?? 0) + x.quantity);
    rows.set(line.productId, row);
  }
  for (const e of entries) {
    if (e.status !== 'ready' || e.productId === undefined) continue;
    const row = rows.get(e.productId);
    if (row !== undefined) row.scanned += e.items ?? 0;
  }
  return [...rows.values()].map(({ units, ...row }) => ({
    ...row,
    unitsText: [...units].map(([u, n]) => `${n} ${UNIT_LABELS[u as keyof typeof UNIT_LABELS] ?? u}`).join(' + '),
  }));
}

/**
 * Whether one more checked code may join the list: null when it fits, otherwise the words that
 * refuse it (the server's rule: nothing beyond what the return names).
 */
export function overReturn(order: OrderLines, ret: ReturnLines, entry: ScanEntry, list: readonly ScanEntry[]): string | null {
  if (entry.productId === undefined) return null;
  const row = returnRows(order, ret, list).find((r) => r.productId === entry.productId);
  const name = entry.productName || '这个商品';
  if (row === undefined) return `这次退货没有${name}，不能随它退回`;
  const items = entry.items ?? 0;
  if (row.scanned + items > row.items) return `超出退货数量：${row.productName}还需退回 ${row.items - row.scanned} 件，这个码有 ${items} 件`;
  return null;
}

/** Null when the list sends back exactly what the return names; otherwise what is still missing. */
export function returnShortfall(order: OrderLines, ret: ReturnLines, list: readonly ScanEntry[]): string | null {
  const missing = returnRows(order, ret, list).filter((r) => r.scanned < r.items);
  if (missing.length === 0) return null;
  return `还差：${missing.map((r) => `${r.productName} ${r.items - r.scanned} 件`).join('，')}。请扫齐退货的商品再提交`;
}

export interface ReturnShipDeps {
  client: Client;
  storage?: KeyValueStorage;
  /** `cr.<app>.`; the list is kept under `<prefix>return.<returnId>.scan.ship.<buyerOrgId>`. */
  storagePrefix: string;
  order: Pick<OrderView, 'orderId' | 'sellerOrgId' | 'buyerOrgId' | 'lines'>;
  ret: Pick<ReturnView, 'returnId' | 'lines'>;
  /** How the seller is named on the confirmation and the result (供货商, 品牌方). */
  sellerName: string;
  confirm?: (summary: ConfirmSummary) => Promise<boolean>;
}

export function returnShipPrefix(storagePrefix: string, returnId: string): string {
  return `${storagePrefix}return.${returnId}.`;
}

/** The scan list of one return going back, bound to the buyer and aimed at the seller. */
export function createReturnShipList(deps: ReturnShipDeps): ScanListStore {
  const { order, ret } = deps;
  const store = createScanList({
    client: deps.client,
    purpose: 'ship',
    returning: true,
    ...(deps.storage !== undefined ? { storage: keepWhileScanning(deps.storage) } : {}),
    storagePrefix: returnShipPrefix(deps.storagePrefix, ret.returnId),
    ...(deps.confirm !== undefined ? { confirm: deps.confirm } : {}),
    vet: (entry, list) => overReturn(order, ret, entry, list),
    ready: (list) => returnShortfall(order, ret, list),
    shipFields: () => ({ returnId: ret.returnId }),
  });
  store.getState().bind(order.buyerOrgId);
  store.getState().setTarget({ orgId: order.sellerOrgId, name: deps.sellerName });
  return store;
}
