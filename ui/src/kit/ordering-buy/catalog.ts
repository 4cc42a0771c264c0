/**
 * The catalogue's categories (调味品, 酱油): the chips a buyer browses by, and whether a product
 * is in the chosen one. The seller's products say their own category (`order.catalog`); the
 * chips are 全部, then each category in the order the catalogue first names it, then 其他 for
 * the products without one when some do have one. No products with a category: no chips.
 *
 * No Taro here (tested in Node).
 */
import type { CatalogItem } from '@channel-router/shared/api';

/** The chosen chip: a category's text, `OTHER_CATEGORY` for products without one, or null for 全部. */
export type CategoryChoice = string | null;

/** The key of 其他: the products that have no category. */
export const OTHER_CATEGORY = '';

export interface CategoryChip {
  key: CategoryChoice;
  label: string;
  /** Products in it (全部: all of them). */
  count: number;
  /** For `data-testid`: `category-all`, `category-other`, `category-<text>`. */
  testKey: string;
}

function categoryOf(item: Pick<CatalogItem, 'category'>): string {
  return typeof item.category === 'string' ? item.category.trim() : OTHER_CATEGORY;
}

/** 全部, each category in first-seen order, 其他 last (only when some product has none). */
export function catalogCategories(items: ReadonlyArray<Pick<CatalogItem, 'category'>>): CategoryChip[] {
  const counts = new Map<string, number>();
  let other = 0;
  for (const i of items) {
    const c = categoryOf(i);
    if (c === OTHER_CATEGORY) other++;
    else counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  if (counts.size === 0) return [];
  const chips: CategoryChip[] = [{ key: null, label: '全部', count: items.length, testKey: 'category-all' }];
  for (const [c, count] of counts) chips.push({ key: c, label: c, count, testKey: `category-${c}` });
  if (other > 0) chips.push({ key: OTHER_CATEGORY, label: '其他', count: other, testKey: 'category-other' });
  return chips;
}

/** The choice still offered by the chips, else 全部 (another seller's catalogue, a category gone). */
export function keptCategory(chips: readonly CategoryChip[], chosen: CategoryChoice): CategoryChoice {
  return chosen !== null && chips.some((c) => c.key === chosen) ? chosen : null;
}

export function inCategory(item: Pick<CatalogItem, 'category'>, chosen: CategoryChoice): boolean {
  return chosen === null || categoryOf(item) === chosen;
}
