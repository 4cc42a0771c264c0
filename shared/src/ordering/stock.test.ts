import { describe, expect, it } from 'vitest';
import {
  applyMove,
  availableOf,
  itemsPerUnit,
  lowStockStep,
  planTake,
  preferredShard,
  shardOrder,
  sumLevels,
  sumLines,
  toItems,
  toOrderUnits,
  STOCK_SHARDS,
} from './stock.js';

describe('applyMove', () => {
  it('goal: goods in raise onHand; goods out and reservations never take more than is free', () => {
    const l = { onHand: 10, reserved: 4 };
    expect(applyMove(l, { type: 'receive', items: 5 })).toEqual({ ok: true, data: { onHand: 15, reserved: 4 } });
    expect(applyMove(l, { type: 'ship', items: 6 })).toEqual({ ok: true, data: { onHand: 4, reserved: 4 } });
    expect(applyMove(l, { type: 'ship', items: 7 }).ok).toBe(false);
    expect(applyMove(l, { type: 'reserve', items: 6 })).toEqual({ ok: true, data: { onHand: 10, reserved: 10 } });
    const over = applyMove(l, { type: 'reserve', items: 7 });
    expect(over.ok === false && over.error.code).toBe('OUT_OF_STOCK');
    expect(applyMove(l, { type: 'release', items: 4 })).toEqual({ ok: true, data: { onHand: 10, reserved: 0 } });
    expect(applyMove(l, { type: 'release', items: 5 }).ok).toBe(false);
    expect(applyMove(l, { type: 'consume', items: 4 })).toEqual({ ok: true, data: { onHand: 6, reserved: 0 } });
    expect(applyMove(l, { type: 'adjust', delta: -6 })).toEqual({ ok: true, data: { onHand: 4, reserved: 4 } });
    expect(applyMove(l, { type: 'adjust', delta: -7 }).ok).toBe(false);
    expect(applyMove(l, { type: 'adjust', delta: 3 })).toEqual({ ok: true, data: { onHand: 13, reserved: 4 } });
  });

  it('goal: a bad count is a bug, not a business outcome', () => {
    expect(() => applyMove({ onHand: 1, reserved: 0 }, { type: 'receive', items: 0 })).toThrow();
    expect(() => applyMove({ onHand: 1, reserved: 0 }, { type: 'receive', items: 1.5 })).toThrow();
    expect(() => applyMove({ onHand: 1, reserved: 2 }, { type: 'receive', items: 1 })).toThrow();
    expect(() => applyMove({ onHand: 1, reserved: 0 }, { type: 'adjust', delta: 0 })).toThrow();
  });
});

describe('planTake', () => {
  it('goal: the preferred shard first, then the others in turn; all or nothing', () => {
    const shards = [{ onHand: 5, reserved: 0 }, null, { onHand: 3, reserved: 1 }, { onHand: 4, reserved: 0 }];
    expect(planTake(shards, 3, 2, 'available')).toEqual({ covered: true, takes: [{ shard: 2, items: 2 }, { shard: 3, items: 1 }], have: 11 });
    expect(planTake(shards, 11, 0, 'available')).toEqual({ covered: true, takes: [{ shard: 0, items: 5 }, { shard: 2, items: 2 }, { shard: 3, items: 4 }], have: 11 });
    expect(planTake(shards, 12, 0, 'available')).toEqual({ covered: false, takes: [], have: 11 });
    expect(planTake(shards, 1, 1, 'reserved')).toEqual({ covered: true, takes: [{ shard: 2, items: 1 }], have: 1 });
  });

  it('goal: shard order visits every shard once; the preferred shard is stable and in range', () => {
    expect(shardOrder(6)).toEqual([6, 7, 0, 1, 2, 3, 4, 5]);
    const k = preferredShard('order:abc');
    expect(k).toBe(preferredShard('order:abc'));
    expect(k >= 0 && k < STOCK_SHARDS).toBe(true);
  });
});

describe('sumLines', () => {
  it('goal: the same product on two lines counts once, summed, named by its first line', () => {
    const r = sumLines([
      { productId: 'a', items: 2 },
      { productId: 'b', items: 1 },
      { productId: 'a', items: 3 },
    ]);
    expect(r).toEqual({ ok: true, data: [{ productId: 'a', items: 5, line: 0 }, { productId: 'b', items: 1, line: 1 }] });
  });
  it('goal: bad lines name the field', () => {
    const r = sumLines([{ productId: 'a', items: 1 }, { productId: 'b', items: 0 }]);
    expect(r.ok === false && r.error.field).toBe('lines[1].items');
    const e = sumLines([]);
    expect(e.ok === false && e.error.field).toBe('lines');
    const p = sumLines([{ productId: '', items: 1 }]);
    expect(p.ok === false && p.error.field).toBe('lines[0].productId');
  });
});

describe('low stock', () => {
  it('goal: raised when available falls to or below the safety stock, once per crossing', () => {
    expect(lowStockStep(false, 10, 5)).toEqual({ low: false, raise: false });
    expect(lowStockStep(false, 5, 5)).toEqual({ low: true, raise: true });
    expect(lowStockStep(true, 3, 5)).toEqual({ low: true, raise: false });
    expect(lowStockStep(true, 6, 5)).toEqual({ low: false, raise: false });
    expect(lowStockStep(false, 0, null)).toEqual({ low: false, raise: false });
  });
});

describe('order units', () => {
  it('goal: items shown in order units by packaging, never rounded up', () => {
    const pk = { itemsPerBox: 6, boxesPerCase: 4 };
    expect(itemsPerUnit('case', pk)).toBe(24);
    expect(itemsPerUnit('box', pk)).toBe(6);
    expect(itemsPerUnit('item', pk)).toBe(1);
    expect(toOrderUnits(53, 24)).toEqual({ units: 2, looseItems: 5 });
    expect(toOrderUnits(-7, 6)).toEqual({ units: -1, looseItems: -1 });
    expect(toItems(3, 6)).toBe(18);
    expect(() => itemsPerUnit('box', { itemsPerBox: 0, boxesPerCase: 1 })).toThrow();
  });
  it('goal: sums of levels add onHand and reserved', () => {
    expect(sumLevels([{ onHand: 3, reserved: 1 }, null, { onHand: 2, reserved: 2 }])).toEqual({ onHand: 5, reserved: 3 });
    expect(availableOf({ onHand: 5, reserved: 3 })).toBe(2);
  });
});
