/**
 * The reverse geocoder of this instance: Tencent Map's when `TENCENT_MAP_KEY` is configured
 * (production; the offline table is its fallback), else the offline table shipped with the
 * project (local default, city level or better).
 */
import { createOfflineGeocoder, type ReverseGeocoder } from '@channel-router/shared';
import { geocoderFromEnv } from './tencent-map-geocoder.js';

let cached: ReverseGeocoder | null = null;

export function geocoder(): ReverseGeocoder {
  cached ??= geocoderFromEnv(createOfflineGeocoder());
  return cached;
}

export async function regionOf(location: { lat: number; lng: number } | undefined | null): Promise<string | null> {
  if (!location) return null;
  return geocoder().regionAt(location.lat, location.lng);
}
