/**
 * Rewards the store earned when consumers scanned goods it sold (store_reward entries).
 * testIds: rewards, rewards-loading, rewards-total, rewards-count, rewards-list, reward-<key>,
 *   rewards-empty, rewards-error, rewards-retry, rewards-more, rewards-go-wallet
 *   (from StoreGate) me-loading, me-error, me-retry, no-store, go-join, owner-only
 */
import { View, Text } from '@tarojs/components';
import { useEffect } from 'react';
import { useReachBottom } from '@tarojs/taro';
import { useStore } from 'zustand';
import { Amount, Button, Card, Cell, Empty, Header, List, Loading, Page } from '@channel-router/ui';
import { rewardsStore } from '../../services/app';
import { StoreGate } from '../../components/store-gate';
import { go, onBackIfH5, PAGES } from '../../services/nav';
import { codeTail, timeLabel } from '../../stores/labels';
import type { StoreMembership } from '../../stores/session';

function RewardsScreen({ store }: { store: StoreMembership }) {
  const s = useStore(rewardsStore);
  useEffect(() => void rewardsStore.getState().load(store.orgId), [store.orgId]);
  useReachBottom(() => void rewardsStore.getState().loadMore());
  const first = s.status === 'loading' && s.rewards.length === 0;

  return (
    <View>
      <Card title={`${store.orgName} · 门店奖励`}>
        {first ? <Loading testId='rewards-loading' /> : (
          <View>
            <Amount fen={s.totalFen} size='huge' testId='rewards-total' />
            <Text className='t-hint t-hint--flush' data-testid='rewards-count'>
              {s.complete ? `共 ${s.rewards.length} 笔奖励` : `已加载 ${s.rewards.length} 笔奖励，向下滑动加载更多`}
            </Text>
          </View>
        )}
      </Card>
      {s.rewards.length > 0 ? (
        <List title='奖励明细' testId='rewards-list'>
          {s.rewards.map((r) => (
            <Cell key={r.key} title='消费者扫码 · 门店奖励' label={`${timeLabel(r.at)} · 商品码 ${codeTail(r.ref, 4)}`} value={<Amount fen={r.amount} signed />} testId={`reward-${r.key}`} />
          ))}
        </List>
      ) : null}
      {s.status === 'idle' && s.complete && s.rewards.length === 0 ? (
        <Empty title='还没有门店奖励' description='本店入库的商品卖出后，消费者扫瓶盖码领奖时，门店会获得奖励。' testId='rewards-empty' />
      ) : null}
      {s.status === 'loading' && !first ? <Loading /> : null}
      {s.status === 'error' && s.error !== null ? (
        <View className='t-error' data-testid='rewards-error'>
          <Text>{s.error.code === 'FORBIDDEN' ? '只有店主可以查看门店奖励' : s.error.userMessage}</Text>
          <Button size='small' onClick={() => void rewardsStore.getState().loadMore()} testId='rewards-retry'>重试</Button>
        </View>
      ) : null}
      {s.status === 'idle' && !s.complete ? (
        <View className='t-more'>
          <Button variant='plain' onClick={() => void rewardsStore.getState().loadMore()} testId='rewards-more'>加载更多</Button>
        </View>
      ) : null}
      <View className='t-more'>
        <Button variant='plain' onClick={() => go(PAGES.wallet)} testId='rewards-go-wallet'>去门店钱包提现 ›</Button>
      </View>
    </View>
  );
}

export default function Rewards() {
  return (
    <Page testId='rewards'>
      <Header title='奖励记录' subtitle='消费者扫码后门店获得的奖励' onBack={onBackIfH5} />
      <StoreGate ownerOnly>{(store) => <RewardsScreen store={store} />}</StoreGate>
    </Page>
  );
}
