import { describe, expect, it } from 'vitest';
import type { RawReply } from '@channel-router/shared/client';
import { errReply, flush, identified, okReply, scriptedClient } from '../testing';
import { memoryStorage } from '../storage';
import { createOrderShipList } from './ship-list';

// Goal: shipping an order by scanning refuses on the spot a code that would take a product over
// what the order still needs (no round trip to submit), sends `orderId` with the carrier and
// tracking number, keeps one list per order, and a retry after a lost reply is the same request.

const SELLER = 'dealer_gd';
const BUYER = 'store_th';
const A = '3K1R1NXJ1219GHPGPMSTG5ZZ41';
const B = '29A45ZYAB7NPXTBBVDFFHQPYFY';
const held = (code: string) => okReply(identified(code, { holderOrgId: SELLER, holderName: '广东经销商', allocatedDealerId: SELLER, actions: ['verify', 'ship'] }));
const order = { orderId: 'o1', sellerOrgId: SELLER, buyerOrgId: BUYER, lines: [{ lineId: 'l1', productId: 'p_soy', productName: '特级生抽 500ml', unit: 'case', itemsPerUnit: 24, quantity: 1, shippedItems: 0 }] } as never;

function setup(script: Record<string, Array<RawReply | ((e: Record<string, unknown>) => RawReply)>>, storage = memoryStorage()) {
  const { client, of } = scriptedClient(script);
  const carrier = { carrier: ' 顺丰 ', trackingNo: 'SF123' };
  const store = createOrderShipList({ client, storage, storagePrefix: 'cr.dealer.', getOrder: () => order, buyerName: '天河店', getCarrier: () => carrier });
  return { store, of, storage };
}

describe('order ship list', () => {
  it('refuses a second case when the order needs one, before any submit', async () => {
    const { store } = setup({ 'scan.identify': [held(A), held(B)] });
    await store.getState().add(A);
    const echo = await store.getState().add(B);
    expect(echo).toMatchObject({ tone: 'danger', text: '超出订单：特级生抽 500ml还需 0 箱，这个码有 24 件' });
    expect(store.getState().entries.map((e) => e.code)).toEqual([A]);
  });

  it('sends orderId, carrier and tracking number; a retry sends the same request', async () => {
    const lost: RawReply = { ok: false, error: { code: 'NETWORK', message: 'x' } };
    const { store, of, storage } = setup({ 'scan.identify': [held(A)], 'scan.ship': [lost, okReply({ items: 24, shipmentId: 's1', status: 'shipped' })] });
    await store.getState().add(A);
    await store.getState().submitList();
    expect(store.getState().submit.status).toBe('failed');
    await store.getState().retry();
    expect(store.getState().submit.status).toBe('done');
    const [first, second] = of('scan.ship');
    // Shipped: the emptied list leaves nothing behind on the phone.
    expect([...storage.data.keys()]).toEqual([]);
    expect(first).toMatchObject({ codes: [A], toOrgId: BUYER, fromOrgId: SELLER, orderId: 'o1', carrier: '顺丰', trackingNo: 'SF123' });
    expect(second).toEqual(first);
  });

  it('keeps the list per order on the phone', async () => {
    const storage = memoryStorage();
    const { store } = setup({ 'scan.identify': [held(A)] }, storage);
    await store.getState().add(A);
    await flush();
    expect([...storage.data.keys()]).toEqual(['cr.dealer.order.o1.scan.ship.dealer_gd']);
    const again = setup({}, storage).store;
    expect(again.getState().entries.map((e) => e.code)).toEqual([A]);
    expect(again.getState().target).toEqual({ orgId: BUYER, name: '天河店' });
  });

  it('shows the server refusing the ship (OVER_SHIPMENT) as a failure to fix', async () => {
    const { store } = setup({ 'scan.identify': [held(A)], 'scan.ship': [errReply('OVER_SHIPMENT', 'x', 'codes')] });
    await store.getState().add(A);
    await store.getState().submitList();
    expect(store.getState().submit.status).toBe('failed');
    expect(store.getState().submit.error?.code).toBe('OVER_SHIPMENT');
  });
});
