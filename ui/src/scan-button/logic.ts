/** Longest text a scan may hand over (a code URL is far shorter; a stray QR could be huge). */
export const MAX_SCANNED_LENGTH = 512;

/**
 * What a scan (camera or typed) produced, ready for the page: trimmed, with a QR's stray
 * newline removed. Null when there is nothing usable. Whether it is a valid code is the
 * server's call (and `parseCodeInput` in shared for an early hint).
 */
export function cleanScanned(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const text = raw.replace(/[\r\n\t]+/g, '').trim();
  if (text === '' || text.length > MAX_SCANNED_LENGTH) return null;
  return text;
}

/** WeChat rejects scanCode with `scanCode:fail cancel` when the person closes the camera. */
export function isScanCancel(error: unknown): boolean {
  const msg = typeof error === 'object' && error !== null && 'errMsg' in error ? String((error as { errMsg: unknown }).errMsg) : String(error);
  return /cancel/i.test(msg);
}

export interface CameraCapability {
  mediaDevices?: { getUserMedia?: unknown } | undefined;
  isSecureContext?: boolean | undefined;
}

/** Browsers grant the camera only to secure pages (https, or localhost / 127.0.0.1). */
export function canUseCamera(env: CameraCapability): boolean {
  return env.isSecureContext === true && typeof env.mediaDevices?.getUserMedia === 'function';
}
