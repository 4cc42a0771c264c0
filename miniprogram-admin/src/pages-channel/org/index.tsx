/*
 * One org (or the brand itself, id=brand): its details and territory, and invites: pick a role,
 * generate a code, shown big to read out or copy. The invited person enters it in their app.
 *
 * data-testids: org-detail (page), org-detail-loading, org-missing, org-info, org-territory,
 * org-alerts (link), invite (card), role-<role>, invite-generate, invite-code, invite-expiry,
 * invite-copy, invite-failed, invite-retry.
 */
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { Button, Card, Empty, Loading, ROLE_LABELS, Tag, toast, ErrorNote } from '@channel-router/ui';
import { ROLES_BY_ORG_KIND, type OrgKind } from '@channel-router/shared/model';
import { currentNames, directoryStore, orgsStore, sessionStore } from '../../services/app';
import { Screen } from '../../components/screen';
import { Chips } from '../../components/chips';
import { BRAND_ORG_ID } from '../../stores/directory';
import { timeText } from '../../stores/labels';
import { valueOf } from '@channel-router/ui/kit';
import { ORG_KIND_NAMES } from '../../stores/orgs';
import { regionLabel, territoryEntryLabel } from '../../stores/regions';
import { go } from '../../nav';
import './index.css';

/** Which app the invited person opens to enter the code. */
const APP_FOR_KIND: Record<OrgKind, string> = {
  brand: '品牌管理小程序',
  dealer: '经销商小程序',
  wholesaler: '经销商小程序',
  store: '门店小程序',
};

function Invite({ orgId, kind }: { orgId: string; kind: OrgKind }) {
  const invite = useStore(orgsStore, (s) => s.invite);
  const { openInvite, setInviteRole, generateInvite } = orgsStore.getState();

  useEffect(() => {
    openInvite(orgId, kind);
  }, [orgId, kind, openInvite]);

  if (invite.orgId !== orgId) return null;
  const roles = ROLES_BY_ORG_KIND[kind].map((r) => ({ key: r, label: ROLE_LABELS[r] }));
  const copy = (code: string) => {
    Taro.setClipboardData({ data: code })
      .then(() => toast('已复制', 'success'))
      .catch(() => toast('复制失败，请手动抄写'));
  };

  return (
    <Card title='邀请成员' testId='invite'>
      <Text className='ad-note'>选择角色并生成邀请码。对方在「{APP_FOR_KIND[kind]}」输入邀请码即可加入。每个邀请码只能使用一次，7 天内有效。</Text>
      <Chips options={roles} value={invite.role} onChange={setInviteRole} testId='role' disabled={invite.status === 'submitting'} />
      {invite.status === 'done' && invite.result !== null ? (
        <View className='org__code-box'>
          <Text className='org__code-role'>{invite.role === null ? '' : ROLE_LABELS[invite.role]}邀请码</Text>
          <Text className='org__code ad-mono' selectable userSelect data-testid='invite-code'>
            {invite.result.inviteCode}
          </Text>
          {invite.result.expiresAt !== undefined ? (
            <Text className='cr-muted' data-testid='invite-expiry'>有效期至 {timeText(invite.result.expiresAt)}</Text>
          ) : null}
          <View className='ad-row-buttons org__code-actions'>
            <Button size='small' variant='primary' onClick={() => copy(invite.result!.inviteCode)} testId='invite-copy'>复制</Button>
            <Button size='small' onClick={() => void generateInvite()} testId='invite-generate'>再生成一个</Button>
          </View>
        </View>
      ) : (
        <View className='ad-actions'>
          {invite.status === 'failed' && invite.error !== null ? <ErrorNote text={invite.error.userMessage} testId='invite-failed' /> : null}
          <Button block variant='primary' loading={invite.status === 'submitting'} onClick={() => void generateInvite()} testId={invite.status === 'failed' ? 'invite-retry' : 'invite-generate'}>
            {invite.status === 'failed' ? '重试' : '生成邀请码'}
          </Button>
        </View>
      )}
    </Card>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className='ad-kv'>
      <Text className='ad-kv__label'>{label}</Text>
      <Text className='ad-kv__value'>{value}</Text>
    </View>
  );
}

export default function OrgDetail() {
  const id = useRouter().params['id'] ?? '';
  const orgs = useStore(directoryStore, (s) => s.orgs);
  const me = useStore(sessionStore, (s) => s.me);
  const isAdmin = valueOf(me)?.role === 'admin';
  const names = currentNames();
  const isBrand = id === BRAND_ORG_ID;
  const org = isBrand ? null : valueOf(orgs)?.find((o) => o.id === id) ?? null;

  let content;
  if (isBrand) {
    content = (
      <View>
        <Card title={valueOf(me)?.brandName ?? '品牌'} extra={<Tag tone='primary'>品牌</Tag>} testId='org-info'>
          <Text className='ad-note'>品牌成员：管理员可以管理一切；稽查员可以稽查扫码，查看预警和数据看板。</Text>
        </Card>
        {isAdmin ? <Invite orgId={BRAND_ORG_ID} kind='brand' /> : null}
      </View>
    );
  } else if (orgs.status === 'loading') {
    content = <Loading testId='org-detail-loading' />;
  } else if (orgs.status === 'error') {
    content = <ErrorNote text={orgs.error.userMessage} onRetry={() => void directoryStore.getState().reloadOrgs()} testId='org-error' />;
  } else if (org === null) {
    content = <Empty title='没有找到这个组织' description='它可能已被删除，或链接有误。' testId='org-missing' />;
  } else {
    content = (
      <View>
        <Card title={org.name} extra={<Tag tone='primary'>{ORG_KIND_NAMES[org.kind as keyof typeof ORG_KIND_NAMES] ?? '组织'}</Tag>} testId='org-info'>
          <Row label='所在地区' value={regionLabel(org.regionCode) ?? org.regionCode} />
          <Row label='地区码' value={org.regionCode} />
          <Row label='上级供货方' value={names.org(org.upstreamId)} />
          <Row label='编号' value={org.id} />
        </Card>
        {org.territory.length > 0 ? (
          <Card title='经营区域' testId='org-territory'>
            {org.territory.map((c) => (
              <View key={c} className='org__territory'>
                <Tag>{territoryEntryLabel(c)}</Tag>
              </View>
            ))}
          </Card>
        ) : null}
        {org.kind === 'dealer' ? (
          <View className='ad-actions'>
            <Button block onClick={() => go('alerts', { dealerId: org.id })} testId='org-alerts'>查看该经销商货物的预警</Button>
          </View>
        ) : null}
        {isAdmin ? <Invite orgId={org.id} kind={org.kind} /> : null}
      </View>
    );
  }

  return (
    <Screen testId='org-detail' title={isBrand ? '品牌成员' : '组织详情'} access='staff' onShow={() => void directoryStore.getState().load()}>
      {content}
    </Screen>
  );
}
