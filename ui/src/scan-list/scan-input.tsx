/**
 * Continuous scanning for the running scan lists, one code after another until the person is done:
 * weapp reopens `Taro.scanCode` after each code, first showing that code's verdict (added, already
 * in the list, refused and why) so a refused code is never missed; h5 keeps the kit's continuous
 * camera view open and shows each verdict on it. A field takes a code typed off a damaged label.
 */
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { Button } from '../button';
import { Field } from '../field';
import { toast } from '../feedback';
import { canUseCamera, cleanScanned, isScanCancel } from '../scan-button/logic';
import { MAX_LIST_CODES, type Echo } from '../kit/scan-list';
import { echoToast, pauseAfter, VERDICT_WAIT_MS, within } from './feedback';

export interface ScanInputProps {
  onScan: (text: string) => { echo: Echo; accepted: boolean; done: Promise<Echo> };
  /** Shown on the h5 camera view before the first code. */
  hint: string;
  /** The scan button's words (default 「连续扫码」). */
  text?: string;
  disabled?: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function buzz(echo: Echo): void {
  const p = echo.tone === 'danger' || echo.tone === 'warning' ? Taro.vibrateLong() : Taro.vibrateShort({ type: 'medium' });
  Promise.resolve(p).catch(() => {});
}

async function weappLoop(onScan: ScanInputProps['onScan'], alive: () => boolean): Promise<void> {
  for (let n = 0; n < MAX_LIST_CODES && alive(); n++) {
    let raw: string;
    try {
      raw = (await Taro.scanCode({ scanType: ['qrCode', 'barCode'], onlyFromCamera: true })).result;
    } catch (e) {
      if (!isScanCancel(e)) toast('扫码失败，请重试');
      return;
    }
    const text = cleanScanned(raw);
    if (text === null) continue;
    const r = onScan(text);
    const verdict = await within(r.done, VERDICT_WAIT_MS, r.echo);
    buzz(verdict);
    Taro.showToast(echoToast(verdict)).catch(() => {});
    await sleep(pauseAfter(verdict));
  }
}

type CameraModule = typeof import('../continuous-scan/camera');

/** h5 only: the kit's continuous camera view, loaded when first used (never in a weapp build). */
async function loadCamera(): Promise<CameraModule | null> {
  // The import must sit inside the platform check, or webpack bundles the decoder into weapp.
  if (process.env.TARO_ENV === 'h5') return import('../continuous-scan/camera');
  return null;
}

const OVERLAY_COLOURS: Readonly<Record<Echo['tone'], string>> = { success: '#4ade80', warning: '#fbbf24', danger: '#f87171', info: '#e5e7eb' };

/** The camera view shows the immediate answer; the verdict replaces it when it arrives. */
function showVerdictOnCamera(echo: Echo): void {
  const line = document.querySelector<HTMLElement>('.cr-camera__feedback');
  if (line === null) return; // the view was closed meanwhile
  line.textContent = echo.text;
  line.style.color = OVERLAY_COLOURS[echo.tone];
}

async function h5Loop(onScan: ScanInputProps['onScan'], hint: string): Promise<void> {
  if (!canUseCamera({ mediaDevices: navigator.mediaDevices, isSecureContext: window.isSecureContext })) {
    toast('此浏览器无法使用摄像头，请手动输入码');
    return;
  }
  const camera = await loadCamera();
  if (camera === null) return;
  let newest: string | null = null;
  try {
    await camera.scanContinuouslyWithCamera({
      hint,
      onCode: (text) => {
        const r = onScan(text);
        newest = text;
        void r.done.then((verdict) => {
          if (newest !== text) return; // a later code is on screen now
          showVerdictOnCamera(verdict);
          if (verdict.tone === 'danger' && typeof navigator.vibrate === 'function') navigator.vibrate([60, 60, 60]);
        });
        return { tone: r.echo.tone === 'danger' ? 'danger' : r.echo.tone, text: r.echo.text, accepted: r.accepted };
      },
    });
  } catch (e) {
    if (e instanceof camera.CameraUnavailableError) toast('无法打开摄像头，请手动输入码');
    else throw e;
  }
}

export function ScanInput({ onScan, hint, text = '连续扫码', disabled }: ScanInputProps) {
  const [typed, setTyped] = useState('');
  const [scanning, setScanning] = useState(false);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const start = async () => {
    if (scanning || disabled === true) return;
    setScanning(true);
    try {
      if (process.env.TARO_ENV === 'h5') await h5Loop(onScan, hint);
      else await weappLoop(onScan, () => mounted.current);
    } finally {
      if (mounted.current) setScanning(false);
    }
  };

  const submitTyped = () => {
    if (disabled === true) return;
    const code = cleanScanned(typed);
    if (code === null) {
      toast('请输入码');
      return;
    }
    if (onScan(code).accepted) setTyped('');
  };

  return (
    <View className='cr-scanlist__scan'>
      <Button variant='primary' size='large' block loading={scanning} disabled={disabled} onClick={() => void start()} testId='scan-continuous'>
        {text}
      </Button>
      <Field
        name='code'
        label='或手动输入码'
        value={typed}
        onChange={setTyped}
        onConfirm={submitTyped}
        placeholder='箱、盒上的码或码链接'
        maxlength={512}
        disabled={disabled}
        suffix={
          <Button size='small' variant='primary' onClick={submitTyped} disabled={disabled} testId='manual-submit'>
            添加
          </Button>
        }
      />
    </View>
  );
}
