/**
 * Inviting: the owner picks whom (own staff: 员工 / 业务员; or the owner of a store or wholesaler
 * it supplies), gets a code shown big, and copies it into a chat.
 * Test ids: invite, invite-staff-clerk, invite-staff-salesperson, invite-owner-<orgId>,
 * invite-targets-loading, invite-targets-error, invite-targets-error-retry, invite-targets-empty,
 * invite-create, invite-message, invite-failed, invite-retry, invite-done, invite-code,
 * invite-for, invite-expires, invite-app, invite-copy, invite-another.
 * Before the org is known: the gate's ids (components/org-gate.tsx).
 */
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { Button, Card, Cell, Empty, Header, List, Loading, Page, Result, Tag, toast, ErrorNote } from '@channel-router/ui';
import { downstreamStore, inviteStore } from '../../services/app';
import { OrgGate } from '../../components/org-gate';
import { onBackH5 } from '../../components/nav';
import { groupCode, type InviteChoice } from '../../stores/invite';
import { orgKindLabel, regionLabel, timeLabel } from '../../stores/labels';
import type { OrgMembership } from '../../stores/org';

function same(a: InviteChoice | null, b: InviteChoice): boolean {
  if (a === null || a.kind !== b.kind) return false;
  return a.kind === 'staff' ? a.role === (b as typeof a).role : a.orgId === (b as typeof a).orgId;
}

function Invite({ m }: { m: OrgMembership }) {
  const s = useStore(inviteStore);
  const orgs = useStore(downstreamStore, (d) => d.orgs);
  const orgsFor = useStore(downstreamStore, (d) => d.orgId);
  const { choose, create, reset } = inviteStore.getState();
  useEffect(() => {
    inviteStore.getState().bind(m.orgId, m.orgName);
    void downstreamStore.getState().load(m.orgId);
  }, [m.orgId, m.orgName]);

  if (s.status === 'done' && s.result !== null) {
    const r = s.result;
    const copy = () => {
      Taro.setClipboardData({ data: r.inviteCode })
        .then(() => toast('已复制邀请码', 'success'))
        .catch(() => toast('复制失败，请手动抄写'));
    };
    return (
      <Result status='success' title='邀请码' testId='invite-done' description={
        <View className='dl-invite'>
          <Text className='dl-invite__code' data-testid='invite-code' data-code={r.inviteCode}>{groupCode(r.inviteCode)}</Text>
          <Text className='dl-invite__for' data-testid='invite-for'>邀请：{r.forWhom}</Text>
          <Text className='dl-hint' data-testid='invite-app'>
            请对方打开「{r.app === 'terminal' ? '门店' : '经销商'}」小程序，输入这个邀请码加入。邀请码只能使用一次。
          </Text>
          {r.expiresAt !== null ? <Text className='dl-hint' data-testid='invite-expires'>有效期至 {timeLabel(r.expiresAt)}</Text> : null}
        </View>
      }>
        <Button block variant='primary' onClick={copy} testId='invite-copy'>复制邀请码</Button>
        <Button block onClick={reset} testId='invite-another'>再邀请一位</Button>
      </Result>
    );
  }

  const staff: Array<{ role: 'clerk' | 'salesperson'; title: string; label: string }> = [
    { role: 'salesperson', title: '业务员', label: '跑门店、扫码发货' },
    { role: 'clerk', title: '员工', label: '仓库收货、发货' },
  ];
  const picked = (c: InviteChoice) => (same(s.choice, c) ? <Tag tone='success'>已选</Tag> : undefined);

  const downstream = () => {
    if (orgsFor !== m.orgId || orgs.status === 'idle' || orgs.status === 'loading') return <Loading testId='invite-targets-loading' />;
    if (orgs.status === 'error') return <ErrorNote text={orgs.error.userMessage} onRetry={() => void downstreamStore.getState().load(m.orgId)} testId='invite-targets-error' />;
    if (orgs.value.length === 0) return <Empty title='还没有下游门店或批发商' description='品牌添加下游单位后，可在这里邀请它们的老板' testId='invite-targets-empty' />;
    return (
      <List title='邀请下游老板'>
        {orgs.value.map((o) => {
          const c: InviteChoice = { kind: 'owner', orgId: o.id, orgName: o.name, orgKind: o.kind === 'wholesaler' ? 'wholesaler' : 'store' };
          return <Cell key={o.id} title={`${o.name} 老板`} label={`${orgKindLabel(o.kind)} · ${regionLabel(o.regionCode)}`} value={picked(c)} onClick={() => choose(c)} testId={`invite-owner-${o.id}`} />;
        })}
      </List>
    );
  };

  return (
    <View>
      <List title={`邀请 ${m.orgName} 的员工`}>
        {staff.map((x) => {
          const c: InviteChoice = { kind: 'staff', role: x.role };
          return <Cell key={x.role} title={x.title} label={x.label} value={picked(c)} onClick={() => choose(c)} testId={`invite-staff-${x.role}`} />;
        })}
      </List>
      {downstream()}
      {s.status === 'failed' && s.message !== null ? (
        <Result status='fail' title='没有生成邀请码' description={s.message} testId='invite-failed'>
          <Button block variant='primary' onClick={() => void create()} testId='invite-retry'>重试</Button>
        </Result>
      ) : null}
      <Card className='dl-submit'>
        {s.status !== 'failed' && s.message !== null ? <Text className='dl-submit__message' data-testid='invite-message'>{s.message}</Text> : null}
        <Button block variant='primary' size='large' loading={s.status === 'submitting'} onClick={() => void create()} testId='invite-create'>
          生成邀请码
        </Button>
      </Card>
    </View>
  );
}

export default function InvitePage() {
  return (
    <Page testId='invite'>
      <OrgGate title='邀请' need='invite'>
        {(m) => (
          <>
            <Header title='邀请' subtitle='每个邀请码只能使用一次' onBack={onBackH5} />
            <Invite m={m} />
          </>
        )}
      </OrgGate>
    </Page>
  );
}
