/**
 * The bar chart's geometry, as plain numbers (tested in Node): a "nice" top of the scale, the
 * grid lines, each bar's height in percent, and which category labels fit under the bars.
 */

export interface Series {
  key: string;
  label: string;
  values: readonly number[];
}

export interface ChartModel {
  /** Top of the scale: a 1-2-5 step at or above the largest value (1 for an empty chart). */
  max: number;
  /** Grid values from the top down, ending at 0. */
  ticks: number[];
  groups: Array<{
    label: string;
    /** Under a crowded axis only every few labels are drawn. */
    showLabel: boolean;
    bars: Array<{ key: string; value: number; pct: number }>;
  }>;
  /** True when every value is 0 (the page says so instead of drawing flat bars). */
  empty: boolean;
}

/** Most labels drawn under the axis of a 375-px screen. */
export const MAX_AXIS_LABELS = 7;
/** Most categories drawn (the server's dashboard covers at most 90 days). */
export const MAX_GROUPS = 90;

/** The smallest of 1, 2, 5, 10, 20, 50, … that is ≥ n (n ≥ 0). */
export function niceCeil(n: number): number {
  if (!(n > 0)) return 1;
  let step = 1;
  for (;;) {
    for (const m of [1, 2, 5]) if (step * m >= n) return step * m;
    step *= 10;
  }
}

export function chartModel(labels: readonly string[], series: readonly Series[], tickCount = 4): ChartModel {
  if (labels.length > MAX_GROUPS) throw new Error(`chartModel: at most ${MAX_GROUPS} categories`);
  for (const s of series) if (s.values.length !== labels.length) throw new Error(`chartModel: series ${s.key} has ${s.values.length} values for ${labels.length} labels`);
  let top = 0;
  for (const s of series) for (const v of s.values) top = Math.max(top, Number.isFinite(v) && v > 0 ? v : 0);
  const max = niceCeil(top);
  // Round grid steps: the first of 4, 5, 2, 1 lines that divides the scale (50 → 5 steps of 10).
  const count = [tickCount, 5, 2, 1].find((c) => c <= max && max % c === 0) ?? 1;
  const ticks: number[] = [];
  for (let i = count; i >= 0; i--) ticks.push(Math.round((max * i) / count));
  const every = Math.max(1, Math.ceil(labels.length / MAX_AXIS_LABELS));
  const groups = labels.map((label, i) => ({
    label,
    showLabel: (labels.length - 1 - i) % every === 0,
    bars: series.map((s) => {
      const v = s.values[i]!;
      const value = Number.isFinite(v) && v > 0 ? v : 0;
      return { key: s.key, value, pct: Math.round((value / max) * 1000) / 10 };
    }),
  }));
  return { max, ticks, groups, empty: top === 0 };
}

export interface HBarRow {
  key: string;
  name: string;
  value: number;
  /** Share of the largest row, 0..100 (the largest row fills the track). */
  pct: number;
  note?: string;
}

/** Rows of a horizontal bar list, largest first, at most `limit`. */
export function hbarRows(rows: ReadonlyArray<{ key: string; name: string; value: number; note?: string }>, limit = 10): HBarRow[] {
  const sorted = [...rows].sort((a, b) => b.value - a.value).slice(0, limit);
  const top = sorted.reduce((m, r) => Math.max(m, r.value), 0);
  return sorted.map((r) => {
    const row: HBarRow = { key: r.key, name: r.name, value: r.value, pct: top > 0 ? Math.round((Math.max(0, r.value) / top) * 1000) / 10 : 0 };
    if (r.note !== undefined) row.note = r.note;
    return row;
  });
}

/** `2025-03-08` → `3/8` for the axis. */
export function shortDay(day: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(day);
  return m === null ? day : `${Number(m[1])}/${Number(m[2])}`;
}
