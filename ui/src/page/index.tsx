import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { cx } from '../cx';

export interface PageProps {
  className?: string;
  /** Stable hook for tests and screenshots, e.g. `consumer-home`. */
  testId?: string;
}

/** The root of every screen: design tokens, background, 375-px layout, safe padding. */
export function Page({ className, testId, children }: PropsWithChildren<PageProps>) {
  return (
    <View className={cx('cr-page', className)} data-testid={testId}>
      {children}
    </View>
  );
}
