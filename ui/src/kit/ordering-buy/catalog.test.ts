import { describe, expect, it } from 'vitest';
import type { CatalogItem } from '@channel-router/shared/api';
import { catalogCategories, inCategory, keptCategory, OTHER_CATEGORY } from './catalog';
import { catalogFilterChips, filterCatalog, promotionBadges } from './checkout';

const item = (productId: string, over: Partial<CatalogItem> = {}): CatalogItem => ({
  productId,
  productName: `品 ${productId}`,
  unit: 'case',
  itemsPerUnit: 12,
  listPrice: 3600,
  unitPrice: 3600,
  priceSource: { scope: 'list' } as CatalogItem['priceSource'],
  available: true,
  promotionIds: [],
  ...over,
});

const items = [
  item('p1', { productName: '特级生抽 500ml', category: '酱油' }),
  item('p2', { productName: '鲜蚝油 700g', category: '蚝油', available: false }),
  item('p3', { productName: '老抽王 500ml', category: '酱油', unit: 'box', promotionIds: ['pr1'] }),
  item('p4', { productName: '料酒 500ml' }),
];
const ids = (xs: readonly CatalogItem[]) => xs.map((x) => x.productId);

describe('the catalogue by category', () => {
  it('offers 全部, each category in first-seen order with its count, and 其他 for products without one', () => {
    expect(catalogCategories(items)).toEqual([
      { key: null, label: '全部', count: 4, testKey: 'category-all' },
      { key: '酱油', label: '酱油', count: 2, testKey: 'category-酱油' },
      { key: '蚝油', label: '蚝油', count: 1, testKey: 'category-蚝油' },
      { key: OTHER_CATEGORY, label: '其他', count: 1, testKey: 'category-other' },
    ]);
    // Every product categorised: no 其他; none at all (an older server): no chips.
    expect(catalogCategories(items.slice(0, 3)).map((c) => c.label)).toEqual(['全部', '酱油', '蚝油']);
    expect(catalogCategories([item('p1'), item('p2')])).toEqual([]);
    expect(catalogCategories([])).toEqual([]);
    // Under category chips the other row's 全部 reads 不限.
    expect(catalogFilterChips(true).map((c) => c.label)).toEqual(['不限', '促销', '有货', '按箱', '按盒', '按件']);
    expect(catalogFilterChips(false)[0]).toEqual({ key: 'all', label: '全部' });
  });

  it('filters by the chosen category together with the search text and the other chips', () => {
    const none = new Set<string>();
    expect(ids(filterCatalog(items, '', 'all', none, '酱油'))).toEqual(['p1', 'p3']);
    expect(ids(filterCatalog(items, '', 'all', none, OTHER_CATEGORY))).toEqual(['p4']);
    expect(ids(filterCatalog(items, '', 'all', none, null))).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(ids(filterCatalog(items, '老抽', 'all', none, '酱油'))).toEqual(['p3']);
    expect(ids(filterCatalog(items, '老抽', 'all', none, '蚝油'))).toEqual([]);
    expect(ids(filterCatalog(items, '', 'available', none, '蚝油'))).toEqual([]);
    expect(ids(filterCatalog(items, '', 'box', none, '酱油'))).toEqual(['p3']);
    // The search text finds a category too.
    expect(ids(filterCatalog(items, ' 蚝油 ', 'all', none))).toEqual(['p2']);
  });

  it('counts a product named by a running promotion as on promotion, with the promotion label as its badge', () => {
    expect(ids(filterCatalog(items, '', 'promo', new Set<string>(), '酱油'))).toEqual(['p3']);
    const promos = [{ promotionId: 'pr1', type: 'full_reduction', name: '满300减15', label: '满300减15', from: 0, to: 1 }];
    expect(promotionBadges(promos, 'p3', ['pr1'])).toEqual(['满300减15']);
    expect(promotionBadges(promos, 'p1', [])).toEqual([]);
  });

  it('keeps a chosen category only while the chips still offer it', () => {
    const chips = catalogCategories(items);
    expect(keptCategory(chips, '蚝油')).toBe('蚝油');
    expect(keptCategory(chips, '饮料')).toBeNull();
    expect(keptCategory([], '酱油')).toBeNull();
    expect(keptCategory(chips, null)).toBeNull();
    expect(inCategory(item('p9', { category: ' 酱油 ' }), '酱油')).toBe(true);
    expect(inCategory(item('p9'), '酱油')).toBe(false);
  });
});
