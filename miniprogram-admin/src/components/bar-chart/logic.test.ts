import { describe, expect, it } from 'vitest';
import { chartModel, hbarRows, MAX_AXIS_LABELS, niceCeil, shortDay } from './logic';

describe('bar chart geometry', () => {
  it('tops the scale at a 1-2-5 step at or above the largest value', () => {
    expect([0, 1, 3, 7, 10, 11, 30, 51, 999].map(niceCeil)).toEqual([1, 1, 5, 10, 10, 20, 50, 100, 1000]);
  });

  it('gives each bar its share of the scale, and integer grid lines', () => {
    const m = chartModel(['a', 'b'], [{ key: 's', label: '扫码', values: [30, 11] }, { key: 'r', label: '领奖', values: [0, 5] }]);
    expect(m.max).toBe(50);
    expect(m.ticks).toEqual([50, 40, 30, 20, 10, 0]);
    expect(m.groups[0]!.bars).toEqual([{ key: 's', value: 30, pct: 60 }, { key: 'r', value: 0, pct: 0 }]);
    expect(m.groups[1]!.bars[0]).toEqual({ key: 's', value: 11, pct: 22 });
    expect(m.empty).toBe(false);
    // A scale of 0..1 gets one line, not fractions; 0..20 four steps of 5.
    expect(chartModel(['a'], [{ key: 's', label: 's', values: [1] }]).ticks).toEqual([1, 0]);
    expect(chartModel(['a'], [{ key: 's', label: 's', values: [11] }]).ticks).toEqual([20, 15, 10, 5, 0]);
  });

  it('says when there is nothing to draw and ignores negative or missing values', () => {
    const m = chartModel(['a', 'b'], [{ key: 's', label: 's', values: [0, -3] }]);
    expect(m.empty).toBe(true);
    expect(m.groups[1]!.bars[0]).toEqual({ key: 's', value: 0, pct: 0 });
  });

  it('draws at most a handful of axis labels, always the latest day', () => {
    const days = Array.from({ length: 30 }, (_, i) => `d${i}`);
    const m = chartModel(days, [{ key: 's', label: 's', values: days.map(() => 1) }]);
    const shown = m.groups.filter((g) => g.showLabel).map((g) => g.label);
    expect(shown.length).toBeLessThanOrEqual(MAX_AXIS_LABELS);
    expect(shown.at(-1)).toBe('d29');
  });

  it('refuses series that do not match the labels (a bug in the caller)', () => {
    expect(() => chartModel(['a'], [{ key: 's', label: 's', values: [1, 2] }])).toThrow(/2 values for 1 labels/);
  });

  it('ranks horizontal bars, largest first, relative to the largest', () => {
    const rows = hbarRows([{ key: 'a', name: 'A', value: 1 }, { key: 'b', name: 'B', value: 31 }, { key: 'c', name: 'C', value: 0 }], 2);
    expect(rows).toEqual([{ key: 'b', name: 'B', value: 31, pct: 100 }, { key: 'a', name: 'A', value: 1, pct: 3.2 }]);
    expect(shortDay('2025-03-08')).toBe('3/8');
  });
});
