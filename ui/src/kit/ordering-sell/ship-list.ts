/**
 * The scan list of one order's shipment (docs/ordering-operations.md#shipping-receiving-returns):
 * the kit's running scan list (`createScanList`, purpose `ship`) kept on the phone per order,
 * aimed at the order's buyer, refusing on the spot a code that would ship more than the order
 * still needs (`overShipment`), and sending `orderId` with the carrier and tracking number typed.
 */
import type { Client } from '@channel-router/shared/client';
import type { OrderView } from '@channel-router/shared/api';
import { createScanList, type ConfirmSummary, type ScanListStore } from '../scan-list';
import type { KeyValueStorage } from '../storage';
import { overShipment } from './ship';

export const CARRIER_MAX = 32;
export const TRACKING_MAX = 64;

export interface OrderShipDeps {
  client: Client;
  storage?: KeyValueStorage;
  /** `cr.<app>.`; the list is kept under `<prefix>order.<orderId>.scan.ship.<sellerOrgId>`. */
  storagePrefix: string;
  /** The order as last read (its lines change after each shipment). */
  getOrder: () => Pick<OrderView, 'orderId' | 'sellerOrgId' | 'buyerOrgId' | 'lines'>;
  buyerName: string;
  /** Carrier and tracking number as typed now (empty: not sent). */
  getCarrier: () => { carrier: string; trackingNo: string };
  confirm?: (summary: ConfirmSummary) => Promise<boolean>;
}

export function orderShipPrefix(storagePrefix: string, orderId: string): string {
  return `${storagePrefix}order.${orderId}.`;
}

/**
 * The phone keeps an order's list only while it has codes: the list always names its target (the
 * buyer), so the general rule (nothing kept for an empty list without a target) would leave one
 * empty entry behind per order shipped.
 */
function keepWhileScanning(storage: KeyValueStorage): KeyValueStorage {
  return {
    get: (key) => storage.get(key),
    remove: (key) => storage.remove(key),
    set: (key, value) => {
      let empty = false;
      try {
        const v = JSON.parse(value) as { entries?: unknown };
        empty = Array.isArray(v.entries) && v.entries.length === 0;
      } catch {
        empty = false;
      }
      if (empty) storage.remove(key);
      else storage.set(key, value);
    },
  };
}

export function createOrderShipList(deps: OrderShipDeps): ScanListStore {
  const order = deps.getOrder();
  const store = createScanList({
    client: deps.client,
    purpose: 'ship',
    ...(deps.storage !== undefined ? { storage: keepWhileScanning(deps.storage) } : {}),
    storagePrefix: orderShipPrefix(deps.storagePrefix, order.orderId),
    ...(deps.confirm !== undefined ? { confirm: deps.confirm } : {}),
    vet: (entry, list) => overShipment(deps.getOrder(), entry, list),
    shipFields: () => {
      const { carrier, trackingNo } = deps.getCarrier();
      const c = carrier.trim().slice(0, CARRIER_MAX);
      const t = trackingNo.trim().slice(0, TRACKING_MAX);
      return { orderId: deps.getOrder().orderId, ...(c !== '' ? { carrier: c } : {}), ...(t !== '' ? { trackingNo: t } : {}) };
    },
  });
  store.getState().bind(order.sellerOrgId);
  store.getState().setTarget({ orgId: order.buyerOrgId, name: deps.buyerName });
  return store;
}
