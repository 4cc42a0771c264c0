/**
 * A camera for Chromium that films a QR code: a Y4M video (`--use-file-for-fake-video-capture`)
 * whose frames show `text` as a QR code, drawn with the encoder of the same library the app
 * decodes with (@zxing/library, from the ui package). Lets a test scan through the real camera
 * path of the h5 apps: getUserMedia → <video> → decoder.
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './builds';

interface BitMatrix {
  getWidth(): number;
  getHeight(): number;
  get(x: number, y: number): boolean;
}

const zxing = createRequire(path.join(REPO_ROOT, 'ui', 'package.json'))('@zxing/library') as {
  QRCodeWriter: new () => { encode(text: string, format: number, w: number, h: number, hints: Map<number, unknown>): BitMatrix };
  BarcodeFormat: { QR_CODE: number };
};

/** Frame side in pixels (square); chosen to fit Chromium's default 640×480 capture well. */
const SIDE = 480;
const FRAMES = 2;

/** Writes `file` (.y4m, 4:2:0) showing `text` as a QR code on white. */
export function writeQrVideo(text: string, file: string): void {
  if (text.length === 0 || text.length > 512) throw new Error('writeQrVideo: text must be 1..512 characters');
  const matrix = new zxing.QRCodeWriter().encode(text, zxing.BarcodeFormat.QR_CODE, 0, 0, new Map());
  const modules = matrix.getWidth();
  const scale = Math.floor((SIDE * 0.8) / modules);
  if (scale < 2) throw new Error(`writeQrVideo: ${modules} modules do not fit ${SIDE} px`);
  const offset = Math.floor((SIDE - modules * scale) / 2);
  const luma = Buffer.alloc(SIDE * SIDE, 235);
  for (let y = 0; y < modules * scale; y++) {
    for (let x = 0; x < modules * scale; x++) {
      if (matrix.get(Math.floor(x / scale), Math.floor(y / scale))) luma[(y + offset) * SIDE + x + offset] = 16;
    }
  }
  const chroma = Buffer.alloc((SIDE / 2) * (SIDE / 2) * 2, 128);
  const header = Buffer.from(`YUV4MPEG2 W${SIDE} H${SIDE} F10:1 Ip A1:1 C420jpeg\n`);
  const parts: Buffer[] = [header];
  for (let i = 0; i < FRAMES; i++) parts.push(Buffer.from('FRAME\n'), luma, chroma);
  writeFileSync(file, Buffer.concat(parts));
}

/** Chromium flags that replace the camera with `videoFile` and grant permission silently. */
export function fakeCameraArgs(videoFile: string): string[] {
  return ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${videoFile}`];
}
