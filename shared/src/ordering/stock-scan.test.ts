import { describe, expect, it } from 'vitest';
import type { UnitState } from '../custody/state.js';
import { coveredItems, scanStockMoves } from './stock-scan.js';

const B = 'brand';
const blank = (unitId: string): UnitState => ({ unitId, level: 'case' });
const held = (unitId: string, orgId: string, seq: number): UnitState => ({ unitId, level: 'case', holder: { orgId, seq } });
const inTransit = (unitId: string, from: string, to: string, seq: number, holder?: { orgId: string; seq: number }): UnitState => ({
  unitId, level: 'case', holder: holder ?? null, shipment: { fromOrgId: from, toOrgId: to, eventId: 'e', seq },
});

describe('scanStockMoves', () => {
  it('goal: the brand ships its stocked goods; goods never stocked in are stocked in as they leave', () => {
    const moves = scanStockMoves({ kind: 'ship', brandId: B, orgId: B, units: [
      { unitId: 'c1', productId: 'p', itemCount: 24, chain: [blank('c1')], brandStockedItems: 24 },
      { unitId: 'c2', productId: 'p', itemCount: 24, chain: [blank('c2')], brandStockedItems: 6 },
    ] });
    expect(moves).toEqual([
      { orgId: B, productId: 'p', type: 'production_in', items: 18 },
      { orgId: B, productId: 'p', type: 'ship', items: 48 },
    ]);
  });

  it('goal: a dealer ships what it holds, and what it ships on without scanning in is received first', () => {
    const moves = scanStockMoves({ kind: 'ship', brandId: B, orgId: 'gd', units: [
      { unitId: 'c1', productId: 'p', itemCount: 24, chain: [held('c1', 'gd', 5)], brandStockedItems: 0 },
      { unitId: 'c2', productId: 'q', itemCount: 6, chain: [inTransit('c2', B, 'gd', 3)], brandStockedItems: 0 },
      { unitId: 'c3', productId: 'p', itemCount: 24, chain: [inTransit('c3', 'gd', 'st', 9, { orgId: 'gd', seq: 4 })], brandStockedItems: 0 },
    ] });
    expect(moves).toEqual([
      { orgId: 'gd', productId: 'q', type: 'receive', items: 6 },
      { orgId: 'gd', productId: 'p', type: 'ship', items: 24 },
      { orgId: 'gd', productId: 'q', type: 'ship', items: 6 },
    ]);
  });

  it('goal: a receive adds at the receiver; goods back from a customer are return_in; goods taken unshipped go down where they were', () => {
    const moves = scanStockMoves({ kind: 'receive', brandId: B, orgId: 'gd', customersOfReceiver: new Set(['st']), units: [
      { unitId: 'c1', productId: 'p', itemCount: 24, chain: [inTransit('c1', B, 'gd', 3)], brandStockedItems: 24 },
      { unitId: 'c2', productId: 'p', itemCount: 6, chain: [inTransit('c2', 'st', 'gd', 8, { orgId: 'st', seq: 4 })], brandStockedItems: 0 },
      { unitId: 'c3', productId: 'p', itemCount: 24, chain: [held('c3', 'bj', 2)], brandStockedItems: 0 },
      { unitId: 'c4', productId: 'p', itemCount: 24, chain: [blank('c4')], brandStockedItems: 10 },
      { unitId: 'c5', productId: 'p', itemCount: 24, chain: [held('c5', 'gd', 2)], brandStockedItems: 0 },
    ] });
    expect(moves).toEqual([
      { orgId: 'gd', productId: 'p', type: 'receive', items: 72 },
      { orgId: 'gd', productId: 'p', type: 'return_in', items: 6 },
      { orgId: 'bj', productId: 'p', type: 'adjust', items: -24 },
      { orgId: B, productId: 'p', type: 'adjust', items: -10 },
    ]);
  });
});

describe('coveredItems', () => {
  it('goal: the items of a unit covered by stock-in marks, overlaps counted once', () => {
    expect(coveredItems(0, 24, [{ first: 0, count: 6 }, { first: 3, count: 6 }, { first: 20, count: 100 }])).toBe(13);
    expect(coveredItems(24, 24, [{ first: 0, count: 24 }])).toBe(0);
    expect(coveredItems(0, 24, [{ first: 0, count: 1000 }])).toBe(24);
  });
});
