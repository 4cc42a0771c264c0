/**
 * The region picker's logic (GB/T 2260, shared/src/channel/regions): province → city → county,
 * or a six-digit code typed by hand with its name shown as it is typed.
 *
 * A municipality's lone city level (北京市 → 市辖区) is stepped over: a person picks 北京市 and
 * then 朝阳区, never 「市辖区」.
 */
import { allRegionCodes, parentRegion, regionLevel } from '@channel-router/shared/regions';
import { regionName, regionOwnName } from '@channel-router/shared/regions/names';

let childrenIndex: Map<string | null, string[]> | null = null;

/** parent → children, built on first use (3,226 codes, a few milliseconds). */
function children(code: string | null): string[] {
  if (childrenIndex === null) {
    const m = new Map<string | null, string[]>();
    for (const c of allRegionCodes()) {
      const p = regionLevel(c) === 'province' ? null : parentRegion(c);
      const list = m.get(p);
      if (list === undefined) m.set(p, [c]);
      else list.push(c);
    }
    childrenIndex = m;
  }
  return childrenIndex.get(code) ?? [];
}

const PLACEHOLDER = /^(市辖区)$/;

/** What the picker offers under `code` (provinces under null), stepping over a lone 市辖区. */
export function regionOptions(code: string | null): Array<{ code: string; name: string }> {
  let list = children(code);
  if (list.length === 1 && PLACEHOLDER.test(regionOwnName(list[0]!) ?? '')) list = children(list[0]!);
  return list.map((c) => ({ code: c, name: regionOwnName(c) ?? c }));
}

/** Display name (`广东省 广州市 天河区`), or null for a code not in the table. */
export function regionLabel(code: string): string | null {
  return regionName(code);
}

export type RegionCheck =
  | { kind: 'empty' }
  /** Still typing: fewer than six digits. */
  | { kind: 'partial' }
  | { kind: 'bad'; message: string }
  | { kind: 'ok'; code: string; name: string };

/** Live feedback for a typed region code. */
export function checkRegionText(text: string): RegionCheck {
  const t = text.trim();
  if (t === '') return { kind: 'empty' };
  if (!/^\d*$/.test(t)) return { kind: 'bad', message: '地区码只有数字' };
  if (t.length < 6) return { kind: 'partial' };
  if (t.length > 6) return { kind: 'bad', message: '地区码是 6 位数字' };
  const name = regionName(t);
  return name === null ? { kind: 'bad', message: `没有 ${t} 这个地区码` } : { kind: 'ok', code: t, name };
}

/** The breadcrumb of a picked path: each code with its own name. */
export function regionCrumbs(path: readonly string[]): Array<{ code: string; name: string }> {
  return path.map((c) => ({ code: c, name: regionOwnName(c) ?? c }));
}

/** What an entry means as a territory: 「广东省（全省）」, 「广东省 广州市（全市）」, 「… 天河区」. */
export function territoryEntryLabel(code: string): string {
  const name = regionName(code);
  if (name === null) return `未知地区 ${code}`;
  const level = regionLevel(code);
  if (level === 'province') return `${name}（${name.endsWith('省') ? '全省' : name.endsWith('市') ? '全市' : '全境'}）`;
  if (level === 'city') return `${name}（全市）`;
  return name;
}
