import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CodeFields } from './codec.js';
import {
  checkCodeInBatch,
  childrenRange,
  impliedAncestors,
  isIndexInBatch,
  itemRange,
  LAYOUT_LIMITS,
  layoutCounts,
  parentOf,
  totalCodes,
  validateLayout,
  type BatchLayout,
} from './layout.js';

const L: BatchLayout = { batchNo: 9, cases: 3, itemsPerBox: 24, boxesPerCase: 10 };

describe('batch layout: positional packing item → box → case', () => {
  it('counts codes per level', () => {
    expect(layoutCounts(L)).toEqual({ case: 3, box: 30, item: 720, pallet: 0 });
    expect(totalCodes(L)).toBe(3 + 30 + 2 * 720);
    expect(layoutCounts({ ...L, pallets: 2 }).pallet).toBe(2);
  });

  it('finds parents at box and case boundaries', () => {
    expect(parentOf('item', 0, L)).toEqual({ level: 'box', index: 0 });
    expect(parentOf('item', 23, L)).toEqual({ level: 'box', index: 0 });
    expect(parentOf('item', 24, L)).toEqual({ level: 'box', index: 1 });
    expect(parentOf('item', 719, L)).toEqual({ level: 'box', index: 29 });
    expect(parentOf('box', 9, L)).toEqual({ level: 'case', index: 0 });
    expect(parentOf('box', 10, L)).toEqual({ level: 'case', index: 1 });
    expect(parentOf('case', 2, L)).toBeNull();
  });

  it('lists implied ancestors nearest first, up to the case', () => {
    expect(impliedAncestors({ level: 'item', index: 239 }, L)).toEqual([
      { level: 'box', index: 9 },
      { level: 'case', index: 0 },
    ]);
    expect(impliedAncestors({ level: 'item', index: 240 }, L)).toEqual([
      { level: 'box', index: 10 },
      { level: 'case', index: 1 },
    ]);
    expect(impliedAncestors({ level: 'box', index: 29 }, L)).toEqual([{ level: 'case', index: 2 }]);
    expect(impliedAncestors({ level: 'case', index: 0 }, L)).toEqual([]);
  });

  it('gives contiguous children and item ranges', () => {
    expect(childrenRange('case', 1, L)).toEqual({ level: 'box', first: 10, count: 10 });
    expect(childrenRange('box', 29, L)).toEqual({ level: 'item', first: 696, count: 24 });
    expect(childrenRange('item', 5, L)).toBeNull();
    expect(itemRange('case', 2, L)).toEqual({ first: 480, count: 240 });
    expect(itemRange('box', 1, L)).toEqual({ first: 24, count: 24 });
    expect(itemRange('item', 7, L)).toEqual({ first: 7, count: 1 });
  });

  it('is consistent: every child of a unit has that unit as parent (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 30 }),
        fc.nat(),
        (cases, itemsPerBox, boxesPerCase, seed) => {
          const layout = { batchNo: 1, cases, itemsPerBox, boxesPerCase };
          const counts = layoutCounts(layout);
          const item = seed % counts.item;
          const [box, kase] = impliedAncestors({ level: 'item', index: item }, layout);
          const boxes = childrenRange('case', kase!.index, layout)!;
          expect(box!.index).toBeGreaterThanOrEqual(boxes.first);
          expect(box!.index).toBeLessThan(boxes.first + boxes.count);
          const items = childrenRange('box', box!.index, layout)!;
          expect(item).toBeGreaterThanOrEqual(items.first);
          expect(item).toBeLessThan(items.first + items.count);
        },
      ),
    );
  });

  it('rejects indices outside the batch', () => {
    expect(isIndexInBatch('item', 719, L)).toBe(true);
    expect(isIndexInBatch('item', 720, L)).toBe(false);
    expect(isIndexInBatch('box', 30, L)).toBe(false);
    expect(isIndexInBatch('case', 3, L)).toBe(false);
    expect(isIndexInBatch('pallet', 0, L)).toBe(false);
    expect(isIndexInBatch('item', -1, L)).toBe(false);
    expect(isIndexInBatch('item', 1.5, L)).toBe(false);
    expect(() => parentOf('item', 720, L)).toThrow(RangeError);
    expect(() => childrenRange('case', 3, L)).toThrow(RangeError);
    const fields = (level: CodeFields['level'], index: number): CodeFields => ({ keySlot: 0, batchNo: 9, level, kind: 'visible', index });
    expect(checkCodeInBatch(fields('item', 719), L).ok).toBe(true);
    const out = checkCodeInBatch(fields('item', 720), L);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error.code).toBe('INVALID_CODE');
    expect(() => checkCodeInBatch({ ...fields('item', 0), batchNo: 8 }, L)).toThrow();
  });
});

describe('validateLayout', () => {
  it('accepts a valid layout and drops unknown fields', () => {
    const r = validateLayout({ ...L, extra: 1 });
    expect(r).toEqual({ ok: true, data: L });
    expect(validateLayout({ ...L, pallets: 4 })).toEqual({ ok: true, data: { ...L, pallets: 4 } });
  });

  it('names the field at fault', () => {
    const cases: Array<[unknown, string | undefined]> = [
      [{ ...L, batchNo: -1 }, 'batchNo'],
      [{ ...L, batchNo: 2 ** 24 }, 'batchNo'],
      [{ ...L, cases: 0 }, 'cases'],
      [{ ...L, cases: '3' }, 'cases'],
      [{ ...L, itemsPerBox: 1.5 }, 'itemsPerBox'],
      [{ ...L, itemsPerBox: LAYOUT_LIMITS.maxItemsPerBox + 1 }, 'itemsPerBox'],
      [{ ...L, boxesPerCase: 0 }, 'boxesPerCase'],
      [{ ...L, pallets: -2 }, 'pallets'],
      [{ ...L, cases: 1_000_000, boxesPerCase: 100, itemsPerBox: 100 }, 'cases'],
      [null, undefined],
    ];
    for (const [input, field] of cases) {
      const r = validateLayout(input);
      expect(r.ok, JSON.stringify(input)).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('INVALID_ARGUMENT');
        expect(r.error.field).toBe(field);
      }
    }
  });
});
