/**
 * Choosing the org to act for, among the person's dealer and wholesaler memberships.
 * Test ids: orgs, org-loading, org-error, org-error-retry, org-list, org-<orgId>,
 * org-current-<orgId>, go-join.
 */
import { View } from '@tarojs/components';
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { Button, Cell, Header, List, Loading, Page, Tag, toast, useRequireLogin, ErrorNote } from '@channel-router/ui';
import { orgStore } from '../../services/app';
import { orgKindLabel, roleLabel } from '../../stores/labels';
import { back, go, onBackH5, PAGES } from '../../components/nav';

export default function Orgs() {
  const ready = useRequireLogin('dealer');
  const me = useStore(orgStore, (s) => s.me);
  const memberships = useStore(orgStore, (s) => s.memberships);
  const currentOrgId = useStore(orgStore, (s) => s.currentOrgId);
  useEffect(() => {
    if (ready) void orgStore.getState().load();
  }, [ready]);

  const choose = (orgId: string, name: string) => {
    if (orgStore.getState().select(orgId)) {
      toast(`已切换到 ${name}`, 'success');
      back();
    }
  };

  return (
    <Page testId='orgs'>
      <Header title='切换单位' subtitle='选择要为哪个单位收货、发货' onBack={onBackH5} />
      {!ready || me.status === 'idle' || (me.status === 'loading' && memberships.length === 0) ? <Loading testId='org-loading' /> : null}
      {me.status === 'error' ? <ErrorNote text={me.error.userMessage} onRetry={() => void orgStore.getState().load()} testId='org-error' /> : null}
      {memberships.length > 0 ? (
        <List title='我的单位' testId='org-list'>
          {memberships.map((m) => (
            <Cell
              key={m.orgId}
              title={m.orgName}
              label={`${orgKindLabel(m.kind)} · ${roleLabel(m.role)}`}
              value={m.orgId === currentOrgId ? <Tag tone='success' testId={`org-current-${m.orgId}`}>当前</Tag> : undefined}
              onClick={() => choose(m.orgId, m.orgName)}
              testId={`org-${m.orgId}`}
            />
          ))}
        </List>
      ) : null}
      <View className='dl-actions'>
        <Button block onClick={() => go(PAGES.join)} testId='go-join'>用邀请码加入其他单位</Button>
      </View>
    </Page>
  );
}
