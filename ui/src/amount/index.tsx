import { Text } from '@tarojs/components';
import { cx } from '../cx';
import { amountParts } from './logic';

export interface AmountProps {
  /** Integer fen. */
  fen: number;
  size?: 'normal' | 'large' | 'huge';
  /** `+¥1.00` for income, `-¥1.00` for outgo, coloured. */
  signed?: boolean;
  className?: string;
  testId?: string;
}

/** Money as a person reads it: `¥12.34` (stored as 1234 fen). */
export function Amount({ fen, size = 'normal', signed, className, testId }: AmountProps) {
  const p = amountParts(fen, { signed: signed === true, grouping: true });
  return (
    <Text
      className={cx('cr-amount', `cr-amount--${size}`, signed === true && fen > 0 && 'cr-amount--in', fen < 0 && 'cr-amount--out', className)}
      data-testid={testId}
    >
      {p.sign}
      {p.yuan}
      <Text className='cr-amount__cents'>{p.cents}</Text>
    </Text>
  );
}
