import { View, Text } from '@tarojs/components';
import { Button } from '../button';

export interface ErrorNoteProps {
  /** Plain words (a ClientError's `userMessage`). */
  text: string;
  onRetry?: () => void;
  retryText?: string;
  testId?: string;
}

/** A failed load, in plain words, with a way to try again. */
export function ErrorNote({ text, onRetry, retryText = '重试', testId }: ErrorNoteProps) {
  return (
    <View className='cr-error' data-testid={testId}>
      <Text className='cr-error__text'>{text}</Text>
      {onRetry !== undefined ? (
        <Button size='small' onClick={onRetry} testId={testId === undefined ? undefined : `${testId}-retry`}>
          {retryText}
        </Button>
      ) : null}
    </View>
  );
}
