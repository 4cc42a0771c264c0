/**
 * 转账确认: every bank transfer waiting for the seller's finance — orders' payments, deposit
 * top-ups and credit repayments (还款) — from `order.transfers` (one call a page, newest first), each with its receipt image,
 * buyer and amount; confirm, or reject with a reason the buyer sees; the list is read again after.
 * 退货审核: every return request waiting for the seller's decision, whatever its order's state or
 * age, from `order.returns` (one call a page, newest first), each with its order (a link), buyer,
 * lines, reason and photos; approve, or reject with a reason the buyer sees; the list is read again
 * after.
 * Test ids: sell-transfers, sell-returns, pending-empty, pending-loading, pending-error(-retry),
 * pending-reload, transfers-more, transfer-<paymentId> with -title, -buyer, -confirm, -reject,
 * -reason (field), -reject-confirm, -reject-cancel, -error; receipt-<paymentId>(-image);
 * returns-more, return-<returnId> with -order, -buyer, -lines, -reason-text, -photos, -photo-<i>,
 * -approve, -reject, -reason (field), -reject-confirm, -reject-cancel, -error.
 */
import Taro from '@tarojs/taro';
import { Image, View, Text } from '@tarojs/components';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ClientError } from '@channel-router/shared/client';
import { formatFen } from '@channel-router/shared/money';
import { Button } from '../../button';
import { Card } from '../../card';
import { Empty } from '../../empty';
import { ErrorNote } from '../../error-note';
import { Field } from '../../field';
import { confirm, toast } from '../../feedback';
import { Loading } from '../../loading';
import { Tag } from '../../tag';
import type { ClientResult } from '@channel-router/shared/client';
import type { DecideOutcome, Decision, PagedRows } from '../../kit/ordering-sell/pending-queue';
import { createReturnsApi, decideReturn, loadMoreReturns, loadReturns, returnLines, returnRefundText, returnTitle, type ReturnRow, type ReturnsApi } from '../../kit/ordering-sell/returns';
import { createTransfersApi, decideTransfer, loadMoreTransfers, loadTransfers, TRANSFER_PURPOSE_LABELS, transferTitle, type TransferRow, type TransfersApi } from '../../kit/ordering-sell/transfers';
import { shanghaiTime } from '../../kit/shanghai-dates';
import { useReloadOnShow, type SellerProps } from './context';
import { ReceiptImage } from './receipt';

/**
 * A seller's queue read a page at a time: the first page on show and on 刷新, further pages on
 * 加载更多 (a reload meanwhile wins: `generation`).
 */
function QueueList<R>(p: {
  first: () => Promise<ClientResult<PagedRows<R>>>;
  next: (shown: PagedRows<R>) => Promise<ClientResult<PagedRows<R>>>;
  testId: string;
  empty: string;
  moreTestId: string;
  row: (r: R, reload: () => void) => ReactNode;
}) {
  const [list, setList] = useState<PagedRows<R> | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  const [loading, setLoading] = useState(true);
  const [moreBusy, setMoreBusy] = useState(false);
  const generation = useRef(0);

  const reload = useCallback(() => {
    const mine = ++generation.current;
    setLoading(true);
    void p.first().then((r) => {
      if (mine !== generation.current) return;
      setLoading(false);
      if (r.ok) {
        setList(r.data);
        setError(null);
      } else setError(r.error);
    });
  }, [p.first]);
  useEffect(reload, [reload]);
  useReloadOnShow(reload);

  const more = async () => {
    if (list === null) return;
    const mine = generation.current;
    setMoreBusy(true);
    const r = await p.next(list);
    setMoreBusy(false);
    if (mine !== generation.current) return;
    if (r.ok) setList(r.data);
    else toast(r.error.userMessage, 'fail');
  };

  if (list === null && error !== null) return <ErrorNote text={error.userMessage} onRetry={reload} testId='pending-error' />;
  if (list === null) return <Loading testId='pending-loading' />;
  return (
    <View data-testid={p.testId}>
      {error !== null ? <ErrorNote text={error.userMessage} onRetry={reload} /> : null}
      {list.rows.length === 0 ? <Empty title={p.empty} testId='pending-empty' /> : null}
      {list.rows.map((r) => p.row(r, reload))}
      {list.nextCursor !== null ? (
        <Button block loading={moreBusy} onClick={() => void more()} testId={p.moreTestId}>加载更多</Button>
      ) : null}
      <Button block loading={loading} onClick={reload} testId='pending-reload'>刷新</Button>
    </View>
  );
}

/**
 * Yes, or no with a reason, on one row: `ask` confirms a yes first; the outcome's toast, the
 * reason's problem on its field, any other failure under the card (a row decided meanwhile also
 * reloads the list). Test ids: <id>-error, -reject, -reason (field), -reject-confirm,
 * -reject-cancel, and `yesTestId`.
 */
function DecisionActions(p: {
  id: string;
  decide: (d: Decision) => Promise<DecideOutcome>;
  ask: () => Promise<boolean>;
  reload: () => void;
  yesText: string;
  yesTestId: string;
  rejectText: string;
  reasonPlaceholder: string;
}) {
  const { id } = p;
  const [busy, setBusy] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const run = async (yes: boolean) => {
    if (yes && !(await p.ask())) return;
    setBusy(true);
    setFailure(null);
    const r = await p.decide(yes ? { yes: true } : { yes: false, reason });
    setBusy(false);
    if (r.ok) {
      toast(r.done, 'success');
      p.reload();
      return;
    }
    if (r.field === 'reason') {
      setReasonError(r.text);
      return;
    }
    setFailure(r.text);
    if (r.error?.code === 'INVALID_STATE') p.reload();
  };

  return (
    <View>
      {failure !== null ? <ErrorNote text={failure} testId={`${id}-error`} /> : null}
      {rejecting ? (
        <View>
          <Field name={`${id}-reason`} label='驳回原因' value={reason} onChange={setReason} placeholder={p.reasonPlaceholder} maxlength={200} error={reasonError} />
          <View className='cr-sell-actions'>
            <Button onClick={() => setRejecting(false)} testId={`${id}-reject-cancel`}>返回</Button>
            <Button variant='danger' loading={busy} onClick={() => void run(false)} testId={`${id}-reject-confirm`}>{p.rejectText}</Button>
          </View>
        </View>
      ) : (
        <View className='cr-sell-actions'>
          <Button variant='danger' onClick={() => setRejecting(true)} testId={`${id}-reject`}>驳回</Button>
          <Button variant='primary' loading={busy} onClick={() => void run(true)} testId={p.yesTestId}>{p.yesText}</Button>
        </View>
      )}
    </View>
  );
}

export function SellTransfers(p: SellerProps) {
  const api = useMemo(() => createTransfersApi(p.client), [p.client]);
  const orgId = p.seller.orgId;
  const first = useCallback(() => loadTransfers(api, orgId), [api, orgId]);
  const next = useCallback((shown: PagedRows<TransferRow>) => loadMoreTransfers(api, orgId, shown), [api, orgId]);
  return (
    <QueueList first={first} next={next} testId='sell-transfers' empty='没有待确认的转账' moreTestId='transfers-more' row={(t, reload) => <TransferCard key={t.paymentId} t={t} p={p} api={api} reload={reload} />} />
  );
}

function TransferCard({ t, p, api, reload }: { t: TransferRow; p: SellerProps; api: TransfersApi; reload: () => void }) {
  const id = `transfer-${t.paymentId}`;
  const ask = () => {
    const what = t.purpose === 'top_up' ? '确认后金额记入客户的预存款。' : t.purpose === 'repay' ? '确认后金额用于归还客户的信用欠款。' : '请先核对凭证和银行到账金额，确认后订单进入审批。';
    return confirm({ title: `确认已收到 ${formatFen(t.amount, { grouping: true })}？`, content: what, confirmText: '确认' });
  };
  return (
    <Card title={`${transferTitle(t)} · ${formatFen(t.amount, { grouping: true })}`} extra={<Tag tone={t.purpose === 'order' ? 'warning' : 'primary'}>{TRANSFER_PURPOSE_LABELS[t.purpose]}</Tag>} testId={id}>
      <Text className='cr-sell-note' data-testid={`${id}-buyer`}>客户：{t.buyerName} · {shanghaiTime(t.createdAt)}</Text>
      {t.purpose === 'order' && t.orderId !== null ? (
        <Text className='cr-sell-link' onClick={() => p.go('order', { id: t.orderId! })} data-testid={`${id}-order`}>查看订单 {t.orderNo ?? ''}</Text>
      ) : null}
      <ReceiptImage fileId={t.receiptFileId} paymentId={t.paymentId} url={t.receiptUrl} />
      <DecisionActions id={id} decide={(d) => decideTransfer(api, t.paymentId, d)} ask={ask} reload={reload} yesText='确认收款' yesTestId={`${id}-confirm`} rejectText='驳回转账' reasonPlaceholder='例如 未收到款项，金额不符' />
    </Card>
  );
}

export function SellReturns(p: SellerProps) {
  const api = useMemo(() => createReturnsApi(p.client), [p.client]);
  const orgId = p.seller.orgId;
  const first = useCallback(() => loadReturns(api, orgId), [api, orgId]);
  const next = useCallback((shown: PagedRows<ReturnRow>) => loadMoreReturns(api, orgId, shown), [api, orgId]);
  return (
    <QueueList first={first} next={next} testId='sell-returns' empty='没有待审核的退货' moreTestId='returns-more' row={(r, reload) => <ReturnCard key={r.returnId} r={r} p={p} api={api} reload={reload} />} />
  );
}

function ReturnCard({ r, p, api, reload }: { r: ReturnRow; p: SellerProps; api: ReturnsApi; reload: () => void }) {
  const id = `return-${r.returnId}`;
  const refund = returnRefundText(r);
  const shown = r.photoUrls.flatMap((u) => (u === null ? [] : [u]));
  const ask = () => confirm({ title: '同意这次退货？', content: r.refundOnly ? '仅退款：同意后立即退款。' : '同意后买方退回货物，收货后自动退款。', confirmText: '确认' });
  return (
    <Card title={returnTitle(r)} extra={refund !== null ? <Tag tone='warning'>{refund}</Tag> : null} testId={id}>
      <Text className='cr-sell-link' onClick={() => p.go('order', { id: r.orderId })} data-testid={`${id}-order`}>订单 {r.orderNo}</Text>
      <Text className='cr-sell-note' data-testid={`${id}-buyer`}>客户：{r.buyerName} · {shanghaiTime(r.requestedAt)}</Text>
      <Text className='cr-sell-note' data-testid={`${id}-lines`}>{returnLines(r).join('；')}</Text>
      {r.reason !== null ? <Text className='cr-sell-note' data-testid={`${id}-reason-text`}>原因：{r.reason}</Text> : null}
      {r.photos.length > 0 ? (
        <View data-testid={`${id}-photos`}>
          {r.photoUrls.map((u, i) =>
            u === null ? (
              <Text key={i} className='cr-sell-note'>照片暂时打不开</Text>
            ) : (
              <Image key={i} className='cr-sell-img' src={u} mode='widthFix' onClick={() => void Taro.previewImage({ current: u, urls: shown })} data-testid={`${id}-photo-${i}`} />
            ),
          )}
        </View>
      ) : null}
      <DecisionActions id={id} decide={(d) => decideReturn(api, r.returnId, d)} ask={ask} reload={reload} yesText='同意' yesTestId={`${id}-approve`} rejectText='驳回退货' reasonPlaceholder='例如 不影响销售，超出退货范围' />
    </Card>
  );
}
