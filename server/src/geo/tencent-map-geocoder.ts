/**
 * Production reverse geocoder: Tencent Location Service (腾讯位置服务) WebService API,
 * `GET https://apis.map.qq.com/ws/geocoder/v1/?location=<lat>,<lng>&key=<key>[&sig=<md5>]`.
 *
 * - Input datum: GCJ-02, exactly what `wx.getLocation({ type: 'gcj02' })` returns.
 * - Answer: `result.ad_info.adcode`, the county-level GB/T 2260 code. When our table does not know
 *   it (a code newer than the table, a development zone), the city and then the province are tried.
 *   Points outside mainland China (nation_code ≠ 156) give null, except 香港/澳门/台湾 at province level.
 * - Signature: when the key has "签名校验" enabled, `sig = md5('/ws/geocoder/v1?' + params sorted
 *   by name, unencoded + SK)`.
 * - Every call has a timeout; any failure (network, timeout, quota, bad reply) falls back to the
 *   optional `fallback` geocoder (normally the offline one), else null: a consumer scan never fails
 *   because the map provider is down.
 * - Answers are cached in memory by coordinates rounded to ~100 m, to spare the daily quota.
 *
 * Configuration (CloudBase function environment variables): TENCENT_MAP_KEY, TENCENT_MAP_SK.
 */
import { createHash } from 'node:crypto';
import { isKnownRegion, isValidCoordinate, type ReverseGeocoder } from '@channel-router/shared';

export const TENCENT_GEOCODER_URL = 'https://apis.map.qq.com/ws/geocoder/v1/';
const SIGNED_PATH = '/ws/geocoder/v1';

export interface TencentMapGeocoderOptions {
  /** WebService key (TENCENT_MAP_KEY). */
  key: string;
  /** Secret for signature verification (TENCENT_MAP_SK), when enabled on the key. */
  secretKey?: string;
  /** Per-request timeout; default 1500 ms. */
  timeoutMs?: number;
  /** Used when the provider fails; e.g. createOfflineGeocoder(). */
  fallback?: ReverseGeocoder;
  /** Cached answers (by ~100 m cell); default 5000, 0 disables. */
  cacheEntries?: number;
  /** Injected for tests; defaults to the global fetch (Node 18+). */
  fetchImpl?: typeof fetch;
  /** Told about each failure (for logs/metrics); never throws. */
  onError?: (error: Error) => void;
}

/** md5 signature of the request as Tencent's "签名校验" defines it. */
export function tencentSignature(path: string, params: Record<string, string>, secretKey: string): string {
  const query = Object.keys(params)
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
  return createHash('md5').update(`${path}?${query}${secretKey}`).digest('hex');
}

interface TencentReply {
  status?: number;
  message?: string;
  result?: { ad_info?: { adcode?: string | number; nation_code?: string | number } };
}

/** The best known code for a provider adcode: itself, else its city, else its province. */
export function regionForAdcode(adcode: string): string | null {
  if (!/^\d{6}$/.test(adcode)) return null;
  for (const c of [adcode, `${adcode.slice(0, 4)}00`, `${adcode.slice(0, 2)}0000`]) if (isKnownRegion(c)) return c;
  return null;
}

export function createTencentMapGeocoder(options: TencentMapGeocoderOptions): ReverseGeocoder {
  if (typeof options.key !== 'string' || options.key.length === 0) throw new Error('Tencent map geocoder: key required');
  const timeoutMs = options.timeoutMs ?? 1500;
  if (!(timeoutMs > 0 && timeoutMs <= 30_000)) throw new RangeError('timeoutMs must be 1..30000');
  const maxEntries = options.cacheEntries ?? 5000;
  const doFetch = options.fetchImpl ?? fetch;
  const cache = new Map<string, string | null>();

  async function lookup(lat: number, lng: number): Promise<string | null> {
    const params: Record<string, string> = { key: options.key, location: `${lat},${lng}` };
    if (options.secretKey !== undefined) params.sig = tencentSignature(SIGNED_PATH, params, options.secretKey);
    const url = `${TENCENT_GEOCODER_URL}?${new URLSearchParams(params).toString()}`;
    const res = await doFetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`Tencent geocoder: HTTP ${res.status}`);
    const body = (await res.json()) as TencentReply;
    if (body.status !== 0) throw new Error(`Tencent geocoder: status ${String(body.status)} ${body.message ?? ''}`.trim());
    const ad = body.result?.ad_info;
    const adcode = ad?.adcode === undefined ? '' : String(ad.adcode);
    const region = regionForAdcode(adcode);
    // Abroad the provider answers with another nation's code; only China's (156) are ours,
    // and 香港/澳门/台湾 which it reports under their own codes but we know at province level.
    if (ad?.nation_code !== undefined && String(ad.nation_code) !== '156' && !/^(71|81|82)/.test(adcode)) return null;
    return region;
  }

  return {
    async regionAt(lat: number, lng: number): Promise<string | null> {
      if (!isValidCoordinate(lat, lng)) return null;
      const cell = `${lat.toFixed(3)},${lng.toFixed(3)}`;
      if (cache.has(cell)) {
        const hit = cache.get(cell) as string | null;
        // Refresh recency: Map keeps insertion order, so the oldest entry is evicted first.
        cache.delete(cell);
        cache.set(cell, hit);
        return hit;
      }
      try {
        const region = await lookup(lat, lng);
        if (maxEntries > 0) {
          cache.set(cell, region);
          if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
        }
        return region;
      } catch (e) {
        options.onError?.(e instanceof Error ? e : new Error(String(e)));
        return options.fallback ? options.fallback.regionAt(lat, lng) : null;
      }
    },
  };
}

/**
 * The geocoder for this process: Tencent's when TENCENT_MAP_KEY is set (falling back to
 * `fallback` on failure), else `fallback` itself (local runtime).
 */
export function geocoderFromEnv(fallback: ReverseGeocoder, env: Record<string, string | undefined> = process.env): ReverseGeocoder {
  const key = env.TENCENT_MAP_KEY;
  if (key === undefined || key === '') return fallback;
  const sk = env.TENCENT_MAP_SK;
  return createTencentMapGeocoder({ key, fallback, ...(sk ? { secretKey: sk } : {}) });
}
