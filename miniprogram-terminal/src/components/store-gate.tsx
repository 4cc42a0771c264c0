import { View, Text } from '@tarojs/components';
import { useEffect, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useDidShow } from '@tarojs/taro';
import { Button, Empty, Loading, useRequireLogin } from '@channel-router/ui';
import { sessionStore } from '../services/app';
import { currentStore, isOwner, type StoreMembership } from '../stores/session';
import { go, PAGES } from '../services/nav';

/**
 * The identity every store screen needs: who is holding the phone and for which store. Shows the
 * loading, error, "join a store first" and "owner only" states, and the page once there is a store.
 * testIds: me-loading, me-error, me-retry, no-store, go-join, owner-only
 */
export function StoreGate({ ownerOnly, refreshOnShow, children }: { ownerOnly?: boolean; refreshOnShow?: boolean; children: (store: StoreMembership) => ReactNode }) {
  const login = useRequireLogin('terminal');
  const me = useStore(sessionStore, (s) => s.me);
  const orgId = useStore(sessionStore, (s) => s.orgId);
  useEffect(() => {
    if (login && sessionStore.getState().me.status !== 'ready') void sessionStore.getState().load();
  }, [login]);
  useDidShow(() => {
    if (refreshOnShow === true && login && sessionStore.getState().me.status === 'ready') void sessionStore.getState().load();
  });

  if (!login || me.status === 'loading' || me.status === 'idle') return <Loading testId='me-loading' />;
  if (me.status === 'error') {
    return (
      <View className='t-error' data-testid='me-error'>
        <Text>{me.error.userMessage}</Text>
        <Button size='small' onClick={() => void sessionStore.getState().load()} testId='me-retry'>重试</Button>
      </View>
    );
  }
  const store = currentStore({ me, orgId });
  if (store === null) {
    const other = me.value.others[0];
    return (
      <Empty
        title='还没有加入门店'
        description={other === undefined ? '请向店主索取邀请码，加入后即可扫码入库。' : `您是「${other.orgName}」的成员。门店助手供门店老板、店员和导购使用，如需加入门店请输入邀请码。`}
        testId='no-store'
      >
        <Button variant='primary' onClick={() => go(PAGES.join)} testId='go-join'>输入邀请码加入门店</Button>
      </Empty>
    );
  }
  if (ownerOnly === true && !isOwner(store)) {
    return <Empty title='仅店主可查看' description='门店钱包和门店奖励只有店主能查看和提现。如需查看，请联系店主。' testId='owner-only' />;
  }
  return <>{children(store)}</>;
}
