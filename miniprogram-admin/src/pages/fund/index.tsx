/*
 * Funding the reward budget: the balance now, an amount in yuan, a confirmation before money
 * moves. A retry after a failure sends the same request key (the top-up is credited once).
 *
 * data-testids: fund (page), budget, budget-loading, budget-error(-retry), amount (field;
 * error: amount-error), fund-submit, fund-done, fund-again, fund-failed, fund-retry,
 * fund-refresh, fund-edit.
 */
import { View, Text } from '@tarojs/components';
import { useStore } from 'zustand';
import { Amount, Button, Card, Field, Loading, Result, ErrorNote } from '@channel-router/ui';
import { formatFen } from '@channel-router/shared/money';
import { fundStore } from '../../services/app';
import { Screen } from '../../components/screen';
import { isRetryable } from '@channel-router/ui/kit';

export default function Fund() {
  const s = useStore(fundStore);
  const { loadBudget, setAmountText, submit, retry, reset } = fundStore.getState();

  let action;
  if (s.status === 'done' && s.amountFen !== null) {
    action = (
      <Result status='success' title='充值成功' testId='fund-done' description={`已充值 ${formatFen(s.amountFen, { grouping: true })}，奖金预算现为 ${formatFen(s.budgetAfter ?? 0, { grouping: true })}。`}>
        <Button block onClick={reset} testId='fund-again'>好的</Button>
      </Result>
    );
  } else if (s.status === 'failed' && s.error !== null) {
    const retryable = isRetryable(s.error);
    action = (
      <Result
        status='fail'
        title='充值没有完成'
        testId='fund-failed'
        description={
          retryable
            ? `${s.error.userMessage}。重试使用同一笔充值申请，不会重复入账；如要改金额，请先刷新余额，确认上一笔是否已经入账。`
            : s.error.userMessage
        }
      >
        {retryable ? <Button block variant='primary' onClick={() => void retry()} testId='fund-retry'>重试</Button> : null}
        {retryable ? <Button block onClick={() => void loadBudget()} testId='fund-refresh'>刷新余额</Button> : null}
        <Button block onClick={() => setAmountText(s.amountText)} testId='fund-edit'>修改金额</Button>
      </Result>
    );
  } else {
    action = (
      <View>
        <Field
          name='amount'
          label='充值金额（元）'
          type='amount'
          value={s.amountText}
          onChange={setAmountText}
          onConfirm={() => void submit()}
          placeholder='例如 5000'
          error={s.fieldError}
          disabled={s.status === 'submitting'}
        />
        <Text className='ad-note'>充值前会再次确认。充值记入品牌奖金预算，用于支付消费者扫码奖励、门店奖励和经销商返利；预算不足时不再发放奖励。</Text>
        <View className='ad-actions'>
          <Button block variant='primary' size='large' loading={s.status === 'submitting'} onClick={() => void submit()} testId='fund-submit'>
            充值
          </Button>
        </View>
      </View>
    );
  }

  return (
    <Screen testId='fund' title='奖金预算' subtitle='扫码奖励和返利的资金来源' access='admin' onShow={() => {
        // A top-up finished on an earlier visit is not shown again as if it had just happened.
        if (fundStore.getState().status === 'done') reset();
        void loadBudget();
      }}>
      <Card title='预算余额'>
        {s.budget.status === 'loading' ? <Loading testId='budget-loading' /> : null}
        {s.budget.status === 'error' ? <ErrorNote text={s.budget.error.userMessage} onRetry={() => void loadBudget()} testId='budget-error' /> : null}
        {s.budget.status === 'ready' ? <Amount fen={s.budget.value} size='huge' testId='budget' /> : null}
      </Card>
      {action}
    </Screen>
  );
}
