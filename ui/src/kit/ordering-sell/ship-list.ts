/**
 * The scan list of one order's shipment (docs/ordering-operations.md#shipping-receiving-returns):
 * the kit's running scan list (`createScanList`, purpose `ship`) kept on the phone per order,
 * aimed at the order's buyer, refusing on the spot a code that would ship more than the order
 * still needs (`overShipment`), and sending `orderId` with the carrier and tracking number typed.
 */
import type { Client } from '@channel-router/shared/client';
import type { OrderView } from '@channel-router/shared/api';
import { createScanList, type ConfirmSummary, type ScanListStore } from '../scan-list';
import { keepWhileScanning, type KeyValueStorage } from '../storage';
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
