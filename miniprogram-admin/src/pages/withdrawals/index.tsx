/*
 * Withdrawals to approve or reject, each after a confirmation (approving pays out).
 *
 * data-testids: withdrawals (page), tab-requested, tab-paid, tab-rejected, tab-failed, tab-all,
 * withdrawals-loading, withdrawals-error(-retry), withdrawals-empty, withdrawals-list,
 * withdrawal-<id> (card), approve, reject (inside a card), decision-done,
 * decision-failed (its button: decision-failed-retry).
 */
import { View, Text } from '@tarojs/components';
import { useStore } from 'zustand';
import { Amount, Button, Card, Empty, Loading, Tabs, Tag, ErrorNote } from '@channel-router/ui';
import { currentNames, decisionStore, directoryStore, withdrawalsStore } from '../../services/app';
import { Screen } from '../../components/screen';
import { label, timeText, WITHDRAWAL_STATUS_LABELS } from '../../stores/labels';
import { decisionResultText, decisionsFor, payeeText, STATUS_TONE, WITHDRAWAL_FILTER_TABS } from '../../stores/withdrawals';

export default function Withdrawals() {
  const filter = useStore(withdrawalsStore, (s) => s.filter);
  const list = useStore(withdrawalsStore, (s) => s.list);
  const act = useStore(decisionStore);
  useStore(directoryStore, (d) => d.orgs);
  const names = currentNames();

  return (
    <Screen
      testId='withdrawals'
      title='提现审批'
      subtitle='消费者、门店和经销商的提现申请'
      access='admin'
      onShow={() => {
        decisionStore.getState().dismiss();
        void directoryStore.getState().load();
        void withdrawalsStore.getState().load();
      }}
    >
      <Tabs value={filter} options={WITHDRAWAL_FILTER_TABS} onChange={(f) => void withdrawalsStore.getState().load(f)} />
      {act.done !== null ? (
        <View className='ad-success' data-testid='decision-done'>
          <Text>{decisionResultText(act.done.action, act.done.result.status)}</Text>
          <Text className='ad-success__close' onClick={() => decisionStore.getState().dismiss()}>✕</Text>
        </View>
      ) : null}
      {act.failed !== null ? (
        <ErrorNote
          text={`${act.failed.action === 'approve' ? '批准' : '驳回'}没有完成：${act.failed.error.userMessage}`}
          onRetry={act.failed.retryable ? () => void decisionStore.getState().retry() : () => decisionStore.getState().dismiss()}
          retryText={act.failed.retryable ? '重试' : '知道了'}
          testId='decision-failed'
        />
      ) : null}

      {list.status === 'loading' ? <Loading testId='withdrawals-loading' /> : null}
      {list.status === 'error' ? <ErrorNote text={list.error.userMessage} onRetry={() => void withdrawalsStore.getState().load()} testId='withdrawals-error' /> : null}
      {list.status === 'ready' && list.value.length === 0 ? (
        <Empty title={filter === 'requested' ? '没有待审批的提现' : '没有提现记录'} testId='withdrawals-empty' />
      ) : null}
      {list.status === 'ready' && list.value.length > 0 ? (
        <View data-testid='withdrawals-list'>
          {list.value.map((w) => {
            const busy = act.busy?.id === w.id;
            return (
              <Card key={w.id} title={payeeText(w.owner, names)} extra={<Tag tone={STATUS_TONE[w.status] ?? 'default'}>{label(WITHDRAWAL_STATUS_LABELS, w.status)}</Tag>} testId={`withdrawal-${w.id}`}>
                <Amount fen={w.amount} size='large' />
                <View className='ad-kv'><Text className='ad-kv__label'>申请人</Text><Text className='ad-kv__value'>{w.requestedBy}</Text></View>
                <View className='ad-kv'><Text className='ad-kv__label'>申请时间</Text><Text className='ad-kv__value'>{timeText(w.requestedAt)}</Text></View>
                {w.reason !== null ? (
                  <View className='ad-kv'><Text className='ad-kv__label'>说明</Text><Text className='ad-kv__value'>{w.status === 'failed' ? '打款未成功，可驳回退回余额' : w.reason}</Text></View>
                ) : null}
                {decisionsFor(w.status).length > 0 ? (
                  <View className='ad-row-buttons'>
                    {decisionsFor(w.status).map((d) => (
                      <Button
                        key={d}
                        size='small'
                        variant={d === 'approve' ? 'primary' : 'default'}
                        loading={busy && act.busy?.action === d}
                        disabled={act.busy !== null && !busy}
                        onClick={() => void decisionStore.getState().act(w.id, d)}
                        testId={d}
                      >
                        {d === 'approve' ? '批准' : '驳回'}
                      </Button>
                    ))}
                  </View>
                ) : null}
              </Card>
            );
          })}
        </View>
      ) : null}
    </Screen>
  );
}
