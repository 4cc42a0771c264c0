/*
 * Dealers, wholesalers and stores, listed by kind; tap one for its details and invites.
 *
 * data-testids: orgs (page), orgs-loading, orgs-error(-retry), tab-dealer, tab-wholesaler,
 * tab-store, orgs-list, org-<id> (row), orgs-empty, org-new.
 */
import { useState } from 'react';
import { useStore } from 'zustand';
import { Button, Cell, Empty, List, Loading, Tabs, ErrorNote } from '@channel-router/ui';
import type { OrgView } from '@channel-router/shared/api';
import type { ChannelOrgKind } from '@channel-router/shared/model';
import { currentNames, directoryStore, sessionStore } from '../../services/app';
import { Screen } from '../../components/screen';
import { orgsOfKind } from '../../stores/directory';
import { ORG_KIND_NAMES } from '../../stores/orgs';
import { regionLabel, territoryEntryLabel } from '../../stores/regions';
import { go } from '../../nav';

const KINDS: ReadonlyArray<{ key: ChannelOrgKind; label: string }> = [
  { key: 'dealer', label: '经销商' },
  { key: 'wholesaler', label: '批发商' },
  { key: 'store', label: '门店' },
];

/** 「广东省 广州市 · 经营：广东省（全省）」 on one line (a cell's label is text). */
function orgLine(o: OrgView, upstreamName: string): string {
  const parts = [regionLabel(o.regionCode) ?? o.regionCode];
  if (o.kind !== 'dealer') parts.push(`上级：${upstreamName}`);
  if (o.territory.length > 0) {
    const shown = o.territory.slice(0, 2).map(territoryEntryLabel).join('、');
    parts.push(`经营：${shown}${o.territory.length > 2 ? ` 等 ${o.territory.length} 处` : ''}`);
  }
  return parts.join(' · ');
}

export default function Orgs() {
  const orgs = useStore(directoryStore, (s) => s.orgs);
  const me = useStore(sessionStore, (s) => s.me);
  const [kind, setKind] = useState<ChannelOrgKind>('dealer');
  const isAdmin = me.status === 'ready' && me.value.role === 'admin';
  const names = currentNames();
  const list = orgs.status === 'ready' ? orgsOfKind(orgs.value, kind) : [];

  return (
    <Screen
      testId='orgs'
      title='渠道组织'
      subtitle='经销商、批发商和门店'
      access='staff'
      onShow={() => void directoryStore.getState().reloadOrgs()}
      extra={isAdmin ? <Button size='small' variant='primary' onClick={() => go('orgNew', { kind })} testId='org-new'>新建</Button> : undefined}
    >
      <Tabs value={kind} options={KINDS} onChange={setKind} />
      {orgs.status === 'loading' ? <Loading testId='orgs-loading' /> : null}
      {orgs.status === 'error' ? <ErrorNote text={orgs.error.userMessage} onRetry={() => void directoryStore.getState().reloadOrgs()} testId='orgs-error' /> : null}
      {orgs.status === 'ready' && list.length === 0 ? (
        <Empty title={`还没有${ORG_KIND_NAMES[kind]}`} description={kind === 'dealer' ? '先建经销商并划定经营区域，再建它的批发商和门店。' : undefined} testId='orgs-empty'>
          {isAdmin ? <Button variant='primary' onClick={() => go('orgNew', { kind })}>新建{ORG_KIND_NAMES[kind]}</Button> : null}
        </Empty>
      ) : null}
      {list.length > 0 ? (
        <List title={`共 ${list.length} 个${ORG_KIND_NAMES[kind]}`} testId='orgs-list'>
          {list.map((o) => (
            <Cell
              key={o.id}
              title={o.name}
              label={orgLine(o, names.org(o.upstreamId))}
              onClick={() => go('org', { id: o.id })}
              testId={`org-${o.id}`}
            />
          ))}
        </List>
      ) : null}
    </Screen>
  );
}
