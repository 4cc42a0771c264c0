/**
 * Every feature page acts for one org: this gate waits for who-am-I, and shows what to do when
 * there is no org yet (join), none chosen (choose), or the person's role does not allow the page.
 * Test ids (on every feature page): org-loading, org-error, org-error-retry, no-org, go-join,
 * go-home, not-allowed.
 */
import { useEffect, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { Button, Empty, Header, Loading, useRequireLogin, ErrorNote } from '@channel-router/ui';
import { orgStore } from '../services/app';
import { abilitiesOf, currentMembership, type Abilities, type OrgMembership } from '../stores/org';
import { go, home, onBackH5, PAGES } from './nav';

export function useCurrentOrg() {
  const ready = useRequireLogin('dealer');
  const me = useStore(orgStore, (s) => s.me);
  const memberships = useStore(orgStore, (s) => s.memberships);
  const currentOrgId = useStore(orgStore, (s) => s.currentOrgId);
  useEffect(() => {
    if (ready && orgStore.getState().me.status === 'idle') void orgStore.getState().load();
  }, [ready]);
  return { ready, me, memberships, membership: currentMembership({ memberships, currentOrgId }) };
}

const NOT_ALLOWED: Readonly<Record<keyof Abilities, string>> = {
  receive: '您不能为这个单位收货',
  ship: '您不能为这个单位发货',
  stock: '您不能查看这个单位的库存',
  wallet: '只有老板可以查看和提现单位的返利',
  alerts: '窜货预警只对经销商老板开放',
  penalties: '窜货罚款只对经销商老板开放',
  invite: '只有老板可以邀请员工和下游老板',
};

export function OrgGate({ title, need, children }: { title: string; need?: keyof Abilities; children: (m: OrgMembership) => ReactNode }) {
  const { ready, me, memberships, membership } = useCurrentOrg();
  const blocked = (body: ReactNode) => (
    <>
      <Header title={title} onBack={onBackH5} />
      {body}
    </>
  );
  if (!ready || me.status === 'idle' || me.status === 'loading') return blocked(<Loading testId='org-loading' />);
  if (me.status === 'error') return blocked(<ErrorNote text={me.error.userMessage} onRetry={() => void orgStore.getState().load()} testId='org-error' />);
  if (membership === null) {
    return blocked(
      memberships.length === 0 ? (
        <Empty title='还没有加入经销商或批发商' description='请向品牌或上级经销商索取邀请码' testId='no-org'>
          <Button variant='primary' onClick={() => go(PAGES.join)} testId='go-join'>输入邀请码加入</Button>
        </Empty>
      ) : (
        <Empty title='请先选择当前单位' description='您属于多个单位，请先选择要为哪个单位操作' testId='no-org'>
          <Button variant='primary' onClick={home} testId='go-home'>去选择</Button>
        </Empty>
      ),
    );
  }
  if (need !== undefined && !abilitiesOf(membership)[need]) {
    return blocked(
      <Empty title={NOT_ALLOWED[need]} description={`您在 ${membership.orgName} 的身份不包含这项功能`} testId='not-allowed'>
        <Button onClick={home} testId='go-home'>返回首页</Button>
      </Empty>,
    );
  }
  return <>{children(membership)}</>;
}
