import { Button as TaroButton, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { buttonClass, isInteractive, type ButtonState } from './logic';

export interface ButtonProps extends ButtonState {
  onClick?: () => void;
  className?: string;
  testId?: string;
  /** weapp open-type, e.g. `share`. */
  openType?: 'share' | 'contact';
}

export function Button({ onClick, className, testId, openType, children, ...state }: PropsWithChildren<ButtonProps>) {
  const tap = () => {
    if (isInteractive(state)) onClick?.();
  };
  return (
    <TaroButton
      className={buttonClass(state, className)}
      disabled={state.disabled === true ? true : undefined}
      openType={openType}
      onClick={tap}
      data-testid={testId}
    >
      {state.loading === true ? <View className='cr-button__spinner' /> : null}
      {children}
    </TaroButton>
  );
}
