/**
 * The org wallet (rebates): balance, withdrawing (owner, with confirmation; a retry sends the same
 * key), withdrawals in progress, and the history, paged.
 * Test ids: rebates, balance-loading, balance, reserved, balance-error, balance-error-retry,
 * amount field (`.cr-field--amount input`), amount-error, withdraw-all, withdraw, withdraw-done,
 * withdraw-again, withdraw-failed, withdraw-retry, withdraw-back, withdrawals, withdrawal-<id>,
 * history, history-empty, history-error, history-error-retry, history-more, history-loading.
 * Before the org is known: the gate's ids (components/org-gate.tsx).
 */
import { useDidShow, useReachBottom } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { Amount, Button, Card, Cell, Empty, Field, Header, List, Loading, Page, Result, Tag, ErrorNote } from '@channel-router/ui';
import { formatFen } from '@channel-router/shared/money';
import { walletStore } from '../../services/app';
import { OrgGate } from '../../components/org-gate';
import { onBackH5 } from '../../components/nav';
import { ledgerKindLabel, shortTimeLabel, withdrawalStatusLabel } from '../../stores/labels';
import { isRetryable } from '@channel-router/ui/kit';
import { MIN_WITHDRAW_FEN, withdrawFailureMessage } from '../../stores/wallet';
import type { OrgMembership } from '../../stores/org';

const OPEN_STATUSES = new Set(['requested', 'approved', 'failed']);

function Wallet({ m }: { m: OrgMembership }) {
  const s = useStore(walletStore);
  const { load, loadMore, setAmountText, withdrawAll, submitWithdraw, retryWithdraw, resetWithdraw } = walletStore.getState();
  const reload = () => void load(m.orgId);
  useEffect(reload, [m.orgId]);
  useDidShow(() => {
    if (walletStore.getState().orgId === m.orgId) reload();
  });
  useReachBottom(() => void loadMore());

  const mine = s.orgId === m.orgId;
  const balance = mine ? s.balance : { status: 'loading' as const };
  const w = s.withdraw;
  const open = s.withdrawals.status === 'ready' ? s.withdrawals.value.filter((x) => OPEN_STATUSES.has(x.status)) : [];

  return (
    <View>
      <Card title='可提现返利'>
        {balance.status === 'idle' || balance.status === 'loading' ? <Loading testId='balance-loading' /> : null}
        {balance.status === 'error' ? <ErrorNote text={balance.error.userMessage} onRetry={reload} testId='balance-error' /> : null}
        {balance.status === 'ready' ? (
          <View>
            <Amount fen={balance.value.balance} size='huge' testId='balance' />
            {balance.value.reserved > 0 ? (
              <Text className='dl-reserved' data-testid='reserved'>提现审核中 {formatFen(balance.value.reserved)}</Text>
            ) : null}
            <Text className='dl-hint'>门店每卖出一件本单位供应的货（消费者扫码领奖），品牌按商品政策给本单位返利。</Text>
          </View>
        ) : null}
      </Card>

      {w.status === 'done' && w.result !== null ? (
        <Result status='success' title='提现申请已提交' testId='withdraw-done' description={`${formatFen(w.amountFen ?? 0)} 将在品牌审核通过后转入单位的微信零钱。`}>
          <Button block onClick={resetWithdraw} testId='withdraw-again'>好的</Button>
        </Result>
      ) : w.status === 'failed' && w.error !== null ? (
        <Result status='fail' title='提现没有完成' testId='withdraw-failed' description={withdrawFailureMessage(w.error)}>
          {isRetryable(w.error) ? (
            <Button block variant='primary' onClick={() => void retryWithdraw()} testId='withdraw-retry'>重试（同一笔提现）</Button>
          ) : null}
          <Button block onClick={resetWithdraw} testId='withdraw-back'>返回</Button>
        </Result>
      ) : (
        <Card title='提现'>
          <Field
            name='amount'
            label='提现金额（元）'
            type='amount'
            value={w.amountText}
            onChange={setAmountText}
            onConfirm={() => void submitWithdraw()}
            placeholder={`最少 ${formatFen(MIN_WITHDRAW_FEN, { symbol: false })} 元`}
            error={w.fieldError}
            suffix={
              balance.status === 'ready' && balance.value.balance > 0 ? (
                <Text className='dl-link dl-link--inline' onClick={withdrawAll} data-testid='withdraw-all'>全部</Text>
              ) : undefined
            }
          />
          <Button block variant='primary' size='large' loading={w.status === 'submitting' || w.status === 'confirming'} disabled={balance.status !== 'ready'} onClick={() => void submitWithdraw()} testId='withdraw'>
            提现
          </Button>
        </Card>
      )}

      {open.length > 0 ? (
        <List title='进行中的提现' testId='withdrawals'>
          {open.map((x) => (
            <Cell key={x.id} title={formatFen(x.amount)} label={`申请于 ${shortTimeLabel(x.requestedAt)}`} value={<Tag tone={x.status === 'failed' ? 'danger' : 'warning'}>{withdrawalStatusLabel(x.status)}</Tag>} testId={`withdrawal-${x.id}`} />
          ))}
        </List>
      ) : null}

      <List title='收支明细' testId='history'>
        {(mine ? s.history.entries : []).map((e) => (
          <Cell key={e.key} title={ledgerKindLabel(e.kind)} label={shortTimeLabel(e.at)} value={<Amount fen={e.amount} signed />} />
        ))}
      </List>
      {mine && s.history.status === 'ready' && s.history.entries.length === 0 ? (
        <Empty title='还没有返利记录' description='下游门店的货被消费者扫码领奖后，返利会出现在这里' testId='history-empty' />
      ) : null}
      {s.history.status === 'loading' || s.history.status === 'more' ? <Loading testId='history-loading' /> : null}
      {s.history.status === 'error' && s.history.error !== null ? (
        <ErrorNote text={s.history.error.userMessage} onRetry={() => void (s.history.entries.length === 0 ? load(m.orgId) : loadMore())} testId='history-error' />
      ) : null}
      {s.history.status === 'ready' && s.history.cursor !== null ? (
        <View className='dl-actions'>
          <Button variant='plain' block onClick={() => void loadMore()} testId='history-more'>加载更多</Button>
        </View>
      ) : null}
    </View>
  );
}

export default function RebatesPage() {
  return (
    <Page testId='rebates'>
      <OrgGate title='返利' need='wallet'>
        {(m) => (
          <>
            <Header title='返利' subtitle={`${m.orgName} · 单位账户`} onBack={onBackH5} />
            <Wallet m={m} />
          </>
        )}
      </OrgGate>
    </Page>
  );
}
