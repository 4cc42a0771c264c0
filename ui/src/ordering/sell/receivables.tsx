/**
 * Receivables with ageing (docs/ordering-operations.md#receivables): the seller's total in the
 * four buckets (not due, 1–30, 31–60, over 60 days overdue) from `report.ordering`
 * (`receivables_ageing`), each as an amount and a bar, then the table by customer.
 * Test ids: sell-receivables, ageing-total, ageing-overdue, ageing-<bucket>, receivables-table.
 */
import { View, Text } from '@tarojs/components';
import type { ReportTable } from '@channel-router/shared';
import { Card } from '../../card';
import { ErrorNote } from '../../error-note';
import { Loading } from '../../loading';
import { useQuery } from '../../app-kit/use-query';
import { ageingView, AGEING_ORDER } from '../../kit/ordering-sell/ageing';
import { reportGrid } from '../../kit/ordering-sell/report';
import type { SellerProps } from './context';
import { SellTable } from './table';

/** Sums of each bucket over the report's rows (its columns are the bucket keys). */
function bucketsOf(t: ReportTable): Record<string, number> {
  const out: Record<string, number> = {};
  for (const b of AGEING_ORDER) {
    const v = t.totals[b];
    out[b] = typeof v === 'number' ? v : 0;
  }
  return out;
}

export function SellReceivables(p: SellerProps) {
  const q = useQuery(() => p.client.report.ordering({ kind: 'receivables_ageing', sellerOrgId: p.seller.orgId }));
  if (q.status === 'loading') return <Loading testId='sell-receivables-loading' />;
  if (q.status === 'error') return <ErrorNote text={q.error.userMessage} onRetry={q.reload} testId='sell-receivables-error' />;
  const v = ageingView(bucketsOf(q.data));
  const g = reportGrid(q.data);
  return (
    <View data-testid='sell-receivables'>
      <Card title='应收账款'>
        <Text className='cr-sell-big' data-testid='ageing-total'>{v.totalText}</Text>
        <Text className={v.overdue > 0 ? 'cr-sell-bad' : 'cr-sell-note'} data-testid='ageing-overdue'>其中逾期 {v.overdueText}</Text>
        {v.rows.map((r) => (
          <View key={r.bucket} data-testid={`ageing-${r.bucket}`}>
            <View className='cr-sell-row'>
              <Text>{r.label}</Text>
              <Text>{r.text} · {r.share}%</Text>
            </View>
            <View className='cr-sell-bar'>
              <View className={`cr-sell-bar__fill cr-sell-bar__fill--${r.tone}`} style={{ width: `${r.share}%` }} />
            </View>
          </View>
        ))}
      </Card>
      {g.rows.length > 0 ? <SellTable head={g.head} numeric={g.numeric} rows={g.rows.map((cells, i) => ({ key: String(i), cells }))} totals={g.totals} testId='receivables-table' /> : null}
    </View>
  );
}
