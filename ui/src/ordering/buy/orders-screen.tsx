/**
 * 我的订单 by state, and one order's detail: lines with price and discounts, tenders (paid,
 * refunded), shipments, returns, history; cancel where the buyer may, return where it may.
 * Test ids: orders, order-tabs (tab-<key>), order-<orderId> (data-status), orders-empty,
 * orders-error, orders-more; order-detail, order-status, order-no, dline-<lineId>, dtender-<kind>,
 * dshipment-<shipmentId>, dreturn-<returnId> (data-status), dreturn-refund-<returnId>,
 * dreturn-ship-<returnId> (扫码退回, an approved return),
 * history-<i>, cancel-order, return-order, detail-error, action-error.
 */
import { View, Text, ScrollView } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { formatFen } from '@channel-router/shared/money';
import { Amount } from '../../amount';
import { Button } from '../../button';
import { Card } from '../../card';
import { Cell, List } from '../../cell';
import { Empty } from '../../empty';
import { ErrorNote } from '../../error-note';
import { Loading } from '../../loading';
import { Tag } from '../../tag';
import { cx } from '../../cx';
import {
  buyerMayCancel,
  historyText,
  BUYER_ORDER_STATE_LABELS,
  ORDER_TABS,
  orderListKey,
  orderStateTone,
  PRICE_SOURCE_LABELS,
  RETURN_STATUS_LABELS,
  mayShipBack,
  returnableUnits,
  shipmentText,
  TENDER_LABELS,
  UNIT_LABELS,
  type OrderTab,
} from '../../kit/ordering-buy';
import { BottomBar } from './parts';
import type { BuyerOrdering, BuyNav } from './wiring';
import { shortTimeText } from '../../kit/shanghai-dates';

export function OrdersScreen({ buying, buyerOrgId, nav, initialTab }: { buying: BuyerOrdering; buyerOrgId: string; nav: BuyNav; initialTab?: OrderTab }) {
  const [tab, setTab] = useState<OrderTab>(initialTab ?? 'all');
  const list = buying.orderList;
  useEffect(() => {
    void list.getState().load(orderListKey(buyerOrgId, tab));
  }, [buyerOrgId, tab]);
  const s = useStore(list);
  return (
    <View data-testid='orders'>
      <ScrollView scrollX className='cr-tabs-scroll' data-testid='order-tabs'>
        <View className='cr-chips cr-chips--nowrap'>
          {ORDER_TABS.map((t) => (
            <Text key={t.key} className={cx('cr-chip', t.key === tab && 'cr-chip--on')} onClick={() => setTab(t.key)} data-testid={`tab-${t.key}`}>{t.label}</Text>
          ))}
        </View>
      </ScrollView>
      {s.status === 'loading' ? <Loading testId='orders-loading' /> : null}
      {s.status === 'error' && s.error !== null ? <ErrorNote text={s.error.userMessage} onRetry={() => void list.getState().load(orderListKey(buyerOrgId, tab))} testId='orders-error' /> : null}
      {s.status === 'ready' && s.items.length === 0 ? (
        <Empty title='还没有订单' description='在订货页选好商品后提交。' testId='orders-empty'>
          <Button variant='primary' onClick={nav.catalog}>去订货</Button>
        </Empty>
      ) : null}
      {s.items.length > 0 ? (
        <List>
          {s.items.map((o) => (
            <Cell
              key={o.orderId}
              testId={`order-${o.orderId}`}
              title={o.orderNo}
              label={shortTimeText(o.createdAt)}
              value={<View className='cr-order-cell'><Tag tone={orderStateTone(o.status)}>{BUYER_ORDER_STATE_LABELS[o.status]}</Tag><Amount fen={o.total} /></View>}
              onClick={() => nav.order(o.orderId)}
            />
          ))}
        </List>
      ) : null}
      {s.cursor !== null ? <Button block onClick={() => void list.getState().loadMore()} loading={s.status === 'more'} testId='orders-more'>加载更多</Button> : null}
    </View>
  );
}

export function OrderDetailScreen({ buying, orderId, nav }: { buying: BuyerOrdering; orderId: string; nav: BuyNav }) {
  const { detail } = buying;
  useEffect(() => {
    void detail.getState().load(orderId);
  }, [orderId]);
  const order = useStore(detail, (s) => s.order);
  const acting = useStore(detail, (s) => s.acting);
  const actionError = useStore(detail, (s) => s.actionError);
  if (order.status === 'error') return <ErrorNote text={order.error.userMessage} onRetry={() => void detail.getState().load(orderId)} testId='detail-error' />;
  if (order.status !== 'ready') return <Loading testId='detail-loading' />;
  const o = order.value;
  const canReturn = o.lines.some((l) => returnableUnits(o, l.lineId) > 0);
  const canCancel = buyerMayCancel(o);
  return (
    <View data-testid='order-detail' data-status={o.status}>
      <Card title={<Text data-testid='order-no'>{o.orderNo}</Text>} extra={<Tag tone={orderStateTone(o.status)} testId='order-status'>{BUYER_ORDER_STATE_LABELS[o.status]}</Tag>}>
        <Text className='cr-hint'>下单 {shortTimeText(o.createdAt)}{o.payDeadline !== undefined && o.status === 'pending_payment' ? ` · 请在 ${shortTimeText(o.payDeadline)} 前完成支付` : ''}</Text>
      </Card>
      <List title='商品'>
        {o.lines.map((l) => (
          <Cell
            key={l.lineId}
            testId={`dline-${l.lineId}`}
            title={`${l.productName} × ${l.quantity}${UNIT_LABELS[l.unit]}`}
            label={`${PRICE_SOURCE_LABELS[l.priceSource.scope]} ${formatFen(l.unitPrice)}${l.discounts.length > 0 ? ` · 优惠 ${formatFen(l.discounts.reduce((s, d) => s + d.amount, 0))}` : ''} · 已发 ${l.shippedItems} 件${l.returned > 0 ? ` · 已退 ${l.returned}${UNIT_LABELS[l.unit]}` : ''}${l.refunded > 0 ? ` · 已退款 ${formatFen(l.refunded)}` : ''}`}
            value={<Amount fen={l.net} />}
          />
        ))}
        <Cell title='合计' value={<Amount fen={o.total} size='large' testId='detail-total' />} />
      </List>
      <List title='支付'>
        {o.tenders.map((t) => (
          <Cell key={t.kind} testId={`dtender-${t.kind}`} title={TENDER_LABELS[t.kind]} label={`已付 ${formatFen(t.paid)}${t.refunded > 0 ? ` · 已退 ${formatFen(t.refunded)}` : ''}`} value={<Amount fen={t.amount} />} />
        ))}
      </List>
      {o.shipments.length > 0 ? (
        <List title='发货'>
          {o.shipments.map((s) => (
            <Cell key={s.shipmentId} testId={`dshipment-${s.shipmentId}`} title={`发货 ${shortTimeText(s.at)}`} label={shipmentText(s)} onClick={s.status === 'in_transit' ? nav.receive : undefined} value={s.status === 'in_transit' ? <Tag tone='primary'>去收货</Tag> : <Tag tone='success'>已收货</Tag>} />
          ))}
        </List>
      ) : null}
      {o.returns.length > 0 ? (
        <List title='退货'>
          {o.returns.map((r) => (
            <View key={r.returnId} data-testid={`dreturn-${r.returnId}`} data-status={r.status}>
              <Cell
                title={`退货 ${r.lines.map((x) => `${o.lines.find((l) => l.lineId === x.lineId)?.productName ?? ''} × ${x.quantity}`).join('，')}`}
                label={`${shortTimeText(r.requestedAt)}${r.reason ? ` · ${r.reason}` : ''}`}
                value={<View className='cr-order-cell'><Tag tone={r.status === 'refunded' ? 'success' : r.status === 'rejected' ? 'danger' : 'warning'}>{RETURN_STATUS_LABELS[r.status]}</Tag>{r.refund !== undefined ? <Amount fen={r.refund} testId={`dreturn-refund-${r.returnId}`} /> : null}</View>}
              />
              {mayShipBack(r) ? (
                <View className='cr-buy-return-ship'>
                  <Button size='small' variant='primary' onClick={() => nav.shipReturn(o.orderId, r.returnId)} testId={`dreturn-ship-${r.returnId}`}>扫码退回</Button>
                </View>
              ) : null}
            </View>
          ))}
        </List>
      ) : null}
      <List title='订单记录'>
        {o.history.map((h, i) => <Cell key={i} testId={`history-${i}`} title={historyText(h)} label={shortTimeText(h.at)} />)}
      </List>
      {actionError !== null ? <Text className='cr-problem' data-testid='action-error'>{actionError.userMessage}</Text> : null}
      {canCancel || canReturn ? (
        <BottomBar testId='detail-bar' left={canCancel && canReturn ? null : <Text className='cr-bottombar__hint'>{canCancel ? '审核前可以取消' : '收货后 7 天内可申请退货'}</Text>}>
          {canCancel ? <Button variant='danger' size='large' loading={acting} onClick={() => void detail.getState().cancel()} testId='cancel-order'>取消订单</Button> : null}
          {canReturn ? <Button variant='primary' size='large' onClick={() => nav.returnOf(o.orderId)} testId='return-order'>申请退货</Button> : null}
        </BottomBar>
      ) : null}
    </View>
  );
}
