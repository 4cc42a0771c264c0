import Taro from '@tarojs/taro';
import { modalOptions, toastOptions, type ConfirmOptions, type ToastKind } from './logic';

export type { ConfirmOptions, ToastKind } from './logic';

/** A short message that goes away by itself. Never throws. */
export function toast(text: string, kind: ToastKind = 'info'): void {
  Taro.showToast(toastOptions(text, kind)).catch(() => {});
}

/** Asks before something irreversible (money moves). Resolves true only on an explicit yes. */
export async function confirm(options: ConfirmOptions): Promise<boolean> {
  try {
    const res = await Taro.showModal(modalOptions(options));
    return res.confirm === true;
  } catch {
    return false;
  }
}
