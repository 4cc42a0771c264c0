import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { Button } from '../button';
import { Field } from '../field';
import { toast } from '../feedback';
import { canUseCamera, cleanScanned, isScanCancel } from './logic';

export interface ScanButtonProps {
  /** Receives the scanned or typed text (a bare code or a code URL). */
  onCode: (text: string) => void;
  text?: string;
  /** Offer a typed-code field under the button (default: on h5 only; a damaged QR needs it). */
  manual?: boolean;
  manualLabel?: string;
  loading?: boolean;
  testId?: string;
}

async function scanOnce(): Promise<string | null> {
  if (process.env.TARO_ENV === 'h5') {
    if (!canUseCamera({ mediaDevices: navigator.mediaDevices, isSecureContext: window.isSecureContext })) {
      toast('此浏览器无法使用摄像头，请手动输入码');
      return null;
    }
    // Loaded only when the camera is first used: the decoder stays out of the first load.
    const { scanWithCamera, CameraUnavailableError } = await import('./camera');
    try {
      return await scanWithCamera();
    } catch (e) {
      if (e instanceof CameraUnavailableError) {
        toast('无法打开摄像头，请手动输入码');
        return null;
      }
      throw e;
    }
  }
  try {
    const res = await Taro.scanCode({ scanType: ['qrCode', 'barCode'] });
    return cleanScanned(res.result);
  } catch (e) {
    if (!isScanCancel(e)) toast('扫码失败，请重试');
    return null;
  }
}

/**
 * "扫一扫": the camera on weapp (`Taro.scanCode`) and on h5 (a decoder loaded on demand), plus a
 * field to type the code by hand.
 */
export function ScanButton({ onCode, text = '扫一扫', manual, manualLabel = '或手动输入码', loading, testId }: ScanButtonProps) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const showManual = manual ?? process.env.TARO_ENV === 'h5';

  const scan = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const code = await scanOnce();
      if (code !== null) onCode(code);
    } finally {
      setBusy(false);
    }
  };
  const submitTyped = () => {
    const code = cleanScanned(typed);
    if (code === null) {
      toast('请输入码');
      return;
    }
    onCode(code);
  };

  return (
    <View className='cr-scan' data-testid={testId}>
      <Button variant='primary' size='large' block loading={busy || loading === true} onClick={scan} testId='scan-button'>
        {text}
      </Button>
      {showManual ? (
        <Field
          name='code'
          label={manualLabel}
          value={typed}
          onChange={setTyped}
          onConfirm={submitTyped}
          placeholder='例如 3K7M-…，或粘贴码链接'
          maxlength={512}
          suffix={
            <Button size='small' variant='primary' onClick={submitTyped} disabled={loading === true} testId='manual-submit'>
              查询
            </Button>
          }
        />
      ) : null}
    </View>
  );
}
