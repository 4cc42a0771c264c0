/**
 * Incoming orders: filters by state (待审批, 待发货, …; the counts are on the hub's badge), each order's buyer, number,
 * amount and state; a table on a desktop browser. Tapping opens the order.
 * Test ids: sell-orders, tab-<filter>, sell-orders-table(-row-<orderId>), sell-orders-empty,
 * sell-orders-loading, sell-orders-error(-retry), sell-orders-more.
 */
import { View, Text } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { formatFen } from '@channel-router/shared/money';
import type { OrderSummary } from '@channel-router/shared/api';
import { Button } from '../../button';
import { Empty } from '../../empty';
import { ErrorNote } from '../../error-note';
import { Loading } from '../../loading';
import { Tag } from '../../tag';
import { useQuery } from '../../app-kit/use-query';
import { ORDER_FILTERS, statusOfFilter, type OrderFilter } from '../../kit/ordering-sell/orders';
import { orderStateView } from '../../kit/ordering-sell/labels';
import { useCustomers, useReloadOnShow, type SellerProps } from './context';
import { SellTable } from './table';
import { shanghaiTime } from '../../kit/shanghai-dates';

const PAGE = 20;

export function SellOrders(p: SellerProps & { initialFilter?: OrderFilter }) {
  const [filter, setFilter] = useState<OrderFilter>(p.initialFilter ?? 'pending_approval');
  const [pages, setPages] = useState(1);
  const customers = useCustomers(p);
  const q = useQuery(() => {
    const status = statusOfFilter(filter);
    return p.client.order.list({ side: 'sell', orgId: p.seller.orgId, limit: Math.min(100, PAGE * pages), ...(status !== undefined ? { status } : {}) });
  }, false);
  // One load per filter and page count (the query reads them when it runs).
  useEffect(() => q.reload(), [filter, pages, p.seller.orgId]);
  useReloadOnShow(q.reload);
  const pick = (f: OrderFilter) => {
    setFilter(f);
    setPages(1);
  };

  let body;
  if (q.status === 'loading') body = <Loading testId='sell-orders-loading' />;
  else if (q.status === 'error') body = <ErrorNote text={q.error.userMessage} onRetry={q.reload} testId='sell-orders-error' />;
  else if (q.data.orders.length === 0) body = <Empty title='没有这类订单' description='客户下单后会出现在这里' testId='sell-orders-empty' />;
  else {
    const rows = q.data.orders.map((o: OrderSummary) => {
      const st = orderStateView(o.status);
      return {
        key: o.orderId,
        onClick: () => p.go('order', { id: o.orderId }),
        cells: [
          <Text key='n'>{o.orderNo}</Text>,
          <Text key='b'>{customers.nameOf(o.buyerOrgId)}</Text>,
          <Text key='t'>{formatFen(o.total, { grouping: true })}</Text>,
          <Tag key='s' tone={st.tone}>{st.text}</Tag>,
          <Text key='c'>{shanghaiTime(o.createdAt)}</Text>,
        ],
      };
    });
    body = (
      <View>
        <SellTable head={['订单号', '客户', '金额', '状态', '下单时间']} numeric={[false, false, true, false, false]} rows={rows} testId='sell-orders-table' />
        {q.data.cursor !== null ? (
          <Button block onClick={() => setPages((n) => Math.min(5, n + 1))} testId='sell-orders-more'>加载更多</Button>
        ) : null}
      </View>
    );
  }
  return (
    <View data-testid='sell-orders'>
      <View className='cr-sell-chips'>
        {ORDER_FILTERS.map((f) => (
          <Text key={f.key} className={f.key === filter ? 'cr-sell-chip cr-sell-chip--on' : 'cr-sell-chip'} onClick={() => pick(f.key)} data-testid={`tab-${f.key}`}>
            {f.label}
          </Text>
        ))}
      </View>
      {body}
    </View>
  );
}
