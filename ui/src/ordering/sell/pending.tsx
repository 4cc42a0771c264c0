/**
 * Transfers to confirm and returns to decide, gathered from the seller's orders in the states
 * where they wait (pending payment; received). The backend has no list of pending payments or
 * returns yet, so this reads at most `SCAN_ORDERS` orders of that state and each one's detail.
 * The decision itself happens on the order's screen (`OrderBody`), shown here inline.
 * Test ids: sell-transfers, sell-returns, pending-empty, pending-loading, pending-error(-retry),
 * plus the order's transfer-<paymentId>… and return-<returnId>… ids.
 */
import { View, Text } from '@tarojs/components';
import type { OrderState } from '@channel-router/shared';
import type { OrderView } from '@channel-router/shared/api';
import { Button } from '../../button';
import { Empty } from '../../empty';
import { ErrorNote } from '../../error-note';
import { Loading } from '../../loading';
import { useQuery } from '../../app-kit/use-query';
import { pendingReturns, pendingTransfers } from '../../kit/ordering-sell/orders';
import { useKept, type SellerProps } from './context';
import { OrderBody } from './order';

export const SCAN_ORDERS = 30;

function usePendingOrders(p: SellerProps, status: OrderState, keep: (o: OrderView) => boolean) {
  return useQuery(async () => {
    const list = await p.client.order.list({ side: 'sell', orgId: p.seller.orgId, status, limit: SCAN_ORDERS });
    if (!list.ok) return list;
    const got = await Promise.all(list.data.orders.map((o) => p.client.order.get({ orderId: o.orderId })));
    const bad = got.find((g) => !g.ok);
    if (bad !== undefined && !bad.ok) return bad;
    return { ok: true as const, data: got.flatMap((g) => (g.ok && keep(g.data) ? [g.data] : [])) };
  });
}

function Pending({ p, testId, status, keep, empty }: { p: SellerProps; testId: string; status: OrderState; keep: (o: OrderView) => boolean; empty: string }) {
  const q = usePendingOrders(p, status, keep);
  const k = useKept(q);
  if (k.data === null && k.error !== null) return <ErrorNote text={k.error.userMessage} onRetry={q.reload} testId='pending-error' />;
  if (k.data === null) return <Loading testId='pending-loading' />;
  return (
    <View data-testid={testId}>
      {k.data.length === 0 ? <Empty title={empty} testId='pending-empty' /> : null}
      {k.data.map((o) => (
        <View key={o.orderId} className='cr-sell-line'>
          <OrderBody order={o} p={p} reload={q.reload} />
        </View>
      ))}
      <Text className='cr-sell-note'>只列出最近 {SCAN_ORDERS} 张相关订单。</Text>
      <Button block onClick={q.reload} testId='pending-reload'>刷新</Button>
    </View>
  );
}

export function SellTransfers(p: SellerProps) {
  return <Pending p={p} testId='sell-transfers' status='pending_payment' keep={(o) => pendingTransfers(o).length > 0} empty='没有待确认的转账' />;
}

export function SellReturns(p: SellerProps) {
  return <Pending p={p} testId='sell-returns' status='received' keep={(o) => pendingReturns(o).length > 0} empty='没有待审核的退货' />;
}
