import { View, Text } from '@tarojs/components';
import type { PropsWithChildren, ReactNode } from 'react';
import { cx } from '../cx';

export interface CellProps {
  title: ReactNode;
  /** Right-hand side: a value, an amount, a tag. */
  value?: ReactNode;
  /** Small grey line under the title. */
  label?: ReactNode;
  /** Shows a chevron and makes the row tappable. */
  onClick?: () => void;
  className?: string;
  testId?: string;
}

export function Cell({ title, value, label, onClick, className, testId }: CellProps) {
  return (
    <View className={cx('cr-cell', onClick !== undefined && 'cr-cell--link', className)} onClick={onClick} data-testid={testId}>
      <View className='cr-cell__main'>
        <Text className='cr-cell__title'>{title}</Text>
        {label !== undefined ? <Text className='cr-cell__label'>{label}</Text> : null}
      </View>
      {value !== undefined ? <View className='cr-cell__value'>{value}</View> : null}
      {onClick !== undefined ? <Text className='cr-cell__arrow'>›</Text> : null}
    </View>
  );
}

export interface ListProps {
  /** Heading above the group. */
  title?: ReactNode;
  className?: string;
  testId?: string;
}

/** A group of cells on a white card. */
export function List({ title, className, testId, children }: PropsWithChildren<ListProps>) {
  return (
    <View className={cx('cr-list', className)} data-testid={testId}>
      {title !== undefined ? <Text className='cr-list__title'>{title}</Text> : null}
      <View className='cr-list__body'>{children}</View>
    </View>
  );
}
