import { View, Text } from '@tarojs/components';

export interface LoadingProps {
  text?: string;
  testId?: string;
}

export function Loading({ text = '加载中…', testId }: LoadingProps) {
  return (
    <View className='cr-loading' data-testid={testId}>
      <View className='cr-loading__spinner' />
      <Text className='cr-loading__text'>{text}</Text>
    </View>
  );
}
