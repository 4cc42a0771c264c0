import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { Button } from '../button';
import { Field } from '../field';
import { toast } from '../feedback';
import { canUseCamera, cleanScanned, isScanCancel } from '../scan-button/logic';
import { feedbackClass, REOPEN_PAUSE_MS, runScanLoop, type ScanFeedback } from './logic';

export interface ContinuousScanProps {
  /** Receives each scanned or typed text (a bare code or a code URL) and says what became of it. */
  onCode: (text: string) => ScanFeedback;
  text?: string;
  /** Offer a typed-code field under the button (default on). */
  manual?: boolean;
  manualLabel?: string;
  disabled?: boolean;
  /** Shown on the h5 camera view. */
  hint?: string;
  testId?: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function buzz(tone: ScanFeedback['tone']): void {
  // A short buzz says "got it" without looking; a long one says "look at the screen".
  const p = tone === 'success' ? Taro.vibrateShort({ type: 'medium' }) : Taro.vibrateLong();
  Promise.resolve(p).catch(() => {});
}

/** weapp: `Taro.scanCode` again and again, until the person closes the camera. */
async function weappLoop(onCode: (text: string) => ScanFeedback, stopped: () => boolean): Promise<void> {
  await runScanLoop({
    scanOnce: async () => {
      try {
        const res = await Taro.scanCode({ scanType: ['qrCode', 'barCode'] });
        return cleanScanned(res.result) ?? '';
      } catch (e) {
        if (!isScanCancel(e)) toast('扫码失败，请重试');
        return null;
      }
    },
    onCode,
    announce: async (f) => {
      buzz(f.tone);
      toast(f.text, f.tone === 'success' ? 'success' : f.tone === 'danger' ? 'fail' : 'info');
      await sleep(REOPEN_PAUSE_MS);
    },
    shouldStop: stopped,
  });
}

/**
 * "连续扫码": scan code after code without going back to the page in between (weapp reopens
 * `Taro.scanCode`; h5 keeps one camera view open), plus a field to type a code, which is cleared
 * once the page accepts it. The page's answer to each code is shown under the button.
 */
export function ContinuousScan({ onCode, text = '连续扫码', manual = true, manualLabel = '或手动输入码', disabled, hint, testId }: ContinuousScanProps) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<ScanFeedback | null>(null);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const handle = (t: string): ScanFeedback => {
    const f = onCode(t);
    if (mounted.current) setLast(f);
    return f;
  };

  const scan = async () => {
    if (busy || disabled === true) return;
    setBusy(true);
    try {
      if (process.env.TARO_ENV === 'h5') {
        if (!canUseCamera({ mediaDevices: navigator.mediaDevices, isSecureContext: window.isSecureContext })) {
          toast('此浏览器无法使用摄像头，请手动输入码');
          return;
        }
        const { scanContinuouslyWithCamera, CameraUnavailableError } = await import('./camera');
        try {
          await scanContinuouslyWithCamera(hint === undefined ? { onCode: handle } : { onCode: handle, hint });
        } catch (e) {
          if (e instanceof CameraUnavailableError) toast('无法打开摄像头，请手动输入码');
          else throw e;
        }
      } else {
        await weappLoop(handle, () => !mounted.current);
      }
    } finally {
      if (mounted.current) setBusy(false);
    }
  };

  const submitTyped = () => {
    if (disabled === true) return;
    const code = cleanScanned(typed);
    if (code === null) {
      toast('请输入码');
      return;
    }
    if (handle(code).accepted) setTyped('');
  };

  return (
    <View className='cr-cscan' data-testid={testId}>
      <Button variant='primary' size='large' block loading={busy} disabled={disabled} onClick={() => void scan()} testId='scan-continuous'>
        {text}
      </Button>
      {manual ? (
        <Field
          name='code'
          label={manualLabel}
          value={typed}
          onChange={setTyped}
          onConfirm={submitTyped}
          placeholder='输入箱、盒或商品外包装上的码'
          maxlength={512}
          disabled={disabled}
          suffix={
            <Button size='small' variant='primary' onClick={submitTyped} disabled={disabled} testId='manual-submit'>
              添加
            </Button>
          }
        />
      ) : null}
      {last !== null ? (
        <Text className={feedbackClass(last)} data-testid='scan-feedback' data-tone={last.tone}>
          {last.text}
        </Text>
      ) : null}
    </View>
  );
}
