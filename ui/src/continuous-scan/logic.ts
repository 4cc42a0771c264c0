/**
 * The h5 camera's continuous scanning, the part with no Taro in it (tested in Node): what one scan
 * answers, and the filter that keeps a camera from reporting the code it is still looking at many
 * times a second. (weapp reopens `scanCode` after each code: the kit's scan-list/scan-input.tsx.)
 */

/** What the page says about one scanned code; shown at once, under the button or on the camera. */
export interface ScanFeedback {
  tone: 'success' | 'warning' | 'danger' | 'info';
  text: string;
  /** The page took the code (or already had it): a typed code can be cleared from the field. */
  accepted: boolean;
}

/** One scanning session never runs longer than this many codes (a limit on everything). */
export const MAX_SCANS_PER_SESSION = 1000;
/** Same text seen again within this window is the camera still looking at it, not a new scan. */
export const REPEAT_WINDOW_MS = 2500;
/**
 * Accepts a text unless it is the one accepted last, less than `window_ms` ago. A different code
 * always passes; the same code passes again once the camera has looked away long enough.
 */
export function createRepeatFilter(window_ms = REPEAT_WINDOW_MS, now: () => number = Date.now): { accept(text: string): boolean } {
  let lastText: string | null = null;
  let lastAt = 0;
  return {
    accept(text) {
      const t = now();
      if (text === lastText && t - lastAt < window_ms) {
        lastAt = t; // still in view: keep suppressing until it has been gone a while
        return false;
      }
      lastText = text;
      lastAt = t;
      return true;
    },
  };
}
