/*
 * The wallet: balance (and what is held for withdrawals in review), withdrawing with a
 * confirmation, the withdrawals and where each stands, the history.
 *
 * data-testids: wallet (page), balance, balance-loading, balance-error, reload, reserved,
 * amount field (`.cr-field--amount input`; error: amount-error), withdraw-all, withdraw,
 * withdraw-done, withdraw-again, withdraw-failed, withdraw-retry, withdrawals,
 * withdrawal-<id> (data-status), history, history-empty, history-error, history-more.
 */
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useStore } from 'zustand';
import { Amount, Button, Card, Cell, Empty, Field, Header, List, Loading, Page, Result, Tag, useRequireLogin } from '@channel-router/ui';
import { walletStore } from '../../services/app';
import { entryTime, entryTitle, withdrawalStatus } from '../../stores/format';
import { MIN_WITHDRAW_FEN } from '../../stores/wallet';
import { formatFen } from '@channel-router/shared/money';
import './index.css';

export default function Wallet() {
  const ready = useRequireLogin('consumer');
  const balance = useStore(walletStore, (s) => s.balance);
  const entries = useStore(walletStore, (s) => s.entries);
  const history = useStore(walletStore, (s) => s.history);
  const withdrawals = useStore(walletStore, (s) => s.withdrawals);
  const withdraw = useStore(walletStore, (s) => s.withdraw);
  const { load, loadMore, setAmountText, submitWithdraw, retryWithdraw, resetWithdraw } = walletStore.getState();

  useDidShow(() => {
    if (ready) void load();
  });
  useReachBottom(() => void loadMore());

  const back = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void Taro.reLaunch({ url: '/pages/index/index' });
  };

  if (!ready) return <Page testId='wallet'><Loading /></Page>;

  return (
    <Page testId='wallet'>
      <Header title='我的钱包' subtitle='扫码奖励存在这里，可提现到微信零钱' onBack={process.env.TARO_ENV === 'h5' ? back : undefined} />

      <Card className='wallet__balance'>
        <Text className='wallet__label'>可提现余额</Text>
        {balance.status === 'loading' ? <Loading testId='balance-loading' /> : null}
        {balance.status === 'error' ? (
          <View className='wallet__error' data-testid='balance-error'>
            <Text>{balance.error.userMessage}</Text>
            <Button size='small' onClick={() => void load()} testId='reload'>重试</Button>
          </View>
        ) : null}
        {balance.status === 'ready' ? (
          <View>
            <Amount fen={balance.value.balance} size='huge' testId='balance' />
            {balance.value.reserved > 0 ? (
              <Text className='wallet__reserved' data-testid='reserved'>提现审核中 {formatFen(balance.value.reserved)}</Text>
            ) : null}
          </View>
        ) : null}
      </Card>

      {withdraw.status === 'done' && withdraw.result !== null ? (
        <Result status='success' title='提现申请已提交' testId='withdraw-done' description={`${formatFen(withdraw.amountFen ?? 0)} 将在审核通过后转入微信零钱。`}>
          <Button block onClick={resetWithdraw} testId='withdraw-again'>好的</Button>
        </Result>
      ) : withdraw.status === 'failed' && withdraw.error !== null ? (
        <Result status='fail' title='提现没有完成' testId='withdraw-failed' description={withdraw.error.userMessage}>
          {withdraw.error.code === 'NETWORK' || withdraw.error.code === 'BAD_REPLY' || withdraw.error.code === 'INTERNAL' ? (
            <Button block variant='primary' onClick={() => void retryWithdraw()} testId='withdraw-retry'>重试</Button>
          ) : null}
          <Button block onClick={resetWithdraw}>返回</Button>
        </Result>
      ) : (
        <View>
          <Field
            name='amount'
            label='提现金额（元）'
            type='amount'
            value={withdraw.amountText}
            onChange={setAmountText}
            onConfirm={() => void submitWithdraw()}
            placeholder={`最少 ${formatFen(MIN_WITHDRAW_FEN, { symbol: false })} 元`}
            error={withdraw.fieldError}
            suffix={
              balance.status === 'ready' && balance.value.balance > 0 ? (
                <Text className='wallet__all' onClick={() => setAmountText(formatFen(balance.value.balance, { symbol: false }))} data-testid='withdraw-all'>
                  全部
                </Text>
              ) : undefined
            }
          />
          <View className='wallet__actions'>
            <Button block variant='primary' size='large' loading={withdraw.status === 'submitting'} disabled={balance.status !== 'ready'} onClick={() => void submitWithdraw()} testId='withdraw'>
              提现
            </Button>
          </View>
        </View>
      )}

      {withdrawals.status === 'ready' && withdrawals.value.length > 0 ? (
        <List title='提现记录' testId='withdrawals'>
          {withdrawals.value.map((w) => {
            const st = withdrawalStatus(w.status);
            return (
              <View key={w.id} data-testid={`withdrawal-${w.id}`} data-status={w.status}>
                <Cell title={formatFen(w.amount)} label={entryTime(w.requestedAt)} value={<Tag tone={st.tone}>{st.text}</Tag>} />
              </View>
            );
          })}
        </List>
      ) : null}

      <List title='收支明细' testId='history'>
        {entries.map((e) => (
          <Cell key={e.key} title={entryTitle(e)} label={entryTime(e.at)} value={<Amount fen={e.amount} signed />} />
        ))}
      </List>
      {history.loaded && entries.length === 0 ? <Empty title='还没有收支记录' description='扫码领奖后，奖励会出现在这里' testId='history-empty' /> : null}
      {history.status === 'loading' ? <Loading /> : null}
      {history.status === 'error' && history.error !== null ? (
        <View className='wallet__error' data-testid='history-error'>
          <Text>{history.error.userMessage}</Text>
          <Button size='small' onClick={() => void (history.cursor === null ? load() : loadMore())}>重试</Button>
        </View>
      ) : null}
      {history.status === 'idle' && history.cursor !== null ? (
        <View className='wallet__more'>
          <Button variant='plain' onClick={() => void loadMore()} testId='history-more'>加载更多</Button>
        </View>
      ) : null}
    </Page>
  );
}
