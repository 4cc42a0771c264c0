/**
 * Home: which store, the person's role, and what they can do there.
 * testIds: terminal-home, store-card, store-name, store-role, store-option-<orgId>,
 *   go-receive, receive-pending, go-open, go-stock, go-wallet, go-rewards, go-invite, go-join-more,
 *   (from StoreGate) me-loading, me-error, me-retry, no-store, go-join
 */
import { View, Text } from '@tarojs/components';
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { Button, Card, Cell, Header, List, Page, Tag, ROLE_LABELS } from '@channel-router/ui';
import { receiveStore, sessionStore } from '../../services/app';
import { StoreGate } from '../../components/store-gate';
import { go, PAGES } from '../../services/nav';
import { isOwner, type StoreMembership } from '../../stores/session';

function StoreHome({ store }: { store: StoreMembership }) {
  const me = useStore(sessionStore, (s) => s.me);
  const pendingOrg = useStore(receiveStore, (s) => s.orgId);
  const pending = useStore(receiveStore, (s) => s.entries.length);
  const stores = me.status === 'ready' ? me.value.stores : [];
  const owner = isOwner(store);
  // Restores a list scanned earlier (even before the app was closed), to remind the person.
  useEffect(() => receiveStore.getState().bind(store.orgId), [store.orgId]);
  return (
    <View>
      <Card testId='store-card' title='当前门店' extra={<Tag tone='primary' testId='store-role'>{ROLE_LABELS[store.role] ?? '成员'}</Tag>}>
        <Text className='t-store-name' data-testid='store-name'>{store.orgName}</Text>
        {stores.length > 1 ? (
          <View className='t-store-options'>
            {stores.map((s) => (
              <Text
                key={s.orgId}
                className={s.orgId === store.orgId ? 't-chip t-chip--active' : 't-chip'}
                onClick={() => sessionStore.getState().select(s.orgId)}
                data-testid={`store-option-${s.orgId}`}
              >
                {s.orgName}
              </Text>
            ))}
          </View>
        ) : null}
      </Card>

      <View className='t-hero'>
        <Button variant='primary' size='large' block onClick={() => go(PAGES.receive)} testId='go-receive'>
          扫码入库
        </Button>
        {pendingOrg === store.orgId && pending > 0 ? (
          <Text className='t-hero__note' data-testid='receive-pending'>清单中还有 {pending} 个码未提交</Text>
        ) : (
          <Text className='t-hero__note'>连续扫描到货的箱、盒，一次提交入库</Text>
        )}
      </View>

      <List title='门店功能'>
        <Cell title='订货' label='向供货商订货、我的订单、发货通知' onClick={() => go(PAGES.orderCatalog)} testId='go-order' />
        <Cell title='拆箱' label='标记整箱（整盒）已拆开' onClick={() => go(PAGES.open)} testId='go-open' />
        <Cell title='库存' label='本店已入库的货' onClick={() => go(PAGES.stock)} testId='go-stock' />
        {owner ? <Cell title='门店钱包' label='门店奖励余额、提现' onClick={() => go(PAGES.wallet)} testId='go-wallet' /> : null}
        {owner ? <Cell title='奖励记录' label='消费者扫码后门店获得的奖励' onClick={() => go(PAGES.rewards)} testId='go-rewards' /> : null}
        {owner ? <Cell title='我的返利' label='供货方结算给本店的返利对账单和余额' onClick={() => go(PAGES.myRebates)} testId='go-my-rebates' /> : null}
        {owner ? <Cell title='邀请店员' label='生成邀请码，让店员、导购加入本店' onClick={() => go(PAGES.invite)} testId='go-invite' /> : null}
      </List>
      {!owner ? <Text className='t-hint'>门店钱包和奖励记录仅店主可见。</Text> : null}

      <List>
        <Cell title='加入其他门店' label='使用邀请码' onClick={() => go(PAGES.join)} testId='go-join-more' />
      </List>
    </View>
  );
}

export default function Home() {
  return (
    <Page testId='terminal-home'>
      <Header title='门店助手' subtitle='扫码入库 · 拆箱 · 库存 · 门店奖励' />
      <StoreGate refreshOnShow>{(store) => <StoreHome store={store} />}</StoreGate>
    </Page>
  );
}
