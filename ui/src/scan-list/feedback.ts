/**
 * How one scan's answer reaches a person who is still pointing the camera (no Taro; tested):
 * wait briefly for the verdict (so a refused code is noticed before the next scan), then say it
 * in a toast that fits, long enough to read.
 */
import type { Echo } from '../kit/scan-list';

/** The camera reopens after at most this long, verdict or not (a weak network must not stall it). */
export const VERDICT_WAIT_MS = 1500;

/** `done`, or `fallback` if it takes longer than `wait_ms`. Never rejects. */
export async function within<T>(done: Promise<T>, wait_ms: number, fallback: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), wait_ms);
  });
  try {
    return await Promise.race([done.catch(() => fallback), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** WeChat shows 7 characters beside an icon, two lines without; problems stay up longer. */
export function echoToast(echo: Echo): { title: string; icon: 'success' | 'error' | 'none'; duration: number } {
  const title = echo.text.length > 40 ? `${echo.text.slice(0, 39)}…` : echo.text;
  const icon = title.length <= 7 ? (echo.tone === 'success' ? 'success' : echo.tone === 'danger' ? 'error' : 'none') : 'none';
  return { title, icon, duration: echo.tone === 'danger' || echo.tone === 'warning' ? 2500 : 1200 };
}

/** The pause before the camera reopens: longer after a problem, so the toast can be read. */
export function pauseAfter(echo: Echo): number {
  return echo.tone === 'danger' || echo.tone === 'warning' ? 1500 : 600;
}
