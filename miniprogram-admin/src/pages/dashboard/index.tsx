/*
 * The dashboard: totals, scans and redeems per day (bar chart), diversion by region and by
 * dealer, over 7, 14 or 30 days.
 *
 * data-testids: dashboard (page), days-7, days-14, days-30, dashboard-loading,
 * dashboard-error(-retry), dashboard-stats, stat-<key> (scans, redeems, diversion,
 * budget, paid, pending), daily-chart, daily-chart-group, diversion-by-region(-row),
 * diversion-by-dealer(-row), diversion-empty.
 */
import { View, Text } from '@tarojs/components';
import { useStore } from 'zustand';
import { Card, Loading, ErrorNote } from '@channel-router/ui';
import { dashboardStore } from '../../services/app';
import { Screen } from '../../components/screen';
import { Chips } from '../../components/chips';
import { StatGrid } from '../../components/stat-grid';
import { BarChart, HBarList } from '../../components/bar-chart';
import { shortDay } from '../../components/bar-chart/logic';
import { dashboardStats, DAY_OPTIONS, type Days } from '../../stores/dashboard';

const DAYS = DAY_OPTIONS.map((d) => ({ key: String(d) as `${Days}`, label: `近 ${d} 天` }));

export default function Dashboard() {
  const days = useStore(dashboardStore, (s) => s.days);
  const data = useStore(dashboardStore, (s) => s.data);
  const { load } = dashboardStore.getState();

  let body;
  if (data.status === 'loading' || data.status === 'idle') body = <Loading testId='dashboard-loading' />;
  else if (data.status === 'error') body = <ErrorNote text={data.error.userMessage} onRetry={() => void load()} testId='dashboard-error' />;
  else {
    const d = data.value;
    const div = d.diversion;
    body = (
      <View>
        <StatGrid stats={dashboardStats(d.totals, days)} testId='dashboard-stats' />
        <Card title='每日扫码与领奖'>
          <BarChart
            labels={d.daily.map((x) => shortDay(x.day))}
            series={[
              { key: 'scans', label: '扫码（全部环节）', color: 'primary', values: d.daily.map((x) => x.scans) },
              { key: 'redeems', label: '消费者领奖（动销）', color: 'success', values: d.daily.map((x) => x.redeems) },
            ]}
            testId='daily-chart'
          />
        </Card>
        <Card title='窜货：按发现地区'>
          {div.byRegion.length === 0 ? (
            <Text className='cr-muted' data-testid='diversion-empty'>这段时间没有窜货预警。</Text>
          ) : (
            <HBarList rows={div.byRegion.map((r) => ({ key: r.key, name: r.name, value: r.quantity, note: `${r.alerts} 次预警` }))} unit='件' testId='diversion-by-region' />
          )}
        </Card>
        <Card title='窜货：按被窜货的经销商'>
          {div.byDealer.length === 0 ? (
            <Text className='cr-muted'>这段时间没有窜货预警。</Text>
          ) : (
            <HBarList rows={div.byDealer.map((r) => ({ key: r.key, name: r.name, value: r.quantity, note: `${r.alerts} 次预警` }))} unit='件' testId='diversion-by-dealer' />
          )}
        </Card>
      </View>
    );
  }

  return (
    <Screen testId='dashboard' title='数据看板' subtitle='扫码、动销与窜货' access='staff' onShow={() => void load()}>
      <Chips options={DAYS} value={String(days) as `${Days}`} onChange={(k) => void load(Number(k) as Days)} testId='days' />
      {body}
    </Screen>
  );
}
