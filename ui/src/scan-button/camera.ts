/**
 * Camera scanning for h5, loaded on demand (`import('./camera')`), so the decoder (@zxing, about
 * 400 KB unminified) never weighs on the first load, and never enters a weapp build. It draws
 * its own full-screen overlay with plain DOM: the scanner lives outside React's tree.
 */
import { cleanScanned } from './logic';

export class CameraUnavailableError extends Error {}

export interface CameraScanOptions {
  /** Give up after this long. */
  timeout_ms?: number;
  hint?: string;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, style: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.setAttribute('style', style);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Resolves with the decoded text, or null when the person cancels or nothing is found in time. */
export async function scanWithCamera(options: CameraScanOptions = {}): Promise<string | null> {
  const timeout_ms = Math.min(options.timeout_ms ?? 60_000, 300_000);
  const { BrowserQRCodeReader } = await import('@zxing/browser');
  const overlay = el('div', 'position:fixed;inset:0;z-index:9999;background:#000;display:flex;flex-direction:column;align-items:center;justify-content:center;');
  overlay.className = 'cr-camera';
  const video = el('video', 'width:100%;max-height:70vh;object-fit:cover;');
  video.setAttribute('playsinline', 'true');
  video.muted = true;
  const hint = el('div', 'color:#fff;margin:16px;font-size:15px;text-align:center;', options.hint ?? '将二维码放入框内，自动识别');
  const cancel = el('button', 'margin-top:8px;padding:10px 28px;border-radius:22px;border:1px solid #fff;background:transparent;color:#fff;font-size:16px;', '取消');
  cancel.className = 'cr-camera__cancel';
  overlay.append(video, hint, cancel);
  document.body.appendChild(overlay);

  const reader = new BrowserQRCodeReader();
  return new Promise<string | null>((resolve, reject) => {
    let controls: { stop: () => void } | undefined;
    let done = false;
    const finish = (value: string | null, error?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      controls?.stop();
      overlay.remove();
      if (error !== undefined) reject(error);
      else resolve(value);
    };
    const timer = setTimeout(() => finish(null), timeout_ms);
    cancel.addEventListener('click', () => finish(null));
    reader
      .decodeFromVideoDevice(undefined, video, (result) => {
        if (result === undefined) return; // no code in this frame yet
        const text = cleanScanned(result.getText());
        if (text !== null) finish(text);
      })
      .then((c) => {
        controls = c;
        if (done) c.stop();
      })
      .catch((e: unknown) => finish(null, new CameraUnavailableError(e instanceof Error ? e.message : String(e))));
  });
}
