/** The words and formats the terminal screens use for the contract's values. */
import dayjs from 'dayjs';
import type { UnitLevel } from '@channel-router/shared/model';
import { levelLabel } from '@channel-router/ui/kit';

/** `整箱 · 24 件`, `整盒 · 6 件`, `单件`. */
export function packLabel(level: UnitLevel, items: number): string {
  if (level === 'item') return '单件';
  return `整${levelLabel(level)} · ${items} 件`;
}

/** The last characters of a code, enough to find the label on a carton: `…XWAF`. */
export function codeTail(code: string, n = 6): string {
  return code.length <= n ? code : `…${code.slice(-n)}`;
}

/** A long code in groups of four, easier to compare with the printed label. */
export function groupCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1 ');
}

/** `2025-03-08 14:05` in the phone's time zone. */
export function timeLabel(at: number): string {
  return dayjs(at).format('YYYY-MM-DD HH:mm');
}
