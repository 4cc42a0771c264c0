/**
 * One incoming order for the seller: buyer, lines with what has shipped, tenders (transfers to
 * confirm with their receipt), shipments, returns to decide, history; and the steps its state
 * allows — approve, reject with a reason, ship by scanning, close the remainder, cancel before
 * any shipment. Each step asks first; the order is read again after it.
 * Test ids: sell-order, order-no, order-status, order-buyer, order-lines, order-line-<lineId>,
 * order-approve, order-reject, reject-reason (field), reject-confirm, order-ship,
 * order-close, order-cancel, order-step-error, order-history, transfer-<paymentId>(-confirm|-reject),
 * return-<returnId>(-approve|-reject), sell-order-loading, sell-order-error(-retry).
 */
import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { formatFen } from '@channel-router/shared/money';
import type { OrderView } from '@channel-router/shared/api';
import { Button } from '../../button';
import { Card } from '../../card';
import { Cell, List } from '../../cell';
import { ErrorNote } from '../../error-note';
import { Field } from '../../field';
import { confirm, toast } from '../../feedback';
import { Loading } from '../../loading';
import { Tag } from '../../tag';
import { useQuery } from '../../app-kit/use-query';
import { approvalStepText, checkReason, pendingReturns, pendingTransfers, sellerActions } from '../../kit/ordering-sell/orders';
import { orderStateView, ROLE_STEP_LABELS, scopeLabel, unitLabel } from '../../kit/ordering-sell/labels';
import { RETURN_STATUS_LABELS, TENDER_LABELS } from '../../kit/ordering-words';
import { unitsText } from '../../kit/ordering-sell/ship';
import { pick } from '../../kit/labels';
import { useCustomers, useKept, useReloadOnShow, type SellerProps } from './context';
import { ReceiptImage } from './receipt';
import { shanghaiTime } from '../../kit/shanghai-dates';

type Step = 'approve' | 'reject' | 'cancel' | 'closeRemainder';

const STEP_WORDS: Record<Step, { title: string; content: string; ok: string; done: string; danger?: boolean }> = {
  approve: { title: '通过这张订单？', content: '通过后进入待发货，预留的库存保持不变。', ok: '通过', done: '已通过' },
  reject: { title: '驳回这张订单？', content: '驳回后释放库存，已付款项原路退回，买方会看到原因。', ok: '驳回', done: '已驳回', danger: true },
  cancel: { title: '取消这张订单？', content: '还没有发货：释放库存，已付款项原路退回。', ok: '取消订单', done: '已取消', danger: true },
  closeRemainder: { title: '关闭未发部分？', content: '未发货的数量释放库存，其金额按退货原路退回；订单记为已发货。', ok: '关闭剩余', done: '已关闭剩余', danger: true },
};

export function OrderBody({ order, p, reload }: { order: OrderView; p: SellerProps; reload: () => void }) {
  const customers = useCustomers(p);
  const [busy, setBusy] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [rejecting, setRejecting] = useState<null | 'reject' | 'cancel'>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [stepError, setStepError] = useState<string | null>(null);
  const st = orderStateView(order.status);
  const actions = sellerActions(order);

  const step = async (s: Step, withReason?: string) => {
    const w = STEP_WORDS[s];
    if (!(await confirm({ title: w.title, content: w.content, confirmText: w.ok, danger: w.danger === true }))) return;
    setBusy(s);
    setStepError(null);
    const req = { orderId: order.orderId, ...(withReason !== undefined ? { reason: withReason } : {}) };
    const r = await p.client.order[s](req);
    setBusy(null);
    if (!r.ok) {
      setStepError(r.error.code === 'INVALID_STATE' ? '订单状态已经变了（可能别人刚处理过），已刷新' : r.error.userMessage);
      reload();
      return;
    }
    toast(w.done, 'success');
    setRejecting(null);
    setReason('');
    reload();
  };

  const withReason = (s: 'reject' | 'cancel') => {
    const problem = checkReason(reason);
    setReasonError(problem);
    if (problem === null) void step(s, reason.trim());
  };

  const decide = async (kind: 'transfer' | 'return', id: string, yes: boolean) => {
    const what = kind === 'transfer' ? (yes ? '确认已收到这笔转账？' : '驳回这笔转账？') : yes ? '同意这次退货？' : '驳回这次退货？';
    const content = kind === 'transfer' ? (yes ? '请先核对凭证和银行到账金额，确认后订单进入审批。' : '买方需要重新付款。') : yes ? '同意后买方退回货物，收货后自动退款（仅退款的申请会立即退款）。' : '买方会看到驳回。';
    if (!(await confirm({ title: what, content, confirmText: yes ? '确认' : '驳回', danger: !yes }))) return;
    setBusy(`${kind}-${id}`);
    const r =
      kind === 'transfer'
        ? yes
          ? await p.client.order.confirmTransfer({ paymentId: id })
          : await p.client.order.rejectTransfer({ paymentId: id, reason: '未收到款项' })
        : yes
          ? await p.client.order.approveReturn({ returnId: id })
          : await p.client.order.rejectReturn({ returnId: id, reason: '不符合退货条件' });
    setBusy(null);
    if (!r.ok) setStepError(r.error.userMessage);
    else toast(yes ? '已确认' : '已驳回', 'success');
    reload();
  };

  const approval = approvalStepText(order, (r) => pick(ROLE_STEP_LABELS, r, r));
  const transfers = pendingTransfers(order);
  const returns = pendingReturns(order);

  return (
    <View data-testid='sell-order'>
      <Card>
        <View className='cr-sell-row'>
          <Text className='cr-sell-big' data-testid='order-no'>{order.orderNo}</Text>
          <Tag tone={st.tone} testId='order-status'>{st.text}</Tag>
        </View>
        <Text className='cr-sell-note' data-testid='order-buyer'>客户：{customers.nameOf(order.buyerOrgId)}</Text>
        <Text className='cr-sell-note'>下单：{shanghaiTime(order.createdAt)} · 合计 {formatFen(order.total, { grouping: true })}</Text>
        {approval !== null ? <Text className='cr-sell-note'>当前：{approval}</Text> : null}
      </Card>

      <List title='商品' testId='order-lines'>
        {order.lines.map((l) => (
          <Cell
            key={l.lineId}
            title={`${l.productName} × ${l.quantity} ${unitLabel(l.unit)}`}
            label={`${formatFen(l.unitPrice)}/${unitLabel(l.unit)} · ${scopeLabel(l.priceSource.scope)} · 已发 ${unitsText(l.shippedItems, l.itemsPerUnit, l.unit)}${l.returned > 0 ? ` · 退 ${l.returned}` : ''}`}
            value={formatFen(l.net)}
            testId={`order-line-${l.lineId}`}
          />
        ))}
      </List>

      <List title='付款'>
        {order.tenders.map((t, i) => (
          <Cell key={`${t.kind}-${i}`} title={pick(TENDER_LABELS, t.kind)} label={t.paid < t.amount ? `待付 ${formatFen(t.amount - t.paid)}` : t.refunded > 0 ? `已退 ${formatFen(t.refunded)}` : '已付'} value={formatFen(t.amount)} />
        ))}
      </List>

      {transfers.map((t) => (
        <Card key={t.paymentId} title={`转账待确认 · ${formatFen(t.amount)}`} testId={`transfer-${t.paymentId}`}>
          <ReceiptImage fileId={t.receiptFileId} paymentId={t.paymentId} />
          <View className='cr-sell-actions'>
            <Button variant='danger' loading={busy === `transfer-${t.paymentId}`} onClick={() => void decide('transfer', t.paymentId, false)} testId={`transfer-${t.paymentId}-reject`}>驳回</Button>
            <Button variant='primary' loading={busy === `transfer-${t.paymentId}`} onClick={() => void decide('transfer', t.paymentId, true)} testId={`transfer-${t.paymentId}-confirm`}>确认收款</Button>
          </View>
        </Card>
      ))}

      {returns.map((r) => (
        <Card key={r.returnId} title={r.refundOnly ? '仅退款申请' : '退货申请'} testId={`return-${r.returnId}`}>
          <Text className='cr-sell-note'>{r.lines.join('；')}</Text>
          {r.reason !== null ? <Text className='cr-sell-note'>原因：{r.reason}</Text> : null}
          <View className='cr-sell-actions'>
            <Button variant='danger' loading={busy === `return-${r.returnId}`} onClick={() => void decide('return', r.returnId, false)} testId={`return-${r.returnId}-reject`}>驳回</Button>
            <Button variant='primary' loading={busy === `return-${r.returnId}`} onClick={() => void decide('return', r.returnId, true)} testId={`return-${r.returnId}-approve`}>同意</Button>
          </View>
        </Card>
      ))}

      {order.shipments.length > 0 ? (
        <List title='发货单'>
          {order.shipments.map((s) => (
            <Cell key={s.shipmentId} title={`${shanghaiTime(s.at)} · ${s.lines.reduce((n, l) => n + l.items, 0)} 件`} label={[s.carrier, s.trackingNo].filter(Boolean).join(' ') || '未填物流'} value={s.status === 'received' ? '已签收' : '运输中'} />
          ))}
        </List>
      ) : null}

      {order.returns.some((r) => r.status !== 'requested') ? (
        <List title='退货'>
          {order.returns.filter((r) => r.status !== 'requested').map((r) => (
            <Cell key={r.returnId} title={pick(RETURN_STATUS_LABELS, r.status)} label={shanghaiTime(r.requestedAt)} value={r.refund !== undefined ? formatFen(r.refund) : ''} />
          ))}
        </List>
      ) : null}

      <List title='记录' testId='order-history'>
        {order.history.slice(-20).reverse().map((h, i) => (
          <Cell key={`${h.at}-${i}`} title={orderStateView(h.to).text} label={`${shanghaiTime(h.at)}${h.reason ? ` · ${h.reason}` : ''}`} />
        ))}
      </List>

      {stepError !== null ? <ErrorNote text={stepError} testId='order-step-error' /> : null}

      {rejecting !== null ? (
        <Card title={rejecting === 'reject' ? '驳回原因' : '取消原因'}>
          <Field name='reject-reason' label='原因' value={reason} onChange={setReason} placeholder='例如 缺货，下周补货后再下单' maxlength={200} error={reasonError} />
          <View className='cr-sell-actions'>
            <Button onClick={() => setRejecting(null)}>返回</Button>
            <Button variant='danger' loading={busy === rejecting} onClick={() => withReason(rejecting)} testId='reject-confirm'>{rejecting === 'reject' ? '驳回订单' : '取消订单'}</Button>
          </View>
        </Card>
      ) : actions.length > 0 ? (
        <View className='cr-sell-sticky cr-sell-actions'>
          {actions.includes('reject') ? <Button variant='danger' onClick={() => setRejecting('reject')} testId='order-reject'>驳回</Button> : null}
          {actions.includes('approve') ? <Button variant='primary' loading={busy === 'approve'} onClick={() => void step('approve')} testId='order-approve'>通过</Button> : null}
          {actions.includes('cancel') ? <Button variant='danger' onClick={() => setRejecting('cancel')} testId='order-cancel'>取消订单</Button> : null}
          {actions.includes('closeRemainder') ? <Button variant='danger' loading={busy === 'closeRemainder'} onClick={() => void step('closeRemainder')} testId='order-close'>关闭剩余</Button> : null}
          {actions.includes('ship') ? <Button variant='primary' onClick={() => p.go('ship', { id: order.orderId })} testId='order-ship'>扫码发货</Button> : null}
        </View>
      ) : null}
    </View>
  );
}

export function SellOrder(p: SellerProps & { orderId: string }) {
  const q = useQuery(() => p.client.order.get({ orderId: p.orderId }));
  useReloadOnShow(q.reload);
  const k = useKept(q);
  if (k.data === null && k.error !== null) return <ErrorNote text={k.error.userMessage} onRetry={q.reload} testId='sell-order-error' />;
  if (k.data === null) return <Loading testId='sell-order-loading' />;
  return <OrderBody order={k.data} p={p} reload={q.reload} />;
}
