/**
 * 扫码退回: an approved return's goods go back to the seller by scanning (the kit's running scan
 * list, `createReturnShipList`): what the return sends back per product with how much is on the
 * list, then `scan.ship` with `returnId` after a confirmation, and the result.
 * Test ids: return-ship, rship-row-<productId> (data-left: items still to scan), rship-not-open,
 * rship-view-order, and ScanListPanel's (scan-input, submit-list, submit-done, done-items, …).
 */
import { View } from '@tarojs/components';
import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { Button } from '../../button';
import { Cell, List } from '../../cell';
import { Empty } from '../../empty';
import { ErrorNote } from '../../error-note';
import { Loading } from '../../loading';
import { Tag } from '../../tag';
import { ScanListPanel } from '../../scan-list';
import type { ScanListStore } from '../../kit/scan-list';
import { mayShipBack, RETURN_STATUS_LABELS, returnRows } from '../../kit/ordering-buy';
import type { OrderView, ReturnView } from '@channel-router/shared/api';
import type { BuyerOrdering, BuyNav } from './wiring';

function ReturnRows({ order, ret, list }: { order: OrderView; ret: ReturnView; list: ScanListStore }) {
  const entries = useStore(list, (s) => s.entries);
  return (
    <List title='这次退回'>
      {returnRows(order, ret, entries).map((r) => {
        const left = r.items - r.scanned;
        return (
          <View key={r.productId} data-testid={`rship-row-${r.productId}`} data-left={left}>
            <Cell title={r.productName} label={`退 ${r.unitsText}，共 ${r.items} 件`} value={left <= 0 ? <Tag tone='success'>已扫齐</Tag> : <Tag tone='warning'>已扫 {r.scanned} / {r.items} 件</Tag>} />
          </View>
        );
      })}
    </List>
  );
}

export function ReturnShipScreen({ buying, orderId, returnId, nav }: { buying: BuyerOrdering; orderId: string; returnId: string; nav: BuyNav }) {
  const { detail } = buying;
  useEffect(() => {
    void detail.getState().load(orderId);
  }, [orderId]);
  const order = useStore(detail, (s) => s.order);
  // One list per return, made when the approved return is first seen, kept while the order reloads.
  const made = useRef<{ returnId: string; list: ScanListStore } | null>(null);
  if (order.status === 'error') return <ErrorNote text={order.error.userMessage} onRetry={() => void detail.getState().load(orderId)} testId='rship-error' />;
  if (order.status !== 'ready' || order.value.orderId !== orderId) return <Loading testId='rship-loading' />;
  const o = order.value;
  const ret = o.returns.find((r) => r.returnId === returnId);
  if (ret === undefined) return <Empty title='没有找到这次退货' testId='rship-not-open' />;
  if (made.current?.returnId !== returnId) made.current = mayShipBack(ret) ? { returnId, list: buying.returnShipList(o, ret) } : null;
  const list = made.current?.list;
  if (list === undefined) {
    return (
      <Empty title={`这次退货${RETURN_STATUS_LABELS[ret.status]}`} description='只有卖方同意、还没退回的退货需要扫码退回。' testId='rship-not-open'>
        <Button variant='primary' onClick={() => nav.order(orderId)}>查看订单</Button>
      </Empty>
    );
  }
  return (
    <View data-testid='return-ship'>
      <ReturnRows order={o} ret={ret} list={list} />
      <ScanListPanel
        store={list}
        submitText='确认退回'
        scanHint='对准要退回的箱、盒上的码，一个接一个扫'
        emptyText={`扫描要退回${buying.sellerWord}的箱、盒上的码，扫齐上面的数量后提交。`}
        doneTitle={() => '已退回'}
        doneText={(r) => `本次退回 ${r.codes} 个码，共 ${r.items} 件。${buying.sellerWord}扫码收货后按原支付方式退款。`}
        doneActions={
          <Button block variant='primary' onClick={() => nav.order(orderId)} testId='rship-view-order'>查看订单</Button>
        }
      />
    </View>
  );
}
