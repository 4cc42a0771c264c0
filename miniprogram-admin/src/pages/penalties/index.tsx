/*
 * Diversion penalties: pending first; settle each by deducting it from the dealer's wallet,
 * recording it as settled offline, or waiving it, each after a confirmation.
 *
 * data-testids: penalties (page), tab-pending, tab-settled, tab-waived, tab-all,
 * penalties-loading, penalties-error(-retry), penalties-empty, penalties-list,
 * penalty-<id> (card), settle-deduct, settle-offline, settle-waive (inside a card),
 * settle-busy, settle-done, settle-failed (its button: settle-failed-retry), penalties-more.
 */
import { useReachBottom } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useStore } from 'zustand';
import { Amount, Button, Card, Empty, Loading, Tabs, Tag, type TagTone, ErrorNote } from '@channel-router/ui';
import type { PenaltyStatus } from '@channel-router/shared/api';
import { currentNames, directoryStore, penaltiesStore, settleStore } from '../../services/app';
import { Screen } from '../../components/screen';
import { groupedCode, label, PENALTY_STATUS_LABELS, RESOLUTION_LABELS, timeText } from '../../stores/labels';
import { MAX_PAGES } from '../../stores/paged';
import { PENALTY_FILTER_TABS, RESOLUTIONS } from '../../stores/penalties';

const STATUS_TONE: Record<PenaltyStatus, TagTone> = { pending: 'warning', settled: 'success', waived: 'default' };
const SHORT: Record<(typeof RESOLUTIONS)[number], string> = { deduct: '扣款', offline: '线下结清', waive: '免除' };

export default function Penalties() {
  const s = useStore(penaltiesStore);
  const act = useStore(settleStore);
  useStore(directoryStore, (d) => d.orgs);
  const names = currentNames();
  useReachBottom(() => void penaltiesStore.getState().loadMore());

  return (
    <Screen
      testId='penalties'
      title='窜货罚款'
      subtitle='门店售出窜货商品时，记在被窜货的经销商名下'
      access='admin'
      onShow={() => {
        settleStore.getState().dismiss();
        void directoryStore.getState().load();
        void penaltiesStore.getState().load();
      }}
    >
      <Tabs value={s.filter} options={PENALTY_FILTER_TABS} onChange={(f) => void penaltiesStore.getState().load(f)} />
      {/* The outcome stays above the list: a settled penalty leaves the 「待处理」 list at once. */}
      {act.done !== null ? (
        <View className='ad-success' data-testid='settle-done'>
          <Text>已处理：{RESOLUTION_LABELS[act.done.action]}</Text>
          <Text className='ad-success__close' onClick={() => settleStore.getState().dismiss()}>✕</Text>
        </View>
      ) : null}
      {act.failed !== null ? (
        <ErrorNote
          text={`${RESOLUTION_LABELS[act.failed.action]}没有完成：${act.failed.error.userMessage}`}
          onRetry={act.failed.retryable ? () => void settleStore.getState().retry() : () => settleStore.getState().dismiss()}
          retryText={act.failed.retryable ? '重试' : '知道了'}
          testId='settle-failed'
        />
      ) : null}
      {s.status === 'loading' ? <Loading testId='penalties-loading' /> : null}
      {s.status === 'error' && s.error !== null ? <ErrorNote text={s.error.userMessage} onRetry={() => void penaltiesStore.getState().load()} testId='penalties-error' /> : null}
      {s.status === 'ready' && s.items.length === 0 ? (
        <Empty title={s.filter === 'pending' ? '没有待处理的罚款' : '没有罚款记录'} testId='penalties-empty' />
      ) : null}
      {s.status === 'ready' && s.items.length > 0 ? (
        <View data-testid='penalties-list'>
          {s.items.map((p) => {
            const busy = act.busy?.id === p.id;
            return (
              <Card key={p.id} title={names.org(p.dealerId)} extra={<Tag tone={STATUS_TONE[p.status] ?? 'default'}>{label(PENALTY_STATUS_LABELS, p.status)}</Tag>} testId={`penalty-${p.id}`}>
                <Amount fen={p.amount} size='large' />
                <View className='ad-kv'><Text className='ad-kv__label'>数量</Text><Text className='ad-kv__value'>{p.quantity} 件</Text></View>
                <View className='ad-kv'><Text className='ad-kv__label'>码</Text><Text className='ad-kv__value ad-mono'>{groupedCode(p.code)}</Text></View>
                <View className='ad-kv'><Text className='ad-kv__label'>时间</Text><Text className='ad-kv__value'>{timeText(p.at)}</Text></View>
                {p.status === 'pending' ? (
                  <View className='ad-row-buttons'>
                    {RESOLUTIONS.map((r) => (
                      <Button
                        key={r}
                        size='small'
                        variant={r === 'deduct' ? 'primary' : 'default'}
                        loading={busy && act.busy?.action === r}
                        disabled={act.busy !== null && !busy}
                        onClick={() => void settleStore.getState().act(p.id, r)}
                        testId={`settle-${r}`}
                      >
                        {SHORT[r]}
                      </Button>
                    ))}
                  </View>
                ) : null}
              </Card>
            );
          })}
          {s.more === 'loading' ? <Loading /> : null}
          {s.more === 'error' && s.error !== null ? <ErrorNote text={s.error.userMessage} onRetry={() => void penaltiesStore.getState().loadMore()} /> : null}
          {s.more === 'idle' && s.cursor !== null && s.pages < MAX_PAGES ? (
            <View className='ad-more'>
              <Button variant='plain' onClick={() => void penaltiesStore.getState().loadMore()} testId='penalties-more'>加载更多</Button>
            </View>
          ) : null}
        </View>
      ) : null}
      {act.busy !== null ? <Text className='ad-note' data-testid='settle-busy'>正在处理…</Text> : null}
    </Screen>
  );
}
