/**
 * Ordering reports (`report.ordering`): sales by day, product, customer and region, orders by
 * state, receivables ageing, rankings of customers and products, over the last 7, 30 or 90
 * days (the brand: across the channel, or its own sales); a table on a desktop browser; CSV export of the one shown (h5: a download; weapp: copied).
 * Test ids: sell-reports, report-scope-channel, report-scope-brand, report-<kind> (tabs), period-<days>, report-table(-row-<i>|-totals),
 * report-empty, report-csv, report-loading, report-error(-retry).
 */
import { View, Text } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { ReportKind } from '@channel-router/shared';
import { Button } from '../../button';
import { Empty } from '../../empty';
import { ErrorNote } from '../../error-note';
import { toast } from '../../feedback';
import { Loading } from '../../loading';
import { useQuery } from '../../app-kit/use-query';
import { PERIODS, periodOf, REPORT_TABS, reportGrid, type PeriodKey } from '../../kit/ordering-sell/report';
import type { SellerProps } from './context';
import { saveCsv } from './csv-file';
import { SellTable } from './table';

export function SellReports(p: SellerProps) {
  // The brand reads the whole channel by default (every seller's sales), or its own.
  const [channel, setChannel] = useState(p.seller.kind === 'brand');
  const [kind, setKind] = useState<ReportKind>('sales_by_day');
  const [period, setPeriod] = useState<PeriodKey>('30');
  const [busy, setBusy] = useState(false);
  const req = () => ({ kind, ...periodOf(period, Date.now()), ...(channel ? {} : { sellerOrgId: p.seller.orgId }) });
  const q = useQuery(() => p.client.report.ordering(req()), false);
  useEffect(() => q.reload(), [kind, period, channel, p.seller.orgId]);
  const exportCsv = async () => {
    setBusy(true);
    const r = await p.client.report.ordering({ ...req(), format: 'csv' });
    setBusy(false);
    if (!r.ok || r.data.csv === undefined) return toast(r.ok ? '没有可导出的内容' : r.error.userMessage, 'fail');
    const how = await saveCsv(r.data.filename ?? `${kind}.csv`, r.data.csv);
    toast(how === 'downloaded' ? '已下载' : how === 'copied' ? '已复制 CSV' : '导出失败', how === 'failed' ? 'fail' : 'success');
  };
  let body;
  if (q.status === 'loading') body = <Loading testId='report-loading' />;
  else if (q.status === 'error') body = <ErrorNote text={q.error.userMessage} onRetry={q.reload} testId='report-error' />;
  else if (q.data.rows.length === 0) body = <Empty title='这段时间没有数据' testId='report-empty' />;
  else {
    const g = reportGrid(q.data);
    body = <SellTable head={g.head} numeric={g.numeric} rows={g.rows.map((cells, i) => ({ key: String(i), cells: cells.map((c, j) => <Text key={j}>{c}</Text>) }))} totals={g.totals.map((c, j) => <Text key={j}>{c}</Text>)} testId='report-table' />;
  }
  return (
    <View data-testid='sell-reports'>
      {p.seller.kind === 'brand' ? (
        <View className='cr-sell-chips'>
          <Text className={channel ? 'cr-sell-chip cr-sell-chip--on' : 'cr-sell-chip'} onClick={() => setChannel(true)} data-testid='report-scope-channel'>全渠道</Text>
          <Text className={!channel ? 'cr-sell-chip cr-sell-chip--on' : 'cr-sell-chip'} onClick={() => setChannel(false)} data-testid='report-scope-brand'>品牌直供</Text>
        </View>
      ) : null}
      <View className='cr-sell-chips'>
        {REPORT_TABS.map((t) => (
          <Text key={t.key} className={t.key === kind ? 'cr-sell-chip cr-sell-chip--on' : 'cr-sell-chip'} onClick={() => setKind(t.key)} data-testid={`report-${t.key}`}>
            {t.label}
          </Text>
        ))}
      </View>
      <View className='cr-sell-chips'>
        {PERIODS.map((x) => (
          <Text key={x.key} className={x.key === period ? 'cr-sell-chip cr-sell-chip--on' : 'cr-sell-chip'} onClick={() => setPeriod(x.key)} data-testid={`period-${x.key}`}>
            {x.label}
          </Text>
        ))}
      </View>
      {body}
      <Button block loading={busy} onClick={() => void exportCsv()} testId='report-csv'>导出 CSV</Button>
    </View>
  );
}
