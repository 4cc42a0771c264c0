import { describe, expect, it } from 'vitest';
import type { RawReply } from '@channel-router/shared/client';
import { flush, identified, okReply, errReply, scriptedClient } from '../testing';
import { memoryStorage } from '../storage';
import { createReturnShipList, mayShipBack, overReturn, returnRows, returnShortfall } from './return-ship';

// Goal: a store sends an approved return back by scanning: only goods it holds (a store's
// identify offers no plain shipping), only the products and quantities the return names (refused
// on the spot), sent only when complete, as `scan.ship` with `returnId` to the seller; one list
// per return on the phone, and a retry after a lost reply is the same request.

const SELLER = 'dealer_gd';
const BUYER = 'store_th';
const A = '3K1R1NXJ1219GHPGPMSTG5ZZ41';
const B = '29A45ZYAB7NPXTBBVDFFHQPYFY';
const C = '7Q2M4XR8KD3TNV6WB1YH9PZC5F';
/** The store holds it; its app offers receive and open, no ship. */
const held = (code: string, over = {}) => okReply(identified(code, { holderOrgId: BUYER, holderName: '天河店', allocatedDealerId: SELLER, actions: ['verify', 'receive', 'open'], ...over }));
const order = {
  orderId: 'o1',
  sellerOrgId: SELLER,
  buyerOrgId: BUYER,
  lines: [
    { lineId: 'l1', productId: 'p_soy', productName: '特级生抽 500ml', unit: 'case', itemsPerUnit: 24, quantity: 3 },
    { lineId: 'l2', productId: 'p_oys', productName: '鲜蚝油 700g', unit: 'box', itemsPerUnit: 12, quantity: 2 },
  ],
} as never;
/** Two cases of soy sauce back. */
const ret = { returnId: 'ret_1', status: 'approved', lines: [{ lineId: 'l1', quantity: 2 }] } as never;

function setup(script: Record<string, Array<RawReply | ((e: Record<string, unknown>) => RawReply)>>, storage = memoryStorage()) {
  const { client, of } = scriptedClient(script);
  const store = createReturnShipList({ client, storage, storagePrefix: 'cr.terminal.', order, ret, sellerName: '广东经销商' });
  return { store, of, storage };
}

describe('a return sent back by scanning', () => {
  it('is offered for an approved return only', () => {
    expect(mayShipBack({ status: 'approved' })).toBe(true);
    for (const status of ['requested', 'in_transit', 'rejected', 'refunded'] as const) expect(mayShipBack({ status })).toBe(false);
  });

  it('counts what the return sends back per product, against the list', () => {
    expect(returnRows(order, ret)).toEqual([{ productId: 'p_soy', productName: '特级生抽 500ml', items: 48, scanned: 0, unitsText: '2 箱' }]);
    const list = [{ code: A, status: 'ready' as const, productId: 'p_soy', items: 24 }, { code: B, status: 'checking' as const }];
    expect(returnRows(order, ret, list)[0]).toMatchObject({ items: 48, scanned: 24 });
    expect(returnShortfall(order, ret, list)).toBe('还差：特级生抽 500ml 24 件。请扫齐退货的商品再提交');
    expect(returnShortfall(order, ret, [...list, { code: C, status: 'ready', productId: 'p_soy', items: 24 }])).toBeNull();
    expect(overReturn(order, ret, { code: C, status: 'ready', productId: 'p_oys', productName: '鲜蚝油 700g', items: 12 }, list)).toBe('这次退货没有鲜蚝油 700g，不能随它退回');
  });

  it('takes the goods the store holds, refuses a third case and goods it does not hold, on the spot', async () => {
    const { store } = setup({ 'scan.identify': [held(A), held(B), held(C)] });
    expect(await store.getState().add(A)).toMatchObject({ tone: 'success' });
    expect(await store.getState().add(B)).toMatchObject({ tone: 'success' });
    expect(await store.getState().add(C)).toMatchObject({ tone: 'danger', text: '超出退货数量：特级生抽 500ml还需退回 0 件，这个码有 24 件' });
    expect(store.getState().entries.map((e) => e.code)).toEqual([B, A]);
    const other = setup({ 'scan.identify': [held(A, { holderOrgId: SELLER, holderName: '广东经销商' })] });
    expect(await other.store.getState().add(A)).toMatchObject({ tone: 'danger' });
    expect(other.store.getState().entries).toEqual([]);
  });

  it('sends nothing until the return is complete', async () => {
    const { store, of } = setup({ 'scan.identify': [held(A)] });
    await store.getState().add(A);
    await store.getState().submitList();
    expect(store.getState().submit.message).toBe('还差：特级生抽 500ml 24 件。请扫齐退货的商品再提交');
    expect(of('scan.ship')).toEqual([]);
  });

  it('sends scan.ship with returnId to the seller; a retry after a lost reply sends the same request', async () => {
    const lost: RawReply = { ok: false, error: { code: 'NETWORK', message: 'x' } };
    const { store, of, storage } = setup({ 'scan.identify': [held(A), held(B)], 'scan.ship': [lost, okReply({ items: 48, eventId: 'e1', shipmentId: 's1', status: 'in_transit' })] });
    await store.getState().add(A);
    await store.getState().add(B);
    await store.getState().submitList();
    expect(store.getState().submit.status).toBe('failed');
    await store.getState().retry();
    expect(store.getState().submit).toMatchObject({ status: 'done', result: { items: 48, codes: 2, targetName: '广东经销商' } });
    const [first, second] = of('scan.ship');
    expect(first).toMatchObject({ codes: [A, B], toOrgId: SELLER, fromOrgId: BUYER, returnId: 'ret_1' });
    expect(first).not.toHaveProperty('orderId');
    expect(second).toEqual(first);
    // Sent: the emptied list leaves nothing behind on the phone.
    expect([...storage.data.keys()]).toEqual([]);
  });

  it('keeps the list per return on the phone, and shows the server refusing it', async () => {
    const storage = memoryStorage();
    const { store } = setup({ 'scan.identify': [held(A), held(B)], 'scan.ship': [errReply('INVALID_STATE', 'the return is in_transit')] }, storage);
    await store.getState().add(A);
    await flush();
    expect([...storage.data.keys()]).toEqual(['cr.terminal.return.ret_1.scan.ship.store_th']);
    const again = setup({}, storage).store;
    expect(again.getState().entries.map((e) => e.code)).toEqual([A]);
    expect(again.getState().target).toEqual({ orgId: SELLER, name: '广东经销商' });
    await store.getState().add(B);
    await store.getState().submitList();
    expect(store.getState().submit.status).toBe('failed');
    expect(store.getState().entries).toHaveLength(2);
  });
});
