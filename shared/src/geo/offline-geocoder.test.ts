import { beforeAll, describe, expect, it } from 'vitest';
import { isKnownRegion, isWithinTerritory, regionLevel } from '../channel/regions/regions.js';
import { distanceKm, isValidCoordinate, validateLocation } from './geocoder.js';
import { createOfflineGeocoder, loadShippedRegionIndex, RegionPolygonIndex } from './offline-geocoder.js';

// Landmarks in GCJ-02 (what wx.getLocation returns), with the region they lie in.
const LANDMARKS: Array<[string, number, number, string]> = [
  ['广州 天河 (docs/channel.md example)', 23.125, 113.361, '440106'],
  ['广州 越秀', 23.1291, 113.2644, '440104'],
  ['北京 天安门', 39.9087, 116.3975, '110101'],
  ['上海 人民广场', 31.2304, 121.4737, '310101'],
  ['重庆 解放碑', 29.557, 106.577, '500103'],
  ['深圳 福田', 22.5431, 114.0579, '440304'],
  ['杭州 西湖', 30.25, 120.15, '330106'],
  ['东莞 (city without counties)', 23.0207, 113.7518, '441900'],
  ['香港', 22.28, 114.16, '810000'],
];

// City-level expectations: the answer must lie inside the city (county codes vary at the edges).
const CITIES: Array<[string, number, number, string]> = [
  ['乌鲁木齐', 43.8256, 87.6168, '650100'],
  ['拉萨', 29.65, 91.1, '540100'],
  ['哈尔滨', 45.75, 126.63, '230100'],
  ['成都', 30.6586, 104.0647, '510100'],
  ['海口', 20.04, 110.34, '460100'],
  ['三亚', 18.25, 109.5, '460200'],
  ['西宁', 36.62, 101.78, '630100'],
  ['银川', 38.49, 106.23, '640100'],
  ['呼和浩特', 40.84, 111.75, '150100'],
  ['昆明', 25.04, 102.71, '530100'],
  ['武汉', 30.59, 114.3, '420100'],
  ['南京', 32.06, 118.79, '320100'],
  ['沈阳', 41.8, 123.43, '210100'],
  ['济南 莱芜 (merged 2019)', 36.21, 117.68, '370100'],
  ['伊春 (re-drawn 2019)', 47.73, 128.9, '230700'],
  ['仙桃 (county-level city under the province)', 30.36, 113.45, '429000'],
];

describe('offline reverse geocoder (shipped table)', () => {
  // Decoding the 1 MB table takes ~0.4 s alone, several seconds on a busy CI machine.
  beforeAll(() => loadShippedRegionIndex().then(() => undefined), 60_000);

  it('resolves landmarks to their county', async () => {
    const geo = createOfflineGeocoder();
    for (const [name, lat, lng, code] of LANDMARKS) expect(await geo.regionAt(lat, lng), name).toBe(code);
  });

  it('resolves major cities at least to the right city, always to a known code', async () => {
    const geo = createOfflineGeocoder();
    for (const [name, lat, lng, city] of CITIES) {
      const r = await geo.regionAt(lat, lng);
      expect(r, name).not.toBeNull();
      expect(isKnownRegion(r), `${name}: ${r}`).toBe(true);
      expect(isWithinTerritory(r as string, [city]), `${name}: ${r} not in ${city}`).toBe(true);
    }
  });

  it('answers null abroad, in the open sea and for invalid coordinates', async () => {
    const geo = createOfflineGeocoder();
    expect(await geo.regionAt(35.68, 139.69)).toBeNull(); // Tokyo
    expect(await geo.regionAt(30, 126)).toBeNull(); // East China Sea
    expect(await geo.regionAt(0, 0)).toBeNull();
    expect(await geo.regionAt(48.85, 2.35)).toBeNull(); // Paris
    expect(await geo.regionAt(Number.NaN, 113)).toBeNull();
    expect(await geo.regionAt(91, 113)).toBeNull();
    expect(await geo.regionAt(23, 181)).toBeNull();
  });

  it('snaps a point just off the coast to the nearest county, within the snap distance only', async () => {
    // 2 km off 青岛's 崂山 coast: outside every polygon, near 崂山区.
    const offshore: [number, number] = [36.1, 120.7];
    const idx = await loadShippedRegionIndex();
    expect(idx.regionAt(offshore[0], offshore[1], 0)).toBeNull();
    const snapped = idx.regionAt(offshore[0], offshore[1], 25);
    expect(snapped).not.toBeNull();
    expect(isWithinTerritory(snapped as string, ['370200'])).toBe(true);
    expect(await createOfflineGeocoder({ maxSnapKm: 0 }).regionAt(offshore[0], offshore[1])).toBeNull();
  });

  it('covers every province and every prefecture-level city with a polygon', async () => {
    const idx = await loadShippedRegionIndex();
    const codes = idx.codes();
    for (const c of codes) expect(isKnownRegion(c), c).toBe(true);
    const cityPrefixes = new Set(codes.map((c) => c.slice(0, 4)));
    const provinces = new Set(codes.map((c) => c.slice(0, 2)));
    expect(provinces.size).toBe(34);
    // Cities of the table that have no polygon at all (neither themselves nor any county).
    const { allRegionCodes } = await import('../channel/regions/regions.js');
    const missing = allRegionCodes().filter((c) => regionLevel(c) === 'city' && !cityPrefixes.has(c.slice(0, 4)));
    // 三沙 (460300) is islands only; everything else must be present.
    expect(missing.filter((c) => c !== '460300')).toEqual([]);
    expect(codes.filter((c) => regionLevel(c) === 'county').length).toBeGreaterThan(2500);
  });

  it('answers a lookup quickly once loaded', async () => {
    const idx = await loadShippedRegionIndex();
    const t = performance.now();
    for (let i = 0; i < 2000; i++) idx.regionAt(22 + (i % 25), 100 + (i % 20));
    expect((performance.now() - t) / 2000).toBeLessThan(1); // ms per lookup
  });
});

describe('RegionPolygonIndex on a hand-made table', () => {
  // One square 440106 from (113,23) to (114,24) with a hole (113.4..113.6)², and 440105 inside the hole.
  const S = 1024;
  const ring = (pts: Array<[number, number]>): string => {
    let out = '';
    let px = 0;
    let py = 0;
    const varint = (v: number) => {
      let z = v < 0 ? -2 * v - 1 : 2 * v;
      let s = '';
      while (z >= 32) {
        s += String.fromCharCode((z & 31) + 32 + 63);
        z = Math.floor(z / 32);
      }
      return s + String.fromCharCode(z + 63);
    };
    for (const [lng, lat] of pts) {
      const x = Math.round(lng * S);
      const y = Math.round(lat * S);
      out += varint(x - px) + varint(y - py);
      px = x;
      py = y;
    }
    return out;
  };
  const square = (a: number, b: number, c: number, d: number) => ring([[a, c], [b, c], [b, d], [a, d]]);
  const data = `440105${square(113.4, 113.6, 23.4, 23.6)} 440106${square(113, 114, 23, 24)},${square(113.4, 113.6, 23.4, 23.6)}`;
  const idx = new RegionPolygonIndex(data, S);

  it('uses the even-odd rule so holes belong to the region inside them', () => {
    expect(idx.regionCount).toBe(2);
    expect(idx.regionAt(23.2, 113.2)).toBe('440106');
    expect(idx.regionAt(23.5, 113.5)).toBe('440105');
    expect(idx.regionAt(23.9, 113.9)).toBe('440106');
  });

  it('snaps by distance to the nearest boundary and gives up beyond the limit', () => {
    // 0.05 degree of longitude east of the square at 23.5N is about 5.1 km.
    expect(idx.regionAt(23.5, 114.05, 10)).toBe('440106');
    expect(idx.regionAt(23.5, 114.05, 4)).toBeNull();
    expect(idx.regionAt(25.5, 113.5, 25)).toBeNull();
  });

  it('rejects corrupt data', () => {
    expect(() => new RegionPolygonIndex('44010', S)).toThrow();
    expect(() => new RegionPolygonIndex('440106 ', S)).toThrow();
    expect(() => new RegionPolygonIndex(`440106${square(1, 2, 1, 2).slice(0, 3)}`, S)).toThrow();
  });
});

describe('coordinates', () => {
  it('validates request locations, naming the field', () => {
    expect(validateLocation({ lat: 23.1, lng: 113.3 })).toEqual({ ok: true, data: { lat: 23.1, lng: 113.3 } });
    for (const [input, field] of [
      [null, 'location'],
      ['23,113', 'location'],
      [{ lat: '23', lng: 113 }, 'location.lat'],
      [{ lat: 23, lng: Infinity }, 'location.lng'],
      [{ lat: -91, lng: 0 }, 'location.lat'],
    ] as const) {
      const r = validateLocation(input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.field).toBe(field);
    }
    expect(isValidCoordinate(0, 0)).toBe(true);
    expect(isValidCoordinate(0, 180.1)).toBe(false);
  });

  it('measures distances', () => {
    // 北京 to 上海 is about 1,068 km great-circle.
    expect(distanceKm({ lat: 39.9087, lng: 116.3975 }, { lat: 31.2304, lng: 121.4737 })).toBeGreaterThan(1050);
    expect(distanceKm({ lat: 39.9087, lng: 116.3975 }, { lat: 31.2304, lng: 121.4737 })).toBeLessThan(1090);
  });
});
