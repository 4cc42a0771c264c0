import { View, Text } from '@tarojs/components';
import { Button } from '@channel-router/ui';

/** An error said in plain words, with a way to try again. */
export function ErrorBlock({ message, onRetry, testId }: { message: string; onRetry?: () => void; testId?: string }) {
  return (
    <View className='dl-error' data-testid={testId}>
      <Text className='dl-error__text'>{message}</Text>
      {onRetry !== undefined ? (
        <Button size='small' onClick={onRetry} testId={testId === undefined ? undefined : `${testId}-retry`}>
          重试
        </Button>
      ) : null}
    </View>
  );
}
