/**
 * The rest of the buyer's screens: shipping notices, a return request, balances with bills due and
 * top-up, and receiving a shipment by scanning with what is still expected.
 * Test ids: notices, notice-<noticeId> (data-read), notices-empty, notices-read-all;
 * return-form, rline-<lineId> (rstep-<lineId>-plus|-minus), return-reason (`.cr-field--reason
 * input`), return-photos, return-refund, submit-return, return-failed, return-done;
 * balances, bal-deposit, bal-rebate, bal-credit-limit, bal-credit-used, bal-credit-available,
 * bal-credit-overdue, ageing-<bucket>, topup-amount (`.cr-field--topup input`), topup-method-<m>,
 * topup-receipt, submit-topup, topup-failed, topup-done;
 * receive-order, expected, expected-row-<shipmentId>-<productId> (data-left), expected-empty.
 */
import { View, Text } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { formatFen } from '@channel-router/shared/money';
import { Amount } from '../../amount';
import { Button } from '../../button';
import { Card } from '../../card';
import { Cell, List } from '../../cell';
import { Empty } from '../../empty';
import { ErrorNote } from '../../error-note';
import { Field } from '../../field';
import { Loading } from '../../loading';
import { Result } from '../../result';
import { Tag } from '../../tag';
import { cx } from '../../cx';
import { ScanListPanel } from '../../scan-list';
import type { ScanListStore } from '../../kit/scan-list';
import { AGEING_LABELS, expectedRefund, expectedRows, RETURN_PHOTOS_MAX, returnableUnits, UNIT_LABELS } from '../../kit/ordering-buy';
import { BottomBar, CountBadge, PhotoStrip, Stepper } from './parts';
import type { BuyerOrdering, BuyNav } from './wiring';
import { shortTimeText } from '../../kit/shanghai-dates';

export function NoticesScreen({ buying, buyerOrgId, nav }: { buying: BuyerOrdering; buyerOrgId: string; nav: BuyNav }) {
  const { notices } = buying;
  useEffect(() => {
    void notices.getState().load(buyerOrgId);
  }, [buyerOrgId]);
  const list = useStore(notices, (s) => s.notices);
  const unread = useStore(notices, (s) => s.unread);
  if (list.status === 'error') return <ErrorNote text={list.error.userMessage} onRetry={() => void notices.getState().load(buyerOrgId)} testId='notices-error' />;
  if (list.status !== 'ready') return <Loading testId='notices-loading' />;
  if (list.value.length === 0) return <Empty title='还没有发货通知' description={`${buying.sellerWord}发货后，通知会出现在这里。`} testId='notices-empty' />;
  return (
    <View data-testid='notices'>
      <View className='cr-list-head'>
        <Text>未读 <CountBadge n={unread} testId='notices-unread' /></Text>
        {unread > 0 ? <Text className='cr-link' onClick={() => void notices.getState().markRead()} data-testid='notices-read-all'>全部已读</Text> : null}
      </View>
      <List>
        {list.value.map((n) => (
          <View key={n.noticeId} data-testid={`notice-${n.noticeId}`} data-read={n.read ? 'yes' : 'no'}>
            <Cell
              className={cx(!n.read && 'cr-cell--unread')}
              title={<Text>{!n.read ? <Text className='cr-dot' /> : null}{n.title}</Text>}
              label={`${n.orderNo} · ${shortTimeText(n.at)}`}
              onClick={() => {
                void notices.getState().markRead([n.noticeId]);
                nav.order(n.orderId);
              }}
            />
          </View>
        ))}
      </List>
    </View>
  );
}

export function ReturnScreen({ buying, orderId, nav }: { buying: BuyerOrdering; orderId: string; nav: BuyNav }) {
  const { detail, returns } = buying;
  useEffect(() => {
    returns.getState().reset();
    void detail.getState().load(orderId);
  }, [orderId]);
  const order = useStore(detail, (s) => s.order);
  const draft = useStore(returns, (s) => s.draft);
  const phase = useStore(returns, (s) => s.phase);
  if (order.status === 'error') return <ErrorNote text={order.error.userMessage} onRetry={() => void detail.getState().load(orderId)} />;
  if (order.status !== 'ready' || order.value.orderId !== orderId) return <Loading />;
  const o = order.value;
  if (phase.status === 'done' && phase.result !== null) {
    return (
      <Result status='success' title='退货申请已提交' testId='return-done' description={`${buying.sellerWord}同意并收到退货后，按原支付方式退款。`}>
        <Button block variant='primary' onClick={() => nav.order(o.orderId)} testId='return-view-order'>查看订单</Button>
      </Result>
    );
  }
  const refund = o.lines.reduce((s, l) => s + expectedRefund(l, Math.min(draft.quantities[l.lineId] ?? 0, returnableUnits(o, l.lineId))), 0);
  return (
    <View data-testid='return-form'>
      <List title={`退货 · ${o.orderNo}`}>
        {o.lines.map((l) => {
          const max = returnableUnits(o, l.lineId);
          return (
            <View key={l.lineId} className='cr-product' data-testid={`rline-${l.lineId}`}>
              <View className='cr-product__main'>
                <Text className='cr-product__name'>{l.productName}</Text>
                <Text className='cr-product__per'>可退 {max}{UNIT_LABELS[l.unit]} · 实付 {formatFen(l.net - l.refunded)}</Text>
              </View>
              <Stepper value={draft.quantities[l.lineId] ?? 0} max={max} disabled={max === 0} unit={UNIT_LABELS[l.unit]} onChange={(q) => returns.getState().setQuantity(l.lineId, q)} testId={`rstep-${l.lineId}`} />
            </View>
          );
        })}
      </List>
      <Card title='原因和照片'>
        <Field name='reason' label='退货原因' value={draft.reason} onChange={(v) => returns.getState().setReason(v)} placeholder='例如：外箱破损、临期' maxlength={200} />
        <PhotoStrip uploader={buying.uploader} fileIds={draft.photos} onAdd={(f) => returns.getState().addPhoto(f)} onRemove={(f) => returns.getState().removePhoto(f)} max={RETURN_PHOTOS_MAX} addText='拍照/相册' testId='return-photos' />
      </Card>
      {phase.status === 'failed' && phase.error !== null ? <Text className='cr-problem' data-testid='return-failed'>{phase.error.userMessage}</Text> : null}
      <BottomBar testId='return-bar' left={<View><Text className='cr-bottombar__hint'>预计退款 </Text><Amount fen={refund} size='large' testId='return-refund' /></View>}>
        <Button variant='primary' size='large' loading={phase.status === 'sending'} disabled={refund === 0 && Object.values(draft.quantities).every((q) => q === 0)} onClick={() => void returns.getState().submit(o)} testId='submit-return'>提交退货</Button>
      </BottomBar>
    </View>
  );
}

export function BalancesScreen({ buying, buyerOrgId }: { buying: BuyerOrdering; buyerOrgId: string }) {
  const { balances, checkout } = buying;
  const sellerOrgId = useStore(checkout, (s) => s.sellerOrgId);
  useEffect(() => {
    if (checkout.getState().buyerOrgId !== buyerOrgId || sellerOrgId === null) void checkout.getState().bind(buyerOrgId);
  }, [buyerOrgId]);
  useEffect(() => {
    if (sellerOrgId !== null) void balances.getState().load(buyerOrgId, sellerOrgId);
  }, [buyerOrgId, sellerOrgId]);
  const b = useStore(balances, (s) => s.balances);
  const topUp = useStore(balances, (s) => s.topUp);
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState<'wechat_pay' | 'transfer'>('transfer');
  const [receipt, setReceipt] = useState<string | null>(null);
  if (b.status === 'error') return <ErrorNote text={b.error.userMessage} onRetry={() => sellerOrgId !== null && void balances.getState().load(buyerOrgId, sellerOrgId)} testId='balances-error' />;
  if (b.status !== 'ready') return <Loading testId='balances-loading' />;
  const v = b.value;
  const c = v.credit;
  return (
    <View data-testid='balances'>
      <Card title={`在${buying.sellerWord}的余额`}>
        <Cell title='预存款' value={<Amount fen={v.deposit} size='large' testId='bal-deposit' />} />
        <Cell title='返利' value={<Amount fen={v.rebate} testId='bal-rebate' />} />
      </Card>
      <Card title='信用额度（赊销）'>
        <Cell title='额度' label={c.termDays !== null ? `账期 ${c.termDays} 天` : '未开通'} value={<Amount fen={c.limit} testId='bal-credit-limit' />} />
        <Cell title='已用' value={<Amount fen={c.used} testId='bal-credit-used' />} />
        <Cell title='可用' value={<Amount fen={c.available} testId='bal-credit-available' />} />
        <Cell title='逾期' value={c.overdue > 0 ? <Text className='cr-problem'><Amount fen={c.overdue} testId='bal-credit-overdue' /></Text> : <Amount fen={0} testId='bal-credit-overdue' />} />
      </Card>
      <List title='待还账款（按账龄）'>
        {(Object.keys(AGEING_LABELS) as Array<keyof typeof AGEING_LABELS>).map((k) => (
          <Cell key={k} testId={`ageing-${k}`} title={AGEING_LABELS[k]} value={<Amount fen={c.ageing[k]} />} />
        ))}
      </List>
      <Card title='充值预存款'>
        <Field name='topup' label='金额（元）' type='amount' value={amount} onChange={setAmount} placeholder='例如 5000' />
        <View className='cr-chips'>
          {(['transfer', 'wechat_pay'] as const).map((m) => (
            <Text key={m} className={cx('cr-chip', method === m && 'cr-chip--on')} onClick={() => setMethod(m)} data-testid={`topup-method-${m}`}>{m === 'transfer' ? '线下转账' : '微信支付'}</Text>
          ))}
        </View>
        {method === 'transfer' ? <PhotoStrip uploader={buying.uploader} fileIds={receipt === null ? [] : [receipt]} onAdd={setReceipt} onRemove={() => setReceipt(null)} max={1} addText='上传转账凭证' testId='topup-receipt' /> : null}
        {topUp.status === 'failed' && topUp.error !== null ? <Text className='cr-problem' data-testid='topup-failed'>{topUp.error.userMessage}</Text> : null}
        {topUp.status === 'done' ? <Text className='cr-hint' data-testid='topup-done'>{method === 'transfer' ? `已提交，${buying.sellerWord}财务确认到账后计入预存款。` : '已提交，支付完成后计入预存款。'}</Text> : null}
      </Card>
      <BottomBar testId='topup-bar'>
        <Button variant='primary' size='large' block loading={topUp.status === 'sending'} onClick={() => void balances.getState().requestTopUp(amount, method, method === 'transfer' ? receipt : null)} testId='submit-topup'>充值</Button>
      </BottomBar>
    </View>
  );
}

/** What open shipments still expect, against the running receive list. */
export function ExpectedPanel({ buying, buyerOrgId, list }: { buying: BuyerOrdering; buyerOrgId: string; list: ScanListStore }) {
  const { expected } = buying;
  useEffect(() => {
    void expected.getState().load(buyerOrgId);
  }, [buyerOrgId]);
  const orders = useStore(expected, (s) => s.orders);
  const entries = useStore(list, (s) => s.entries);
  if (orders.status === 'error') return <ErrorNote text={orders.error.userMessage} onRetry={() => void expected.getState().load(buyerOrgId)} testId='expected-error' />;
  if (orders.status !== 'ready') return <Loading testId='expected-loading' />;
  const rows = expectedRows(orders.value, entries);
  if (rows.length === 0) return <View className='cr-hint' data-testid='expected-empty'><Text>没有在途的发货单。</Text></View>;
  return (
    <List title='待收货（在途发货单）' testId='expected'>
      {rows.map((r) => {
        const left = r.items - r.scanned;
        return (
          <View key={`${r.shipmentId}-${r.productId}`} data-testid={`expected-row-${r.shipmentId}-${r.productId}`} data-left={left}>
            <Cell title={r.productName} label={r.orderNo} value={left === 0 ? <Tag tone='success'>已扫齐 {r.items} 件</Tag> : <Tag tone='warning'>已扫 {r.scanned} / {r.items} 件</Tag>} />
          </View>
        );
      })}
    </List>
  );
}

/** Receiving by scanning (the app's running receive list) with the expected shipments above it. */
export function ReceiveOrderScreen({ buying, buyerOrgId, list, nav }: { buying: BuyerOrdering; buyerOrgId: string; list: ScanListStore; nav: BuyNav }) {
  useEffect(() => list.getState().bind(buyerOrgId), [buyerOrgId]);
  const phase = useStore(list, (s) => s.submit);
  useEffect(() => {
    if (phase.status === 'done') void buying.expected.getState().load(buyerOrgId);
  }, [phase.status]);
  return (
    <View data-testid='receive-order'>
      <ExpectedPanel buying={buying} buyerOrgId={buyerOrgId} list={list} />
      <ScanListPanel
        store={list}
        submitText='确认收货'
        scanHint='对准到货的箱、盒上的码，一个接一个扫'
        emptyText='扫描到货的箱、盒上的码，扫到的码会列在这里，上方显示还差多少。'
        doneTitle={() => '收货完成'}
        doneText={(r) => `本次收货 ${r.codes} 个码，共 ${r.items} 件。`}
        doneActions={
          <>
            <Button block variant='primary' onClick={() => list.getState().dismiss()} testId='scan-again'>继续收货</Button>
            <Button block onClick={nav.orders} testId='receive-go-orders'>查看订单</Button>
          </>
        }
      />
    </View>
  );
}
