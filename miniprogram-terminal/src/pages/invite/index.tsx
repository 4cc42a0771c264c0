/**
 * The owner invites staff: choose 店员 or 导购, get a one-time code to pass on.
 * testIds: invite, tab-clerk, tab-guide, invite-create, invite-code, invite-copy, invite-another,
 *   invite-failed, invite-retry
 *   (from StoreGate) me-loading, me-error, me-retry, no-store, go-join, owner-only
 */
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useStore } from 'zustand';
import { Button, Card, Header, Page, Result, Tabs, toast } from '@channel-router/ui';
import { inviteStore } from '../../services/app';
import { StoreGate } from '../../components/store-gate';
import { onBackIfH5 } from '../../services/nav';
import { displayInvite, STAFF_ROLES } from '../../stores/invite';
import { timeLabel } from '../../stores/labels';
import type { StoreMembership } from '../../stores/session';

function InviteScreen({ store }: { store: StoreMembership }) {
  const role = useStore(inviteStore, (s) => s.role);
  const phase = useStore(inviteStore, (s) => s.phase);
  const { setRole, create, reset } = inviteStore.getState();
  const roleLabel = STAFF_ROLES.find((r) => r.key === role)?.label ?? '店员';

  const copy = (code: string) => {
    Taro.setClipboardData({ data: code })
      .then(() => toast('已复制', 'success'))
      .catch(() => toast('复制失败，请手动抄写'));
  };

  return (
    <View>
      <Tabs value={role} options={STAFF_ROLES} onChange={setRole} />
      {phase.kind === 'created' ? (
        <Result status='success' title={`${roleLabel}邀请码`} testId='invite-done' description={
          <View className='t-lines'>
            <Text className='t-invite-code' data-testid='invite-code'>{displayInvite(phase.inviteCode)}</Text>
            <Text className='t-line'>请对方打开门店助手，点「加入门店」输入此码，即可加入「{store.orgName}」。</Text>
            <Text className='t-line'>只能使用一次{phase.expiresAt !== null ? `，${timeLabel(phase.expiresAt)} 前有效` : ''}。</Text>
          </View>
        }>
          <Button block variant='primary' onClick={() => copy(phase.inviteCode)} testId='invite-copy'>复制邀请码</Button>
          <Button block onClick={reset} testId='invite-another'>再邀请一位</Button>
        </Result>
      ) : phase.kind === 'failed' ? (
        <Result status='fail' title='没有生成邀请码' description={phase.error.userMessage} testId='invite-failed'>
          {phase.retryable ? <Button block variant='primary' onClick={() => void create(store.orgId)} testId='invite-retry'>重试</Button> : null}
          <Button block onClick={reset}>返回</Button>
        </Result>
      ) : (
        <Card>
          <Text className='t-hint t-hint--flush'>
            {role === 'clerk' ? '店员可以扫码入库、拆箱、查看库存。' : '导购可以扫码入库、拆箱、查看库存，协助消费者扫码领奖。'}门店钱包仅店主可见。
          </Text>
          <View className='t-actions'>
            <Button block variant='primary' size='large' loading={phase.kind === 'creating'} onClick={() => void create(store.orgId)} testId='invite-create'>
              生成{roleLabel}邀请码
            </Button>
          </View>
        </Card>
      )}
    </View>
  );
}

export default function Invite() {
  return (
    <Page testId='invite'>
      <Header title='邀请店员' subtitle='生成一次性邀请码，发给新同事' onBack={onBackIfH5} />
      <StoreGate ownerOnly>{(store) => <InviteScreen store={store} />}</StoreGate>
    </Page>
  );
}
