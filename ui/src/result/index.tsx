import { View, Text } from '@tarojs/components';
import type { PropsWithChildren, ReactNode } from 'react';
import { cx } from '../cx';

export type ResultStatus = 'success' | 'fail' | 'warning' | 'info';

const ICON: Record<ResultStatus, string> = { success: '✓', fail: '✕', warning: '!', info: 'i' };

export interface ResultProps {
  status: ResultStatus;
  title: ReactNode;
  description?: ReactNode;
  testId?: string;
}

/** The outcome of an action, big and unmistakable, with what to do next below it. */
export function Result({ status, title, description, testId, children }: PropsWithChildren<ResultProps>) {
  return (
    <View className={cx('cr-result', `cr-result--${status}`)} data-testid={testId} data-status={status}>
      <View className='cr-result__icon'>
        <Text>{ICON[status]}</Text>
      </View>
      <Text className='cr-result__title'>{title}</Text>
      {description !== undefined ? <View className='cr-result__desc'>{description}</View> : null}
      {children !== undefined ? <View className='cr-result__actions'>{children}</View> : null}
    </View>
  );
}
