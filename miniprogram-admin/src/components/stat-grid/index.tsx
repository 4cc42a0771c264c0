import { View, Text } from '@tarojs/components';
import { cx } from '@channel-router/ui';

export interface StatGridProps {
  stats: ReadonlyArray<{ key: string; label: string; value: string; attention?: boolean }>;
  testId?: string;
}

/** Key figures as tiles, two to a row on a phone. */
export function StatGrid({ stats, testId }: StatGridProps) {
  return (
    <View className='ad-stats' data-testid={testId}>
      {stats.map((s) => (
        <View key={s.key} className={cx('ad-stat', s.attention === true && 'ad-stat--attention')} data-testid={`stat-${s.key}`}>
          <Text className='ad-stat__value'>{s.value}</Text>
          <Text className='ad-stat__label'>{s.label}</Text>
        </View>
      ))}
    </View>
  );
}
