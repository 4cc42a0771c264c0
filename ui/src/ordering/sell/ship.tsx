/**
 * Shipping an order by scanning: per line what was ordered, what shipped before, what is on the
 * list now and what is left; a code that would ship more than the order still needs is refused
 * on the spot (the server's OVER_SHIPMENT rule); optional carrier and tracking number; one
 * submit (`scan.ship` with `orderId`); then close the remainder (asked first) or keep shipping.
 * Test ids: sell-ship, ship-progress, ship-line-<lineId> (data-left), ship-left, ship-blocked,
 * carrier, trackingNo (fields), ship-close, ship-back, plus the scan panel's (ScanListPanel).
 */
import { View, Text } from '@tarojs/components';
import { useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { OrderView } from '@channel-router/shared/api';
import { Button } from '../../button';
import { Card } from '../../card';
import { ErrorNote } from '../../error-note';
import { Field } from '../../field';
import { confirm, toast } from '../../feedback';
import { Loading } from '../../loading';
import { Result } from '../../result';
import { ScanListPanel } from '../../scan-list';
import { useQuery } from '../../app-kit/use-query';
import { createOrderShipList, CARRIER_MAX, TRACKING_MAX } from '../../kit/ordering-sell/ship-list';
import { shipProgress, unitsText } from '../../kit/ordering-sell/ship';
import { orderStateView } from '../../kit/ordering-sell/labels';
import { useCustomers, useKept, type SellerProps } from './context';

function ShipBody({ order, p, reload }: { order: OrderView; p: SellerProps; reload: () => void }) {
  const customers = useCustomers(p);
  const buyerName = customers.nameOf(order.buyerOrgId);
  const orderRef = useRef(order);
  orderRef.current = order;
  const [carrier, setCarrier] = useState('');
  const [trackingNo, setTrackingNo] = useState('');
  const carrierRef = useRef({ carrier, trackingNo });
  carrierRef.current = { carrier, trackingNo };
  const [closing, setClosing] = useState(false);
  const [closeError, setCloseError] = useState<string | null>(null);

  const store = useMemo(
    () =>
      createOrderShipList({
        client: p.client,
        ...(p.storage !== undefined ? { storage: p.storage } : {}),
        storagePrefix: p.storagePrefix,
        getOrder: () => orderRef.current,
        buyerName,
        getCarrier: () => carrierRef.current,
        confirm: ({ codes, items }) => confirm({ title: `按订单 ${orderRef.current.orderNo} 发货？`, content: `共 ${codes} 个码，${items} 件，发给 ${buyerName}。提交后对方会收到发货通知。`, confirmText: '发货' }),
      }),
    // One list per order (and seller); the buyer's name only labels it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [order.orderId, p.seller.orgId],
  );
  const entries = useStore(store, (s) => s.entries);
  const submit = useStore(store, (s) => s.submit.status);
  const progress = shipProgress(order, entries);
  const shippable = order.status === 'approved' || order.status === 'partially_shipped';

  const closeRest = async () => {
    if (!(await confirm({ title: '关闭未发部分？', content: `还有 ${progress.left} 件未发。关闭后释放库存，其金额按退货原路退回，订单记为已发货。`, confirmText: '关闭剩余', danger: true }))) return;
    setClosing(true);
    setCloseError(null);
    const r = await p.client.order.closeRemainder({ orderId: order.orderId });
    setClosing(false);
    if (!r.ok) setCloseError(r.error.userMessage);
    else toast('已关闭剩余', 'success');
    reload();
  };

  const st = orderStateView(order.status);
  return (
    <View data-testid='sell-ship'>
      <Card title={`${order.orderNo} · ${st.text}`} testId='ship-progress'>
        <Text className='cr-sell-note'>发往 {buyerName}</Text>
        {progress.lines.map((l) => (
          <View key={l.lineId} className={l.over ? 'cr-sell-line cr-sell-line--over' : 'cr-sell-line'} data-testid={`ship-line-${l.lineId}`} data-left={String(l.left)}>
            <Text>{l.productName}</Text>
            <View className='cr-sell-bar'>
              <View className='cr-sell-bar__fill cr-sell-bar__fill--success' style={{ width: `${l.ordered === 0 ? 0 : Math.min(100, Math.round(((l.shipped + l.scanned) * 100) / l.ordered))}%` }} />
            </View>
            <View className='cr-sell-progress'>
              <Text>订 {unitsText(l.ordered, l.itemsPerUnit, l.unit)}</Text>
              <Text>已发 {unitsText(l.shipped, l.itemsPerUnit, l.unit)}</Text>
              <Text>本次 {unitsText(l.scanned, l.itemsPerUnit, l.unit)}</Text>
              <Text>还差 {unitsText(l.left, l.itemsPerUnit, l.unit)}</Text>
            </View>
          </View>
        ))}
        <Text className='cr-sell-note' data-testid='ship-left'>本次 {progress.scanned} 件 · 发完后还差 {progress.left} 件</Text>
        {progress.notOnOrder.map((x) => (
          <Text key={x.productId} className='cr-sell-bad' data-testid='ship-blocked'>订单里没有 {x.productName}（{x.items} 件），请删除</Text>
        ))}
      </Card>

      {shippable ? (
        <View>
          <Card title='物流（可选）'>
            <Field name='carrier' label='物流公司' value={carrier} onChange={setCarrier} placeholder='例如 顺丰' maxlength={CARRIER_MAX} />
            <Field name='trackingNo' label='运单号' value={trackingNo} onChange={setTrackingNo} placeholder='选填' maxlength={TRACKING_MAX} />
          </Card>
          <ScanListPanel
            store={store}
            submitText='确认发货'
            scanHint={`按订单发货给 ${buyerName}：对准箱或盒上的二维码`}
            emptyText='扫描要随这张订单发出的箱、盒。超出订单数量的码会被拒绝。'
            doneTitle={(r) => `已发出 ${r.items} 件`}
            doneText={() => `${buyerName} 会收到发货通知`}
            doneActions={
              <View className='cr-sell-actions'>
                <Button onClick={() => { store.getState().dismiss(); reload(); }} testId='ship-continue'>继续发货</Button>
                <Button variant='primary' onClick={() => p.go('order', { id: order.orderId })} testId='ship-back'>查看订单</Button>
              </View>
            }
          />
          {submit !== 'submitting' && order.status === 'partially_shipped' ? (
            <View className='cr-sell-actions'>
              <Button block variant='danger' loading={closing} onClick={() => void closeRest()} testId='ship-close'>关闭剩余未发</Button>
            </View>
          ) : null}
          {closeError !== null ? <ErrorNote text={closeError} testId='ship-close-error' /> : null}
        </View>
      ) : (
        <Result status={order.status === 'shipped' ? 'success' : 'info'} title={order.status === 'shipped' ? '这张订单已全部发出' : `订单${st.text}，现在不能发货`} testId='ship-not-now'>
          <Button block onClick={() => p.go('order', { id: order.orderId })} testId='ship-back'>查看订单</Button>
        </Result>
      )}
    </View>
  );
}

export function SellShip(p: SellerProps & { orderId: string }) {
  const q = useQuery(() => p.client.order.get({ orderId: p.orderId }));
  const k = useKept(q);
  if (k.data === null && k.error !== null) return <ErrorNote text={k.error.userMessage} onRetry={q.reload} testId='sell-ship-error' />;
  if (k.data === null) return <Loading testId='sell-ship-loading' />;
  return <ShipBody order={k.data} p={p} reload={q.reload} />;
}
