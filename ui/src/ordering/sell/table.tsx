/**
 * A table that is a table on a desktop browser (≥ 1024 px, CSS media query) and a stack of
 * labelled cards on a phone: each cell carries its column title for the phone layout.
 * Test ids: <testId>, <testId>-row-<key>, <testId>-totals.
 */
import { View, Text } from '@tarojs/components';
import type { ReactNode } from 'react';

export interface SellTableProps {
  head: readonly string[];
  rows: ReadonlyArray<{ key: string; cells: readonly ReactNode[]; onClick?: () => void }>;
  /** Numeric columns align right. */
  numeric?: readonly boolean[];
  totals?: readonly ReactNode[];
  testId: string;
}

export function SellTable({ head, rows, numeric, totals, testId }: SellTableProps) {
  const cell = (c: ReactNode, i: number, key: string) => (
    <View key={key} className={numeric?.[i] === true ? 'cr-sell-table__cell cr-sell-table__cell--num' : 'cr-sell-table__cell'}>
      <Text className='cr-sell-table__label'>{head[i]}</Text>
      <View className='cr-sell-table__value'>{c}</View>
    </View>
  );
  return (
    <View className='cr-sell-table' data-testid={testId}>
      <View className='cr-sell-table__row cr-sell-table__row--head'>
        {head.map((h, i) => (
          <View key={h} className={numeric?.[i] === true ? 'cr-sell-table__cell cr-sell-table__cell--num' : 'cr-sell-table__cell'}>
            <Text>{h}</Text>
          </View>
        ))}
      </View>
      {rows.map((r) => (
        <View key={r.key} className={r.onClick ? 'cr-sell-table__row cr-sell-table__row--link' : 'cr-sell-table__row'} onClick={r.onClick} data-testid={`${testId}-row-${r.key}`}>
          {r.cells.map((c, i) => cell(c, i, `${r.key}-${i}`))}
        </View>
      ))}
      {totals !== undefined ? (
        <View className='cr-sell-table__row cr-sell-table__row--totals' data-testid={`${testId}-totals`}>
          {totals.map((c, i) => cell(c, i, `t-${i}`))}
        </View>
      ) : null}
    </View>
  );
}
