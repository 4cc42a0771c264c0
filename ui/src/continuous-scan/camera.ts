/**
 * h5 continuous camera scanning, loaded on demand (`import('./camera')`) like the single-shot
 * scanner in `scan-button/camera.ts`: the decoder never weighs on the first load and never enters
 * a weapp build. The overlay stays open and reports every new code until the person taps 完成;
 * each code's feedback is shown on the overlay itself, with the running count.
 */
import { cleanScanned } from '../scan-button/logic';
import { createRepeatFilter, MAX_SCANS_PER_SESSION, type ScanFeedback } from './logic';

export class CameraUnavailableError extends Error {}

export interface ContinuousCameraOptions {
  onCode: (text: string) => ScanFeedback;
  hint?: string;
  /** Closes by itself after this long without a new code. */
  idle_ms?: number;
}

const TONE_COLOURS: Record<ScanFeedback['tone'], string> = {
  success: '#4ade80',
  warning: '#fbbf24',
  danger: '#f87171',
  info: '#e5e7eb',
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, style: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.setAttribute('style', style);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Resolves with the number of codes read when the person taps 完成 (or after `idle_ms` idle). */
export async function scanContinuouslyWithCamera(options: ContinuousCameraOptions): Promise<number> {
  const idle_ms = Math.min(options.idle_ms ?? 120_000, 600_000);
  const { BrowserQRCodeReader } = await import('@zxing/browser');
  const overlay = el('div', 'position:fixed;inset:0;z-index:9999;background:#000;display:flex;flex-direction:column;align-items:center;justify-content:center;');
  overlay.className = 'cr-camera cr-camera--continuous';
  const video = el('video', 'width:100%;max-height:60vh;object-fit:cover;');
  video.setAttribute('playsinline', 'true');
  video.muted = true;
  const hint = el('div', 'color:#fff;margin:14px 16px 4px;font-size:15px;text-align:center;', options.hint ?? '对准一个个二维码，自动连续识别');
  const feedback = el('div', 'min-height:22px;margin:4px 16px;font-size:15px;text-align:center;color:#e5e7eb;');
  feedback.className = 'cr-camera__feedback';
  const count = el('div', 'color:#9ca3af;font-size:13px;margin-bottom:10px;', '已识别 0 个');
  const done = el('button', 'margin-top:6px;padding:10px 36px;border-radius:22px;border:1px solid #fff;background:#fff;color:#111;font-size:16px;', '完成');
  done.className = 'cr-camera__done';
  overlay.append(video, hint, feedback, count, done);
  document.body.appendChild(overlay);

  const reader = new BrowserQRCodeReader();
  const repeat = createRepeatFilter();
  let read = 0;
  return new Promise<number>((resolve, reject) => {
    let controls: { stop: () => void } | undefined;
    let finished = false;
    let timer = setTimeout(() => finish(), idle_ms);
    const finish = (error?: Error) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      controls?.stop();
      overlay.remove();
      if (error !== undefined) reject(error);
      else resolve(read);
    };
    done.addEventListener('click', () => finish());
    reader
      .decodeFromVideoDevice(undefined, video, (result) => {
        if (result === undefined || finished) return;
        const text = cleanScanned(result.getText());
        if (text === null || !repeat.accept(text)) return;
        read++;
        clearTimeout(timer);
        timer = setTimeout(() => finish(), idle_ms);
        const f = options.onCode(text);
        feedback.textContent = f.text;
        feedback.style.color = TONE_COLOURS[f.tone];
        count.textContent = `已识别 ${read} 个`;
        if (read >= MAX_SCANS_PER_SESSION) finish();
      })
      .then((c) => {
        controls = c;
        if (finished) c.stop();
      })
      .catch((e: unknown) => finish(new CameraUnavailableError(e instanceof Error ? e.message : String(e))));
  });
}
