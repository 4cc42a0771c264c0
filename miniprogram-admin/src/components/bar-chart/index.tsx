/**
 * A small bar chart drawn with plain views (see docs/ui.md, "Charts in the admin app"): the same
 * markup on weapp and h5, no canvas, no chart library in the main package, and text a screen
 * reader and a test can read. Geometry comes from ./logic.ts.
 */
import { View, Text } from '@tarojs/components';
import { chartModel, hbarRows, type Series } from './logic';

export interface BarChartProps {
  labels: readonly string[];
  series: ReadonlyArray<Series & { color: 'primary' | 'success' | 'warning' }>;
  testId?: string;
  /** Shown instead of flat bars when every value is 0. */
  emptyText?: string;
}

export function BarChart({ labels, series, testId, emptyText = '这段时间没有数据' }: BarChartProps) {
  const m = chartModel(labels, series);
  return (
    <View className='ad-chart' data-testid={testId}>
      <View className='ad-chart__legend'>
        {series.map((s) => (
          <View key={s.key} className='ad-chart__legend-item'>
            <View className={`ad-chart__swatch ad-chart__swatch--${s.color}`} />
            <Text>{s.label}</Text>
          </View>
        ))}
      </View>
      <View className='ad-chart__body'>
        <View className='ad-chart__axis'>
          {m.ticks.map((t, i) => (
            <Text key={i} className='ad-chart__tick'>{t}</Text>
          ))}
        </View>
        <View className='ad-chart__plot'>
          {m.ticks.map((t, i) => (
            <View key={i} className='ad-chart__grid' style={{ top: `${(i / (m.ticks.length - 1)) * 100}%` }} />
          ))}
          <View className='ad-chart__groups'>
            {m.groups.map((g, gi) => (
              <View key={gi} className='ad-chart__group' data-testid={testId === undefined ? undefined : `${testId}-group`}>
                {g.bars.map((b, bi) => (
                  <View
                    key={b.key}
                    className={`ad-chart__bar ad-chart__bar--${series[bi]!.color}`}
                    style={{ height: `${b.pct}%` }}
                    data-value={b.value}
                  />
                ))}
              </View>
            ))}
          </View>
          {m.empty ? <Text className='ad-chart__empty'>{emptyText}</Text> : null}
        </View>
      </View>
      <View className='ad-chart__labels'>
        {m.groups.map((g, gi) => (
          <Text key={gi} className='ad-chart__label'>{g.showLabel ? g.label : ''}</Text>
        ))}
      </View>
    </View>
  );
}

export interface HBarListProps {
  rows: ReadonlyArray<{ key: string; name: string; value: number; note?: string }>;
  unit: string;
  testId?: string;
  limit?: number;
}

/** Ranked rows with a bar each (diversion by region, by dealer). */
export function HBarList({ rows, unit, testId, limit }: HBarListProps) {
  const list = hbarRows(rows, limit);
  return (
    <View className='ad-hbars' data-testid={testId}>
      {list.map((r) => (
        <View key={r.key} className='ad-hbar' data-testid={testId === undefined ? undefined : `${testId}-row`}>
          <View className='ad-hbar__head'>
            <Text className='ad-hbar__name'>{r.name}</Text>
            <Text className='ad-hbar__value'>
              {r.value} {unit}
              {r.note !== undefined ? <Text className='ad-hbar__note'>{` · ${r.note}`}</Text> : null}
            </Text>
          </View>
          <View className='ad-hbar__track'>
            <View className='ad-hbar__fill' style={{ width: `${r.pct}%` }} />
          </View>
        </View>
      ))}
    </View>
  );
}
