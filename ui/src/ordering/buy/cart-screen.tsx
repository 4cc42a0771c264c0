/**
 * 购物车 and checkout: the cart's lines with steppers, the quote with every price source and
 * discount line (gifts, "再买 ¥x 可减 ¥y"), the tenders (rebate within its share, deposit, credit,
 * then WeChat Pay or a transfer with its receipt photo), and submit in the bottom bar after a
 * confirmation. A changed price (QUOTE_CHANGED) shows the new quote and asks again.
 * Test ids: cart, cart-empty, cart-line-<productId>, cstep-<productId>(-plus|-minus), quote,
 * quote-line-<productId>, quote-source-<productId>, discount-<productId>-<i>, gift-<productId>,
 * missed-<i>, quote-total, quote-changed, quote-error, tenders, tender-<kind> (field
 * `.cr-field--tender-<kind> input`), tender-limit-<kind>, tender-problem-<kind>, filler-wechat_pay,
 * filler-transfer, receipt, tenders-problem, submit-order, submit-failed, submit-retry,
 * order-done, done-order-no, done-view-order, done-continue.
 */
import { View, Text } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { formatFen, parseYuan } from '@channel-router/shared/money';
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
import {
  packText,
  PRICE_SOURCE_LABELS,
  remainingToPay,
  TENDER_LABELS,
  tenderLimit,
  tenderProblems,
  UNIT_LABELS,
  type PayingPower,
  type TenderKind,
} from '../../kit/ordering-buy';
import { isRetryable } from '../../kit/load';
import { BottomBar, PhotoStrip, Stepper } from './parts';
import type { BuyerOrdering, BuyNav } from './wiring';

const yuanText = (fen: number) => formatFen(fen, { symbol: false });

function TenderRow({ kind, amount, limit, problem, onChange }: { kind: TenderKind; amount: number; limit: number; problem?: string; onChange: (fen: number) => void }) {
  const [text, setText] = useState(amount > 0 ? yuanText(amount) : '');
  // The store changed it (a new quote, the filler taking up the rest): show the new amount.
  useEffect(() => {
    const p = parseYuan(text === '' ? '0' : text);
    if (!p.ok || p.data !== amount) setText(amount > 0 ? yuanText(amount) : '');
  }, [amount]);
  return (
    <View data-testid={`tender-${kind}`}>
      <Field
        name={`tender-${kind}`}
        label={TENDER_LABELS[kind]}
        type='amount'
        value={text}
        placeholder='0.00'
        onChange={(v) => {
          setText(v);
          const p = parseYuan(v === '' ? '0' : v);
          if (p.ok) onChange(p.data);
        }}
        error={problem ?? null}
        hint={<Text data-testid={`tender-limit-${kind}`}>本单最多 {formatFen(limit)}</Text>}
        suffix={<Text className='cr-link' onClick={() => onChange(limit)}>用满</Text>}
      />
    </View>
  );
}

function Tenders({ buying, total, power }: { buying: BuyerOrdering; total: number; power: PayingPower }) {
  const { checkout } = buying;
  const draft = useStore(checkout, (s) => s.draft);
  const filler = useStore(checkout, (s) => s.filler);
  const receipt = useStore(checkout, (s) => s.receiptFileId);
  const problems = tenderProblems(total, draft, power, filler === 'transfer' ? receipt : null);
  const rest = draft[filler] ?? 0;
  return (
    <Card title='支付方式' testId='tenders'>
      <View className='cr-balances-line'>
        <Text>预存款 {formatFen(power.deposit)} · 返利 {formatFen(power.rebate)} · 可用额度 {formatFen(power.creditAvailable)}</Text>
      </View>
      {(['rebate', 'deposit', 'credit'] as const).map((k) => {
        const limit = tenderLimit(k, total, power);
        if (limit === 0 && (draft[k] ?? 0) === 0) return null;
        return <TenderRow key={k} kind={k} amount={draft[k] ?? 0} limit={limit} problem={problems.byKind[k]} onChange={(fen) => checkout.getState().setTender(k, fen)} />;
      })}
      <View className='cr-filler'>
        <Text className='cr-filler__label'>其余 {formatFen(rest)} 用</Text>
        {(['wechat_pay', 'transfer'] as const).map((k) => (
          <Text key={k} className={cx('cr-chip', filler === k && 'cr-chip--on')} onClick={() => checkout.getState().setFiller(k)} data-testid={`filler-${k}`}>{TENDER_LABELS[k]}</Text>
        ))}
      </View>
      {filler === 'transfer' && rest > 0 ? (
        <View>
          <Text className='cr-hint'>请转账后上传银行回单，{buying.sellerWord}财务确认到账后订单进入审核。</Text>
          <PhotoStrip uploader={buying.uploader} fileIds={receipt === null ? [] : [receipt]} onAdd={(f) => checkout.getState().setReceipt(f)} onRemove={() => checkout.getState().setReceipt(null)} max={1} addText='上传转账凭证' testId='receipt' />
          {problems.byKind.transfer !== undefined ? <Text className='cr-problem' data-testid='tender-problem-transfer'>{problems.byKind.transfer}</Text> : null}
        </View>
      ) : null}
      {problems.total !== null ? <Text className='cr-problem' data-testid='tenders-problem'>{problems.total}</Text> : null}
    </Card>
  );
}

export function CartScreen({ buying, buyerOrgId, nav }: { buying: BuyerOrdering; buyerOrgId: string; nav: BuyNav }) {
  const { checkout, cart } = buying;
  const lines = useStore(cart, (s) => s.lines);
  const sellerOrgId = useStore(checkout, (s) => s.sellerOrgId);
  const quote = useStore(checkout, (s) => s.quote);
  const power = useStore(checkout, (s) => s.power);
  const phase = useStore(checkout, (s) => s.phase);
  const changedFrom = useStore(checkout, (s) => s.changedFrom);
  const draft = useStore(checkout, (s) => s.draft);
  // Opened directly (a restart on this page): find the seller first.
  useEffect(() => {
    if (checkout.getState().buyerOrgId !== buyerOrgId || sellerOrgId === null) void checkout.getState().bind(buyerOrgId);
  }, [buyerOrgId]);
  // Every change of the cart is quoted again (the quote is what counts).
  const cartKey = lines.map((l) => `${l.productId}:${l.quantity}`).join(',');
  useEffect(() => {
    if (sellerOrgId !== null && phase.status !== 'done') void checkout.getState().refreshQuote();
  }, [cartKey, sellerOrgId]);

  if (phase.status === 'done') {
    const pay = phase.result.payments;
    return (
      <Result status='success' title='订单已提交' testId='order-done' description={
        <View className='cr-lines'>
          <Text data-testid='done-order-no'>订单号 {phase.result.orderNo}</Text>
          <Text>金额 {formatFen(phase.total)}</Text>
          {pay.map((p) => <Text key={p.paymentId}>{p.method === 'transfer' ? `线下转账 ${formatFen(p.amount)}：待${buying.sellerWord}财务确认到账` : `微信支付 ${formatFen(p.amount)}：待支付`}</Text>)}
        </View>
      }>
        <Button block variant='primary' onClick={() => { const id = phase.result.orderId; checkout.getState().reset(); nav.order(id); }} testId='done-view-order'>查看订单</Button>
        <Button block onClick={() => { checkout.getState().reset(); nav.catalog(); }} testId='done-continue'>继续订货</Button>
      </Result>
    );
  }

  if (lines.length === 0) {
    return (
      <Empty title='购物车是空的' description='在订货页选择商品和数量。' testId='cart-empty'>
        <Button variant='primary' onClick={nav.catalog} testId='cart-go-catalog'>去订货</Button>
      </Empty>
    );
  }

  const q = quote.status === 'ready' ? quote.value : null;
  const p = power.status === 'ready' ? power.value : null;
  const problems = q !== null && p !== null ? tenderProblems(q.total, draft, p, checkout.getState().filler === 'transfer' ? checkout.getState().receiptFileId : null) : null;
  const busy = phase.status === 'submitting';
  return (
    <View data-testid='cart'>
      <List title='商品'>
        {lines.map((l) => (
          <View key={l.productId} className='cr-product' data-testid={`cart-line-${l.productId}`}>
            <View className='cr-product__main'>
              <Text className='cr-product__name'>{l.productName}</Text>
              <Text className='cr-product__per'>{packText(l.unit, l.itemsPerUnit)}</Text>
            </View>
            <Stepper value={l.quantity} unit={UNIT_LABELS[l.unit]} disabled={busy} onChange={(n) => cart.getState().setQuantity(l, n)} testId={`cstep-${l.productId}`} />
          </View>
        ))}
      </List>

      {changedFrom !== null && q !== null ? (
        <View className='cr-banner cr-banner--warning' data-testid='quote-changed'>
          <Text>价格有变化：订单金额由 {formatFen(changedFrom)} 变为 {formatFen(q.total)}。请核对后再提交。</Text>
        </View>
      ) : null}

      {quote.status === 'loading' ? <Loading testId='quote-loading' /> : null}
      {quote.status === 'error' ? <ErrorNote text={quote.error.userMessage} onRetry={() => void checkout.getState().refreshQuote()} testId='quote-error' /> : null}
      {q !== null ? (
        <Card title='价格明细' testId='quote'>
          {q.lines.map((l) => (
            <View key={l.productId} className='cr-qline' data-testid={`quote-line-${l.productId}`}>
              <View className='cr-qline__row'>
                <Text className='cr-qline__name'>{l.productName} × {l.quantity}{UNIT_LABELS[l.unit]}</Text>
                <Amount fen={l.unitPrice * l.quantity} />
              </View>
              <View className='cr-qline__row cr-qline__row--sub'>
                <Text data-testid={`quote-source-${l.productId}`}>{PRICE_SOURCE_LABELS[l.priceSource.scope]} {formatFen(l.unitPrice)}/{UNIT_LABELS[l.unit]}{l.listPrice !== l.unitPrice ? `（标准价 ${formatFen(l.listPrice)}）` : ''}</Text>
              </View>
              {l.discounts.map((d, i) => (
                <View key={`${d.promotionId}-${i}`} className='cr-qline__row cr-qline__row--discount' data-testid={`discount-${l.productId}-${i}`}>
                  <Text>促销优惠</Text>
                  <Text>-{formatFen(d.amount)}</Text>
                </View>
              ))}
            </View>
          ))}
          {q.gifts.map((g) => (
            <View key={`gift-${g.productId}`} className='cr-qline__row' data-testid={`gift-${g.productId}`}>
              <Text><Tag tone='success'>赠品</Tag> {g.productName} × {g.quantity}{UNIT_LABELS[g.unit]}</Text>
              <Text>¥0.00</Text>
            </View>
          ))}
          {q.missed.map((m, i) => (
            <View key={`${m.promotionId}-${i}`} className='cr-missed' data-testid={`missed-${i}`}>
              <Text>再买 {formatFen(m.missing)} 可减 {formatFen(m.reward)}</Text>
            </View>
          ))}
          <View className='cr-qline__row cr-qline__total'>
            <Text>应付合计</Text>
            <Amount fen={q.total} size='large' testId='quote-total' />
          </View>
        </Card>
      ) : null}

      {q !== null && p !== null ? <Tenders buying={buying} total={q.total} power={p} /> : null}
      {power.status === 'error' ? <ErrorNote text={power.error.userMessage} onRetry={() => void checkout.getState().refreshQuote()} testId='power-error' /> : null}

      {phase.status === 'failed' ? (
        <View className='cr-banner cr-banner--danger' data-testid='submit-failed'>
          <Text>提交没有完成：{phase.error.userMessage}</Text>
          {isRetryable(phase.error) ? <Button size='small' variant='primary' onClick={() => void checkout.getState().retry()} testId='submit-retry'>重试</Button> : null}
        </View>
      ) : null}

      <BottomBar
        testId='submit-bar'
        left={<View><Text className='cr-bottombar__hint'>合计 </Text>{q !== null ? <Amount fen={q.total} size='large' /> : <Text>—</Text>}{q !== null && remainingToPay(q.total, draft) !== 0 ? <Text className='cr-bottombar__hint'> 支付未选全</Text> : null}</View>}
      >
        <Button variant='primary' size='large' loading={busy} disabled={q === null || p === null || problems?.ok !== true} onClick={() => void checkout.getState().submit()} testId='submit-order'>
          {busy ? '正在提交…' : changedFrom !== null ? '确认新金额并提交' : '提交订单'}
        </Button>
      </BottomBar>
    </View>
  );
}
