import { describe, expect, it } from 'vitest';
import type { ScanEntry } from '../scan-list';
import { itemsLeftByProduct, overShipment, shipProgress, unitsText } from './ship';

// Goal: the ship-an-order screen counts right — per line, ordered = shipped before + on the list +
// still left — and refuses on the spot a code that would take a product over what the order still
// needs, or a product not on the order, with the same arithmetic as the server's OVER_SHIPMENT
// (the same product on two lines counts once, summed).

const line = (lineId: string, productId: string, quantity: number, itemsPerUnit: number, shippedItems = 0) => ({
  lineId, productId, productName: productId === 'soy' ? '酱油' : '醋', unit: 'case' as const, itemsPerUnit, quantity, shippedItems,
  listPrice: 0, unitPrice: 0, priceSource: { scope: 'list' as const }, discounts: [], net: 0, returned: 0, refunded: 0,
});
const entry = (code: string, productId: string, items: number, status: ScanEntry['status'] = 'ready'): ScanEntry => ({ code, status, productId, productName: productId === 'soy' ? '酱油' : '醋', items, level: 'case' });

describe('ship progress', () => {
  it('splits each line into shipped, scanned and left, in items', () => {
    const order = { lines: [line('l1', 'soy', 3, 12, 12), line('l2', 'vin', 2, 6)] };
    const p = shipProgress(order, [entry('A', 'soy', 12), entry('B', 'vin', 6)]);
    expect(p.lines.map((l) => [l.ordered, l.shipped, l.scanned, l.left, l.over])).toEqual([[36, 12, 12, 12, false], [12, 0, 6, 6, false]]);
    expect([p.ordered, p.shipped, p.scanned, p.left, p.blocked, p.complete]).toEqual([48, 12, 18, 18, false, false]);
  });

  it('counts only checked codes, and says complete when the list covers everything left', () => {
    const order = { lines: [line('l1', 'soy', 2, 12)] };
    expect(shipProgress(order, [entry('A', 'soy', 12), entry('B', 'soy', 12, 'checking')]).scanned).toBe(12);
    const all = shipProgress(order, [entry('A', 'soy', 12), entry('B', 'soy', 12)]);
    expect([all.left, all.complete]).toEqual([0, true]);
  });

  it('fills two lines of one product in order and flags over-shipment across both', () => {
    const order = { lines: [line('l1', 'soy', 1, 12), line('l2', 'soy', 1, 12)] };
    expect(itemsLeftByProduct(order).get('soy')).toBe(24);
    const p = shipProgress(order, [entry('A', 'soy', 12), entry('B', 'soy', 12)]);
    expect(p.lines.map((l) => [l.scanned, l.left])).toEqual([[12, 0], [12, 0]]);
    const over = shipProgress(order, [entry('A', 'soy', 12), entry('B', 'soy', 12), entry('C', 'soy', 12)]);
    expect(over.blocked).toBe(true);
    expect(over.lines.every((l) => l.over)).toBe(true);
  });

  it('lists products not on the order and blocks the ship', () => {
    const p = shipProgress({ lines: [line('l1', 'soy', 1, 12)] }, [entry('A', 'oil', 6)]);
    expect(p.notOnOrder).toEqual([{ productId: 'oil', productName: '醋', items: 6 }]);
    expect(p.blocked).toBe(true);
  });
});

describe('over-shipment on the spot', () => {
  const order = { lines: [line('l1', 'soy', 2, 12, 12)] };

  it('accepts a code that fits what is left', () => {
    expect(overShipment(order, entry('A', 'soy', 12), [])).toBeNull();
  });

  it('refuses a code that goes over, saying what is still needed', () => {
    expect(overShipment(order, entry('B', 'soy', 12), [entry('A', 'soy', 6)])).toBe('超出订单：酱油还需 6 件，这个码有 12 件');
    expect(overShipment(order, entry('B', 'soy', 24), [])).toBe('超出订单：酱油还需 1 箱，这个码有 24 件');
  });

  it('refuses a product the order does not have', () => {
    expect(overShipment(order, entry('C', 'vin', 6), [])).toBe('订单里没有醋，不能随这张订单发出');
  });
});

describe('units text', () => {
  it('shows whole units and loose items', () => {
    expect([unitsText(36, 12, 'case'), unitsText(40, 12, 'case'), unitsText(5, 12, 'case'), unitsText(7, 1, 'item'), unitsText(0, 6, 'box')]).toEqual(['3 箱', '3 箱 4 件', '5 件', '7 件', '0 盒']);
  });
});
