import Taro from '@tarojs/taro';
import type { Location } from '@channel-router/shared/src/model.js';

/**
 * The phone's rough position for a consumer scan (weak evidence, docs/diversion.md#consumer-scan), or undefined when the
 * person declines or it takes too long: a scan never waits on it for more than `timeout_ms`.
 */
export async function approxLocation(timeout_ms = 3000): Promise<Location | undefined> {
  const attempt = (async (): Promise<Location | undefined> => {
    try {
      if (process.env.TARO_ENV === 'h5') {
        if (typeof navigator === 'undefined' || navigator.geolocation === undefined) return undefined;
        return await new Promise<Location | undefined>((resolve) => {
          navigator.geolocation.getCurrentPosition(
            (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude }),
            () => resolve(undefined),
            { timeout: timeout_ms, maximumAge: 600_000, enableHighAccuracy: false },
          );
        });
      }
      const r = await Taro.getFuzzyLocation({ type: 'wgs84' });
      return { lat: r.latitude, lng: r.longitude };
    } catch {
      return undefined;
    }
  })();
  const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), timeout_ms));
  return Promise.race([attempt, timeout]);
}
