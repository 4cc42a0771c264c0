import { cx, modifiers } from '../cx';

export type ButtonVariant = 'primary' | 'default' | 'danger' | 'plain';
export type ButtonSize = 'normal' | 'small' | 'large';

export interface ButtonState {
  variant?: ButtonVariant;
  size?: ButtonSize;
  block?: boolean;
  disabled?: boolean;
  loading?: boolean;
}

export function buttonClass(s: ButtonState, extra?: string): string {
  const variant = s.variant ?? 'default';
  const size = s.size ?? 'normal';
  return cx(
    'cr-button',
    `cr-button--${variant}`,
    size !== 'normal' && `cr-button--${size}`,
    modifiers('cr-button', { block: s.block, disabled: s.disabled || s.loading }),
    extra,
  );
}

/** A button that is loading or disabled swallows taps: no double submits. */
export function isInteractive(s: ButtonState): boolean {
  return s.disabled !== true && s.loading !== true;
}
