/**
 * Reverse geocoding: coordinates → GB/T 2260 region code (docs/diversion.md#geocoding, consumer-scan diversion).
 *
 * Datum: WeChat's `wx.getLocation({ type: 'gcj02' })` returns GCJ-02, the datum every map provider
 * in China uses (Tencent Map's geocoder expects it). `type: 'wgs84'` returns GPS coordinates that
 * differ from GCJ-02 by up to ~0.7 km inside China. Clients send GCJ-02; implementations document
 * what they assume. Locations are weak evidence anyway (fuzzed, spoofable): see docs/diversion.md#consumer-scan.
 */
import { err, ok, type Result } from '../result.js';

export interface ReverseGeocoder {
  /**
   * The region code (county level where known, else city or province level) at a GCJ-02
   * coordinate, or null when the point is not in a known region (abroad, open sea) or cannot be
   * resolved right now. Never rejects for bad input: invalid coordinates give null.
   */
  regionAt(lat: number, lng: number): Promise<string | null>;
}

export interface GeoPoint {
  lat: number;
  lng: number;
}

/** True for finite WGS-84/GCJ-02 style degrees. */
export function isValidCoordinate(lat: unknown, lng: unknown): boolean {
  return (
    typeof lat === 'number' && typeof lng === 'number' && Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180
  );
}

/** A request's `location` object: `{ lat, lng }` in degrees, else INVALID_ARGUMENT naming the field. */
export function validateLocation(input: unknown, field = 'location'): Result<GeoPoint> {
  if (typeof input !== 'object' || input === null) return err('INVALID_ARGUMENT', `${field} must be { lat, lng }`, field);
  const { lat, lng } = input as Record<string, unknown>;
  if (typeof lat !== 'number' || !Number.isFinite(lat) || Math.abs(lat) > 90) {
    return err('INVALID_ARGUMENT', `${field}.lat must be a number -90..90`, `${field}.lat`);
  }
  if (typeof lng !== 'number' || !Number.isFinite(lng) || Math.abs(lng) > 180) {
    return err('INVALID_ARGUMENT', `${field}.lng must be a number -180..180`, `${field}.lng`);
  }
  return ok({ lat, lng });
}

/** Great-circle distance in km (haversine), for tests and plausibility checks. */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const R = 6371.0088;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}
