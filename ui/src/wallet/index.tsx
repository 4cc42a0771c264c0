/**
 * The wallet screen of every app that has one (the kit's `createWallet`): balance (and what is
 * held for withdrawals in review), withdrawing with a confirmation (a retry sends the same key),
 * the withdrawals and where each stands, and the history, paged. A page adds its frame (header,
 * gate) and words.
 * Test ids: balance, balance-loading, balance-error(-retry), reserved, withdraw-form, amount
 * field (`.cr-field--amount input`; error: amount-error), withdraw-all, withdraw, withdraw-done,
 * withdraw-again, withdraw-failed, withdraw-retry, withdraw-back, withdrawals,
 * withdrawal-<id> (data-status), history, history-empty, history-loading, history-error(-retry),
 * history-more.
 */
import { View, Text } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { formatFen } from '@channel-router/shared/money';
import { Amount } from '../amount';
import { Button } from '../button';
import { Card } from '../card';
import { Cell, List } from '../cell';
import { Empty } from '../empty';
import { ErrorNote } from '../error-note';
import { Field } from '../field';
import { Loading } from '../loading';
import { Result } from '../result';
import { Tag } from '../tag';
import { ledgerKindLabel, timeText, withdrawalStatusView } from '../kit/labels';
import { MIN_WITHDRAW_FEN, type WalletState } from '../kit/wallet';

export interface WalletPanelProps {
  store: StoreApi<WalletState>;
  /** The org whose wallet this is; null: the person's own. */
  orgId: string | null;
  balanceTitle: string;
  /** Under the balance: where the money comes from. */
  balanceNote?: string;
  /** What happens to a withdrawal once asked for (after the amount). */
  doneText: string;
  submitText: string;
  emptyHistoryTitle: string;
  emptyHistoryText: string;
  /** Below the history (a link elsewhere). */
  footer?: ReactNode;
}

export function WalletPanel(p: WalletPanelProps) {
  const { store, orgId } = p;
  const s = useStore(store);
  const { load, loadMore, setAmountText, withdrawAll, submitWithdraw, retryWithdraw, resetWithdraw } = store.getState();
  useReachBottom(() => void loadMore());
  // Another wallet's figures never show under this one while it loads.
  const mine = s.orgId === orgId;
  const balance = mine ? s.balance : { status: 'loading' as const };
  const entries = mine ? s.entries : [];
  const w = s.withdraw;
  const busy = w.status === 'submitting' || w.status === 'confirming';
  const reload = () => void load(orgId);

  return (
    <View>
      <Card>
        <Text className='cr-wallet__label'>{p.balanceTitle}</Text>
        {balance.status === 'idle' || balance.status === 'loading' ? <Loading testId='balance-loading' /> : null}
        {balance.status === 'error' ? <ErrorNote text={balance.error.userMessage} onRetry={reload} testId='balance-error' /> : null}
        {balance.status === 'ready' ? (
          <View>
            <Amount fen={balance.value.balance} size='huge' testId='balance' />
            {balance.value.reserved > 0 ? (
              <Text className='cr-wallet__reserved' data-testid='reserved'>
                提现审核中 {formatFen(balance.value.reserved)}
              </Text>
            ) : null}
            {p.balanceNote !== undefined ? <Text className='cr-wallet__note'>{p.balanceNote}</Text> : null}
          </View>
        ) : null}
      </Card>

      {w.status === 'done' && w.result !== null ? (
        <Result status='success' title='提现申请已提交' testId='withdraw-done' description={`${formatFen(w.amountFen ?? 0)} ${p.doneText}`}>
          <Button block onClick={resetWithdraw} testId='withdraw-again'>
            好的
          </Button>
        </Result>
      ) : w.status === 'failed' && w.error !== null ? (
        <Result status='fail' title='提现没有完成' testId='withdraw-failed' description={w.retryable ? `${w.error.userMessage}。重试不会重复提现。` : w.error.userMessage}>
          {w.retryable ? (
            <Button block variant='primary' onClick={() => void retryWithdraw()} testId='withdraw-retry'>
              重试（同一笔提现）
            </Button>
          ) : null}
          <Button block onClick={resetWithdraw} testId='withdraw-back'>
            返回
          </Button>
        </Result>
      ) : (
        <View data-testid='withdraw-form'>
          <Field
            name='amount'
            label='提现金额（元）'
            type='amount'
            value={w.amountText}
            onChange={setAmountText}
            onConfirm={() => void submitWithdraw()}
            placeholder={`最少 ${formatFen(MIN_WITHDRAW_FEN, { symbol: false })} 元`}
            error={w.fieldError}
            disabled={busy}
            suffix={
              balance.status === 'ready' && balance.value.balance > 0 ? (
                <Text className='cr-wallet__all' onClick={withdrawAll} data-testid='withdraw-all'>
                  全部
                </Text>
              ) : undefined
            }
          />
          <View className='cr-wallet__actions'>
            <Button block variant='primary' size='large' loading={busy} disabled={balance.status !== 'ready'} onClick={() => void submitWithdraw()} testId='withdraw'>
              {p.submitText}
            </Button>
          </View>
        </View>
      )}

      {mine && s.withdrawals.status === 'ready' && s.withdrawals.value.length > 0 ? (
        <List title='提现记录' testId='withdrawals'>
          {s.withdrawals.value.map((x) => {
            const st = withdrawalStatusView(x.status);
            return (
              <View key={x.id} data-testid={`withdrawal-${x.id}`} data-status={x.status}>
                <Cell title={formatFen(x.amount)} label={x.reason ? `${timeText(x.requestedAt)} · ${x.reason}` : timeText(x.requestedAt)} value={<Tag tone={st.tone}>{st.text}</Tag>} />
              </View>
            );
          })}
        </List>
      ) : null}

      <List title='收支明细' testId='history'>
        {entries.map((e) => (
          <Cell key={e.key} title={ledgerKindLabel(e.kind)} label={timeText(e.at)} value={<Amount fen={e.amount} signed />} />
        ))}
      </List>
      {mine && s.history.loaded && entries.length === 0 ? <Empty title={p.emptyHistoryTitle} description={p.emptyHistoryText} testId='history-empty' /> : null}
      {s.history.status === 'loading' && balance.status !== 'loading' ? <Loading testId='history-loading' /> : null}
      {s.history.status === 'error' && s.history.error !== null ? (
        <ErrorNote text={s.history.error.userMessage} onRetry={() => void (s.history.cursor === null ? load(orgId) : loadMore())} testId='history-error' />
      ) : null}
      {s.history.status === 'idle' && s.history.cursor !== null ? (
        <View className='cr-wallet__more'>
          <Button variant='plain' onClick={() => void loadMore()} testId='history-more'>
            加载更多
          </Button>
        </View>
      ) : null}
      {p.footer}
    </View>
  );
}
