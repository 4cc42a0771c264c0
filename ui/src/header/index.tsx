import { View, Text } from '@tarojs/components';
import type { ReactNode } from 'react';

export interface HeaderProps {
  title: ReactNode;
  subtitle?: ReactNode;
  /** Right side: a link or a small button. */
  extra?: ReactNode;
  /** Shows "‹ 返回" (h5 has no native navigation bar). */
  onBack?: () => void;
}

/** The band at the top of a screen. weapp also has its native bar; this one carries the context. */
export function Header({ title, subtitle, extra, onBack }: HeaderProps) {
  return (
    <View className='cr-header'>
      {onBack !== undefined ? (
        <Text className='cr-header__back' onClick={onBack}>
          ‹ 返回
        </Text>
      ) : null}
      <View className='cr-header__row'>
        <View className='cr-header__text'>
          <Text className='cr-header__title'>{title}</Text>
          {subtitle !== undefined ? <Text className='cr-header__subtitle'>{subtitle}</Text> : null}
        </View>
        {extra}
      </View>
    </View>
  );
}
