export type ToastKind = 'success' | 'fail' | 'info';

export interface ToastOptions {
  title: string;
  icon: 'success' | 'error' | 'none';
  duration: number;
}

/** WeChat shows at most 7 characters beside an icon, and two lines without one. */
const ICON_TEXT_LIMIT = 7;
const MAX_TOAST_CHARS = 40;

/** How to show `text`: with an icon when it fits, long enough to be read (1.5 s .. 4 s). */
export function toastOptions(text: string, kind: ToastKind = 'info'): ToastOptions {
  const title = text.length > MAX_TOAST_CHARS ? `${text.slice(0, MAX_TOAST_CHARS - 1)}…` : text;
  const icon = kind === 'info' || title.length > ICON_TEXT_LIMIT ? 'none' : kind === 'success' ? 'success' : 'error';
  const duration = Math.min(4000, 1500 + 60 * title.length);
  return { title, icon, duration };
}

export interface ConfirmOptions {
  title: string;
  content: string;
  confirmText?: string;
  cancelText?: string;
  /** The action destroys or spends something: the confirm button turns red. */
  danger?: boolean;
}

/** WeChat limits modal button text to 4 Chinese characters. */
export function modalOptions(o: ConfirmOptions) {
  const clip = (s: string) => (s.length > 4 ? s.slice(0, 4) : s);
  return {
    title: o.title,
    content: o.content,
    confirmText: clip(o.confirmText ?? '确定'),
    cancelText: clip(o.cancelText ?? '取消'),
    confirmColor: o.danger === true ? '#d92d20' : '#c8102e',
    showCancel: true,
  };
}
