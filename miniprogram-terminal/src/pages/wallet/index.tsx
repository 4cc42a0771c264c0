/**
 * The store wallet (owner only): balance, withdraw (confirmation, one key per intent), the
 * store's withdrawals, and the history.
 * testIds: wallet, balance, balance-loading, balance-error, reload, reserved, withdraw-form,
 *   withdraw-all, withdraw, amount-error (field error), withdraw-done, withdraw-again,
 *   withdraw-failed, withdraw-retry, withdraw-back, withdrawals, withdrawal-<id>, history,
 *   history-empty, history-error, history-retry, history-more, wallet-go-rewards;
 *   the amount input is `.cr-field--amount input`
 *   (from StoreGate) me-loading, me-error, me-retry, no-store, go-join, owner-only
 */
import { View, Text } from '@tarojs/components';
import { useEffect } from 'react';
import { useReachBottom } from '@tarojs/taro';
import { useStore } from 'zustand';
import { Amount, Button, Card, Cell, Empty, Field, Header, List, Loading, Page, Result, Tag } from '@channel-router/ui';
import { formatFen } from '@channel-router/shared/money';
import { walletStore } from '../../services/app';
import { StoreGate } from '../../components/store-gate';
import { go, onBackIfH5, PAGES } from '../../services/nav';
import { entryTitle, timeLabel, withdrawalStatus } from '../../stores/labels';
import { MIN_WITHDRAW_FEN } from '../../stores/wallet';
import type { StoreMembership } from '../../stores/session';

function WalletScreen({ store }: { store: StoreMembership }) {
  const balance = useStore(walletStore, (s) => s.balance);
  const entries = useStore(walletStore, (s) => s.entries);
  const history = useStore(walletStore, (s) => s.history);
  const withdrawals = useStore(walletStore, (s) => s.withdrawals);
  const withdraw = useStore(walletStore, (s) => s.withdraw);
  const { load, loadMore, setAmountText, submitWithdraw, retryWithdraw, resetWithdraw } = walletStore.getState();
  useEffect(() => void load(store.orgId), [store.orgId]);
  useReachBottom(() => void loadMore());
  const busy = withdraw.status === 'submitting' || withdraw.status === 'confirming';

  return (
    <View>
      <Card title={`${store.orgName} · 可提现余额`}>
        {balance.status === 'loading' ? <Loading testId='balance-loading' /> : null}
        {balance.status === 'error' ? (
          <View className='t-error' data-testid='balance-error'>
            <Text>{balance.error.code === 'FORBIDDEN' ? '只有店主可以查看门店钱包' : balance.error.userMessage}</Text>
            <Button size='small' onClick={() => void load(store.orgId)} testId='reload'>重试</Button>
          </View>
        ) : null}
        {balance.status === 'ready' ? (
          <View>
            <Amount fen={balance.value.balance} size='huge' testId='balance' />
            {balance.value.reserved > 0 ? <Text className='t-reserved' data-testid='reserved'>提现审核中 {formatFen(balance.value.reserved)}</Text> : null}
          </View>
        ) : null}
      </Card>

      {withdraw.status === 'done' && withdraw.result !== null ? (
        <Result status='success' title='提现申请已提交' testId='withdraw-done' description={`${formatFen(withdraw.amountFen ?? 0)} 已冻结，品牌方审核通过后转入店主微信零钱。`}>
          <Button block onClick={resetWithdraw} testId='withdraw-again'>好的</Button>
        </Result>
      ) : withdraw.status === 'failed' && withdraw.error !== null ? (
        <Result status='fail' title='提现没有完成' testId='withdraw-failed' description={withdraw.retryable ? `${withdraw.error.userMessage}。重试不会重复提现。` : withdraw.error.userMessage}>
          {withdraw.retryable ? <Button block variant='primary' onClick={() => void retryWithdraw()} testId='withdraw-retry'>重试</Button> : null}
          <Button block onClick={resetWithdraw} testId='withdraw-back'>返回</Button>
        </Result>
      ) : (
        <View data-testid='withdraw-form'>
          <Field
            name='amount'
            label='提现金额（元）'
            type='amount'
            value={withdraw.amountText}
            onChange={setAmountText}
            onConfirm={() => void submitWithdraw()}
            placeholder={`最少 ${formatFen(MIN_WITHDRAW_FEN, { symbol: false })} 元`}
            error={withdraw.fieldError}
            disabled={busy}
            suffix={
              balance.status === 'ready' && balance.value.balance > 0 ? (
                <Text className='t-link' onClick={() => setAmountText(formatFen(balance.value.balance, { symbol: false }))} data-testid='withdraw-all'>全部</Text>
              ) : undefined
            }
          />
          <View className='t-actions'>
            <Button block variant='primary' size='large' loading={busy} disabled={balance.status !== 'ready'} onClick={() => void submitWithdraw()} testId='withdraw'>
              提现到微信零钱
            </Button>
          </View>
        </View>
      )}

      {withdrawals.status === 'ready' && withdrawals.value.length > 0 ? (
        <List title='提现记录' testId='withdrawals'>
          {withdrawals.value.map((w) => {
            const st = withdrawalStatus(w.status);
            return (
              <Cell
                key={w.id}
                title={formatFen(w.amount)}
                label={w.reason ? `${timeLabel(w.requestedAt)} · ${w.reason}` : timeLabel(w.requestedAt)}
                value={<Tag tone={st.tone}>{st.text}</Tag>}
                testId={`withdrawal-${w.id}`}
              />
            );
          })}
        </List>
      ) : null}

      <List title='收支明细' testId='history'>
        {entries.map((e) => (
          <Cell key={e.key} title={entryTitle(e.kind)} label={timeLabel(e.at)} value={<Amount fen={e.amount} signed />} />
        ))}
      </List>
      {history.loaded && entries.length === 0 ? <Empty title='还没有收支记录' description='消费者扫码领奖后，门店奖励会记到这里' testId='history-empty' /> : null}
      {history.status === 'loading' && balance.status !== 'loading' ? <Loading /> : null}
      {history.status === 'error' && history.error !== null ? (
        <View className='t-error' data-testid='history-error'>
          <Text>{history.error.userMessage}</Text>
          <Button size='small' onClick={() => void (history.cursor === null ? load(store.orgId) : loadMore())} testId='history-retry'>重试</Button>
        </View>
      ) : null}
      {history.status === 'idle' && history.cursor !== null ? (
        <View className='t-more'>
          <Button variant='plain' onClick={() => void loadMore()} testId='history-more'>加载更多</Button>
        </View>
      ) : null}
      <View className='t-more'>
        <Button variant='plain' onClick={() => go(PAGES.rewards)} testId='wallet-go-rewards'>只看门店奖励 ›</Button>
      </View>
    </View>
  );
}

export default function Wallet() {
  return (
    <Page testId='wallet'>
      <Header title='门店钱包' subtitle='门店奖励存在这里，店主可提现' onBack={onBackIfH5} />
      <StoreGate ownerOnly>{(store) => <WalletScreen store={store} />}</StoreGate>
    </Page>
  );
}
