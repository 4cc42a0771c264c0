import { Text } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { cx } from '../cx';

export type TagTone = 'default' | 'success' | 'warning' | 'danger' | 'primary';

export function Tag({ tone = 'default', testId, children }: PropsWithChildren<{ tone?: TagTone; testId?: string }>) {
  return (
    <Text className={cx('cr-tag', `cr-tag--${tone}`)} data-testid={testId}>
      {children}
    </Text>
  );
}
