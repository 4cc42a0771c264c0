import { describe, expect, it } from 'vitest';
import { checkRegionText, regionCrumbs, regionLabel, regionOptions, territoryEntryLabel } from './regions';

describe('region picker', () => {
  it('offers the 34 province-level regions first, then cities, then counties', () => {
    const provinces = regionOptions(null);
    expect(provinces).toHaveLength(34);
    expect(provinces).toContainEqual({ code: '440000', name: '广东省' });
    expect(regionOptions('440000')).toContainEqual({ code: '440100', name: '广州市' });
    expect(regionOptions('440100')).toContainEqual({ code: '440106', name: '天河区' });
    // A city without counties (东莞) is a leaf.
    expect(regionOptions('441900')).toEqual([]);
  });

  it("steps over a municipality's lone 市辖区 level", () => {
    const beijing = regionOptions('110000');
    expect(beijing).toContainEqual({ code: '110105', name: '朝阳区' });
    expect(beijing.some((o) => o.name === '市辖区')).toBe(false);
  });

  it('shows the name of a typed code as it is typed, and says what is wrong otherwise', () => {
    expect(checkRegionText('')).toEqual({ kind: 'empty' });
    expect(checkRegionText('4401')).toEqual({ kind: 'partial' });
    expect(checkRegionText('440106')).toEqual({ kind: 'ok', code: '440106', name: '广东省 广州市 天河区' });
    expect(checkRegionText('999999')).toEqual({ kind: 'bad', message: '没有 999999 这个地区码' });
    expect(checkRegionText('44a')).toEqual({ kind: 'bad', message: '地区码只有数字' });
    expect(checkRegionText('4401060')).toEqual({ kind: 'bad', message: '地区码是 6 位数字' });
  });

  it('labels territory entries by their reach', () => {
    expect(territoryEntryLabel('440000')).toBe('广东省（全省）');
    expect(territoryEntryLabel('110000')).toBe('北京市（全市）');
    expect(territoryEntryLabel('440100')).toBe('广东省 广州市（全市）');
    expect(territoryEntryLabel('440106')).toBe('广东省 广州市 天河区');
    expect(regionLabel('000000')).toBeNull();
    expect(regionCrumbs(['440000', '440100'])).toEqual([{ code: '440000', name: '广东省' }, { code: '440100', name: '广州市' }]);
  });
});
