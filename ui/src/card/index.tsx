import { View, Text } from '@tarojs/components';
import type { PropsWithChildren, ReactNode } from 'react';
import { cx } from '../cx';

export interface CardProps {
  title?: ReactNode;
  /** Right side of the title row (a link, a tag). */
  extra?: ReactNode;
  className?: string;
  testId?: string;
}

export function Card({ title, extra, className, testId, children }: PropsWithChildren<CardProps>) {
  return (
    <View className={cx('cr-card', className)} data-testid={testId}>
      {title !== undefined || extra !== undefined ? (
        <View className='cr-card__head'>
          <Text className='cr-card__title'>{title}</Text>
          {extra}
        </View>
      ) : null}
      {children}
    </View>
  );
}
