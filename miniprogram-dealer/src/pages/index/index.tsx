/**
 * Home: who I am, the org I act for (chosen here when there are several), and what I can do for
 * it, with the unsent scan lists counted.
 * Test ids: dealer-home, org-loading, org-error, org-error-retry, no-org, go-join, choose-org,
 * choose-<orgId>, current-org, current-org-name, current-org-role, switch-org, flow-<key>, flow-promo, flow-my-rebates,
 * pending-receive, pending-ship, join-more, store-member-note.
 */
import { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { Button, Card, Cell, Empty, Header, List, Loading, Page, SellEntry, Tag, useRequireLogin, ErrorNote } from '@channel-router/ui';
import { SELL_PAGES } from '@channel-router/ui/kit';
import { client, orgStore, receiveList, shipList } from '../../services/app';
import { abilitiesOf, currentMembership, type Abilities } from '../../stores/org';
import { orgKindLabel, roleLabel } from '../../stores/labels';
import { go, PAGES } from '../../components/nav';

const FLOWS: ReadonlyArray<{ key: keyof Abilities; title: string; description: string; url: string }> = [
  { key: 'receive', title: '收货', description: '连续扫描品牌（或上级）发来的货，一次提交', url: PAGES.receive },
  { key: 'ship', title: '发货', description: '选择下游门店或批发商，扫码发货', url: PAGES.ship },
  { key: 'stock', title: '库存', description: '本单位收到且尚未发出的货', url: PAGES.stock },
  { key: 'wallet', title: '返利', description: '动销返利余额、明细与提现', url: PAGES.rebates },
  { key: 'alerts', title: '窜货预警', description: '本单位的货在区域外出现的记录', url: PAGES.alerts },
  { key: 'penalties', title: '窜货罚款', description: '品牌对本单位记录的罚款', url: PAGES.penalties },
  { key: 'invite', title: '邀请', description: '邀请本单位员工，或下游门店、批发商的老板', url: PAGES.invite },
];

export default function Home() {
  const ready = useRequireLogin('dealer');
  const me = useStore(orgStore, (s) => s.me);
  const memberships = useStore(orgStore, (s) => s.memberships);
  const others = useStore(orgStore, (s) => s.otherMemberships);
  const currentOrgId = useStore(orgStore, (s) => s.currentOrgId);
  const pendingReceive = useStore(receiveList, (s) => s.entries.length);
  const pendingShip = useStore(shipList, (s) => s.entries.length);
  const membership = currentMembership({ memberships, currentOrgId });

  useDidShow(() => {
    if (ready) void orgStore.getState().load();
  });
  // The home counts what is waiting in the lists of the org acted for.
  useEffect(() => {
    receiveList.getState().bind(currentOrgId);
    shipList.getState().bind(currentOrgId);
  }, [currentOrgId]);

  const body = () => {
    if (!ready || me.status === 'idle' || me.status === 'loading') return <Loading testId='org-loading' />;
    if (me.status === 'error') return <ErrorNote text={me.error.userMessage} onRetry={() => void orgStore.getState().load()} testId='org-error' />;
    if (memberships.length === 0) {
      return (
        <Empty title='还没有加入经销商或批发商' description='请向品牌或上级经销商索取邀请码，输入后即可开始收发货' testId='no-org'>
          <Button variant='primary' onClick={() => go(PAGES.join)} testId='go-join'>输入邀请码加入</Button>
          {others > 0 ? <Text className='dl-note' data-testid='store-member-note'>您是门店成员：门店的收货、库存请使用门店小程序。</Text> : null}
        </Empty>
      );
    }
    if (membership === null) {
      return (
        <List title='请选择当前单位' testId='choose-org'>
          {memberships.map((m) => (
            <Cell key={m.orgId} title={m.orgName} label={`${orgKindLabel(m.kind)} · ${roleLabel(m.role)}`} onClick={() => orgStore.getState().select(m.orgId)} testId={`choose-${m.orgId}`} />
          ))}
        </List>
      );
    }
    const can = abilitiesOf(membership);
    const pending: Partial<Record<keyof Abilities, number>> = { receive: pendingReceive, ship: pendingShip };
    return (
      <View>
        <Card
          title='当前单位'
          testId='current-org'
          extra={
            memberships.length > 1 ? (
              <Text className='dl-link' onClick={() => go(PAGES.orgs)} data-testid='switch-org'>
                切换
              </Text>
            ) : undefined
          }
        >
          <View className='cr-row cr-row--between'>
            <Text className='dl-org-name' data-testid='current-org-name'>{membership.orgName}</Text>
            <Tag tone='primary' testId='current-org-role'>
              {orgKindLabel(membership.kind)} · {roleLabel(membership.role)}
            </Tag>
          </View>
        </Card>
        <List title='销售'>
          <SellEntry client={client} seller={{ orgId: membership.orgId, name: membership.orgName, kind: membership.kind }} onOpen={() => go(SELL_PAGES.hub)} />
        </List>
        <List title='功能'>
          <Cell title='订货' label='向品牌（上级）订货、我的订单、发货通知、余额' onClick={() => go(PAGES.buyCatalog)} testId='flow-buy' />
          {FLOWS.filter((f) => can[f.key]).map((f) => {
            const waiting = pending[f.key] ?? 0;
            return (
              <Cell
                key={f.key}
                title={f.title}
                label={f.description}
                value={waiting > 0 ? <Tag tone='warning' testId={`pending-${f.key}`}>{waiting} 个码未提交</Tag> : undefined}
                onClick={() => go(f.url)}
                testId={`flow-${f.key}`}
              />
            );
          })}
        </List>
        <List title='促销与返利'>
          <Cell title='促销与返利政策' label='我的促销、返利政策、对账单审批、清分单据' onClick={() => go(PAGES.promo)} testId='flow-promo' />
          <Cell title='我的返利' label='上级按返利政策给本单位的对账单和返利余额' onClick={() => go(PAGES.myRebates)} testId='flow-my-rebates' />
        </List>
        <View className='dl-foot'>
          <Text className='dl-link' onClick={() => go(PAGES.join)} data-testid='join-more'>
            收到其他单位的邀请码？点此加入
          </Text>
        </View>
      </View>
    );
  };

  return (
    <Page testId='dealer-home'>
      <Header title='经销商' subtitle='收货 · 发货 · 库存 · 返利 · 窜货预警' />
      {body()}
    </Page>
  );
}
