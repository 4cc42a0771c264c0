/**
 * The code WeChat opens the consumer app with. A code's QR holds `https://<domain>/c/<code>`;
 * with the console setting 「扫普通链接二维码打开小程序」 (README), WeChat's own scanner opens the
 * app and passes that URL, URL-encoded, as the launch query `q`. On h5 the same arrives as
 * `/consumer/?q=…`. Pure: no platform here; the app reads the launch options and calls these.
 */
import { MAX_CODE_INPUT_LENGTH, parseCodeInput } from './parse.js';

/** WeChat's scenes for a QR code scanned with its own scanner (camera, long press, album). */
export const SCAN_SCENES: readonly number[] = [1011, 1012, 1013];

/** A percent-encoded URL is at most three characters a byte of the longest code input. */
const MAX_Q_LENGTH = 3 * MAX_CODE_INPUT_LENGTH;

/**
 * The canonical code in a launch query's `q`, or null when there is none (no `q`, not a code
 * link, or a link whose code is malformed). `q` may arrive encoded (weapp) or decoded (h5).
 */
export function codeFromLaunchQuery(query: unknown): string | null {
  if (query === null || typeof query !== 'object') return null;
  const q = (query as Record<string, unknown>)['q'];
  if (typeof q !== 'string' || q === '' || q.length > MAX_Q_LENGTH) return null;
  let url = q.trim();
  if (!/^https?:/i.test(url)) {
    try {
      url = decodeURIComponent(url);
    } catch {
      return null; // a broken escape: not a link we printed
    }
  }
  // Only the printed link counts: a bare string in `q` is not what a QR of ours holds.
  if (!/^https:\/\//i.test(url)) return null;
  const r = parseCodeInput(url);
  return r.ok ? r.data : null;
}

/** `?q=…&x=1` (location.search on h5) → `{ q: '…', x: '1' }`, each value decoded once. */
export function queryFromSearch(search: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof search !== 'string' || search.length > 4 * MAX_Q_LENGTH) return out;
  for (const [k, v] of new URLSearchParams(search)) if (!(k in out)) out[k] = v;
  return out;
}

export interface LaunchEntry {
  query?: unknown;
  scene?: number;
}

/**
 * Whether an app show (a hot start) brings a code to open: a code link the person just scanned
 * (a scan scene), or a code other than the one opened last. Returning from the background keeps
 * the old launch query, which must not open the same code again.
 */
export function codeToOpen(entry: LaunchEntry | undefined, lastOpened: string | null): string | null {
  const code = codeFromLaunchQuery(entry?.query);
  if (code === null) return null;
  const scanned = typeof entry?.scene === 'number' && SCAN_SCENES.includes(entry.scene);
  return scanned || code !== lastOpened ? code : null;
}
