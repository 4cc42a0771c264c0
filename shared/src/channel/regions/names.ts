/**
 * Region names (Chinese), kept apart from ./regions.ts so that only code that displays names
 * carries the ~36 KB table.
 */
import { REGION_NAMES } from './data/region-names.js';
import { parentRegion, regionIndex, regionLevel } from './regions.js';

let names: string[] | null = null;

/** City-level entries that are groupings, not cities. */
const PLACEHOLDER_CITY = /^(市辖区|县|(省|自治区)直辖县级行政区划)$/;

/** The region's own name: 440106 → 天河区, 110100 → 市辖区. Null when unknown. */
export function regionOwnName(code: string): string | null {
  const i = regionIndex(code);
  if (i === undefined) return null;
  names ??= REGION_NAMES.split('|');
  return names[i] ?? null;
}

/**
 * The full display name, province first, separated by spaces: 440106 → `广东省 广州市 天河区`.
 * Placeholder city levels are skipped: municipalities' 市辖区 and 县 (110105 → `北京市 朝阳区`,
 * 110100 → `北京市`) and 省直辖县级行政区划 (429004 → `湖北省 仙桃市`). Null when unknown.
 */
export function regionName(code: string): string | null {
  if (regionLevel(code) === null) return null;
  const chain = [code];
  for (let p = parentRegion(code); p !== null; p = parentRegion(p)) chain.unshift(p);
  const parts: string[] = [];
  for (const c of chain) {
    const own = regionOwnName(c) as string;
    const placeholder = c !== code && regionLevel(c) === 'city' && PLACEHOLDER_CITY.test(own);
    if (!placeholder) parts.push(own);
  }
  // A municipality's own city level (110100 市辖区) reads as the municipality.
  if (regionLevel(code) === 'city' && /^(市辖区|县)$/.test(parts[parts.length - 1] ?? '')) parts.pop();
  return parts.join(' ');
}
