import { View, Text } from '@tarojs/components';
import type { PropsWithChildren, ReactNode } from 'react';

export interface EmptyProps {
  title: ReactNode;
  description?: ReactNode;
  testId?: string;
}

/** Nothing to show yet, said plainly, with an optional action below. */
export function Empty({ title, description, testId, children }: PropsWithChildren<EmptyProps>) {
  return (
    <View className='cr-empty' data-testid={testId}>
      <View className='cr-empty__icon' />
      <Text className='cr-empty__title'>{title}</Text>
      {description !== undefined ? <Text className='cr-empty__desc'>{description}</Text> : null}
      {children !== undefined ? <View className='cr-empty__actions'>{children}</View> : null}
    </View>
  );
}
