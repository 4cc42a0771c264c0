import { describe, expect, it } from 'vitest';
import { createInviteStore, groupCode } from './invite';
import { createDownstreamStore } from './downstream';
import { errReply, okReply, scriptedClient } from '@channel-router/ui/testing';

const ORG = 'dealer_gd';

describe('inviting', () => {
  it("invites the owner of a store it supplies, and says which app they should open", async () => {
    const { client, sent } = scriptedClient({ 'channel.invite': [okReply({ inviteCode: 'K7M2QX9PTA', expiresAt: 10 })] });
    const store = createInviteStore(client);
    store.getState().bind(ORG, '广东好味');
    store.getState().choose({ kind: 'owner', orgId: 'store_th', orgName: '天河店', orgKind: 'store' });
    await store.getState().create();
    expect(sent[0]!.event).toEqual({ action: 'invite', orgId: 'store_th', role: 'owner' });
    expect(store.getState().result).toEqual({ inviteCode: 'K7M2QX9PTA', expiresAt: 10, forWhom: '天河店 · 老板', app: 'terminal' });
    expect(groupCode('K7M2QX9PTA')).toBe('K7M2 QX9P TA');
  });

  it('invites its own staff to its own org, and asks whom to invite before sending anything', async () => {
    const { client, sent } = scriptedClient({ 'channel.invite': [errReply('FORBIDDEN'), okReply({ inviteCode: 'ABCD2345' })] });
    const store = createInviteStore(client);
    store.getState().bind(ORG, '广东好味');
    await store.getState().create();
    expect(store.getState().message).toBe('请选择要邀请谁');
    expect(sent).toHaveLength(0);
    store.getState().choose({ kind: 'staff', role: 'salesperson' });
    await store.getState().create();
    expect(store.getState()).toMatchObject({ status: 'failed', message: '只有老板可以邀请，且只能邀请本单位员工或直接下游的老板' });
    await store.getState().create();
    expect(sent.map((s) => s.event)).toEqual([
      { action: 'invite', orgId: ORG, role: 'salesperson' },
      { action: 'invite', orgId: ORG, role: 'salesperson' },
    ]);
    expect(store.getState().result).toMatchObject({ forWhom: '广东好味 · 业务员', app: 'dealer', expiresAt: null });
  });

  it('lists only the stores and wholesalers the org supplies', async () => {
    const org = (id: string, kind: string, upstreamId: string) => ({ id, kind, name: id, upstreamId, regionCode: '440106', territory: [] });
    const { client, sent } = scriptedClient({ 'channel.listOrgs': [okReply({ orgs: [org('s1', 'store', ORG), org('w1', 'wholesaler', ORG), org('s2', 'store', 'wholesaler_fs')] })] });
    const store = createDownstreamStore(client);
    await store.getState().load(ORG);
    expect(sent[0]!.event).toEqual({ action: 'listOrgs', upstreamId: ORG });
    const s = store.getState().orgs;
    expect(s.status === 'ready' ? s.value.map((o) => o.id) : s).toEqual(['s1', 'w1']);
  });
});
