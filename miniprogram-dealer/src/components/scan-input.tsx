/**
 * Continuous scanning for the dealer's lists: the camera reopens after every code until the person
 * closes it (weapp: `Taro.scanCode`; h5: the kit's camera scanner, loaded on demand), and each
 * code's verdict — added, already in the list, refused and why — is shown before the next scan,
 * so a refused code is never missed. A field takes a code typed off a damaged label.
 */
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { Button, Field, toast } from '@channel-router/ui';
import { canUseCamera, cleanScanned, isScanCancel } from '@channel-router/ui/src/scan-button/logic';
import type { Echo } from '../stores/scan-list';
import { echoToast, pauseAfter, VERDICT_WAIT_MS, within } from '../stores/scan-feedback';
import { MAX_LIST_CODES } from '../stores/scan-list';

export interface ScanInputProps {
  onScan: (text: string) => { echo: Echo; accepted: boolean; done: Promise<Echo> };
  /** Shown on the h5 camera view before the first code. */
  hint: string;
  disabled?: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function buzz(echo: Echo): void {
  const p = echo.tone === 'fail' || echo.tone === 'warning' ? Taro.vibrateLong() : Taro.vibrateShort({ type: 'medium' });
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

async function h5Loop(onScan: ScanInputProps['onScan'], firstHint: string, alive: () => boolean): Promise<void> {
  if (!canUseCamera({ mediaDevices: navigator.mediaDevices, isSecureContext: window.isSecureContext })) {
    toast('此浏览器无法使用摄像头，请手动输入码');
    return;
  }
  const { scanWithCamera, CameraUnavailableError } = await import('@channel-router/ui/src/scan-button/camera');
  let hint = firstHint;
  for (let n = 0; n < MAX_LIST_CODES && alive(); n++) {
    let text: string | null;
    try {
      text = await scanWithCamera({ hint, timeout_ms: 120_000 });
    } catch (e) {
      if (e instanceof CameraUnavailableError) toast('无法打开摄像头，请手动输入码');
      else throw e;
      return;
    }
    if (text === null) return; // 取消, or nothing for two minutes
    const r = onScan(text);
    const verdict = await within(r.done, VERDICT_WAIT_MS, r.echo);
    if (typeof navigator.vibrate === 'function') navigator.vibrate(verdict.tone === 'fail' ? [60, 60, 60] : 40);
    // The next camera view says what became of this code.
    hint = `已扫 ${n + 1} 个 · ${verdict.text}`;
    await sleep(300);
  }
}

export function ScanInput({ onScan, hint, disabled }: ScanInputProps) {
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
      if (process.env.TARO_ENV === 'h5') await h5Loop(onScan, hint, () => mounted.current);
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
    <View className='dl-scan'>
      <Button variant='primary' size='large' block loading={scanning} disabled={disabled} onClick={() => void start()} testId='scan-continuous'>
        连续扫码
      </Button>
      <Field
        name='code'
        label='或手动输入码'
        value={typed}
        onChange={setTyped}
        onConfirm={submitTyped}
        placeholder='输入箱、盒外包装上的码，或粘贴码链接'
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
