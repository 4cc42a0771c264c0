import { View, Text } from '@tarojs/components';
import { cx } from '@channel-router/ui';

export interface ChipsProps<K extends string> {
  options: ReadonlyArray<{ key: K; label: string; hint?: string }>;
  value: K | null;
  onChange: (key: K) => void;
  /** Each chip is `<testId>-<key>`. */
  testId: string;
  disabled?: boolean;
  /** One row that scrolls sideways instead of wrapping (filters above a list). */
  scroll?: boolean;
}

/**
 * A choice among a few options as tappable chips: the same on weapp and h5, every option visible
 * (a native picker hides them), and each chip addressable by tests.
 */
export function Chips<K extends string>({ options, value, onChange, testId, disabled, scroll }: ChipsProps<K>) {
  return (
    <View className={cx('ad-chips', scroll === true && 'ad-chips--scroll')} data-testid={testId}>
      {options.map((o) => (
        <View
          key={o.key}
          className={cx('ad-chip', o.key === value && 'ad-chip--on', disabled === true && 'ad-chip--disabled')}
          onClick={() => {
            if (disabled !== true) onChange(o.key);
          }}
          data-testid={`${testId}-${o.key}`}
        >
          <Text className='ad-chip__label'>{o.label}</Text>
          {o.hint !== undefined ? <Text className='ad-chip__hint'>{o.hint}</Text> : null}
        </View>
      ))}
    </View>
  );
}
