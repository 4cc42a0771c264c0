/**
 * Continuous scanning, the part with no Taro in it (tested in Node): what one scan answers, the
 * loop that reopens the scanner after each code until the person stops, and the filter that keeps
 * a camera from reporting the code it is still looking at many times a second.
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
/** Between two camera openings on weapp: long enough to read the toast about the last code. */
export const REOPEN_PAUSE_MS = 700;

export interface ScanLoopOptions {
  /** Opens the scanner once: the text read, or null when the person closed it. */
  scanOnce: () => Promise<string | null>;
  onCode: (text: string) => ScanFeedback;
  /** Tells the person what happened to the code (toast, buzz) before the scanner reopens. */
  announce: (feedback: ScanFeedback) => Promise<void>;
  shouldStop?: () => boolean;
  maxScans?: number;
}

/** Scans until the person cancels (or `shouldStop`); resolves with the number of codes read. */
export async function runScanLoop(o: ScanLoopOptions): Promise<number> {
  const max = Math.min(o.maxScans ?? MAX_SCANS_PER_SESSION, MAX_SCANS_PER_SESSION);
  let count = 0;
  while (count < max) {
    if (o.shouldStop?.() === true) break;
    const text = await o.scanOnce();
    if (text === null) break;
    count++;
    await o.announce(o.onCode(text));
  }
  return count;
}

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

/** The class of the feedback line (`cr-cscan__feedback--success` …). */
export function feedbackClass(f: Pick<ScanFeedback, 'tone'>): string {
  return `cr-cscan__feedback cr-cscan__feedback--${f.tone}`;
}
