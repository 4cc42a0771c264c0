import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { regionName, regionOwnName } from './names.js';
import {
  allRegionCodes,
  isKnownRegion,
  isWithinTerritory,
  MAX_TERRITORY_ENTRIES,
  parentRegion,
  regionAncestors,
  regionLevel,
  validateRegionCode,
  validateTerritory,
} from './regions.js';

describe('region table', () => {
  it('knows provinces, cities and counties, including municipalities and special cases', () => {
    for (const c of ['440000', '440100', '440106', '110000', '110100', '110105', '500000', '500100', '500200', '310115', '429004', '429000', '441900', '460400', '650100', '810000', '820000', '710000']) {
      expect(isKnownRegion(c), c).toBe(true);
    }
  });

  it('rejects unknown and malformed codes', () => {
    for (const c of ['440199', '999999', '000000', '371200', '320576', '44010', '4401066', 'abcdef', '', 440106, null, undefined]) {
      expect(isKnownRegion(c), String(c)).toBe(false);
    }
  });

  it('has a sane size and every city and county has its province', () => {
    const codes = allRegionCodes();
    expect(codes.length).toBeGreaterThan(3000);
    expect(codes.length).toBeLessThan(4000);
    expect([...codes].sort()).toEqual(codes);
    expect(codes.filter((c) => regionLevel(c) === 'province')).toHaveLength(34);
    for (const c of codes) {
      const province = `${c.slice(0, 2)}0000`;
      expect(isKnownRegion(province), c).toBe(true);
      if (c !== province) expect(regionAncestors(c).at(-1)).toBe(province);
    }
  }, 20_000);

  it('gives levels, parents and names', () => {
    expect(regionLevel('440000')).toBe('province');
    expect(regionLevel('440100')).toBe('city');
    expect(regionLevel('440106')).toBe('county');
    expect(regionLevel('440199')).toBeNull();
    expect(parentRegion('440106')).toBe('440100');
    expect(parentRegion('440100')).toBe('440000');
    expect(parentRegion('440000')).toBeNull();
    expect(regionAncestors('429004')).toEqual(['429000', '420000']);
    expect(regionName('440106')).toBe('广东省 广州市 天河区');
    expect(regionName('440100')).toBe('广东省 广州市');
    expect(regionName('440000')).toBe('广东省');
    expect(regionName('110105')).toBe('北京市 朝阳区');
    expect(regionName('110100')).toBe('北京市');
    expect(regionName('500229')).toBe('重庆市 城口县');
    expect(regionName('650102')).toBe('新疆维吾尔自治区 乌鲁木齐市 天山区');
    expect(regionName('441900')).toBe('广东省 东莞市');
    expect(regionName('429004')).toBe('湖北省 仙桃市');
    expect(regionName('429000')).toBe('湖北省 省直辖县级行政区划');
    expect(regionName('500200')).toBe('重庆市');
    expect(regionName('810000')).toBe('香港特别行政区');
    expect(regionName('440199')).toBeNull();
    expect(regionOwnName('440106')).toBe('天河区');
    expect(regionOwnName('110100')).toBe('市辖区');
  });
});

describe('isWithinTerritory (docs/channel.md#regions)', () => {
  it('follows the examples of docs/channel.md#regions', () => {
    expect(isWithinTerritory('440106', ['440100'])).toBe(true);
    expect(isWithinTerritory('440106', ['440000'])).toBe(true);
    expect(isWithinTerritory('440106', ['440200'])).toBe(false);
    expect(isWithinTerritory('440106', ['440106'])).toBe(true);
    expect(isWithinTerritory('440106', ['440105'])).toBe(false);
    expect(isWithinTerritory('440106', ['450000', '440300', '440100'])).toBe(true);
    expect(isWithinTerritory('440106', [])).toBe(false);
  });

  it('handles municipalities and province-level registrations', () => {
    expect(isWithinTerritory('110105', ['110000'])).toBe(true);
    expect(isWithinTerritory('110105', ['110100'])).toBe(true);
    expect(isWithinTerritory('110100', ['110000'])).toBe(true);
    expect(isWithinTerritory('500229', ['500100'])).toBe(false);
    expect(isWithinTerritory('500229', ['500200'])).toBe(true);
    expect(isWithinTerritory('120101', ['110000'])).toBe(false);
    // A region registered at province level lies only in that province or itself.
    expect(isWithinTerritory('440000', ['440100'])).toBe(false);
    expect(isWithinTerritory('440000', ['440000'])).toBe(true);
    // A city registration lies within its province, not within one of its districts.
    expect(isWithinTerritory('440100', ['440106'])).toBe(false);
    expect(isWithinTerritory('429004', ['429000'])).toBe(true);
    expect(isWithinTerritory('429004', ['420100'])).toBe(false);
  });

  it('never places a malformed region inside', () => {
    expect(isWithinTerritory('4401', ['440000'])).toBe(false);
    expect(isWithinTerritory('', ['440000'])).toBe(false);
    expect(isWithinTerritory('44010x', ['440000'])).toBe(false);
    expect(isWithinTerritory('440106', ['44', 'x'])).toBe(false);
  });

  it('agrees with the region hierarchy for every known code (property)', () => {
    const codes = allRegionCodes();
    const pick = fc.integer({ min: 0, max: codes.length - 1 }).map((i) => codes[i] as string);
    fc.assert(
      fc.property(pick, pick, (r, t) => {
        const expected = r === t || regionAncestors(r).includes(t) || (regionLevel(t) === 'city' && r.startsWith(t.slice(0, 4)));
        expect(isWithinTerritory(r, [t])).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  }, 20_000);
});

describe('validateTerritory / validateRegionCode', () => {
  it('accepts known codes and drops duplicates in order', () => {
    expect(validateTerritory(['440100', '440000', '440100', '110000'])).toEqual({ ok: true, data: ['440100', '440000', '110000'] });
  });

  it('rejects empty, oversize, non-array and unknown entries, naming the entry', () => {
    const cases: Array<[unknown, string]> = [
      [[], 'territory'],
      ['440100', 'territory'],
      [null, 'territory'],
      [Array.from({ length: MAX_TERRITORY_ENTRIES + 1 }, () => '440100'), 'territory'],
      [['440100', '440199'], 'territory[1]'],
      [['440100', 440100], 'territory[1]'],
      [['4401'], 'territory[0]'],
    ];
    for (const [input, field] of cases) {
      const r = validateTerritory(input);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('INVALID_ARGUMENT');
        expect(r.error.field).toBe(field);
      }
    }
    expect(validateTerritory(Array.from({ length: MAX_TERRITORY_ENTRIES }, () => '440100')).ok).toBe(true);
  });

  it('validates a single region code', () => {
    expect(validateRegionCode('440106')).toEqual({ ok: true, data: '440106' });
    const r = validateRegionCode('440199', 'org.regionCode');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'org.regionCode' });
  });
});
