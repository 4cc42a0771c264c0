import { View, Text } from '@tarojs/components';
import { cx } from '../cx';

export interface TabsProps<K extends string> {
  value: K;
  options: ReadonlyArray<{ key: K; label: string }>;
  onChange: (key: K) => void;
}

/** A segmented switch between a few modes of one screen. */
export function Tabs<K extends string>({ value, options, onChange }: TabsProps<K>) {
  return (
    <View className='cr-tabs'>
      {options.map((o) => (
        <Text
          key={o.key}
          className={cx('cr-tabs__tab', o.key === value && 'cr-tabs__tab--active')}
          onClick={() => onChange(o.key)}
          data-testid={`tab-${o.key}`}
        >
          {o.label}
        </Text>
      ))}
    </View>
  );
}
