/**
 * Words for the contract's values that every app shows the same way. A value an app does not
 * know yet reads as 「其他」, never raw.
 */
import type { UnitLevel } from '@channel-router/shared/model';

export const OTHER_LABEL = '其他';

export function pick<K extends string>(table: Readonly<Record<K, string>>, key: string, other = OTHER_LABEL): string {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key as K] : other;
}

/** The packaging levels, largest last. */
export const LEVEL_LABELS: Readonly<Record<UnitLevel, string>> = {
  item: '单品',
  box: '盒',
  case: '箱',
  pallet: '托',
};

export function levelLabel(level: string): string {
  return pick(LEVEL_LABELS, level);
}

/** Largest first: how a list summary orders its levels (`3 箱 · 2 盒`). */
export const LEVEL_ORDER: readonly UnitLevel[] = ['pallet', 'case', 'box', 'item'];

/** A code cut to what fits a 375-px row: `3K1R…ZZ41`. The full code is kept for tests and copy. */
export function shortCode(code: string): string {
  return code.length <= 12 ? code : `${code.slice(0, 4)}…${code.slice(-4)}`;
}
