/** The Tencent geocoder against a stubbed fetch: request shape, signature, answers and fallbacks. No network. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ReverseGeocoder } from '@channel-router/shared';
import { createTencentMapGeocoder, geocoderFromEnv, regionForAdcode, tencentSignature } from './tencent-map-geocoder.js';

function stub(reply: unknown, status = 200) {
  const urls: string[] = [];
  const fetchImpl = (async (url: string | URL | Request) => {
    urls.push(String(url));
    return new Response(JSON.stringify(reply), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { urls, fetchImpl };
}

const fallback: ReverseGeocoder = { regionAt: async () => '440100' };

describe('Tencent map geocoder', () => {
  it('sends location and key, signs when a secret is set, and returns the adcode', async () => {
    const { urls, fetchImpl } = stub({ status: 0, result: { ad_info: { adcode: 440106, nation_code: '156' } } });
    const geo = createTencentMapGeocoder({ key: 'K', secretKey: 'S', fetchImpl });
    expect(await geo.regionAt(23.125, 113.361)).toBe('440106');
    const u = new URL(urls[0]!);
    expect(u.origin + u.pathname).toBe('https://apis.map.qq.com/ws/geocoder/v1/');
    expect(u.searchParams.get('location')).toBe('23.125,113.361');
    expect(u.searchParams.get('key')).toBe('K');
    const expected = createHash('md5').update('/ws/geocoder/v1?key=K&location=23.125,113.361S').digest('hex');
    expect(u.searchParams.get('sig')).toBe(expected);
    expect(tencentSignature('/ws/geocoder/v1', { location: '1,2', key: 'K' }, 'S')).toBe(
      createHash('md5').update('/ws/geocoder/v1?key=K&location=1,2S').digest('hex'),
    );
  });

  it('degrades unknown adcodes to the city or province, and answers null abroad', async () => {
    expect(regionForAdcode('440106')).toBe('440106');
    expect(regionForAdcode('320576')).toBe('320500'); // development zone → its city
    expect(regionForAdcode('449999')).toBe('440000');
    expect(regionForAdcode('999999')).toBeNull();
    expect(regionForAdcode('')).toBeNull();
    const abroad = stub({ status: 0, result: { ad_info: { adcode: '392000', nation_code: '392' } } });
    expect(await createTencentMapGeocoder({ key: 'K', fetchImpl: abroad.fetchImpl }).regionAt(35.68, 139.69)).toBeNull();
    const hk = stub({ status: 0, result: { ad_info: { adcode: '810001', nation_code: '344' } } });
    expect(await createTencentMapGeocoder({ key: 'K', fetchImpl: hk.fetchImpl }).regionAt(22.28, 114.16)).toBe('810000');
  });

  it('falls back on provider errors, HTTP errors and timeouts, reporting each', async () => {
    const errors: Error[] = [];
    const onError = (e: Error) => errors.push(e);
    const quota = stub({ status: 121, message: '此key每日调用量已达到上限' });
    expect(await createTencentMapGeocoder({ key: 'K', fetchImpl: quota.fetchImpl, fallback, onError }).regionAt(23, 113)).toBe('440100');
    const http = stub({}, 502);
    expect(await createTencentMapGeocoder({ key: 'K', fetchImpl: http.fetchImpl, onError }).regionAt(23, 113)).toBeNull();
    const hang = ((_u: unknown, init?: RequestInit) =>
      new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)))) as typeof fetch;
    const t = Date.now();
    expect(await createTencentMapGeocoder({ key: 'K', fetchImpl: hang, timeoutMs: 50, fallback, onError }).regionAt(23, 113)).toBe('440100');
    expect(Date.now() - t).toBeLessThan(2000);
    expect(errors).toHaveLength(3);
    expect(errors[0]!.message).toContain('121');
  });

  it('caches answers per ~100 m cell and skips invalid coordinates', async () => {
    const { urls, fetchImpl } = stub({ status: 0, result: { ad_info: { adcode: '440106', nation_code: 156 } } });
    const geo = createTencentMapGeocoder({ key: 'K', fetchImpl, cacheEntries: 2 });
    await geo.regionAt(23.1251, 113.3611);
    await geo.regionAt(23.1252, 113.3612);
    expect(urls).toHaveLength(1);
    await geo.regionAt(24, 113);
    await geo.regionAt(25, 113); // evicts the first cell
    await geo.regionAt(23.1251, 113.3611);
    expect(urls).toHaveLength(4);
    expect(await geo.regionAt(Number.NaN, 1)).toBeNull();
    expect(urls).toHaveLength(4);
  });

  it('is chosen from the environment only when a key is configured', () => {
    expect(geocoderFromEnv(fallback, {})).toBe(fallback);
    expect(geocoderFromEnv(fallback, { TENCENT_MAP_KEY: 'K' })).not.toBe(fallback);
    expect(() => createTencentMapGeocoder({ key: '' })).toThrow();
  });
});
